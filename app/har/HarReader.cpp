// SPDX-License-Identifier: MIT
#include "har/HarReader.h"

#include <QCoreApplication>
#include <QFile>

#include "har/HarEntryConverter.h"
#include "har/HarJsonParser.h"

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

using Json = HarJsonParser;
using Type = HarJsonParser::Type;

QString textOf(std::string_view view)
{
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

// Walks {"log": {..., "entries": [...]}} token by token, converting each entry as soon as it is parsed.
class LogReader final
{
public:
    LogReader(const char* data, qsizetype size, const HarReadOptions& options, std::function<void(qsizetype)> consumed)
        : m_json(data, size)
        , m_options(options)
        , m_consumed(std::move(consumed))
    {
        m_json.setLimits(options.maxEntryNodes, options.maxEntryBytes);
    }

    HarExpected<HarLog> read();

private:
    // A JSON error before any entry loses the file; after some entries it is reported beside them.
    static HarError jsonError(const Json::Error& e, int entryIndex)
    {
        const HarErrorCode code = e.truncated ? HarErrorCode::Truncated
            : e.tooDeep                       ? HarErrorCode::TooDeep
            : e.tooLarge                      ? HarErrorCode::EntryTooLarge
                                              : HarErrorCode::Syntax;
        return HarError {code, e.message, entryIndex, QString()};
    }
    HarExpected<void> readLog();
    // After a member or an element: true when a ',' says another follows, false when `close` ends the container
    // (either is consumed). Anything else is an error: at the end of the file the one `truncated` makes, before it a
    // syntax error saying what was `expected`.
    template<typename Truncated>
    HarExpected<bool> readSeparator(char close, const char* expected, Truncated truncated)
    {
        if (m_json.accept(','))
            return true;
        if (m_json.accept(close))
            return false;
        if (m_json.atEnd())
            return truncated();
        return jsonError(m_json.makeError(expected), -1);
    }
    void addError(HarError error)
    {
        if (m_log.errors.size() < m_options.maxErrors)
            m_log.errors.append(std::move(error));
        else
            ++m_log.errorsOmitted;
    }
    HarExpected<void> readEntries();

    Json m_json;
    const HarReadOptions& m_options;
    std::function<void(qsizetype)> m_consumed;
    HarLog m_log;
    bool m_sawEntries = false;
    bool m_canceled = false;
};

HarExpected<void> LogReader::readEntries()
{
    m_sawEntries = true;
    if (m_json.accept(']'))
        return {};
    for (int index = 0;; ++index) {
        m_json.clear();
        qint32 root = -1;
        m_json.skipWhitespace();
        const qsizetype start = m_json.position();
        std::optional<Json::Error> tooBig = m_json.parseValue(root);
        if (tooBig && !tooBig->tooLarge && !tooBig->tooDeep)
            return jsonError(*tooBig, index);
        // Bounded: an entry over the limits is skipped and reported, the next ones are read.
        if (tooBig) {
            m_json.clear();
            if (m_json.skipValue(start))
                return jsonError(*tooBig, index); // it does not end: the file is damaged from here on
        }
        ++m_log.entriesSeen;
        if (tooBig) {
            addError(jsonError(*tooBig, index));
        } else if (HarExpected<HarEntry> entry = convertHarEntry(m_json, index, root); !entry) {
            addError(entry.error());
        } else {
            ++m_log.entriesRead;
            if (!m_options.onEntry) {
                m_log.entries.append(std::move(*entry));
            } else if (!m_options.onEntry(std::move(*entry))) {
                m_canceled = true;
                return HarError {HarErrorCode::Canceled,
                                 QCoreApplication::translate("HarReader", "reading was stopped")};
            }
        }
        m_json.clear();
        if (m_consumed)
            m_consumed(m_json.position());
        if (m_options.progress && (index % 256) == 255 && !m_options.progress(m_json.position(), m_json.size())) {
            m_canceled = true;
            return HarError {HarErrorCode::Canceled, QCoreApplication::translate("HarReader", "reading was canceled")};
        }
        const HarExpected<bool> more = readSeparator(']', "expected ',' or ']' after an entry", [index] {
            return HarError {HarErrorCode::Truncated,
                             u"the file ends after entry " + QString::number(index) + u" (truncated?)", -1,
                             u"log.entries"_s};
        });
        if (!more)
            return more.error();
        if (!*more)
            return {};
    }
}

HarExpected<void> LogReader::readLog()
{
    if (m_json.accept('}'))
        return {};
    for (;;) {
        std::string_view key;
        if (auto e = m_json.readKey(key))
            return jsonError(*e, -1);
        if (key == "entries") {
            if (m_json.peek() != '[') {
                qint32 node = -1;
                if (auto e = m_json.parseValue(node))
                    return jsonError(*e, -1);
                return HarError {HarErrorCode::WrongType,
                                 u"expected an array, found "
                                     + QString::fromUtf8(harJsonTypeName(m_json.node(node).type)),
                                 -1, u"log.entries"_s};
            }
            m_json.accept('[');
            if (auto e = readEntries(); !e)
                return e;
        } else {
            const bool creator = key == "creator";
            m_json.clear();
            qint32 node = -1;
            if (auto e = m_json.parseValue(node))
                return jsonError(*e, -1);
            if (creator && m_json.node(node).type == Type::Object) {
                for (auto [name, out] :
                     {std::pair {"name", &m_log.creatorName}, std::pair {"version", &m_log.creatorVersion}}) {
                    const qint32 child = m_json.member(node, name);
                    if (child >= 0 && m_json.node(child).type == Type::String)
                        *out = textOf(m_json.string(m_json.node(child)));
                }
            }
            m_json.clear();
        }
        const HarExpected<bool> more = readSeparator('}', "expected ',' or '}' in \"log\"", [] {
            return HarError {HarErrorCode::Truncated,
                             QCoreApplication::translate("HarReader", "the file ends inside \"log\" (truncated?)"), -1,
                             u"log"_s};
        });
        if (!more)
            return more.error();
        if (!*more)
            return {};
    }
}

HarExpected<HarLog> LogReader::read()
{
    m_json.skipByteOrderMark(); // Fiddler and some Windows tools write one
    const char first = m_json.peek();
    if (m_json.atEnd())
        return HarError {HarErrorCode::NotHar,
                         QCoreApplication::translate("HarReader", "not a HAR file: the file is empty")};
    if (first != '{') {
        const auto byte = static_cast<unsigned char>(first);
        if (m_json.position() == 0 && (byte == 0x1F || byte == 0x78))
            return HarError {HarErrorCode::NotHar,
                             QCoreApplication::translate("HarReader",
                                                         "not a HAR file: it looks compressed (gzip or zlib, like "
                                                         "mitmproxy's .zhar); decompress it first")};
        return HarError {
            HarErrorCode::NotHar,
            QCoreApplication::translate("HarReader", "not a HAR file: it does not start with a JSON object")};
    }
    m_json.accept('{');
    bool sawLog = false;
    std::optional<HarError> failure;
    if (!m_json.accept('}')) {
        for (;;) {
            std::string_view key;
            if (auto e = m_json.readKey(key)) {
                failure = jsonError(*e, -1);
                break;
            }
            if (key == "log" && m_json.peek() == '{') {
                sawLog = true;
                m_json.accept('{');
                if (HarExpected<void> log = readLog(); !log) {
                    failure = log.error();
                    break;
                }
            } else {
                const bool isLog = key == "log";
                m_json.clear();
                qint32 node = -1;
                if (auto e = m_json.parseValue(node)) {
                    failure = jsonError(*e, -1);
                    break;
                }
                if (isLog) {
                    return HarError {HarErrorCode::WrongType,
                                     u"expected an object, found "
                                         + QString::fromUtf8(harJsonTypeName(m_json.node(node).type)),
                                     -1, u"log"_s};
                }
                m_json.clear();
            }
            const HarExpected<bool> more = readSeparator('}', "expected ',' or '}'", [] {
                return HarError {HarErrorCode::Truncated,
                                 QCoreApplication::translate("HarReader", "the file ends early (truncated?)")};
            });
            if (!more)
                failure = more.error();
            if (!more || !*more)
                break;
        }
    }
    if (m_canceled)
        return *failure;
    if (!failure) {
        m_json.skipWhitespace();
        if (!m_json.atEnd())
            failure = jsonError(m_json.makeError("unexpected data after the end of the JSON"), -1);
    }
    if (!m_sawEntries) {
        if (failure)
            return *failure;
        if (!sawLog)
            return HarError {HarErrorCode::NotHar,
                             QCoreApplication::translate("HarReader", "not a HAR file: no \"log\" object"), -1,
                             u"log"_s};
        return HarError {HarErrorCode::MissingField, QCoreApplication::translate("HarReader", "missing"), -1,
                         u"log.entries"_s};
    }
    if (failure && m_log.entriesRead == 0 && m_log.errors.isEmpty())
        return *failure; // broken before anything usable: the file as a whole is unreadable
    if (failure)
        addError(*failure);
    if (m_options.progress)
        m_options.progress(m_json.size(), m_json.size());
    return std::move(m_log);
}

} // namespace

HarExpected<HarLog> HarReader::readBytes(QByteArrayView data, const HarReadOptions& options)
{
    const qint64 limit = qMin(options.maxFileBytes, options.maxInMemoryBytes);
    if (data.size() > limit)
        return HarError {HarErrorCode::FileTooLarge,
                         u"the data is " + QString::number(data.size()) + u" bytes, over the limit of "
                             + QString::number(limit)};
    LogReader reader(data.data(), data.size(), options, {});
    return reader.read();
}

HarExpected<HarLog> HarReader::readFile(const QString& path, const HarReadOptions& options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return HarError {HarErrorCode::FileOpen, u"cannot open " + path + u": " + file.errorString()};
    const qint64 size = file.size();
    const auto tooLarge = [&path, size](qint64 limit) {
        const auto mib = [](qint64 bytes) {
            return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
        };
        return HarError {HarErrorCode::FileTooLarge,
                         u"cannot open " + path + u": the file is " + mib(size) + u" MiB; HAR files up to " + mib(limit)
                             + u" MiB can be opened"};
    };
    if (size > options.maxFileBytes)
        return tooLarge(options.maxFileBytes);
    if (size == 0)
        return HarError {HarErrorCode::NotHar,
                         QCoreApplication::translate("HarReader", "not a HAR file: the file is empty")};
    uchar* mapped = file.map(0, size);
    if (!mapped) {
        // Not mappable (a pipe, some network file systems): read it whole instead.
        if (size > options.maxInMemoryBytes)
            return tooLarge(qMin(options.maxFileBytes, options.maxInMemoryBytes));
        const QByteArray data = file.readAll();
        if (data.size() != size)
            return HarError {HarErrorCode::FileOpen, u"cannot read " + path + u": " + file.errorString()};
        return readBytes(data, options);
    }
    std::function<void(qsizetype)> consumed;
#ifdef Q_OS_LINUX
    // Give back the pages already converted, so a large file does not stay resident beside its captures.
    const qsizetype page = qsizetype(sysconf(_SC_PAGESIZE));
    qsizetype released = 0;
    consumed = [mapped, page, &released](qsizetype position) {
        const qsizetype upTo = (position / page) * page;
        if (upTo - released >= 16 * 1024 * 1024) {
            madvise(mapped + released, size_t(upTo - released), MADV_DONTNEED);
            released = upTo;
        }
    };
#endif
    LogReader reader(reinterpret_cast<const char*>(mapped), qsizetype(size), options, consumed);
    HarExpected<HarLog> result = reader.read();
    file.unmap(mapped);
    return result;
}
