// SPDX-License-Identifier: MIT
#pragma once

#include <QSet>

// Equal texts share one copy: intern() hands back an earlier equal value, whose data is implicitly
// shared, so a million table rows that say "POST /hooks/firm" hold that text once. Bounded: past `limit`
// distinct texts a new one is handed back as it came, unshared. A plain value, not thread-safe; each
// thread keeps its own.
template<typename Text>
class TextPool
{
public:
    explicit TextPool(qsizetype limit = 4096)
        : m_limit(limit)
    { }

    Text intern(const Text& text)
    {
        if (text.isEmpty())
            return text;
        const auto found = m_texts.constFind(text);
        if (found != m_texts.constEnd())
            return *found;
        if (m_texts.size() < m_limit)
            m_texts.insert(text);
        return text;
    }

    qsizetype size() const { return m_texts.size(); }
    void clear() { m_texts.clear(); }

private:
    QSet<Text> m_texts;
    qsizetype m_limit;
};
