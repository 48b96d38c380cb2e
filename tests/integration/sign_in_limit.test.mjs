// Repeated wrong passwords lock a username out for a while, even against the right password.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Browser, startServer } from './support.mjs';

let server;

before(async () => {
  server = await startServer({ tokensFor: [] });
});
after(() => server?.stop());

test('after 5 wrong passwords the 6th attempt is refused (429), even with the right password', async () => {
  const browser = new Browser(server);
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const response = await browser.signIn('pom', `wrong-${attempt}`);
    assert.equal(response.status, 401, `attempt ${attempt}`);
  }
  const locked = await browser.signIn('pom');
  assert.equal(locked.status, 429);
  assert.match(locked.text, /Too many failed attempts/);
  assert.ok(!locked.setCookies.some((line) => line.startsWith('resettle_session=')), 'no session is given');
});

test('the lock is per username: another member of staff can still sign in', async () => {
  const response = await new Browser(server).signIn('com');
  assert.equal(response.status, 303);
});

test('fewer than 5 failures do not lock the username', async () => {
  const browser = new Browser(server);
  for (let attempt = 1; attempt <= 4; attempt += 1) assert.equal((await browser.signIn('keyworker', 'wrong')).status, 401);
  assert.equal((await browser.signIn('keyworker')).status, 303);
});
