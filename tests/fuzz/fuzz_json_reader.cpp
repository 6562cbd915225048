// SPDX-License-Identifier: MIT
// JSON reader and JSON.stringify: never crash, hang or overflow the stack on any input, and the
// re-serialization is a fixed point: stringify(parse(stringify(x))) == stringify(x).
#include <cstdint>
#include <cstdlib>

#include "json/JsonReader.h"
#include "json/JsonStringifier.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    const JsonReadResult first = JsonReader::read(input);
    if (!first.ok())
        return 0;
    const QByteArray once = JsonStringifier::stringify(first.document.root());
    const JsonReadResult second = JsonReader::read(once);
    if (!second.ok())
        std::abort(); // stringify wrote something the reader refuses
    if (JsonStringifier::stringify(second.document.root()) != once)
        std::abort(); // not a fixed point
    return 0;
}
