// SPDX-License-Identifier: MIT
// A Firm App webhook receiver as the Firm App documents it (reference/firm-app-webhooks.txt, "Verifying
// the signature in NodeJS/Express"): 200 when the signature is valid, 401 when not.
//   FIRM_SECRET=... node firm-app-server.js      prints the port it listens on (127.0.0.1)
'use strict';
const crypto = require('crypto');
const express = require('express');

const secret = process.env.FIRM_SECRET;
if (!secret) {
    console.error('FIRM_SECRET is not set');
    process.exit(2);
}
const app = express();
app.use(express.json({ limit: '64mb' }));
app.post(/.*/, (req, res) => {
    // The documented lines:
    const signature = crypto.createHmac('sha256', secret)
          .update(JSON.stringify(req.body.payload))
          .digest('hex');
    const isValid = signature === req.body.signature;
    res.status(isValid ? 200 : 401).send(isValid ? 'valid' : 'invalid');
});
const server = app.listen(0, '127.0.0.1', () => {
    console.log(server.address().port);
});
process.stdin.on('end', () => process.exit(0)); // ends with the test that started it
process.stdin.resume();
