// SPDX-License-Identifier: MIT
// Verifies one received request with the provider's own library (or, where none is small and official, the
// provider's documented Node crypto lines). Independent of Hookbench's code.
//   SECRET=... node verify.js SCHEME REQUEST.json [GENERIC_SPEC]
// REQUEST.json: {"headers": [[name, value], ...], "bodyBase64": "..."}. Exit 0 valid, 1 invalid, 2 usage.
'use strict';
const crypto = require('crypto');
const fs = require('fs');

const [scheme, requestFile, genericSpec] = process.argv.slice(2);
const secret = process.env.SECRET;
if (!scheme || !requestFile || !secret) {
    console.error('usage: SECRET=... node verify.js SCHEME REQUEST.json [GENERIC_SPEC]');
    process.exit(2);
}
const request = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
const body = Buffer.from(request.bodyBase64, 'base64');
const headers = {};
for (const [name, value] of request.headers) {
    const key = name.toLowerCase();
    if (!(key in headers))
        headers[key] = value;
}

function equal(a, b) {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && crypto.timingSafeEqual(x, y);
}

async function verify() {
    switch (scheme) {
    case 'stripe': {
        // https://docs.stripe.com/webhooks#verify-official-libraries
        const stripe = require('stripe')('sk_test_unused');
        stripe.webhooks.constructEvent(body, headers['stripe-signature'], secret);
        return true;
    }
    case 'standard_webhooks': {
        // https://github.com/standard-webhooks/standard-webhooks/tree/main/libraries/javascript
        const { Webhook } = require('standardwebhooks');
        new Webhook(secret.replace(/^whsec_/, '')).verify(body.toString('utf8'), headers);
        return true;
    }
    case 'svix': {
        // https://docs.svix.com/receiving/verifying-payloads/how
        const { Webhook } = require('svix');
        new Webhook(secret).verify(body.toString('utf8'), headers);
        return true;
    }
    case 'github': {
        // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
        const { verify } = await import('@octokit/webhooks-methods');
        return verify(secret, body.toString('utf8'), headers['x-hub-signature-256']);
    }
    case 'shopify': {
        // https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook
        const digest = crypto.createHmac('sha256', secret).update(body).digest('base64');
        return equal(digest, headers['x-shopify-hmac-sha256'] || '');
    }
    case 'slack': {
        // https://api.slack.com/authentication/verifying-requests-from-slack
        const timestamp = headers['x-slack-request-timestamp'];
        if (Math.abs(Math.floor(Date.now() / 1000) - Number(timestamp)) > 60 * 5)
            return false;
        const base = `v0:${timestamp}:${body.toString('utf8')}`;
        const mine = 'v0=' + crypto.createHmac('sha256', secret).update(base).digest('hex');
        return equal(mine, headers['x-slack-signature'] || '');
    }
    case 'generic': {
        // The profile as Hookbench writes it: header=...;algorithm=...;encoding=...;prefix=...;template=...
        const profile = {};
        for (const part of (genericSpec || '').split(';')) {
            const eq = part.indexOf('=');
            if (eq > 0)
                profile[part.slice(0, eq)] = part.slice(eq + 1);
        }
        const timestamp = profile['timestamp-header'] ? headers[profile['timestamp-header'].toLowerCase()] : '';
        const id = profile['id-header'] ? headers[profile['id-header'].toLowerCase()] : '';
        const template = profile.template || '{body}';
        const at = template.indexOf('{body}');
        const fill = (text) => text.split('{timestamp}').join(timestamp || '').split('{id}').join(id || '');
        const hmac = crypto.createHmac(profile.algorithm || 'sha256', secret);
        if (at < 0) {
            hmac.update(fill(template));
        } else {
            hmac.update(fill(template.slice(0, at)));
            hmac.update(body);
            hmac.update(fill(template.slice(at + 6)));
        }
        const value = (profile.prefix || '') + hmac.digest(profile.encoding === 'base64' ? 'base64' : 'hex');
        return equal(value, headers[(profile.header || 'x-signature').toLowerCase()] || '');
    }
    default:
        console.error(`unknown scheme ${scheme}`);
        process.exit(2);
    }
}

verify().then((valid) => {
    console.log(valid ? 'valid' : 'invalid');
    process.exit(valid ? 0 : 1);
}, (error) => {
    console.log(`invalid: ${error.message}`);
    process.exit(1);
});
