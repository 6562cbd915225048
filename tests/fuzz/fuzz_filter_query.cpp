// SPDX-License-Identifier: MIT
// Filter language: any text parses or fails with an error whose span is inside the text; parsing is
// deterministic; the canonical text of a parsed query parses again to the same canonical text and selects the
// same captures; a record without its headers and body is either decided the same way or left unknown.
#include <cstdint>
#include <cstdlib>

#include "core/Capture.h"
#include "filter/FilterEvaluator.h"
#include "filter/FilterParser.h"
#include "filter/FilterRecord.h"

namespace {

QList<Capture> makeCaptures()
{
    Capture firm;
    firm.id = 1;
    firm.method = "POST";
    firm.target = "/hooks/firm?n=1";
    firm.headers = {{"Content-Type", "application/json"}, {"X-Dup", "a"}, {"x-dup", ""}};
    firm.body = R"({"payload":{"date":"2024-11-08T21:49:46.733Z","events":[{"action":"update","schema":"user",)"
                R"("docId":"ussampleuser1id","diff":{"name":"Sam Smith"}},{"action":"delete","schema":"invoice",)"
                R"("docId":"inv9"}]},"signature":"1821e17f"})";
    firm.receivedAt = QDateTime(QDate(2024, 11, 8), QTime(21, 49, 46, 733), QTimeZone::utc());
    firm.peerAddress = QStringLiteral("127.0.0.1");
    firm.responseStatus = 200;
    Capture other;
    other.id = 2;
    other.method = "GET";
    other.target = "/h\xC3\xA9?x=\"1\"";
    other.body = QByteArray("\0\xFF(x) or -y", 11);
    other.receivedAt = QDateTime(QDate(2024, 11, 10), QTime(0, 30), QTimeZone::utc());
    other.peerAddress = QStringLiteral("::1");
    return {firm, other};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const QList<Capture> captures = makeCaptures();
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const FilterParseResult first = FilterParser::parse(text);
    const FilterParseResult second = FilterParser::parse(text);
    if (first.ok() != second.ok())
        std::abort(); // not deterministic
    if (!first.ok()) {
        const FilterError& error = *first.error;
        if (error.start < 0 || error.length < 1 || error.start + error.length > text.size() || error.message.isEmpty())
            std::abort(); // the error points outside the text, or says nothing
        if (!(error == *second.error) || !first.query.isEmpty())
            std::abort();
        return 0;
    }
    const QString canonical = first.query.toString();
    if (second.query.toString() != canonical)
        std::abort();
    const FilterParseResult again = FilterParser::parse(canonical);
    if (!again.ok() || again.query.toString() != canonical)
        std::abort(); // the canonical text does not read back to itself

    FilterContext context;
    context.now = QDateTime(QDate(2024, 11, 10), QTime(12, 30), QTimeZone::utc());
    context.zone = QTimeZone::utc();
    const FilterEvaluator evaluator(first.query, context);
    const FilterEvaluator canonicalEvaluator(again.query, context);
    for (const Capture& capture : captures) {
        FilterRecord record = FilterRecord::of(capture, {FilterSignatureState::Valid, SignatureScheme::FirmApp});
        const FilterEvaluator::Result full = evaluator.evaluate(record);
        if (full == FilterEvaluator::Result::Unknown || canonicalEvaluator.evaluate(record) != full)
            std::abort(); // a complete record is always decided, and the same way for the canonical text
        record.hasContent = false;
        record.headers.clear();
        record.body = {};
        const FilterEvaluator::Result partial = evaluator.evaluate(record);
        if (partial != FilterEvaluator::Result::Unknown && partial != full)
            std::abort(); // decided without content, but differently
    }
    return 0;
}
