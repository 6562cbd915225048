// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "core/Capture.h"
#include "payload/JsonStructuralDiff.h"

// One side of a comparison: a request, or an answer (replay compares the answer it got with the one
// recorded), with a title for the view.
struct CompareSide
{
    QString title;
    HttpHeaders headers;
    QByteArray body;

    static CompareSide of(const Capture& capture, const QString& title);
};

struct HeaderDifference
{
    enum class Kind : quint8
    {
        Same,
        Added, // only on the right
        Removed, // only on the left
        Changed // on both sides, other values (or another number of them)
    };

    QByteArray name; // as the left side spells it (the right side's when only there)
    Kind kind = Kind::Same;
    QList<QByteArray> left; // the values, in order, of every header with this name (case-insensitive)
    QList<QByteArray> right;
};

struct CaptureComparison
{
    QList<HeaderDifference> headers; // every name: the left side's order, then names only on the right
    bool headerOrderChanged = false; // the names both sides share come in another order
    QList<QByteArray> leftHeaderOrder; // those shared names, lowercased, in each side's order
    QList<QByteArray> rightHeaderOrder;

    bool bodiesJson = false; // both bodies are JSON: body holds their structural differences
    StructuralDiff body;
    bool bodyBytesEqual = false;
    qsizetype firstByteDifference = -1; // the first differing byte offset when not equal
    QString bodyNote; // one sentence on how the bodies were compared and what came out

    bool identical() const; // nothing differs (header order and body bytes included)
};

// Compares two (headers, body) pairs: headers by name ignoring case, values in order; bodies that are both
// JSON structurally (key order ignored but noted, see JsonStructuralDiff), others byte for byte.
class CaptureCompare final
{
public:
    static CaptureComparison compare(const CompareSide& left, const CompareSide& right);
    static QLatin1StringView kindName(HeaderDifference::Kind kind); // "same", "added", "removed", "changed"
};
