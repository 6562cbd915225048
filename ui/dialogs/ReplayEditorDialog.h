// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include "core/Capture.h"
#include "core/Expected.h"
#include "replay/ReplayRequest.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTimer;

// Edit a capture before replaying it: method, URL, headers (one "Name: value" per line, in order, case and
// duplicates as they are) and body, with JSON checked as it is typed (the error's line and column shown).
// Re-signing after the edit is offered when a signature scheme applies to the edited request.
class ReplayEditorDialog final : public QDialog
{
    Q_OBJECT

public:
    ReplayEditorDialog(const ReplayRequest& request, bool canResign, QWidget* parent = nullptr);

    // The edited request, or InvalidInput saying why it cannot be sent (naming the line or field).
    Expected<ReplayRequest> request() const;
    bool resign() const;
    QString jsonStatus() const;

    static QString headersToText(const HttpHeaders& headers);
    // "Name: value" lines; InvalidInput names the line.
    static Expected<HttpHeaders> headersFromText(const QString& text);

private:
    void checkBody();
    void updateResign();
    void validate();

    QByteArray m_binaryBody; // a body that is not UTF-8 is sent as it is and not edited
    bool m_binary = false;
    bool m_canResign = false;
    QLineEdit* m_method;
    QLineEdit* m_url;
    QPlainTextEdit* m_headers;
    QPlainTextEdit* m_body;
    QLabel* m_json;
    QCheckBox* m_resign;
    QLabel* m_error;
    QPushButton* m_send;
    QTimer* m_check;
};
