// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include "session/CaptureTableModel.h"
#include "signature/SignatureResult.h"

class QLabel;
class QPlainTextEdit;

// What a signature check found, explained: scheme, status, which bytes matched, the likely cause of a
// failure, the secret's label, the expected and received values and the exact signed bytes.
class SignatureView final : public QWidget
{
    Q_OBJECT

public:
    explicit SignatureView(QWidget* parent = nullptr);
    void showResult(const SignatureResult& result);
    void showMessage(const QString& text);

private:
    QLabel* m_summary;
    QLabel* m_values;
    QPlainTextEdit* m_signed;
};
