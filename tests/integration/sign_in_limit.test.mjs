// Repeated wrong passwords slow further attempts at the account with a delay that doubles up to a
// minute: the right password works again once the delay has passed, so no one can lock an account.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Browser, startServer } from './support.mjs';

let server;

before(async () => {
  server = await startServer({ tokensFor: [] });
});
after(() => server?.stop());

test('after repeated wrong passwords the next attempt waits (429 with Retry-After), then the right one works', async () => {
  const browser = new Browser(server);
  let response;
  for (let attempt = 1; attempt <= 6; attempt += 1) {
    response = await browser.signIn('pom', `wrong-${attempt}`);
    if (response.status === 429) break;
    assert.equal(response.status, 401, `attempt ${attempt}`);
  }
  const waiting = await browser.signIn('pom');
  assert.equal(waiting.status, 429);
  assert.match(waiting.text, /Too many failed attempts/);
  assert.ok(!waiting.setCookies.some((line) => line.startsWith('resettle_session=')), 'no session is given');
  const retryAfter = Number(waiting.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);

  await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 200));
  const back = await browser.signIn('pom');
  assert.equal(back.status, 303, 'the account is slowed, not locked');
});

test('the delay is per account: another member of staff signs in at once', async () => {
  const response = await new Browser(server).signIn('com');
  assert.equal(response.status, 303);
});

test('a few mistakes cost no delay', async () => {
  const browser = new Browser(server);
  for (let attempt = 1; attempt <= 3; attempt += 1) assert.equal((await browser.signIn('keyworker', 'wrong')).status, 401);
  assert.equal((await browser.signIn('keyworker')).status, 303);
});
