// The server stays reachable while clients hold connections open: more idle connections than its
// limit, or many from one address. A new client gets an answer within a second (the page, or a
// quick 503) and full service once the others let go.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { after, describe, it } from 'node:test';

import { startServer } from './support.mjs';

// Opens `count` connections from `from` (a loopback address) that never send a byte.
async function holdIdle(server, count, from = '127.0.0.1') {
  const { port } = new URL(server.baseUrl);
  const sockets = [];
  for (let i = 0; i < count; i += 1) {
    const socket = net.connect({ host: '127.0.0.1', port: Number(port), localAddress: from });
    socket.on('error', () => {});  // refused ones are closed by the server: expected
    sockets.push(socket);
    await new Promise((resolve) => socket.once('connect', resolve).once('close', resolve));
  }
  return sockets;
}

// One GET on a new connection from `from`: its status, headers text and how long it took. Fails
// after 5 s rather than hanging the run.
function getOnce(server, target, from = '127.0.0.1') {
  const { port } = new URL(server.baseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: Number(port), localAddress: from });
    let received = '';
    socket.setTimeout(5000, () => socket.destroy(new Error(`no answer to ${target} within 5 s`)));
    socket.on('connect', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`));
    socket.on('data', (chunk) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(received.slice(9, 12));
      if (!status) return reject(new Error(`no status line: ${JSON.stringify(received.slice(0, 80))}`));
      resolve({ status, head: received.slice(0, received.indexOf('\r\n\r\n')), ms: performance.now() - started });
    });
  });
}

// A page or a quick 503, either way within a second; a 503 carries the security headers.
function assertAnsweredQuickly(answer) {
  assert.ok(answer.ms < 1000, `answered in ${Math.round(answer.ms)} ms`);
  assert.ok([200, 503].includes(answer.status), `status ${answer.status}`);
  if (answer.status === 503) {
    assert.match(answer.head, /\r\nRetry-After: 1\r\n/i);
    assert.match(answer.head, /\r\nContent-Security-Policy: /i);
    assert.match(answer.head, /\r\nX-Frame-Options: DENY\r\n/i);
  }
}

// Full service: /health answers 200 within a few seconds of the idle clients closing.
async function assertServedAgain(server, from) {
  let answer;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    answer = await getOnce(server, '/health', from);
    if (answer.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(answer.status, 200, 'served again once the idle connections closed');
}

function closeAll(sockets) {
  for (const socket of sockets) socket.destroy();
}

describe('more idle connections than the server allows', () => {
  let server;
  after(() => server?.stop());

  it('answers a new client within a second and serves fully once they close', async () => {
    server = await startServer({ tokensFor: [], serveArgs: ['--max-connections', '20'] });
    const idle = await holdIdle(server, 30);
    try {
      const answer = await getOnce(server, '/health');
      assertAnsweredQuickly(answer);
      assert.equal(answer.status, 503, 'every place is taken by an idle client');
    } finally {
      closeAll(idle);
    }
    await assertServedAgain(server);
  });
});

describe('many idle connections from one address', () => {
  let server;
  after(() => server?.stop());

  it('refuse that address only, and serve every other client', async () => {
    server = await startServer({ tokensFor: [], serveArgs: ['--max-connections-per-address', '10'] });
    const idle = await holdIdle(server, 15, '127.0.0.2');
    try {
      const other = await getOnce(server, '/health', '127.0.0.1');
      assert.equal(other.status, 200);
      assert.ok(other.ms < 1000, `answered in ${Math.round(other.ms)} ms`);
      const same = await getOnce(server, '/health', '127.0.0.2');
      assertAnsweredQuickly(same);
      assert.equal(same.status, 503);
    } finally {
      closeAll(idle);
    }
    await assertServedAgain(server, '127.0.0.2');
  });
});

// CPU time (user and system, in clock ticks) the process has used so far.
function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

describe('out of file descriptors', () => {
  let server;
  after(() => server?.stop());

  it('answers a new client with a quick 503 instead of spinning, and serves fully once they close', async () => {
    // Fewer descriptors than the connection limit allows, so accepting runs out of descriptors first.
    server = await startServer({
      tokensFor: [],
      launcher: ['prlimit', '--nofile=128:128', '--'],
      serveArgs: ['--max-connections', '1000', '--max-connections-per-address', '1000'],
    });
    const idle = await holdIdle(server, 160);
    try {
      const answers = [];
      for (let i = 0; i < 5; i += 1) answers.push(await getOnce(server, '/health'));
      for (const answer of answers) assertAnsweredQuickly(answer);
      assert.ok(answers.some((answer) => answer.status === 503), 'some new client was refused while descriptors ran out');
      // A second with every descriptor in use and a client waiting: a busy accept loop would burn a
      // whole core (100 ticks a second); waiting between attempts costs almost nothing.
      const waiting = holdIdle(server, 1);
      const before = cpuTicks(server.pid);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const ticks = cpuTicks(server.pid) - before;
      idle.push(...(await waiting));
      assert.ok(ticks < 30, `the server used ${ticks} ticks of CPU in a second while out of descriptors`);
    } finally {
      closeAll(idle);
    }
    await assertServedAgain(server);
  });
});
