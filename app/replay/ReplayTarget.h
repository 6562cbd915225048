// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>
#include <optional>

#include "core/Capture.h"
#include "core/Expected.h"
#include "signature/GenericHmacProfile.h"
#include "signature/SignatureScheme.h"

class Settings;

// Where captures are replayed to, and how. Remembered in the settings; the re-signing secret is not part
// of it (ReplayController holds it in memory only), and a password in the URL is left out when saved.
struct ReplayTarget
{
    QString name; // shown in lists; the URL when empty
    QUrl url;
    HttpHeaders addHeaders; // appended after the capture's headers (a header of the same name is replaced)
    QList<QByteArray> dropHeaders; // names, case-insensitive
    int timeoutMs = 30000;
    bool appendOriginalPath = false; // the capture's path and query are appended to the URL's path
    int concurrency = 1; // requests in flight; they start in the captures' order
    bool originalPacing = false; // wait between requests as long as between the original deliveries
    double pacingSpeed = 1.0; // 2.0: twice as fast as the original
    bool verifyCertificates = true; // off only by an explicit choice
    QString caFile;
    bool resign = false; // re-sign with the target's secret
    std::optional<SignatureScheme> resignScheme; // empty: detected from each capture
    bool renewMessageId = false; // Standard Webhooks / Svix
    std::optional<GenericHmacProfile> generic;

    QString displayName() const;
    // Success, or InvalidInput saying why this target cannot be used.
    Expected<void> validate() const;
    bool operator==(const ReplayTarget& other) const;
};

// The remembered targets, through the typed Settings (never raw QSettings), as one JSON list.
class ReplayTargets final
{
public:
    static QList<ReplayTarget> load(const Settings& settings);
    static void save(Settings& settings, const QList<ReplayTarget>& targets);

    static QByteArray toJson(const QList<ReplayTarget>& targets);
    static QList<ReplayTarget> fromJson(const QByteArray& json); // what cannot be read is dropped, with a warning
    // "http://127.0.0.1:3000/hook" as typed: a missing scheme means http; InvalidInput, saying why, for anything
    // else.
    static Expected<QUrl> parseUrl(const QString& text);
};
