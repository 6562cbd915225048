// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <vector>

// A glob over UTF-8 text, matched against the whole text: * is any run of characters, ? one character, and a
// backslash takes the next character literally. ASCII letter case is ignored; other characters match exactly.
class FilterPattern final
{
public:
    FilterPattern() = default;
    explicit FilterPattern(QStringView glob);

    bool matches(QByteArrayView utf8) const;
    bool matches(QStringView text) const;
    QString glob() const { return m_glob; }

private:
    // A run between stars: bytes (ASCII lowered) and anyCharacter for ?.
    using Segment = std::vector<int>;
    static constexpr int anyCharacter = -1;

    static qsizetype matchAt(const Segment& segment, QByteArrayView text, qsizetype at); // end, or -1

    QString m_glob;
    std::vector<Segment> m_segments; // one more than the number of stars
};

// Text searched for anywhere in bytes (a substring), ignoring ASCII letter case.
class FilterText final
{
public:
    FilterText() = default;
    explicit FilterText(QStringView needle);

    bool foundIn(QByteArrayView haystack) const;
    bool isEmpty() const { return m_lower.isEmpty(); }

private:
    QByteArray m_lower; // UTF-8, ASCII lowered
    bool m_hasLetters = false;
};
