// SPDX-License-Identifier: MIT
#include "filter/FilterPattern.h"

#include <array>

namespace {

constexpr std::array<unsigned char, 256> makeFoldTable()
{
    std::array<unsigned char, 256> table {};
    for (int i = 0; i < 256; ++i)
        table[size_t(i)] = static_cast<unsigned char>(i >= 'A' && i <= 'Z' ? i + ('a' - 'A') : i);
    return table;
}

constexpr std::array<unsigned char, 256> fold = makeFoldTable();

unsigned char folded(char c)
{
    return fold[static_cast<unsigned char>(c)];
}

bool isContinuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The end of the UTF-8 character starting at `at` (a stray continuation byte counts as one character).
qsizetype nextCharacter(QByteArrayView text, qsizetype at)
{
    ++at;
    while (at < text.size() && isContinuation(text[at]))
        ++at;
    return at;
}

} // namespace

FilterPattern::FilterPattern(QStringView glob)
    : m_glob(glob.toString())
{
    m_segments.emplace_back();
    const QByteArray utf8 = glob.toUtf8();
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8.at(i);
        if (c == '*') {
            m_segments.emplace_back();
        } else if (c == '?') {
            m_segments.back().push_back(anyCharacter);
        } else {
            // A trailing backslash has nothing to escape and stands for itself.
            if (c == '\\' && i + 1 < utf8.size())
                ++i;
            m_segments.back().push_back(folded(utf8.at(i)));
        }
    }
}

qsizetype FilterPattern::matchAt(const Segment& segment, QByteArrayView text, qsizetype at)
{
    for (const int item : segment) {
        if (at >= text.size())
            return -1;
        if (item == anyCharacter) {
            at = nextCharacter(text, at);
        } else {
            if (folded(text[at]) != item)
                return -1;
            ++at;
        }
    }
    return at;
}

bool FilterPattern::matches(QByteArrayView text) const
{
    if (m_segments.empty())
        return text.isEmpty();
    // The first run is anchored at the start and, without stars, also at the end.
    qsizetype position = matchAt(m_segments.front(), text, 0);
    if (position < 0)
        return false;
    if (m_segments.size() == 1)
        return position == text.size();
    // Middle runs: the leftmost place each fits leaves the most room for the rest, so no backtracking is needed.
    for (size_t s = 1; s + 1 < m_segments.size(); ++s) {
        const Segment& segment = m_segments[s];
        qsizetype found = -1;
        for (qsizetype at = position; at <= text.size(); at = at < text.size() ? nextCharacter(text, at) : at + 1) {
            found = matchAt(segment, text, at);
            if (found >= 0)
                break;
        }
        if (found < 0)
            return false;
        position = found;
    }
    // The last run is anchored at the end: try the places it could start from, on character boundaries.
    const Segment& last = m_segments.back();
    for (qsizetype at = position; at <= text.size(); at = at < text.size() ? nextCharacter(text, at) : at + 1) {
        if (matchAt(last, text, at) == text.size())
            return true;
    }
    return false;
}

bool FilterPattern::matches(QStringView text) const
{
    return matches(QByteArrayView(text.toUtf8()));
}

FilterText::FilterText(QStringView needle)
{
    m_lower = needle.toUtf8();
    for (char& c : m_lower) {
        if (c >= 'A' && c <= 'Z')
            c = char(c + ('a' - 'A'));
        if (c >= 'a' && c <= 'z')
            m_hasLetters = true;
    }
}

bool FilterText::foundIn(QByteArrayView haystack) const
{
    if (m_lower.isEmpty())
        return true;
    if (!m_hasLetters)
        return haystack.contains(m_lower);
    const qsizetype length = m_lower.size();
    const char* hay = haystack.data();
    const char* needle = m_lower.constData();
    const unsigned char first = static_cast<unsigned char>(needle[0]);
    for (qsizetype i = 0, last = haystack.size() - length; i <= last; ++i) {
        if (folded(hay[i]) != first)
            continue;
        qsizetype j = 1;
        while (j < length && folded(hay[i + j]) == static_cast<unsigned char>(needle[j]))
            ++j;
        if (j == length)
            return true;
    }
    return false;
}
