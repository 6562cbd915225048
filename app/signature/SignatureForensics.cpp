// SPDX-License-Identifier: MIT
#include "signature/SignatureForensics.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QList>
#include <algorithm>
#include <vector>

#include "json/JsonReader.h"
#include "json/JsonStringifier.h"
#include "signature/SignatureCheck.h"
#include "signature/schemes/SchemeHandler.h"

namespace {

struct Finding
{
    SignatureCause cause;
    QString detail;
    QString secretLabel;
};

struct KeyVariant
{
    QString detail;
    QByteArray key;
};

const QByteArray byteOrderMark = "\xEF\xBB\xBF";

JsonStringifyOptions style(const QByteArray& indent, bool sortKeys, bool asciiOnly, bool spaced, bool sourceOrder,
                           bool escapeSlash = false)
{
    JsonStringifyOptions options;
    options.indent = indent;
    options.sortKeys = sortKeys;
    options.asciiOnly = asciiOnly;
    options.spaceAfterSeparators = spaced;
    options.sourceOrder = sourceOrder;
    options.escapeSlash = escapeSlash;
    return options;
}

// Tries body variants one at a time: each is built, tried against every secret and dropped before the
// next, and each distinct body is tried once (variants often coincide: an ASCII body escapes to itself).
class BodyTrial final
{
public:
    BodyTrial(const SignatureCheck& check, const SecretSet& secrets)
        : m_check(check)
        , m_secrets(secrets)
    { }

    // True when the search is over: a variant matched, or the bound on variants was reached.
    bool done() const { return m_finding.has_value() || m_tried >= SignatureForensics::maxBodyVariants; }
    std::optional<Finding> finding() const { return m_finding; }

    void tryBody(SignatureCause cause, const QString& detail, QByteArrayView body)
    {
        if (done())
            return;
        if (std::any_of(m_check.candidates.cbegin(), m_check.candidates.cend(),
                        [body](const SignatureCandidate& c) { return QByteArrayView(c.body) == body; }))
            return;
        const QByteArray digest = QCryptographicHash::hash(body, QCryptographicHash::Sha256);
        if (m_seen.contains(digest))
            return;
        m_seen.append(digest);
        ++m_tried;
        for (const Secret& secret : m_secrets.secrets()) {
            if (m_check.matches(m_check.expected(secret.value, body))) {
                m_finding = Finding {cause, detail, secret.label};
                return;
            }
        }
    }

private:
    const SignatureCheck& m_check;
    const SecretSet& m_secrets;
    QList<QByteArray> m_seen; // SHA-256 of the bodies tried, not the bodies
    int m_tried = 0;
    std::optional<Finding> m_finding;
};

// How deep arrays and objects nest, counted up to limit + 1.
int nestingDepth(const JsonValue& value, int limit)
{
    int deepest = 0;
    std::vector<std::pair<JsonValue, int>> pending {{value, 0}};
    while (!pending.empty()) {
        const auto [v, depth] = pending.back();
        pending.pop_back();
        if (!v.isObject() && !v.isArray())
            continue;
        deepest = std::max(deepest, depth + 1);
        if (deepest > limit)
            return deepest;
        for (qsizetype i = 0; i < v.size(); ++i)
            pending.push_back({v.at(i), depth + 1});
    }
    return deepest;
}

// Re-serializations a relay or a sender's framework commonly produces, within the forensics bounds.
void tryJsonVariants(BodyTrial& trial, const JsonValue& value, bool payloadOnly)
{
    const QByteArrayView source = value.raw();
    if (source.size() > SignatureForensics::maxJsonBody
        || nestingDepth(value, SignatureForensics::maxJsonDepth) > SignatureForensics::maxJsonDepth)
        return;
    // Indentation can multiply the size; a serializer's output bigger than this is not what was signed.
    const qsizetype maxSize = std::max<qsizetype>(4 * source.size(), 64 * 1024);
    const QString relay = payloadOnly
        ? QCoreApplication::translate("SignatureForensics", "the signature matches the payload serialized as %1")
        : QCoreApplication::translate("SignatureForensics",
                                      "the signature matches the body re-serialized as %1: "
                                      "something in between re-serialized it");
    struct Style
    {
        SignatureCause cause;
        const char* what;
        JsonStringifyOptions options;
    };
    const Style styles[] = {
        {SignatureCause::BodyReserialized, "compact JSON", style({}, false, false, false, true)},
        {SignatureCause::BodyReserialized, "compact JSON (JSON.stringify)", style({}, false, false, false, false)},
        {SignatureCause::BodyReserialized, "JSON indented by 2 spaces", style("  ", false, false, false, true)},
        {SignatureCause::BodyReserialized, "JSON indented by 4 spaces", style("    ", false, false, false, true)},
        {SignatureCause::BodyReserialized, "tab-indented JSON", style("\t", false, false, false, true)},
        {SignatureCause::BodyReserialized, "JSON with spaces after separators", style({}, false, false, true, true)},
        {SignatureCause::BodyReserialized, "ASCII-escaped JSON", style({}, false, true, false, true)},
        {SignatureCause::BodyReserialized, "ASCII-escaped JSON with spaces (Python json.dumps)",
         style({}, false, true, true, true)},
        {SignatureCause::BodyReserialized, "JSON with escaped slashes and \\u escapes (PHP json_encode)",
         style({}, false, true, false, true, true)},
        {SignatureCause::KeyOrderChanged, "compact JSON with sorted keys", style({}, true, false, false, false)},
        {SignatureCause::KeyOrderChanged, "JSON with sorted keys (Python json.dumps sort_keys)",
         style({}, true, true, true, false)},
    };
    // Without non-ASCII characters or escapes, the ASCII-escaped forms equal the others: skip them.
    const bool escapable = source.contains("\\u")
        || std::any_of(source.begin(), source.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x7F; });
    for (const Style& s : styles) {
        if (s.options.asciiOnly && !escapable && !(s.options.escapeSlash && source.contains('/')))
            continue;
        QString detail = relay.arg(QLatin1String(s.what));
        if (s.cause == SignatureCause::KeyOrderChanged)
            detail = (payloadOnly ? QCoreApplication::translate(
                          "SignatureForensics", "the signature matches the payload with its keys sorted")
                                  : QCoreApplication::translate("SignatureForensics",
                                                                "the signature matches the body with its keys sorted"))
                + QCoreApplication::translate("SignatureForensics", ": the key order changed after signing");
        QByteArray body;
        if (JsonStringifier::stringify(value, s.options, maxSize, &body))
            trial.tryBody(s.cause, detail, body);
        if (trial.done())
            return;
    }
}

void tryByteVariants(BodyTrial& trial, const QByteArray& body)
{
    const QByteArrayView view(body);
    if (body.endsWith("\r\n"))
        trial.tryBody(
            SignatureCause::TrailingNewline,
            QCoreApplication::translate("SignatureForensics",
                                        "the signature matches the body without its trailing CRLF: a line ending was "
                                        "added after signing"),
            view.chopped(2));
    if (body.endsWith('\n'))
        trial.tryBody(
            SignatureCause::TrailingNewline,
            QCoreApplication::translate("SignatureForensics",
                                        "the signature matches the body without its trailing newline: one was added "
                                        "after signing"),
            view.chopped(1));
    if (body.startsWith(byteOrderMark))
        trial.tryBody(
            SignatureCause::ByteOrderMark,
            QCoreApplication::translate("SignatureForensics",
                                        "the signature matches the body without its byte order mark: one was added "
                                        "after signing"),
            view.sliced(3));
    // The others are copies: one at a time, and only of bodies up to the bound.
    if (body.size() > SignatureForensics::maxCopiedBody)
        return;
    trial.tryBody(
        SignatureCause::TrailingNewline,
        QCoreApplication::translate("SignatureForensics",
                                    "the signature matches the body with a trailing newline: it was removed after "
                                    "signing"),
        QByteArray(body + '\n'));
    if (body.contains('\n')) {
        // Line endings changed after signing: the body as signed had the other kind.
        const bool crlf = body.contains("\r\n");
        QByteArray otherEndings = body;
        otherEndings.replace(crlf ? "\r\n" : "\n", crlf ? "\n" : "\r\n");
        trial.tryBody(SignatureCause::LineEndings,
                      crlf ? QCoreApplication::translate(
                          "SignatureForensics",
                          "the signature matches the body with LF line endings: they were changed to CRLF "
                          "after signing")
                           : QCoreApplication::translate(
                               "SignatureForensics",
                               "the signature matches the body with CRLF line endings: they were changed to LF "
                               "after signing"),
                      otherEndings);
    }
    if (!body.startsWith(byteOrderMark))
        trial.tryBody(
            SignatureCause::ByteOrderMark,
            QCoreApplication::translate("SignatureForensics",
                                        "the signature matches the body with a UTF-8 byte order mark: it was removed "
                                        "after signing"),
            QByteArray(byteOrderMark + body));
}

bool isHex(const QByteArray& s)
{
    if (s.isEmpty() || s.size() % 2)
        return false;
    for (const char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

std::optional<QByteArray> base64Decoded(const QByteArray& s)
{
    if (s.isEmpty())
        return std::nullopt;
    for (const auto options : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
        auto decoded = QByteArray::fromBase64Encoding(s, options | QByteArray::AbortOnBase64DecodingErrors);
        if (decoded && !decoded.decoded.isEmpty())
            return decoded.decoded;
    }
    return std::nullopt;
}

// Keys the provider may really use when the pasted secret is in another form.
std::vector<KeyVariant> keyVariants(const SignatureCheck& check, const QByteArray& secret)
{
    std::vector<KeyVariant> variants;
    const QByteArray normal = check.key(secret);
    auto add = [&](const QString& detail, const QByteArray& key) {
        if (key.isEmpty() || key == normal)
            return;
        for (const KeyVariant& v : variants) {
            if (v.key == key)
                return;
        }
        variants.push_back(KeyVariant {detail, key});
    };
    const QByteArray trimmed = secret.trimmed();
    if (trimmed != secret)
        add(QCoreApplication::translate(
                "SignatureForensics",
                "the secret has surrounding whitespace or a newline (copy and paste?); it matches without"),
            check.key(trimmed));
    if (isHex(trimmed))
        add(QCoreApplication::translate("SignatureForensics",
                                        "the provider signs with the hex-decoded bytes of this secret"),
            QByteArray::fromHex(trimmed));
    const bool whsec = trimmed.startsWith("whsec_");
    if (whsec) {
        add(QCoreApplication::translate("SignatureForensics",
                                        "the provider signs with the secret without its whsec_ prefix"),
            trimmed.mid(6));
        if (auto decoded = base64Decoded(trimmed.mid(6)))
            add(QCoreApplication::translate("SignatureForensics",
                                            "the provider signs with the base64-decoded part after whsec_"),
                *decoded);
    } else {
        add(QCoreApplication::translate(
                "SignatureForensics", "the provider signs with the whole whsec_ string; this secret lacks the prefix"),
            "whsec_" + trimmed);
        if (auto decoded = base64Decoded(trimmed))
            add(QCoreApplication::translate("SignatureForensics",
                                            "the provider signs with the base64-decoded bytes of this secret"),
                *decoded);
    }
    if (check.keyIsWhsecBase64)
        add(QCoreApplication::translate("SignatureForensics",
                                        "the provider signs with this secret as text, not base64-decoded"),
            trimmed);
    add(QCoreApplication::translate("SignatureForensics", "the provider signs with the hex form of this secret"),
        check.key(trimmed).toHex());
    return variants;
}

bool keysLookSorted(const JsonValue& value, int* multiKeyMembers)
{
    // Iterative walk: all objects must have their keys in sorted order.
    std::vector<JsonValue> pending {value};
    while (!pending.empty()) {
        const JsonValue v = pending.back();
        pending.pop_back();
        if (v.isObject()) {
            QString previous;
            for (qsizetype i = 0; i < v.size(); ++i) {
                const QString key = v.keyAt(i).toString();
                if (i > 0 && key < previous)
                    return false;
                previous = key;
                pending.push_back(v.at(i));
            }
            if (v.size() >= 2)
                *multiKeyMembers += int(v.size());
        } else if (v.isArray()) {
            for (qsizetype i = 0; i < v.size(); ++i)
                pending.push_back(v.at(i));
        }
    }
    return true;
}

std::optional<Finding> findCause(const SignatureCheck& check, const SecretSet& secrets)
{
    // 1. The right digest written differently: letter case, a prefix that belongs to another scheme.
    const QList<QByteArray> prefixes = SchemeHandler::allPrefixes();
    for (const Secret& secret : secrets.secrets()) {
        for (const SignatureCandidate& candidate : check.candidates) {
            const QByteArray encoded = check.expected(secret.value, candidate.body);
            for (const QByteArray& received : check.received) {
                if (check.encoding == SignatureEncoding::Hex
                    && Hmac::equals(received, encoded, Hmac::Case::Insensitive))
                    return Finding {
                        SignatureCause::HexCase,
                        QCoreApplication::translate(
                            "SignatureForensics", "the signature matches except for the letter case of its hex digits"),
                        secret.label};
                for (const QByteArray& prefix : prefixes) {
                    if (received.startsWith(prefix) && Hmac::equals(received.mid(prefix.size()), encoded))
                        return Finding {
                            SignatureCause::SignaturePrefix,
                            QCoreApplication::translate("SignatureForensics",
                                                        "the value carries a \"%1\" prefix this scheme does not use")
                                .arg(QLatin1String(prefix)),
                            secret.label};
                }
            }
        }
    }

    // 2. The body changed after signing.
    BodyTrial trial(check, secrets);
    const QByteArray& raw = check.candidates.constFirst().body;
    JsonValue json = check.jsonValue;
    JsonDocument parsed;
    if (!check.payloadOnly) {
        tryByteVariants(trial, raw);
        JsonReadOptions options;
        options.skipByteOrderMark = true;
        if (!trial.done() && raw.size() <= SignatureForensics::maxJsonBody) {
            JsonReadResult read = JsonReader::read(raw, options);
            if (read.ok()) {
                parsed = read.document;
                json = parsed.root();
            }
        }
    }
    if (json.isValid() && !trial.done())
        tryJsonVariants(trial, json, check.payloadOnly);
    if (auto finding = trial.finding())
        return finding;

    // 3. The secret was pasted in another form.
    for (const Secret& secret : secrets.secrets()) {
        for (const KeyVariant& variant : keyVariants(check, secret.value)) {
            for (const SignatureCandidate& candidate : check.candidates) {
                const QByteArray encoded = check.encode(
                    Hmac::compute(check.algorithm, variant.key, {check.head, candidate.body, check.tail}));
                if (check.matches(encoded))
                    return Finding {SignatureCause::SecretEncoding, variant.detail, secret.label};
            }
        }
    }

    // 4. A relay that sorted the keys leaves no way back to the signed bytes; say so when it shows (enough
    //    keys that sorted order is unlikely to be chance: 6 keys are sorted by chance once in 720).
    int multiKeyMembers = 0;
    if (json.isValid() && keysLookSorted(json, &multiKeyMembers) && multiKeyMembers >= 6)
        return Finding {
            SignatureCause::BodyReserialized,
            QCoreApplication::translate("SignatureForensics",
                                        "every object's keys are in sorted order: a relay probably re-serialized the "
                                        "body with sorted keys, so the signed bytes cannot be recovered"),
            {}};
    return std::nullopt;
}

} // namespace

void SignatureForensics::diagnose(const SignatureCheck& check, const SecretSet& secrets, SignatureResult& result)
{
    if (check.candidates.isEmpty() || secrets.isEmpty())
        return;
    if (auto finding = findCause(check, secrets)) {
        result.cause = finding->cause;
        result.detail = finding->detail;
        result.secretLabel = finding->secretLabel;
        return;
    }
    result.cause = SignatureCause::WrongSecret;
    result.detail = secrets.size() == 1
        ? QCoreApplication::translate(
            "SignatureForensics",
            "the secret does not produce this signature, and no common alteration of the body or "
            "secret explains it: most likely the wrong secret")
        : QCoreApplication::translate(
              "SignatureForensics",
              "none of the %1 secrets produces this signature, and no common alteration of the body or "
              "secret explains it: most likely the wrong secret")
              .arg(secrets.size());
}
