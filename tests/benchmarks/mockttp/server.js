// SPDX-License-Identifier: MIT
// mockttp answering 200 to any request, as HTTP Toolkit's engine does with a catch-all rule; requests are
// kept in memory (mockttp's default). Prints "ready" once listening.  node server.js PORT
const mockttp = require('mockttp');

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error('usage: node server.js PORT');
    process.exit(2);
}

const server = mockttp.getLocal();
let stopping = false;

async function stop() {
    if (stopping)
        return;
    stopping = true;
    await server.stop();
    process.exit(0);
}

(async () => {
    await server.forAnyRequest().thenReply(200, 'ok');
    await server.start(port);
    console.log('ready');
})().catch((error) => {
    console.error(error);
    process.exit(1);
});

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
