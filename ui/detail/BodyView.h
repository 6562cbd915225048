// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

// A body as text, as indented JSON in received order, or as hex. Large bodies are shown a page at a
// time (2 MiB), so selecting any capture stays quick; the whole body can be saved to a file.
class BodyView final : public QWidget
{
    Q_OBJECT

public:
    enum class Mode
    {
        Text,
        PrettyJson,
        Hex
    };

    explicit BodyView(QWidget* parent = nullptr);
    void showBody(const QByteArray& body);
    void clear();
    void setMode(Mode mode);
    Mode mode() const;
    int page() const { return m_page; }
    int pageCount() const;
    void showPage(int page);

    static constexpr qsizetype pageBytes = 2 * 1024 * 1024;
    static constexpr qsizetype hexPageBytes = 256 * 1024;
    static QString hexDump(const QByteArray& bytes, qsizetype offset, qsizetype length);
    static bool isDisplayableText(const QByteArray& bytes);

Q_SIGNALS:
    void saveRequested(); // the window asks where to, and writes the whole body

private:
    void render();

    QByteArray m_body;
    bool m_text = true;
    int m_page = 0;
    QComboBox* m_mode;
    QLabel* m_info;
    QPushButton* m_previous;
    QPushButton* m_next;
    QPushButton* m_save;
    QPlainTextEdit* m_view;
};
