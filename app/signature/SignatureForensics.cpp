// SPDX-License-Identifier: MIT
#include "signature/SignatureForensics.h"

#include <QCoreApplication>
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

struct BodyVariant
{
    SignatureCause cause;
    QString detail;
    QByteArray body;
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

// Re-serializations a relay or a sender's framework commonly produces.
void addJsonVariants(std::vector<BodyVariant>& variants, const JsonValue& value, bool payloadOnly)
{
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
        {SignatureCause::BodyReserialized, QT_TRANSLATE_NOOP("SignatureForensics", "compact JSON"),
         style({}, false, false, false, true)},
        {SignatureCause::BodyReserialized, QT_TRANSLATE_NOOP("SignatureForensics", "compact JSON (JSON.stringify)"),
         style({}, false, false, false, false)},
        {SignatureCause::BodyReserialized, QT_TRANSLATE_NOOP("SignatureForensics", "JSON indented by 2 spaces"),
         style("  ", false, false, false, true)},
        {SignatureCause::BodyReserialized, QT_TRANSLATE_NOOP("SignatureForensics", "JSON indented by 4 spaces"),
         style("    ", false, false, false, true)},
        {SignatureCause::BodyReserialized, QT_TRANSLATE_NOOP("SignatureForensics", "tab-indented JSON"),
         style("\t", false, false, false, true)},
        {SignatureCause::BodyReserialized, QT_TRANSLATE_NOOP("SignatureForensics", "JSON with spaces after separators"),
         style({}, false, false, true, true)},
        {SignatureCause::BodyReserialized, QT_TRANSLATE_NOOP("SignatureForensics", "ASCII-escaped JSON"),
         style({}, false, true, false, true)},
        {SignatureCause::BodyReserialized,
         QT_TRANSLATE_NOOP("SignatureForensics", "ASCII-escaped JSON with spaces (Python json.dumps)"),
         style({}, false, true, true, true)},
        {SignatureCause::BodyReserialized,
         QT_TRANSLATE_NOOP("SignatureForensics", "JSON with escaped slashes and \\u escapes (PHP json_encode)"),
         style({}, false, true, false, true, true)},
        {SignatureCause::KeyOrderChanged, QT_TRANSLATE_NOOP("SignatureForensics", "compact JSON with sorted keys"),
         style({}, true, false, false, false)},
        {SignatureCause::KeyOrderChanged,
         QT_TRANSLATE_NOOP("SignatureForensics", "JSON with sorted keys (Python json.dumps sort_keys)"),
         style({}, true, true, true, false)},
    };
    // Without non-ASCII characters or escapes, the ASCII-escaped forms equal the others: skip them.
    const QByteArrayView source = value.raw();
    const bool escapable = source.contains("\\u")
        || std::any_of(source.begin(), source.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x7F; });
    for (const Style& s : styles) {
        if (s.options.asciiOnly && !escapable && !(s.options.escapeSlash && source.contains('/')))
            continue;
        QString detail = relay.arg(QCoreApplication::translate("SignatureForensics", s.what));
        if (s.cause == SignatureCause::KeyOrderChanged)
            detail = (payloadOnly ? QCoreApplication::translate(
                          "SignatureForensics", "the signature matches the payload with its keys sorted")
                                  : QCoreApplication::translate("SignatureForensics",
                                                                "the signature matches the body with its keys sorted"))
                + QCoreApplication::translate("SignatureForensics", ": the key order changed after signing");
        variants.push_back(BodyVariant {s.cause, detail, JsonStringifier::stringify(value, s.options)});
    }
}

void addByteVariants(std::vector<BodyVariant>& variants, const QByteArray& body)
{
    if (body.endsWith("\r\n"))
        variants.push_back(
            BodyVariant {SignatureCause::TrailingNewline,
                         QCoreApplication::translate("SignatureForensics",
                                                     "the signature matches the body without its trailing CRLF: a "
                                                     "line ending was added after signing"),
                         body.chopped(2)});
    if (body.endsWith('\n'))
        variants.push_back(
            BodyVariant {SignatureCause::TrailingNewline,
                         QCoreApplication::translate("SignatureForensics",
                                                     "the signature matches the body without its trailing newline: "
                                                     "one was added after signing"),
                         body.chopped(1)});
    variants.push_back(
        BodyVariant {SignatureCause::TrailingNewline,
                     QCoreApplication::translate("SignatureForensics",
                                                 "the signature matches the body with a trailing newline: it was "
                                                 "removed after signing"),
                     body + '\n'});
    if (body.contains("\r\n")) {
        QByteArray lf = body;
        lf.replace("\r\n", "\n");
        variants.push_back(
            BodyVariant {SignatureCause::LineEndings,
                         QCoreApplication::translate("SignatureForensics",
                                                     "the signature matches the body with LF line endings: they were "
                                                     "changed to CRLF after signing"),
                         lf});
    } else if (body.contains('\n')) {
        QByteArray crlf = body;
        crlf.replace("\n", "\r\n");
        variants.push_back(
            BodyVariant {SignatureCause::LineEndings,
                         QCoreApplication::translate("SignatureForensics",
                                                     "the signature matches the body with CRLF line endings: they "
                                                     "were changed to LF after signing"),
                         crlf});
    }
    if (body.startsWith(byteOrderMark))
        variants.push_back(
            BodyVariant {SignatureCause::ByteOrderMark,
                         QCoreApplication::translate("SignatureForensics",
                                                     "the signature matches the body without its byte order mark: "
                                                     "one was added after signing"),
                         body.mid(3)});
    else
        variants.push_back(
            BodyVariant {SignatureCause::ByteOrderMark,
                         QCoreApplication::translate("SignatureForensics",
                                                     "the signature matches the body with a UTF-8 byte order mark: it "
                                                     "was removed after signing"),
                         byteOrderMark + body});
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

std::optional<Finding> tryBodies(const SignatureCheck& check, const SecretSet& secrets,
                                 const std::vector<BodyVariant>& variants)
{
    for (size_t i = 0; i < variants.size(); ++i) {
        const BodyVariant& variant = variants[i];
        // Variants often coincide (an ASCII body escapes to itself): each distinct body is tried once.
        const auto same = [&variant](const auto& other) {
            return other.body == variant.body;
        };
        if (std::any_of(check.candidates.cbegin(), check.candidates.cend(), same)
            || std::any_of(variants.cbegin(), variants.cbegin() + qsizetype(i), same))
            continue;
        for (const Secret& secret : secrets.secrets()) {
            if (check.matches(check.expected(secret.value, variant.body)))
                return Finding {variant.cause, variant.detail, secret.label};
        }
    }
    return std::nullopt;
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
                if (check.encoding == SignatureEncoding::Hex && received.size() == encoded.size()
                    && received.compare(encoded, Qt::CaseInsensitive) == 0)
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
    std::vector<BodyVariant> variants;
    const QByteArray& raw = check.candidates.constFirst().body;
    JsonValue json = check.jsonValue;
    JsonDocument parsed;
    if (!check.payloadOnly) {
        addByteVariants(variants, raw);
        JsonReadOptions options;
        options.skipByteOrderMark = true;
        JsonReadResult read = JsonReader::read(raw, options);
        if (read.ok()) {
            parsed = read.document;
            json = parsed.root();
        }
    }
    if (json.isValid())
        addJsonVariants(variants, json, check.payloadOnly);
    if (auto finding = tryBodies(check, secrets, variants))
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
