// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include "http/ResponseRules.h"

class QLabel;
class QPlainTextEdit;

// Edits the endpoint's response rules as JSON (the format `listen --rules` reads). Errors show inline
// and name the field; only rules that parse can be applied.
class ResponseRulesDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ResponseRulesDialog(const QString& json, QWidget* parent = nullptr);

    QString json() const;
    // The parsed rules, or nothing (with the reason shown in the dialog) when the text is not valid.
    std::optional<ResponseRules> rules();

Q_SIGNALS:
    void applied(const ResponseRules& rules, const QString& json);

private:
    void apply();

    QPlainTextEdit* m_editor;
    QLabel* m_error;
};
