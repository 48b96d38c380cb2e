// Accounts like a real service, over HTTP: two-factor sign-in (enrolment and codes), sign-in delays
// that do not lock the owner out, a trusted proxy's forwarded address, signing out everywhere,
// admins deactivating accounts and resetting passwords, and scoped, revocable API tokens.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { Browser, api, binary, cli, csrfToken, startServer, uniquePerson } from './support.mjs';
import { freshCode, totpCode, totpStep } from './totp.mjs';

let server;

before(async () => {
  server = await startServer({ tokensFor: ['admin'] });
});
after(() => server?.stop());

async function signedIn(username) {
  const browser = new Browser(server);
  const response = await browser.signIn(username);
  assert.equal(response.status, 303, response.text);
  assert.equal(response.headers.get('location'), '/caseload');
  return browser;
}

async function passwordStep(browser, username, password = 'resettle-demo-password') {
  const page = await browser.get('/sign-in');
  return browser.post('/sign-in', { _csrf: csrfToken(page.text), username, password });
}

// A new account made with the command line, as an operator would: the password on standard input.
async function addAccount(username, role, password = 'lantern otter harbour') {
  const child = spawn(binary, ['users', 'add', '--db', server.db, '--username', username, '--name', `Test ${username}`, '--role', role]);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(`${password}\n`);
  const code = await new Promise((resolve) => child.once('exit', resolve));
  return { added: { code, stderr }, password };
}

describe('two-factor sign-in', () => {
  test('a manager gives a code after the password; a wrong one is refused and opens nothing', async () => {
    const browser = new Browser(server);
    const password = await passwordStep(browser, 'manager');
    assert.equal(password.status, 303);
    assert.equal(password.headers.get('location'), '/sign-in/code');
    assert.equal((await browser.get('/caseload')).headers.get('location'), '/sign-in', 'no page before the code');
    const form = await browser.get('/sign-in/code');
    assert.equal(form.status, 200);
    assert.match(form.text, /Enter your sign-in code/);
    const wrong = await browser.post('/sign-in/code', { _csrf: csrfToken(form.text), code: '12345' });
    assert.equal(wrong.status, 401);
    assert.match(wrong.text, /govuk-error-summary/);
    const right = await browser.giveCode('manager', { remember: false });
    assert.equal(right.status, 303);
    assert.equal(right.headers.get('location'), '/caseload');
    assert.equal((await browser.get('/caseload')).status, 200);
  });

  test('a code is accepted once only', async () => {
    const first = new Browser(server);
    await passwordStep(first, 'admin');
    const code = await freshCode(`${server.baseUrl} admin`);
    const form = await first.get('/sign-in/code');
    assert.equal((await first.post('/sign-in/code', { _csrf: csrfToken(form.text), code })).status, 303);
    const second = new Browser(server);
    await passwordStep(second, 'admin');
    const again = await second.get('/sign-in/code');
    assert.equal((await second.post('/sign-in/code', { _csrf: csrfToken(again.text), code })).status, 401);
  });

  test('a new admin must set up an authenticator app: the page shows the key and a QR code', async () => {
    const { added, password } = await addAccount('newadmin', 'admin');
    assert.equal(added.code, 0, added.stderr);
    const browser = new Browser(server);
    const step = await passwordStep(browser, 'newadmin', password);
    assert.equal(step.headers.get('location'), '/sign-in/code');
    const page = await browser.get('/sign-in/code');
    assert.match(page.text, /Set up two-factor sign-in/);
    assert.match(page.text, /<svg class="app-qr-code"[^>]*role="img"/);
    const key = page.text.match(/<code class="app-totp-key">([A-Z2-7 ]+)<\/code>/)[1].replaceAll(' ', '');
    assert.equal(key.length, 32);
    const done = await browser.post('/sign-in/code', { _csrf: csrfToken(page.text), code: totpCode(key, totpStep()) });
    assert.equal(done.status, 303, done.text);
    assert.equal((await browser.get('/admin/accounts')).status, 200);
  });

  test('a pom signs in with a password alone', async () => {
    await signedIn('pom');
  });
});

describe('sign-in delays', () => {
  test('repeated failures make the next attempt wait (429, Retry-After), but not from the owner\'s own browser', async () => {
    const owner = await signedIn('prerelease');  // this browser is now known for the account
    const attacker = new Browser(server);
    let last;
    for (let attempt = 1; attempt <= 6; attempt += 1) last = await attacker.signIn('prerelease', `wrong-${attempt}`);
    assert.equal(last.status, 429);
    assert.match(last.text, /Too many failed attempts. Wait \d+ seconds?/);
    assert.ok(Number(last.headers.get('retry-after')) >= 1);
    assert.ok(!last.setCookies.some((line) => line.startsWith('resettle_session=')), 'no session is given');

    await owner.post('/sign-out', { _csrf: csrfToken((await owner.get('/caseload')).text) });
    const back = await owner.signIn('prerelease');
    assert.equal(back.status, 303, 'the owner is not locked out');
  });

  test('other accounts are not delayed', async () => {
    await signedIn('keyworker');
  });
});

describe('signing out everywhere', () => {
  test('ends every session of the account and no other', async () => {
    const laptop = await signedIn('com');
    const desktop = await signedIn('com');
    const other = await signedIn('pom');
    const account = await laptop.get('/account');
    assert.equal(account.status, 200);
    assert.match(account.text, /Sign out of every device/);
    const out = await laptop.post('/sign-out/everywhere', { _csrf: csrfToken(account.text) });
    assert.equal(out.status, 303);
    assert.equal((await desktop.get('/caseload')).headers.get('location'), '/sign-in');
    assert.equal((await laptop.get('/caseload')).headers.get('location'), '/sign-in');
    assert.equal((await other.get('/caseload')).status, 200);
  });
});

// The admin page of the account with this username, found from the accounts list.
async function accountPage(admin, username) {
  const list = await admin.get('/admin/accounts');
  const row = list.text.split('<tr class="govuk-table__row">').find((part) => part.includes(`>${username}</td>`));
  assert.ok(row, `${username} is listed`);
  const href = row.match(/href="(\/admin\/accounts\/\d+)"/)[1];
  return { href, page: await admin.get(href) };
}

describe('admins manage accounts', () => {
  test('only admins see the accounts pages', async () => {
    const pom = await signedIn('pom');
    assert.equal((await pom.get('/admin/accounts')).status, 403);
    const admin = await signedIn('admin');
    const list = await admin.get('/admin/accounts');
    assert.equal(list.status, 200);
    assert.match(list.text, /pom2/);
  });

  test('deactivating ends the sessions and tokens at once; reactivating lets them sign in again', async () => {
    const member = await signedIn('pom2');
    const token = (await cli('users', 'token', '--db', server.db, '--username', 'pom2', '--label', 'test')).stdout.trim();
    assert.equal((await api(server, 'GET', '/api/v1/people', { token })).status, 200);

    const admin = await signedIn('admin');
    const { href: accountHref, page } = await accountPage(admin, 'pom2');
    const deactivated = await admin.post(`${accountHref}/deactivate`, { _csrf: csrfToken(page.text) });
    assert.equal(deactivated.status, 303);
    assert.equal((await member.get('/caseload')).headers.get('location'), '/sign-in');
    assert.equal((await api(server, 'GET', '/api/v1/people', { token })).status, 401);
    assert.equal((await new Browser(server).signIn('pom2')).status, 401);

    const reactivated = await admin.post(`${accountHref}/reactivate`, { _csrf: csrfToken(page.text) });
    assert.equal(reactivated.status, 303);
    await signedIn('pom2');
    assert.equal((await api(server, 'GET', '/api/v1/people', { token })).status, 401, 'tokens stay revoked');
  });

  test('a reset password must be strong; once set, the old one no longer works', async () => {
    const admin = await signedIn('admin');
    const target = await accountPage(admin, 'pom3');
    const weak = await admin.post(`${target.href}/password`, { _csrf: csrfToken(target.page.text), new_password: 'Password123!' });
    assert.equal(weak.status, 422);
    assert.match(weak.text, /govuk-error-summary/);
    assert.doesNotMatch(weak.text, /Password123!/, 'the password is not echoed');
    const strong = await admin.post(`${target.href}/password`, {
      _csrf: csrfToken(target.page.text),
      new_password: 'granite swallow meadow',
    });
    assert.equal(strong.status, 303);
    assert.equal((await new Browser(server).signIn('pom3')).status, 401);
    assert.equal((await new Browser(server).signIn('pom3', 'granite swallow meadow')).status, 303);
  });
});

describe('API tokens', () => {
  test('a read token reads but is refused writes with 403 problem+json', async () => {
    const issued = await cli('users', 'token', '--db', server.db, '--username', 'pom', '--label', 'reader');
    assert.equal(issued.code, 0, issued.stderr);
    assert.match(issued.stderr, /\(read\) expires at \d{4}-\d\d-\d\dT/);
    const token = issued.stdout.trim();
    assert.equal((await api(server, 'GET', '/api/v1/people', { token })).status, 200);
    const refused = await api(server, 'POST', '/api/v1/people', { token, body: uniquePerson() });
    assert.equal(refused.status, 403);
    assert.match(refused.headers.get('content-type'), /^application\/problem\+json/);
    assert.match(refused.json.detail, /only read/);
  });

  test('a revoked token is refused at once', async () => {
    const issued = await cli('users', 'token', '--db', server.db, '--username', 'pom', '--label', 'short', '--scope', 'write', '--days', '1');
    const token = issued.stdout.trim();
    const id = issued.stderr.match(/API token (\d+)/)[1];
    assert.equal((await api(server, 'GET', '/api/v1/people', { token })).status, 200);
    const revoked = await cli('users', 'revoke-token', '--db', server.db, '--id', id);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal((await api(server, 'GET', '/api/v1/people', { token })).status, 401);
  });

  test('bad token options name the option', async () => {
    const scope = await cli('users', 'token', '--db', server.db, '--username', 'pom', '--label', 'x', '--scope', 'admin');
    assert.equal(scope.code, 1);
    assert.match(scope.stderr, /--scope must be read or write/);
    const days = await cli('users', 'token', '--db', server.db, '--username', 'pom', '--label', 'x', '--days', '1000');
    assert.equal(days.code, 1);
    assert.match(days.stderr, /days: must be from 1 to 366/);
  });
});
