#!/usr/bin/env node
// SPDX-License-Identifier: MIT
//
// Writes Firm App signature vectors computed by Node itself: for each case, the exact body bytes, the
// secret, JSON.stringify(JSON.parse(body).payload) and its HMAC-SHA256 hex (what the Firm App signs,
// see tests/../shared reference "firm-app-webhooks.txt" and DESIGN.md decision 5).
//
//   node tests/vectors/generate-firm-vectors.js [OUT.json] [--seed N] [--count N]
//
// Deterministic for a given seed and count. Bodies are base64 so lone surrogate escapes, invalid UTF-8
// and every byte survive. The committed output is tests/data/signature/firm-vectors.json.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
let out = path.join(__dirname, '..', 'data', 'signature', 'firm-vectors.json');
let seed = 20241108;
let count = 2400;
for (let i = 0; i < args.length; ++i) {
    if (args[i] === '--seed') seed = Number(args[++i]);
    else if (args[i] === '--count') count = Number(args[++i]);
    else out = args[i];
}

// mulberry32: a small seeded PRNG, so the output never depends on Math.random.
function makeRandom(s) {
    let a = s >>> 0;
    return function () {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
const random = makeRandom(seed);
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];
const chance = (p) => random() < p;

// Each category raises the odds of one feature; every case mixes several.
const categories = [
    'compact', 'pretty2', 'tab', 'pretty4', 'ascii-escaped', 'reordered-keys', 'duplicate-keys',
    'array-index-keys', 'numbers', 'control-characters', 'emoji', 'line-separator', 'lone-surrogates',
    'invalid-utf8', 'nested', 'firm-sample', 'top-level-scalar', 'escaped-ascii',
];

const numberTexts = [
    '0', '-0', '-0.0', '0.0', '1', '-1', '1.0', '1.50', '100', '1e2', '1E2', '1e+2', '1e21', '1E21', '1e-7', '1e-6',
    '0.000001', '0.0000001', '123e-20', '5e-324', '2.5e-324', '2e-324', '1e-400', '-1e-400', '1e400', '-1e400',
    '1.7976931348623157e308', '1.7976931348623158e308', '1.7976931348623159e308', '2.2250738585072011e-308',
    '9007199254740993', '9007199254740992', '123456789012345678901234567890', '12345678901234567890',
    '123456789012345678901', '0.1', '0.30000000000000004', '4.35', '-1.5e-9', '1e0', '-0e-0', '1.0000000000000001',
    '999999999999999999999', '1e20', '1e-5', '0.00001234', '4294967295', '4294967296',
];

function randomNumberText() {
    if (chance(0.5)) return pick(numberTexts);
    switch (int(5)) {
    case 0: return String(int(1000000));
    case 1: return (chance(0.5) ? '-' : '') + String(int(100000)) + '.' + String(int(1000000)).padStart(6, '0');
    case 2: return (random() * Math.pow(10, int(40) - 20)).toPrecision(1 + int(17));
    case 3: return String(int(10)) + 'e' + (chance(0.5) ? '-' : '') + String(int(330));
    default: {
        let digits = String(1 + int(9));
        const n = int(30);
        for (let i = 0; i < n; ++i) digits += String(int(10));
        return digits;
    }
    }
}

const plainPieces = ['a', 'Sam Smith', 'user', 'ussampleuser1id', '2024-11-08T21:49:46.733Z', ' ', '/', '"', '\\',
    'key', 'x', 'Hello, World!', '\u007f', '<tag>', '&amp;', "'", 'café', 'naïve', 'Ünïcödé', '中文', 'русский',
    '\u00a0', '\ufeff', '\ufffd', '\u0301', 'עברית'];
const controlPieces = ['\n', '\r', '\t', '\b', '\f', '\u0000', '\u0001', '\u001f', '\u000b', '\u001b', '\r\n'];
const emojiPieces = ['😀', '👍🏽', '👨‍👩‍👧', '🇺🇸', '𝄞', '\u{10ffff}', '\u{1f600}'];
const separatorPieces = ['\u2028', '\u2029', 'a\u2028b'];
const lonePieces = ['\ud800', '\udbff', '\udc00', '\udfff', 'x\ud83d', '\ude00y', '\ude00\ud83d'];
const INVALID = '\ue000'; // replaced by invalid UTF-8 bytes after encoding

function randomString(category) {
    let s = '';
    const n = int(5);
    for (let i = 0; i < n; ++i) {
        const r = random();
        if (category === 'control-characters' && r < 0.4) s += pick(controlPieces);
        else if (category === 'emoji' && r < 0.4) s += pick(emojiPieces);
        else if (category === 'line-separator' && r < 0.4) s += pick(separatorPieces);
        else if (category === 'lone-surrogates' && r < 0.4) s += pick(lonePieces);
        else if (category === 'invalid-utf8' && r < 0.3) s += INVALID;
        else if (r < 0.05) s += pick(controlPieces);
        else if (r < 0.08) s += pick(emojiPieces);
        else if (r < 0.1) s += pick(lonePieces);
        else s += pick(plainPieces);
    }
    return s;
}

const indexKeys = ['0', '1', '2', '9', '10', '42', '100', '4294967294', '4294967295', '01', '-1', '1.0', ' 1', '1e3',
    '00', '18446744073709551616'];
const nameKeys = ['payload', 'date', 'events', 'action', 'schema', 'docId', 'docUpdatedDate', 'diff', 'name', 'a', 'b',
    'z', 'A', '_id', '__proto__', 'constructor', 'toString', 'é', '😀', '', 'key with space', 'a\nb', '\ud800'];

function randomKey(category) {
    if ((category === 'array-index-keys' && chance(0.5)) || chance(0.08)) return pick(indexKeys);
    if (chance(0.1)) return randomString(category);
    return pick(nameKeys);
}

// A tree keeps members exactly as they will be written, duplicates included.
function randomValue(category, depth) {
    const maxDepth = category === 'nested' ? 7 : 4;
    const r = random();
    if (depth < maxDepth && r < 0.3) {
        const members = [];
        const n = int(category === 'nested' ? 4 : 6);
        for (let i = 0; i < n; ++i) {
            let key = randomKey(category);
            if (members.length && (category === 'duplicate-keys' ? chance(0.4) : chance(0.05)))
                key = members[int(members.length)][0];
            members.push([key, randomValue(category, depth + 1)]);
        }
        return { t: 'object', members };
    }
    if (depth < maxDepth && r < 0.45) {
        const items = [];
        const n = int(5);
        for (let i = 0; i < n; ++i) items.push(randomValue(category, depth + 1));
        return { t: 'array', items };
    }
    if (r < 0.7) return { t: 'string', v: randomString(category) };
    if (r < 0.9 || category === 'numbers') return { t: 'number', text: randomNumberText() };
    return { t: 'literal', text: pick(['true', 'false', 'null']) };
}

function firmSample() {
    const event = (action, id, diff) => {
        const members = [['action', { t: 'string', v: action }], ['schema', { t: 'string', v: 'user' }],
            ['docId', { t: 'string', v: id }], ['docUpdatedDate', { t: 'string', v: '2024-11-08T21:49:46.733Z' }]];
        if (diff) members.push(['diff', { t: 'object', members: [['name', { t: 'string', v: diff }]] }]);
        return { t: 'object', members };
    };
    const events = [];
    const n = 1 + int(4);
    for (let i = 0; i < n; ++i)
        events.push(event(pick(['update', 'create', 'delete']), 'us' + int(1e9).toString(36), chance(0.5) ? randomString('emoji') : null));
    return { t: 'object', members: [['date', { t: 'string', v: '2024-11-08T21:49:46.733Z' }], ['events', { t: 'array', items: events }]] };
}

function hex4(unit, upper) {
    const h = unit.toString(16).padStart(4, '0');
    return '\\u' + (upper ? h.toUpperCase() : h);
}

// Writes a string token. Lone surrogates are always escaped (UTF-8 cannot carry them); controls must be.
function writeString(s, style) {
    let outText = '"';
    for (let i = 0; i < s.length; ++i) {
        const c = s.charCodeAt(i);
        const isHigh = c >= 0xd800 && c <= 0xdbff;
        const isLow = c >= 0xdc00 && c <= 0xdfff;
        const paired = isHigh && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
        if (c === 0x22) outText += '\\"';
        else if (c === 0x5c) outText += '\\\\';
        else if (c === 0x2f && style.escapeSlash) outText += '\\/';
        else if (c < 0x20) {
            const short = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' }[c];
            outText += short && !style.longControls ? short : hex4(c, style.upperHex);
        } else if ((isHigh && !paired) || isLow) outText += hex4(c, style.upperHex);
        else if (c > 0x7e && style.ascii) {
            outText += hex4(c, style.upperHex);
            if (paired) outText += hex4(s.charCodeAt(++i), style.upperHex);
        } else if (c < 0x7f && style.escapeAscii && chance(0.2)) outText += hex4(c, style.upperHex);
        else if (paired) {
            outText += s[i] + s[i + 1];
            ++i;
        } else outText += s[i];
    }
    return outText + '"';
}

function write(value, style, depth) {
    const nl = style.indent ? '\n' + style.indent.repeat(depth + 1) : '';
    const end = style.indent ? '\n' + style.indent.repeat(depth) : '';
    switch (value.t) {
    case 'object':
        if (!value.members.length) return '{}';
        return '{' + value.members.map(([k, v]) => nl + writeString(k, style) + style.colon + write(v, style, depth + 1))
            .join(style.comma) + end + '}';
    case 'array':
        if (!value.items.length) return '[]';
        return '[' + value.items.map((v) => nl + write(v, style, depth + 1)).join(style.comma) + end + ']';
    case 'string': return writeString(value.v, style);
    case 'number': return value.text;
    default: return value.text;
    }
}

function styleFor(category) {
    const style = { indent: '', colon: ':', comma: ',', ascii: false, upperHex: chance(0.3), escapeSlash: chance(0.1),
        longControls: chance(0.2), escapeAscii: false };
    if (category === 'pretty2') style.indent = '  ';
    else if (category === 'tab') style.indent = '\t';
    else if (category === 'pretty4') style.indent = '    ';
    else if (category === 'ascii-escaped') style.ascii = true;
    else if (category === 'escaped-ascii') style.escapeAscii = true;
    else if (chance(0.2)) style.indent = pick(['  ', '\t', ' ']);
    if (style.indent) style.colon = ': ';
    else if (chance(0.15)) {
        style.colon = ': ';
        style.comma = ', ';
    }
    if (chance(0.1)) style.ascii = true;
    return style;
}

const invalidSequences = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0x80],
    [0xf0, 0x9f, 0x98]];

function encode(text) {
    const bytes = Buffer.from(text, 'utf8');
    const marker = Buffer.from(INVALID, 'utf8');
    const parts = [];
    let from = 0;
    for (let at = bytes.indexOf(marker); at >= 0; at = bytes.indexOf(marker, from)) {
        parts.push(bytes.subarray(from, at), Buffer.from(pick(invalidSequences)));
        from = at + marker.length;
    }
    parts.push(bytes.subarray(from));
    return Buffer.concat(parts);
}

function randomSecret() {
    switch (int(4)) {
    case 0: return crypto.createHash('sha256').update(String(random())).digest('hex');
    case 1: return 'a'.repeat(64);
    case 2: return 'whsec_' + Buffer.from(String(random())).toString('base64');
    default: return 'sécret-' + int(1e6) + ' 🔑';
    }
}

const cases = [];
for (let i = 0; i < count; ++i) {
    const category = categories[i % categories.length];
    let payload;
    if (category === 'firm-sample') payload = firmSample();
    else if (category === 'top-level-scalar') payload = randomValue(category, 99);
    else {
        const members = [];
        const n = 1 + int(6);
        for (let k = 0; k < n; ++k) members.push([randomKey(category), randomValue(category, 1)]);
        if (category === 'reordered-keys') {
            members.push(['10', { t: 'number', text: '1' }], ['2', { t: 'number', text: '2' }]);
            members.reverse();
        }
        payload = { t: 'object', members };
    }
    const style = styleFor(category);
    const secret = randomSecret();
    const payloadText = write(payload, style, 1);
    const payloadBytes = encode(payloadText);
    const stringified = JSON.stringify(JSON.parse(payloadBytes.toString('utf8')));
    const signature = crypto.createHmac('sha256', secret).update(stringified).digest('hex');
    const nl = style.indent ? '\n' + style.indent : '';
    const end = style.indent ? '\n' : '';
    const signatureMember = nl + writeString('signature', style) + style.colon + '"' + signature + '"';
    const payloadKey = nl + writeString('payload', style) + style.colon;
    const signatureFirst = chance(0.2);
    const body = Buffer.concat([
        Buffer.from('{' + (signatureFirst ? signatureMember + style.comma : '') + payloadKey, 'utf8'), payloadBytes,
        Buffer.from((signatureFirst ? '' : style.comma + signatureMember) + end + '}', 'utf8')]);

    // The body as an Express app sees it: decoded as UTF-8, then JSON.parse.
    const parsed = JSON.parse(body.toString('utf8'));
    const expected = JSON.stringify(parsed.payload);
    if (expected !== stringified || parsed.signature !== signature) throw new Error('case ' + i + ' is inconsistent');
    // Whether the payload's raw bytes alone already are what JSON.stringify gives.
    const rawMatches = payloadBytes.equals(Buffer.from(expected, 'utf8'));

    cases.push({
        name: `${i}-${category}`,
        body: body.toString('base64'),
        secret,
        stringified: Buffer.from(expected, 'utf8').toString('base64'),
        signature,
        rawMatches,
    });
}

const document = {
    description: 'Firm App signatures computed by Node: HMAC-SHA256 hex of JSON.stringify(JSON.parse(body).payload)',
    generator: 'tests/vectors/generate-firm-vectors.js',
    seed,
    count,
    cases,
};
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(document, null, 1) + '\n');
console.log(`wrote ${cases.length} cases to ${out}`);
