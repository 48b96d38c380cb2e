// Behind a trusted reverse proxy, the per-address sign-in limit counts the forwarded client address,
// so one client's guessing does not block everyone behind the proxy; a client cannot choose its
// address by sending X-Forwarded-For itself past an untrusted peer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Browser, cli, csrfToken, freshDatabase, serveDatabase } from './support.mjs';

let served;
let database;
const server = {};

before(async () => {
  database = await freshDatabase();
  assert.equal((await cli('demo', '--db', database.db)).code, 0);
  served = await serveDatabase(database.db, '--trusted-proxy', '127.0.0.1');
  server.baseUrl = served.baseUrl;
});
after(async () => {
  await served?.stop();
  await database?.drop();
});

async function attempt(forwardedFor, username, password) {
  const browser = new Browser(server);
  const page = await browser.get('/sign-in');
  return browser.post('/sign-in', { _csrf: csrfToken(page.text), username, password }, {
    headers: { 'X-Forwarded-For': forwardedFor },
  });
}

test('twenty failures from one forwarded address block that address only', async () => {
  for (let i = 0; i < 20; i += 1) {
    const response = await attempt('198.51.100.7, 127.0.0.1', `nobody${i}`, 'wrong');
    assert.equal(response.status, 401, `attempt ${i + 1}`);
  }
  const blocked = await attempt('198.51.100.7', 'pom', 'resettle-demo-password');
  assert.equal(blocked.status, 429);
  assert.match(blocked.text, /Wait 15 minutes/);
  const neighbour = await attempt('198.51.100.8', 'pom', 'resettle-demo-password');
  assert.equal(neighbour.status, 303, 'another client behind the proxy signs in');
});

test('a forged address to the left of the real one is not believed', async () => {
  const response = await attempt('203.0.113.1, 198.51.100.7', 'pom', 'resettle-demo-password');
  assert.equal(response.status, 429, 'the proxy-appended 198.51.100.7 is the client, not the forged 203.0.113.1');
});
