// Signing in and out at a browser, CSRF protection of forms and of API calls made with a
// session, and the security headers on pages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Browser, api, csrfToken, demoPassword, demoUsers, startServer, uniquePerson } from './support.mjs';

let server;

before(async () => {
  server = await startServer({ tokensFor: ['admin'] });
});
after(() => server?.stop());

function cookieNamed(setCookies, name) {
  return setCookies.find((line) => line.startsWith(`${name}=`));
}

async function signedIn(username = 'manager') {
  const browser = new Browser(server);
  const response = await browser.signIn(username);
  assert.equal(response.status, 303, response.text);
  return browser;
}

async function peopleNamed(familyName) {
  const found = await api(server, 'GET', `/api/v1/people?q=${encodeURIComponent(familyName)}`, { token: server.tokens.admin });
  assert.equal(found.status, 200);
  return found.json.items;
}

describe('signing in', () => {
  test('the demo prints every demo sign-in', () => {
    for (const username of demoUsers) assert.match(server.demoOutput, new RegExp(`^\\s+${username}\\s`, 'm'));
    assert.match(server.demoOutput, new RegExp(demoPassword));
  });

  test('the sign-in page has a form with a hidden _csrf field and sets a sign-in cookie', async () => {
    const browser = new Browser(server);
    const page = await browser.get('/sign-in');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type'), /^text\/html/);
    assert.match(page.text, /<form method="post" action="\/sign-in"/);
    const token = csrfToken(page.text);
    assert.ok(token.length >= 16, 'the CSRF token is long enough not to be guessed');
    const cookie = cookieNamed(page.setCookies, 'resettle_sign_in');
    assert.ok(cookie, `no sign-in cookie in ${page.setCookies}`);
    assert.match(cookie, /HttpOnly/i);
    assert.equal(browser.cookies.get('resettle_sign_in'), token);
  });

  test('correct details redirect (303) to /caseload with a secure session cookie', async () => {
    const browser = new Browser(server);
    const response = await browser.signIn('manager');
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/caseload');
    const cookie = cookieNamed(response.setCookies, 'resettle_session');
    assert.ok(cookie, `no session cookie in ${response.setCookies}`);
    assert.match(cookie, /;\s*HttpOnly/i);
    assert.match(cookie, /;\s*Secure/i);
    assert.match(cookie, /;\s*SameSite=(Lax|Strict)/i);
    assert.match(cookie, /;\s*Path=\//i);

    const caseload = await browser.get('/caseload');
    assert.equal(caseload.status, 200);
    assert.match(caseload.text, /My caseload/);
    assert.match(caseload.text, /Morgan Ellis/, 'the signed-in member of staff is named');
  });

  test('a wrong password gives 401 and the error summary, and no session', async () => {
    const browser = new Browser(server);
    const response = await browser.signIn('pom', 'not-the-password');
    assert.equal(response.status, 401);
    assert.match(response.text, /govuk-error-summary/);
    assert.match(response.text, /There is a problem/);
    assert.match(response.text, /Enter a correct username and password/);
    assert.ok(!cookieNamed(response.setCookies, 'resettle_session'));
    assert.doesNotMatch(response.text, /not-the-password/, 'the password is never echoed back');
  });

  test('a sign-in without the CSRF token is refused (403)', async () => {
    const browser = new Browser(server);
    await browser.get('/sign-in');
    const response = await browser.post('/sign-in', { username: 'manager', password: demoPassword });
    assert.equal(response.status, 403);
    assert.ok(!cookieNamed(response.setCookies, 'resettle_session'));
  });

  test('a sign-in whose token does not match its cookie is refused (403)', async () => {
    const browser = new Browser(server);
    const page = await browser.get('/sign-in');
    const token = csrfToken(page.text);
    const other = new Browser(server);  // has no sign-in cookie
    const response = await other.post('/sign-in', { _csrf: token, username: 'manager', password: demoPassword });
    assert.equal(response.status, 403);
    assert.ok(!cookieNamed(response.setCookies, 'resettle_session'));
  });
});

describe('forms need the session CSRF token', () => {
  test('POST /people with a session but without _csrf is refused and adds no one', async () => {
    const browser = await signedIn();
    const person = uniquePerson();
    const response = await browser.post('/people', person);
    assert.equal(response.status, 403);
    assert.deepEqual(await peopleNamed(person.family_name), []);
  });

  test('POST /people with a wrong _csrf is refused and adds no one', async () => {
    const browser = await signedIn();
    const person = uniquePerson();
    const response = await browser.post('/people', { _csrf: 'x'.repeat(43), ...person });
    assert.equal(response.status, 403);
    assert.deepEqual(await peopleNamed(person.family_name), []);
  });

  test("POST /people with another session's _csrf is refused", async () => {
    const mine = await signedIn();
    const theirs = await signedIn('pom');
    const theirToken = csrfToken((await theirs.get('/people/new')).text);
    const person = uniquePerson();
    const response = await mine.post('/people', { _csrf: theirToken, ...person });
    assert.equal(response.status, 403);
    assert.deepEqual(await peopleNamed(person.family_name), []);
  });

  test('POST /people with the right _csrf adds the person', async () => {
    const browser = await signedIn();
    const form = await browser.get('/people/new');
    assert.equal(form.status, 200);
    const person = uniquePerson();
    const response = await browser.post('/people', { _csrf: csrfToken(form.text), ...person });
    assert.equal(response.status, 303, response.text);
    assert.match(response.headers.get('location'), /^\/people\/\d+$/);
    const added = await peopleNamed(person.family_name);
    assert.equal(added.length, 1);
    assert.equal(added[0].prison_number, person.prison_number);
  });
});

describe('signing out', () => {
  test('revokes the session: the old cookie then redirects to /sign-in', async () => {
    const browser = await signedIn();
    const oldSession = browser.cookies.get('resettle_session');
    const caseload = await browser.get('/caseload');
    const response = await browser.post('/sign-out', { _csrf: csrfToken(caseload.text) });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/sign-in');
    assert.ok(!browser.cookies.has('resettle_session'), 'the browser is told to forget the session cookie');

    const replayed = await fetch(`${server.baseUrl}/caseload`, {
      headers: { Cookie: `resettle_session=${oldSession}` },
      redirect: 'manual',
    });
    assert.equal(replayed.status, 303);
    assert.equal(replayed.headers.get('location'), '/sign-in');
    const viaApi = await fetch(`${server.baseUrl}/api/v1/people`, { headers: { Cookie: `resettle_session=${oldSession}` } });
    assert.equal(viaApi.status, 401);
  });

  test('sign-out without the CSRF token is refused and the session lives on', async () => {
    const browser = await signedIn();
    const response = await browser.post('/sign-out', {});
    assert.equal(response.status, 403);
    assert.equal((await browser.get('/caseload')).status, 200);
  });
});

describe('without signing in', () => {
  test('GET /caseload redirects to /sign-in', async () => {
    const response = await new Browser(server).get('/caseload');
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/sign-in');
  });

  test('GET /api/v1/people gives 401 problem+json with WWW-Authenticate', async () => {
    const response = await api(server, 'GET', '/api/v1/people');
    assert.equal(response.status, 401);
    assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
    assert.match(response.headers.get('www-authenticate'), /^Bearer/);
    assert.equal(response.json.status, 401);
    assert.ok(response.json.title);
  });

  test('a made-up bearer token gives 401', async () => {
    const response = await api(server, 'GET', '/api/v1/people', { token: 'not-a-real-token' });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate'), /^Bearer/);
  });

  test('a bearer token does not open the pages', async () => {
    const response = await fetch(`${server.baseUrl}/caseload`, {
      headers: { Authorization: `Bearer ${server.tokens.admin}` },
      redirect: 'manual',
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/sign-in');
  });
});

describe('a browser session calling the API', () => {
  test('may read without the CSRF header', async () => {
    const browser = await signedIn();
    const response = await browser.get('/api/v1/people');
    assert.equal(response.status, 200);
    assert.ok(JSON.parse(response.text).items.length > 0);
  });

  test('an unsafe request without X-CSRF-Token is refused (403) and changes nothing', async () => {
    const browser = await signedIn();
    const person = uniquePerson();
    const response = await browser.request('POST', '/api/v1/people', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(person),
    });
    assert.equal(response.status, 403);
    assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
    assert.deepEqual(await peopleNamed(person.family_name), []);
  });

  test('an unsafe request with a wrong X-CSRF-Token is refused (403)', async () => {
    const browser = await signedIn();
    const response = await browser.request('POST', '/api/v1/people', {
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'wrong' },
      body: JSON.stringify(uniquePerson()),
    });
    assert.equal(response.status, 403);
  });

  test("with the session's X-CSRF-Token it is allowed", async () => {
    const browser = await signedIn();
    const token = csrfToken((await browser.get('/caseload')).text);
    const response = await browser.request('POST', '/api/v1/people', {
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
      body: JSON.stringify(uniquePerson()),
    });
    assert.equal(response.status, 201, response.text);
  });
});

describe('security headers on pages', () => {
  for (const target of ['/sign-in', '/caseload', '/no-such-page']) {
    test(`${target} forbids inline script, framing and sniffing`, async () => {
      const browser = await signedIn();
      const response = await browser.get(target);
      const policy = response.headers.get('content-security-policy');
      assert.ok(policy, 'has a Content-Security-Policy');
      assert.doesNotMatch(policy, /unsafe-inline/);
      assert.doesNotMatch(policy, /unsafe-eval/);
      assert.match(policy, /default-src 'self'/);
      assert.match(policy, /frame-ancestors 'none'/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('x-frame-options'), 'DENY');
    });
  }

  test('pages carry no inline script or style for the policy to block', async () => {
    const browser = await signedIn();
    for (const target of ['/caseload', '/people/new']) {
      const response = await browser.get(target);
      assert.doesNotMatch(response.text, /<script(?![^>]*\bsrc=)[^>]*>/, `${target} has an inline script`);
      assert.doesNotMatch(response.text, /<style[\s>]/, `${target} has an inline style sheet`);
      assert.doesNotMatch(response.text, /\sstyle="/, `${target} has a style attribute`);
      assert.doesNotMatch(response.text, /\son[a-z]+="/, `${target} has an inline event handler`);
    }
  });
});
