// SPDX-License-Identifier: MIT
// libFuzzer target for the HAR reader: any bytes must give a result or a typed error, never a crash, a
// hang or a huge allocation. Whatever it reads must survive the writer: the entries read are written
// again, read back, and must come out identical (abort() otherwise).
//   fuzz_har_reader -dict=tests/fuzz/har.dict CORPUS_DIR tests/data/har
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "har/HarReader.h"
#include "har/HarWriter.h"

namespace {

[[noreturn]] void fail(const char* what, int index)
{
    std::fprintf(stderr, "HAR reader: %s (entry %d)\n", what, index);
    std::abort();
}

void checkError(const HarError& error)
{
    if (error.message.isEmpty())
        fail("an error without a message", error.entryIndex);
}

void compare(const Capture& a, const Capture& b, int index)
{
    if (a.method != b.method)
        fail("method changed", index);
    if (a.target != b.target)
        fail("target changed", index);
    if (a.httpVersion != b.httpVersion)
        fail("HTTP version changed", index);
    if (a.headers != b.headers)
        fail("headers changed", index);
    if (a.trailers != b.trailers)
        fail("trailers changed", index);
    if (a.body != b.body)
        fail("body changed", index);
    if (a.rawHead != b.rawHead)
        fail("raw head changed", index);
    if (a.id != b.id || a.peerAddress != b.peerAddress || a.peerPort != b.peerPort)
        fail("id or peer changed", index);
    if (a.receivedAt != b.receivedAt || a.completedAt != b.completedAt)
        fail("times changed", index);
    if (a.malformedReason != b.malformedReason || a.responseStatus != b.responseStatus || a.note != b.note)
        fail("malformed reason, status or note changed", index);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
    const HarExpected<HarLog> log = HarReader::readBytes(input);
    if (!log.has_value()) {
        checkError(log.error());
        return 0;
    }
    QList<Capture> captures;
    for (const HarEntry& entry : log->entries) {
        for (const HarError& warning : entry.warnings)
            checkError(warning);
        captures.append(entry.capture);
    }
    for (const HarError& error : log->errors)
        checkError(error);
    if (log->entries.size() + log->errors.size() < log->entriesSeen)
        fail("an entry neither read nor reported", -1);

    const QByteArray written = HarWriter::toBytes(captures);
    const HarExpected<HarLog> again = HarReader::readBytes(written);
    if (!again.has_value())
        fail("a written file does not read back", -1);
    if (!again->errors.isEmpty())
        fail("a written file reads back with errors", again->errors.first().entryIndex);
    if (again->entries.size() != captures.size())
        fail("a written file reads back with another entry count", -1);
    for (qsizetype i = 0; i < captures.size(); ++i) {
        if (!again->entries[i].warnings.isEmpty())
            fail("a written entry reads back with a warning", int(i));
        compare(again->entries[i].capture, captures[i], int(i));
    }
    return 0;
}
