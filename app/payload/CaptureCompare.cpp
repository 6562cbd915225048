// SPDX-License-Identifier: MIT
#include "payload/CaptureCompare.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

#include "json/JsonReader.h"
#include "payload/JsonText.h"

namespace {

struct NamedValues
{
    QByteArray name;
    QList<QByteArray> values;
};

// Header names lowercased, in order of first appearance, with all their values in order.
QList<NamedValues> group(const HttpHeaders& headers, QHash<QByteArray, qsizetype>* positions)
{
    QList<NamedValues> out;
    for (const HttpHeader& header : headers) {
        const QByteArray key = header.first.toLower();
        const auto it = positions->constFind(key);
        if (it == positions->constEnd()) {
            positions->insert(key, out.size());
            out.append(NamedValues {header.first, {header.second}});
        } else {
            out[*it].values.append(header.second);
        }
    }
    return out;
}

} // namespace

CompareSide CompareSide::of(const Capture& capture, const QString& title)
{
    return CompareSide {title, capture.headers, capture.body};
}

bool CaptureComparison::identical() const
{
    if (headerOrderChanged || !bodyBytesEqual)
        return false;
    for (const HeaderDifference& header : headers) {
        if (header.kind != HeaderDifference::Kind::Same)
            return false;
    }
    return true;
}

CaptureComparison CaptureCompare::compare(const CompareSide& left, const CompareSide& right)
{
    CaptureComparison out;
    QHash<QByteArray, qsizetype> leftAt;
    QHash<QByteArray, qsizetype> rightAt;
    const QList<NamedValues> a = group(left.headers, &leftAt);
    const QList<NamedValues> b = group(right.headers, &rightAt);
    for (const NamedValues& named : a) {
        const QByteArray key = named.name.toLower();
        const auto match = rightAt.constFind(key);
        if (match == rightAt.constEnd()) {
            out.headers.append(HeaderDifference {named.name, HeaderDifference::Kind::Removed, named.values, {}});
            continue;
        }
        const QList<QByteArray>& other = b.at(*match).values;
        out.headers.append(HeaderDifference {
            named.name, named.values == other ? HeaderDifference::Kind::Same : HeaderDifference::Kind::Changed,
            named.values, other});
        out.leftHeaderOrder.append(key);
    }
    for (const NamedValues& named : b) {
        const QByteArray key = named.name.toLower();
        if (leftAt.contains(key))
            out.rightHeaderOrder.append(key);
        else
            out.headers.append(HeaderDifference {named.name, HeaderDifference::Kind::Added, {}, named.values});
    }
    out.headerOrderChanged = out.leftHeaderOrder != out.rightHeaderOrder;

    out.bodyBytesEqual = left.body == right.body;
    if (!out.bodyBytesEqual) {
        const qsizetype common = qMin(left.body.size(), right.body.size());
        qsizetype i = 0;
        while (i < common && left.body.at(i) == right.body.at(i))
            ++i;
        out.firstByteDifference = i;
    }
    const QLocale locale = QLocale::c();
    if (left.body.isEmpty() && right.body.isEmpty()) {
        out.bodyNote = QCoreApplication::translate("CaptureCompare", "Both bodies are empty.");
        return out;
    }
    const JsonReadResult x = JsonText::readBody(left.body);
    const JsonReadResult y = JsonText::readBody(right.body);
    if (x.ok() && y.ok()) {
        out.bodiesJson = true;
        out.body = JsonStructuralDiff::compare(x.document.root(), y.document.root());
        const qsizetype differences = out.body.changes.size();
        if (out.bodyBytesEqual)
            out.bodyNote
                = QCoreApplication::translate("CaptureCompare", "Both bodies are JSON, byte for byte the same.");
        else if (differences == 0)
            out.bodyNote
                = QCoreApplication::translate("CaptureCompare",
                                              "Both bodies are JSON with the same values; only their bytes differ "
                                              "(whitespace, escapes or number spelling), from byte %1.")
                      .arg(out.firstByteDifference);
        else
            out.bodyNote
                = QCoreApplication::translate("CaptureCompare", "Both bodies are JSON: %n difference(s)%1.", nullptr,
                                              int(differences))
                      .arg(out.body.truncated ? QCoreApplication::translate("CaptureCompare", ", more not listed")
                                              : QString());
        return out;
    }
    const QString reason = !x.ok() ? QCoreApplication::translate("CaptureCompare", "the %1 body is not JSON (%2)")
                                         .arg(left.title, x.error->toString())
                                   : QCoreApplication::translate("CaptureCompare", "the %1 body is not JSON (%2)")
                                         .arg(right.title, y.error->toString());
    if (out.bodyBytesEqual)
        out.bodyNote
            = QCoreApplication::translate("CaptureCompare", "The bodies are byte for byte the same (%1 bytes).")
                  .arg(left.body.size());
    else
        out.bodyNote
            = QCoreApplication::translate("CaptureCompare",
                                          "Compared as bytes because %1: %2 and %3 bytes, first difference at byte %4.")
                  .arg(reason, locale.toString(left.body.size()), locale.toString(right.body.size()))
                  .arg(out.firstByteDifference);
    return out;
}

QLatin1StringView CaptureCompare::kindName(HeaderDifference::Kind kind)
{
    switch (kind) {
    case HeaderDifference::Kind::Same:
        return QLatin1StringView("same");
    case HeaderDifference::Kind::Added:
        return QLatin1StringView("added");
    case HeaderDifference::Kind::Removed:
        return QLatin1StringView("removed");
    case HeaderDifference::Kind::Changed:
        break;
    }
    return QLatin1StringView("changed");
}
