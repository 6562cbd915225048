#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Records tests/data/har/chromium-recorded.har with a real headless Chromium (through playwright-core's
// recordHar): a page on a local server POSTs JSON, a binary body (bytes 0..255), a urlencoded form and
// a PUT with text, then the HAR is written when the context closes.
// Usage: node record-chromium-har.js [OUT.har]   (needs /usr/bin/chromium: apt-get install chromium)
'use strict';
const http = require('http');
const path = require('path');
const fs = require('fs');
const { chromium } = require(path.join(__dirname, 'node_modules', 'playwright-core'));

const out = process.argv[2] || path.join(__dirname, '..', 'data', 'har', 'chromium-recorded.har');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

const page = `<!doctype html><meta charset="utf-8"><title>post</title><script>
async function run() {
  await fetch('/hooks/json?source=chromium', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Trace': 'a' },
    body: JSON.stringify({ event: 'invoice.paid', amount: 1999, note: 'h\u00e9llo \u20ac' }) });
  const bytes = new Uint8Array(256); for (let i = 0; i < 256; ++i) bytes[i] = i;
  await fetch('/hooks/binary', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes });
  await fetch('/hooks/form', { method: 'POST', body: new URLSearchParams({ name: 'J\u00fcrgen & Co', q: 'a+b c' }) });
  await fetch('/hooks/text', { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: 'plain text body' });
  document.title = 'done';
}
run();
</script>`;

const received = [];
const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
        if (req.url === '/') {
            res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
            res.end(page);
            return;
        }
        received.push({ method: req.method, url: req.url, bytes: Buffer.concat(chunks).length });
        res.writeHead(204);
        res.end();
    });
});

server.listen(0, '127.0.0.1', async () => {
    const port = server.address().port;
    const browser = await chromium.launch({
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
               '--disable-sync', '--no-first-run'],
    });
    try {
        const context = await browser.newContext({ recordHar: { path: out, content: 'embed' } });
        const tab = await context.newPage();
        await tab.goto(`http://127.0.0.1:${port}/`);
        await tab.waitForFunction(() => document.title === 'done', null, { timeout: 30000 });
        await context.close(); // writes the HAR
        console.log(`recorded ${out}; the server received ${JSON.stringify(received)}`);
    } finally {
        await browser.close();
        server.close();
    }
});
