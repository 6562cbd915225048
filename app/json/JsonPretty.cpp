// SPDX-License-Identifier: MIT
#include "json/JsonPretty.h"

#include <vector>

#include "json/JsonValue.h"

namespace {

struct Frame
{
    JsonValue container;
    qsizetype next = 0; // the next member or element to write
};

void newline(QByteArray& out, qsizetype depth, int indent)
{
    out += '\n';
    out.append(depth * indent, ' ');
}

} // namespace

QByteArray JsonPretty::format(const JsonValue& value, int indent)
{
    QByteArray out;
    if (!value.isValid())
        return out;
    out.reserve(value.raw().size() * 2);
    // An explicit stack: documents nested thousands deep print without deep recursion.
    std::vector<Frame> stack;
    auto open = [&](const JsonValue& v) {
        if ((v.isObject() || v.isArray()) && v.size() > 0) {
            out += v.isObject() ? '{' : '[';
            stack.push_back({v, 0});
        } else if (v.isObject() || v.isArray()) {
            out += v.isObject() ? "{}" : "[]";
        } else {
            out += v.raw();
        }
    };
    open(value);
    while (!stack.empty()) {
        Frame& frame = stack.back();
        const qsizetype depth = qsizetype(stack.size());
        if (frame.next == frame.container.size()) {
            const bool object = frame.container.isObject();
            stack.pop_back();
            newline(out, depth - 1, indent);
            out += object ? '}' : ']';
            continue;
        }
        if (frame.next > 0)
            out += ',';
        newline(out, depth, indent);
        const qsizetype index = frame.next++;
        if (frame.container.isObject()) {
            out += frame.container.keyAt(index).raw();
            out += ": ";
        }
        open(frame.container.at(index)); // may grow the stack: `frame` is not used after this
    }
    return out;
}
