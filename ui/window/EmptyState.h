// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

class QLabel;
class QLineEdit;
class QPushButton;

// What the empty table says to a new user: the URL to give the provider, a curl command that sends a
// delivery, and a button that sends a signed test delivery right away.
class EmptyState final : public QFrame
{
    Q_OBJECT

public:
    explicit EmptyState(QWidget* parent = nullptr);
    void setUrl(const QString& url); // empty: not listening
    QString curlCommand() const;

Q_SIGNALS:
    void testDeliveryRequested();

private:
    QLabel* m_title;
    QLineEdit* m_url;
    QLineEdit* m_curl;
    QPushButton* m_send;
};
