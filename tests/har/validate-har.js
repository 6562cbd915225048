#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Checks HAR files against the HAR 1.2 JSON schema with the har-validator package.
// Usage: node validate-har.js FILE...   Exit 0 when every file is valid; errors go to stdout as JSON.
'use strict';
const fs = require('fs');
const path = require('path');
const validator = require(path.join(__dirname, 'node_modules', 'har-validator'));

async function main() {
    let failed = 0;
    for (const file of process.argv.slice(2)) {
        let data;
        try {
            data = JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch (e) {
            console.log(JSON.stringify({file, errors: [String(e)]}));
            ++failed;
            continue;
        }
        try {
            await validator.har(data);
            console.log(JSON.stringify({file, valid: true}));
        } catch (e) {
            console.log(JSON.stringify({file, errors: e.errors || [String(e)]}, null, 1));
            ++failed;
        }
    }
    process.exit(failed ? 1 : 0);
}
main();
