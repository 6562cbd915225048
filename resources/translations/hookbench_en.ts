<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Checked %n signature(s)</source>
        <translation>
            <numerusform>Checked %n signature</numerusform>
            <numerusform>Checked %n signatures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not listening   ·   session %1   ·   %n capture(s)</source>
        <translation>
            <numerusform>Not listening   ·   session %1   ·   %n capture</numerusform>
            <numerusform>Not listening   ·   session %1   ·   %n captures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Listening on %1   ·   session %2   ·   %n capture(s)</source>
        <translation>
            <numerusform>Listening on %1   ·   session %2   ·   %n capture</numerusform>
            <numerusform>Listening on %1   ·   session %2   ·   %n captures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened %n capture(s) from %1. %2 (and %3 more notes)</source>
        <translation>
            <numerusform>Opened %n capture from %1. %2 (and %3 more notes)</numerusform>
            <numerusform>Opened %n captures from %1. %2 (and %3 more notes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened %n capture(s) from %1</source>
        <translation>
            <numerusform>Opened %n capture from %1</numerusform>
            <numerusform>Opened %n captures from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n capture(s) from %1. %2</source>
        <translation>
            <numerusform>Imported %n capture from %1. %2</numerusform>
            <numerusform>Imported %n captures from %1. %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n capture(s) from %1</source>
        <translation>
            <numerusform>Imported %n capture from %1</numerusform>
            <numerusform>Imported %n captures from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n capture(s) to %1</source>
        <translation>
            <numerusform>Saved %n capture to %1</numerusform>
            <numerusform>Saved %n captures to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n capture(s) to %1</source>
        <translation>
            <numerusform>Exported %n capture to %1</numerusform>
            <numerusform>Exported %n captures to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionsDialog</name>
    <message numerus="yes">
        <source>Sessions unused for %n day(s) are removed, and the oldest ones when the store is full.</source>
        <translation>
            <numerusform>Sessions unused for %n day are removed, and the oldest ones when the store is full.</numerusform>
            <numerusform>Sessions unused for %n days are removed, and the oldest ones when the store is full.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete “%1” and its %n capture(s)?</source>
        <translation>
            <numerusform>Delete “%1” and its %n capture?</numerusform>
            <numerusform>Delete “%1” and its %n captures?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted “%1”: %n capture(s), %2.</source>
        <translation>
            <numerusform>Deleted “%1”: %n capture, %2.</numerusform>
            <numerusform>Deleted “%1”: %n captures, %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StartupChoice</name>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n old session(s) to keep the store within its budget (%1 freed): %2.</source>
        <translation>
            <numerusform>Removed %n old session to keep the store within its budget (%1 freed): %2.</numerusform>
            <numerusform>Removed %n old sessions to keep the store within its budget (%1 freed): %2.</numerusform>
        </translation>
    </message>
</context>
</TS>
