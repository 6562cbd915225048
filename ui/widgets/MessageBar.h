// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

class QLabel;

// An inline bar above the content for errors and warnings: never a modal dialog.
class MessageBar final : public QFrame
{
    Q_OBJECT

public:
    enum class Kind
    {
        Information,
        Warning,
        Error
    };

    explicit MessageBar(QWidget* parent = nullptr);
    void showMessage(const QString& text, Kind kind);
    QString text() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyKind();

    QLabel* m_label;
    Kind m_kind = Kind::Information;
    bool m_inPaletteChange = false;
};
