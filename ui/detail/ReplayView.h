// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>
#include <optional>

#include "core/Capture.h"
#include "core/ReplayAttempt.h"
#include "replay/ReplayRequest.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class ReplayAttemptsModel;
class ReplayController;
struct ReplaySummary;

// The Replay tab of one capture: replay it (or the selected captures) to a remembered target, edit it first,
// retry an attempt, forward new captures live, and see every attempt with the target's full answer.
// A view of a ReplayController; asks the window to compare an answer with the original one, and to open the
// targets dialog and the request editor (the window owns the dialogs).
class ReplayView final : public QWidget
{
    Q_OBJECT

public:
    explicit ReplayView(ReplayController* controller, QWidget* parent = nullptr);

    // The capture shown, and the captures "Replay" sends (the window's selection; just this one when empty).
    void setCapture(const Capture& capture, const QList<Capture>& selection = {});
    void clear();
    // The answer the attempts are compared with. setCapture() takes the one recorded with the capture (the
    // answer it got when delivered, or the one its file recorded); without one, the oldest answered attempt.
    void setOriginalAnswer(const HttpHeaders& headers, const QByteArray& body, const QString& title);
    // Sends the request edited after editRequested() for the shown capture, to the target it was prepared for.
    void replayEdited(const ReplayRequest& request, bool resign);
    // A line above the attempts; an error shows in the negative colour.
    void report(const QString& message, bool error);

Q_SIGNALS:
    // Compare the original answer (left) with an attempt's answer (right); the window shows a CompareView.
    void compareRequested(const QString& leftTitle, const HttpHeaders& leftHeaders, const QByteArray& leftBody,
                          const QString& rightTitle, const HttpHeaders& rightHeaders, const QByteArray& rightBody);
    // "Targets…" was pressed: the window opens the targets dialog over this view.
    void targetsRequested();
    // "Edit and replay…" was pressed: the window opens the editor on this prepared request (canResign: the
    // target has a secret to re-sign with) and hands an accepted edit to replayEdited().
    void editRequested(const ReplayRequest& request, bool canResign);

private:
    void refreshTargets();
    void refreshAttempts();
    void showSelected();
    void updateButtons();
    void replay();
    void editAndReplay();
    void retry();
    void compare();
    void onAttempt(const ReplayAttempt& attempt);
    void onFinished(const ReplaySummary& summary);
    std::optional<int> selectedRow() const;

    ReplayController* m_controller;
    std::optional<Capture> m_capture;
    QList<Capture> m_selection;
    std::optional<std::pair<HttpHeaders, QByteArray>> m_original;
    QString m_originalTitle;
    int m_editTarget = -1; // the target the request being edited was prepared for

    QComboBox* m_targets;
    QPushButton* m_manage;
    QPushButton* m_replay;
    QPushButton* m_edit;
    QPushButton* m_retry;
    QPushButton* m_compare;
    QPushButton* m_cancel;
    QCheckBox* m_forward;
    QProgressBar* m_progress;
    QLabel* m_message;
    QTableView* m_table;
    ReplayAttemptsModel* m_model;
    QPlainTextEdit* m_answer;
};
