// SPDX-License-Identifier: MIT
// JSON re-serializer in every style forensics tries (the first input byte picks indentation, sorted keys,
// ASCII and slash escapes, spaces, source order; the rest is the JSON): never crashes, writes JSON that
// reads back to the same value, and the size-bounded form gives up exactly when the output is bigger.
#include <cstdint>
#include <cstdlib>

#include "json/JsonReader.h"
#include "json/JsonStringifier.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t style = data[0];
    const QByteArray input(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    const JsonReadResult read = JsonReader::read(input);
    if (!read.ok())
        return 0;
    JsonStringifyOptions options;
    const char* const indents[] = {"", "  ", "    ", "\t"};
    options.indent = indents[style & 3];
    options.sortKeys = style & 4;
    options.asciiOnly = style & 8;
    options.escapeSlash = style & 16;
    options.spaceAfterSeparators = style & 32;
    options.sourceOrder = style & 64;
    const QByteArray styled = JsonStringifier::stringify(read.document.root(), options);

    const JsonReadResult again = JsonReader::read(styled);
    if (!again.ok())
        std::abort(); // a style wrote something the reader refuses
    // Read back and written plainly (keys sorted when the style sorted them), it is the same value.
    JsonStringifyOptions plain;
    plain.sortKeys = options.sortKeys;
    if (JsonStringifier::stringify(again.document.root(), plain)
        != JsonStringifier::stringify(read.document.root(), plain))
        std::abort();

    // The bounded form: whole when it fits, nothing when it does not.
    const qsizetype bound = qsizetype(style >> 7) ? styled.size() : styled.size() / 2;
    QByteArray bounded;
    const bool fits = JsonStringifier::stringify(read.document.root(), options, bound, &bounded);
    if (fits != (styled.size() <= bound) || (fits && bounded != styled) || (!fits && !bounded.isEmpty()))
        std::abort();
    return 0;
}
