<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Hookbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hookbench %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A desktop workbench for webhooks: capture every delivery byte for byte, check its signature, save it as HAR, replay it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free software under the MIT licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the versions of Hookbench and its libraries, for a bug report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnalysisViews</name>
    <message>
        <source>&amp;Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schemas Seen in This Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two captures to compare (Ctrl+click the second)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppearanceMenu</name>
    <message>
        <source>&amp;Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the &amp;Desktop Says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dar&amp;k</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArrivalNotifier</name>
    <message>
        <source>&amp;Notify of New Captures in the Background</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new capture(s)</source>
        <translation>
            <numerusform>%n new capture</numerusform>
            <numerusform>%n new captures</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BodyFiles</name>
    <message>
        <source>cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot sync %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BodyView</name>
    <message>
        <source>◀ Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Body…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON, indented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · not JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · JSON, keys in received order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · too large to indent, shown as text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes %1–%2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · lines over %2 characters are shown broken (Save Body keeps the exact bytes)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptureCompare</name>
    <message>
        <source>Both bodies are empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both bodies are JSON, byte for byte the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both bodies are JSON with the same values; only their bytes differ (whitespace, escapes or number spelling), from byte %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Both bodies are JSON: %n difference(s)%1.</source>
        <translation>
            <numerusform>Both bodies are JSON: %n difference%1.</numerusform>
            <numerusform>Both bodies are JSON: %n differences%1.</numerusform>
        </translation>
    </message>
    <message>
        <source>, more not listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 body is not JSON (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bodies are byte for byte the same (%1 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compared as bytes because %1: %2 and %3 bytes, first difference at byte %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptureDeletion</name>
    <message numerus="yes">
        <source>Delete %n Capture(s)</source>
        <translation>
            <numerusform>Delete %n Capture</numerusform>
            <numerusform>Delete %n Captures</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptureDetailView</name>
    <message>
        <source>Raw request head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ra&amp;w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a capture to see its headers and body.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1  %2 %3  ·  from %4  ·  %5 body  ·  </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ·  malformed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptureFiles</name>
    <message>
        <source>canceled; the file was not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>canceled after %1 captures</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptureScan</name>
    <message>
        <source>there is no store at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptureTableModel</name>
    <message>
        <source>no answer, malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery checks: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed request: answered %1 and closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no secret</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CapturesPane</name>
    <message>
        <source>Captures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter captures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter (Ctrl+F): text, method:POST, path:/hooks/*, status:&gt;=400, sig:invalid, schema:user, doc:u1, size:&gt;10k, after:-1h, -negated, or</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>&amp;Differences only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2: identical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (left) and %2 (right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n header name(s) differ</source>
        <translation>
            <numerusform>%n header name differ</numerusform>
            <numerusform>%n header names differ</numerusform>
        </translation>
    </message>
    <message>
        <source>the names both have come in another order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to compare</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Send &amp;Test Delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posts a Firm App sample, signed with the secret above, to this endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Give your provider this URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Or send a delivery yourself:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3. Or see one arrive now, signed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the webhook&apos;s secret above and every signature is checked as it arrives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the first delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointDialog</name>
    <message>
        <source>Endpoint Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1 accepts this machine only; 0.0.0.0 accepts every network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest &amp;body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply and Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other machines on your network will be able to send requests to Hookbench.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsTableModel</name>
    <message>
        <source>(no date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>docId</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>docUpdatedDate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsView</name>
    <message>
        <source>&amp;Timeline of this document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected change&apos;s values, whole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other member: %1 = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No capture selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a Firm App delivery: no &quot;payload&quot; member in a JSON body</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message>
        <source>not in the session index yet: earlier values unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is known of this document&apos;s fields before its delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

Before:
%2

After:
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the body&apos;s events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes of the selected event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldChangesModel</name>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged but sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterParser</name>
    <message>
        <source>unmatched ): there is no ( before it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and needs a term on each side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or needs a term on each side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a term on each side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>- must be followed by a term, with no space between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty parentheses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unclosed (: add a )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nested too deeply (at most %1 levels of parentheses and -)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterSyntax</name>
    <message>
        <source>column %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>- must be followed by a term, with no space between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unterminated quote: add a closing &quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterValues</name>
    <message>
        <source>unknown key %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; did you mean %1:?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; the keys are %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (to search for text with a colon, put it in quotes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scheme: expects %1 or none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty quotes: put the text to look for between them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method: expects an HTTP method such as POST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status: expects 2xx, 404 or a comparison like &gt;=400</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>size: expects a size like &gt;10k, &lt;=2m or 512 (k, m, g: 1024 bytes, 1024 k, 1024 m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sig: expects valid, invalid, missing or none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>header: expects a name, or name=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expects a date like 2024-11-08, a date and time like 2024-11-08T21:49 (Z or +02:00 for a time zone), or -1h, -30m, -2d, today, yesterday</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirmAppScheme</name>
    <message>
        <source>the body is not JSON: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body has no &quot;payload&quot; field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body has no &quot;signature&quot; field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the &quot;signature&quot; field is not a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body has no &quot;payload&quot; field to sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body has no &quot;signature&quot; string to replace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenericHmacSpec</name>
    <message>
        <source>&quot;%1&quot;: expected key=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>algorithm: expected sha1, sha256 or sha512, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoding: expected hex or base64, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tolerance: expected seconds, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot; (header, algorithm, encoding, prefix, template, timestamp-header, id-header, tolerance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>header: the header that holds the signature is needed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenericScheme</name>
    <message>
        <source>no generic HMAC profile is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no %1 header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no %1 header to replace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GitHubScheme</name>
    <message>
        <source>no X-Hub-Signature-256 or X-Hub-Signature header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no X-Hub-Signature-256 or X-Hub-Signature header to replace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HarError</name>
    <message>
        <source>entry %1: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HarJsonParser</name>
    <message>
        <source>expected a member name in double quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends in the middle of the JSON (truncated?) at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON nested too deeply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a JSON value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>control character inside a string (must be escaped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid \u escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid escape in a string</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HarReader</name>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected %1, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body was rebuilt from form parameters; its encoding may differ from what was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the text is %1 bytes but request.bodySize says %2; the tool that wrote this file may have changed it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the text contains U+FFFD replacement characters; the tool that wrote this file may have replaced bytes it could not decode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a port number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an ISO 8601 date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing; HTTP/1.1 assumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading was stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading was canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends inside &quot;log&quot; (truncated?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a HAR file: the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a HAR file: it looks compressed (gzip or zlib, like mitmproxy&apos;s .zhar); decompress it first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a HAR file: it does not start with a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends early (truncated?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a HAR file: no &quot;log&quot; object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HarReplays</name>
    <message>
        <source>a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HarWriter</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: the file is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot save %1: %2 (the previous file, if any, is unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saving %1 was canceled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeaderDiffModel</name>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadersView</name>
    <message>
        <source>Request headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sent %n times: every line is kept, in order</source>
        <translation>
            <numerusform>Sent %n times: every line is kept, in order</numerusform>
            <numerusform>Sent %n times: every line is kept, in order</numerusform>
        </translation>
    </message>
    <message>
        <source>Trailer (sent after a chunked body)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonError</name>
    <message>
        <source>line %1, column %2 (byte %3): %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonReader</name>
    <message>
        <source>unexpected character &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected byte 0x%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of JSON input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>control character 0x%1 in string (must be escaped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad \u escape: expected a hex digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad escape sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of JSON input in a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid number: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (expected a property name in double quotes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (expected &apos;:&apos; after a property name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON text too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nesting deeper than %1 levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (expected &apos;,&apos; or &apos;}&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (expected &apos;,&apos; or &apos;]&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> after the end of the JSON value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonTreeModel</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n element(s)</source>
        <translation>
            <numerusform>%n element</numerusform>
            <numerusform>%n elements</numerusform>
        </translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonTreeView</name>
    <message>
        <source>Search the JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search keys and values (Enter: next)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: too large for the tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveForwarder</name>
    <message>
        <source>forwarding was stopped before this capture was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not forwarded: %1 captures (%2 bytes) were already waiting for a slow target; retry it when the target keeps up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; not sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
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
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HAR files (*.har);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Captures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Captures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Session As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the captures to export first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Selected Captures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test delivery was not delivered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test delivery sent: the endpoint answered %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a capture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop Listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start Listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>   ·   %1 valid, %2 invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>   ·   %1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a capture first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied a curl command that sends capture %1 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start listening first (Endpoint &gt; Start Listening).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed with the test secret “hookbench-test-secret”; paste your own to check real deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response rules applied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body sha256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms from the first byte to the last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> · chunked, %n trailer(s)</source>
        <translation>
            <numerusform> · chunked, %n trailer</numerusform>
            <numerusform> · chunked, %n trailers</numerusform>
        </translation>
    </message>
    <message>
        <source>not answered (the connection closed first, or a rule closed it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>well-formed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a capture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 port %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, not text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
… (%1 in all)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PayloadReader</name>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected %1, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payload.date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an ISO 8601 date-time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown action &quot;%1&quot; (expected create, update or delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing (an update carries the changed fields)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 to %2 at %3, %4 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, re-signed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(%n byte(s) of binary data)</source>
        <translation>
            <numerusform>(%n byte of binary data)</numerusform>
            <numerusform>(%n bytes of binary data)</numerusform>
        </translation>
    </message>
    <message>
        <source>

(the first %1 of %2 bytes are kept)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplayAttempt</name>
    <message>
        <source> (not followed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplayAttemptsModel</name>
    <message>
        <source>forward </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-signed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplayClient</name>
    <message>
        <source>could not connect within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer was not complete within %1 s (%2 body bytes arrived)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected an http:// or https:// URL with a host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS is not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read a PEM certificate from the CA file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the receiver closed the connection before the request was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing listens on %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>canceled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplayController</name>
    <message>
        <source>a replay is running; cancel it or wait for it to finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>re-signing is on for %1 but no secret is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a target to replay to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capture %1 is no longer in the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a target to forward to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplayEditorDialog</name>
    <message>
        <source>Edit and replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(%n byte(s) that are not UTF-8 text: sent unchanged)</source>
        <translation>
            <numerusform>(%n byte that are not UTF-8 text: sent unchanged)</numerusform>
            <numerusform>(%n bytes that are not UTF-8 text: sent unchanged)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers, in the order they are sent (Host and Content-Length are set for the target):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>headers, line %1: expected &quot;Name: value&quot; with a name of letters, digits or !#$%&amp;&apos;*+-.^_`|~</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>headers, line %1: the value has a character that cannot be sent in a header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method: expected a word such as POST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON: valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-sign after editing (no signature scheme found in this request)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-sign (%1) after editing: set the target&apos;s secret first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-sign (%1) with the target&apos;s secret after editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplayErrors</name>
    <message>
        <source>no error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed mid-answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answer too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an HTTP answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forward queue full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>re-signing failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplayTarget</name>
    <message>
        <source>the URL needs a host, e.g. http://127.0.0.1:3000/hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the URL must start with http:// or https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the timeout must be positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>concurrency must be between 1 and 64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pacing speed must be positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type the URL to replay to, e.g. http://127.0.0.1:3000/hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only http:// and https:// URLs can be replayed to, not %1://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the URL has no host</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplayTargetsDialog</name>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-sign each request with this secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New message id (Standard Webhooks, Svix)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Append the original path and query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the original pacing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the target&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: value, one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>names, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detect from each capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in memory only, never saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>× speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates are not verified: anyone on the way can read and change what is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file trusted besides the system&apos;s (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add headers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password in the URL (https://user:password@host/) is used until Hookbench quits and is never saved, like the re-signing secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted certificates file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplayView</name>
    <message>
        <source>Targets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit and replay…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare with original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward new captures to this target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every new capture is forwarded to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attempt was not recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Replay %n captures</source>
        <translation>
            <numerusform>&amp;Replay %n captures</numerusform>
            <numerusform>&amp;Replay %n captures</numerusform>
        </translation>
    </message>
    <message>
        <source> (not verified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no target yet: add one with Targets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer of %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original answer (%1 at %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no other answer to compare with yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay finished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original answer (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer of the selected attempt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Replayer</name>
    <message>
        <source>%1 ok, %2 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (canceled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; not sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResponseParser</name>
    <message>
        <source>the answer announces %1 body bytes, more than the %2 read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer went on past %1 body bytes; stopped reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer&apos;s header section is larger than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid HTTP/1.x answer (%1: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the receiver closed the connection before the answer&apos;s headers were complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the receiver closed the connection after %1 of %2 body bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the receiver closed the connection in the middle of a chunked body (%1 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResponseRules</name>
    <message>
        <source>%1.%2: expected a whole number from %3 to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2: expected %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.headers: expected [[name, value], ...]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not JSON at byte %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object with &quot;default&quot; and &quot;rules&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rules: expected an array</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResponseRulesDialog</name>
    <message>
        <source>Response Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the endpoint answers: the first rule whose &lt;tt&gt;method&lt;/tt&gt; and &lt;tt&gt;path&lt;/tt&gt; match answers, else &lt;tt&gt;default&lt;/tt&gt;. Fields: status, headers, body (&lt;tt&gt;{id}&lt;/tt&gt; is the capture id), delayMs, failFirst, failEvery, failStatus, retryAfter, close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the default: 200 with a short JSON body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response rules (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchemaFieldsModel</name>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchemaView</name>
    <message>
        <source>&amp;Export JSON Schema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Firm App events in this session yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s)</source>
        <translation>
            <numerusform>%n field</numerusform>
            <numerusform>%n fields</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 fields: the rest are not tracked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no schema to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Schema (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretsPanel</name>
    <message>
        <source>Signature scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How signatures are checked: detected from each request&apos;s headers, or one scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detect scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generic HMAC profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A provider Hookbench has no scheme for. Keys: header, algorithm (sha1, sha256, sha512), encoding (hex, base64), prefix, template ({body} {timestamp} {id}), timestamp-header, id-header, tolerance (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generic profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label of secret %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label, e.g. old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name results use for this secret (optional); the value itself is never shown or saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing secret %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing secret: paste the webhook&apos;s secret to check every signature (kept in memory only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another secret, tried after the ones above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add another secret (key rotation): each one is tried in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secret %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Requests were refused with 503 because they could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Checked %n signature(s)</source>
        <translation>
            <numerusform>Checked %n signature</numerusform>
            <numerusform>Checked %n signatures</numerusform>
        </translation>
    </message>
    <message>
        <source>Signatures could not be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session store cannot be opened, so nothing can be captured: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidying the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No session could be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not capturing: %1. Choose another port with --port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on %1: other machines on your network can send requests here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not opened: %2</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Wait for the current file operation to finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1. The file on disk is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n capture(s) to %1</source>
        <translation>
            <numerusform>Saved %n capture to %1</numerusform>
            <numerusform>Saved %n captures to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n capture(s) to %1</source>
        <translation>
            <numerusform>Exported %n capture to %1</numerusform>
            <numerusform>Exported %n captures to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n capture(s)</source>
        <translation>
            <numerusform>Deleting %n capture</numerusform>
            <numerusform>Deleting %n captures</numerusform>
        </translation>
    </message>
    <message>
        <source>The captures could not be deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n capture(s)</source>
        <translation>
            <numerusform>Deleted %n capture</numerusform>
            <numerusform>Deleted %n captures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restoring %n capture(s)</source>
        <translation>
            <numerusform>Restoring %n capture</numerusform>
            <numerusform>Restoring %n captures</numerusform>
        </translation>
    </message>
    <message>
        <source>The deleted captures could not be restored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Restored %n capture(s)</source>
        <translation>
            <numerusform>Restored %n capture</numerusform>
            <numerusform>Restored %n captures</numerusform>
        </translation>
    </message>
    <message>
        <source>Removing deleted captures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not capturing: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionStore</name>
    <message>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was written by a newer Hookbench (store version %2; this one reads up to %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot prepare %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session is in use by another Hookbench window or listen command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session %1 is in use by another Hookbench window or listen command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1, so session %2 is not claimed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot lock %1, so session %2 is not claimed</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last Capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this session&apos;s captures in the window (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename this session (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this session and its captures (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current session: it is capturing now and cannot be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store holds %1 of its %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store holds %1 and has no size limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The oldest sessions are removed when the store is full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current session is in bold; it is never removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was not renamed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This frees %1 and cannot be undone. Save it as a HAR file first to keep a copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was not deleted: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShopifyScheme</name>
    <message>
        <source>no X-Shopify-Hmac-Sha256 header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no X-Shopify-Hmac-Sha256 header to replace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignatureForensics</name>
    <message>
        <source>the signature matches the payload serialized as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature matches the body re-serialized as %1: something in between re-serialized it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature matches the payload with its keys sorted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature matches the body with its keys sorted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: the key order changed after signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature matches the body without its trailing CRLF: a line ending was added after signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature matches the body without its trailing newline: one was added after signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature matches the body with a trailing newline: it was removed after signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature matches the body with LF line endings: they were changed to CRLF after signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature matches the body with CRLF line endings: they were changed to LF after signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature matches the body without its byte order mark: one was added after signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature matches the body with a UTF-8 byte order mark: it was removed after signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secret has surrounding whitespace or a newline (copy and paste?); it matches without</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider signs with the hex-decoded bytes of this secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider signs with the secret without its whsec_ prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider signs with the base64-decoded part after whsec_</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider signs with the whole whsec_ string; this secret lacks the prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider signs with the base64-decoded bytes of this secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider signs with this secret as text, not base64-decoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider signs with the hex form of this secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature matches except for the letter case of its hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value carries a &quot;%1&quot; prefix this scheme does not use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every object&apos;s keys are in sorted order: a relay probably re-serialized the body with sorted keys, so the signed bytes cannot be recovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secret does not produce this signature, and no common alteration of the body or secret explains it: most likely the wrong secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none of the %1 secrets produces this signature, and no common alteration of the body or secret explains it: most likely the wrong secret</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignatureReport</name>
    <message>
        <source>raw payload bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>re-serialized payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secret %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> … (%1 more bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the raw bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the re-serialization (JSON.stringify)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed bytes (%1): </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignatureScheme</name>
    <message>
        <source>Generic HMAC</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignatureSigner</name>
    <message>
        <source>no signature scheme recognised in this request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no secret to sign with</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignatureVerifier</name>
    <message>
        <source>%1 s old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s in the future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no signature scheme recognised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no secret is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value matches but lacks its &quot;%1&quot; prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature is right but its timestamp is %1 (tolerance %2 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid: matches JSON.stringify of the payload (secret &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid (secret &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signature does not match</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignatureView</name>
    <message>
        <source>Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signature in this request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No known signature scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body is not readable JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the secret above to check this signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exact bytes the signature is computed over appear here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed bytes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a capture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> &amp;nbsp;·&amp;nbsp; matched the raw bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> &amp;nbsp;·&amp;nbsp; matched the re-serialized payload (JSON.stringify), not the raw bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> &amp;nbsp;·&amp;nbsp; secret “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Likely cause: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;JSON error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received: %1&lt;br&gt;Expected: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Signed timestamp: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
… %1 in all; the rest is the body as received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlackScheme</name>
    <message>
        <source>no X-Slack-Signature header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no valid X-Slack-Request-Timestamp header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no X-Slack-Signature header to replace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StandardWebhooksScheme</name>
    <message>
        <source>no %1signature header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1id or %1timestamp header is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1timestamp header is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no v1 signature in %1signature (v1a is not supported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no %1 header to replace</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>&amp;Continue Last Session at Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When off, every start begins a new session; past sessions stay in File &gt; Sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old sessions could not be removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreMessages</name>
    <message>
        <source>the disk holding the session store is full (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session store cannot be written, check its folder&apos;s permissions (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session store cannot be opened (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session store is damaged or is not a Hookbench store (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session store is locked by another program (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session store refused the change (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session store failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StripeScheme</name>
    <message>
        <source>no Stripe-Signature header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Stripe-Signature header has no t= timestamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Stripe-Signature header has no v1= signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no Stripe-Signature header to replace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StructuralDiffModel</name>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the whole body)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TestDelivery</name>
    <message>
        <source>no answer from the endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the endpoint did not answer within 10 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineDialog</name>
    <message>
        <source>Timeline of %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>(deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>docUpdatedDate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known state after</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>The document&apos;s known state after the selected event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No document selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No session index</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 %2: %n event(s)</source>
        <translation>
            <numerusform>%1 %2: %n event</numerusform>
            <numerusform>%1 %2: %n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;New Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Into This Session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sess&amp;ions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing &amp;Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Endpoint &amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter Captures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Response Rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint &amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;Test Delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop Listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow New Captures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;chemas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mpare Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Hookbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;ndpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear Session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
