// The person's own view: a practitioner invites the person by mobile or email; the person signs in
// with a one-time code read here from the embedded outbox, sees "What happens next" in English and
// Welsh with the language remembered, and signs out. Bad input: an unknown contact gets the same
// answer as a known one; wrong, reused and expired codes; the lockout after 5 wrong codes; the limit
// on codes asked for. Isolation: a person's session opens no staff page and no /api/v1 route, a
// staff session opens no /my page, and no person sees another's data.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { personViewHelpers } from './person_view_support.mjs';
import { api, Browser, createPerson, csrfToken, determinateSentence, releasedPerson, startServer } from './support.mjs';

let server;
let call, sql, newMobile, latestMessage, latestCode, codesSent, invitedPerson, askForCode, signIn;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'pom', 'com', 'admin', 'keyworker', 'partner'] });
  ({ call, sql, newMobile, latestMessage, latestCode, codesSent, invitedPerson, askForCode, signIn } = personViewHelpers(server));
});
after(() => server?.stop());

const e164 = (mobile) => `+44${mobile.replace(/\s/g, '').slice(1)}`;

describe('inviting the person', () => {
  test('the COM invites by mobile or email; the invitation goes through the outbox with the sign-in address', async () => {
    const { person, mobile, invited } = await invitedPerson({ language: 'cy' });
    assert.equal(invited.contact, e164(mobile));
    assert.equal(invited.contact_kind, 'mobile');
    assert.equal(invited.status, 'invited');
    assert.equal(invited.language, 'cy', "in the person's language");
    const message = await latestMessage(person.id, 'invitation');
    assert.ok(message, 'an invitation was queued');
    assert.equal(message.to, e164(mobile));
    assert.equal(message.language, 'cy');
    assert.match(message.body, /^Helo Testa\./);
    assert.match(message.body, /https:\/\/[^ ]+\/my\/sign-in/);

    const timeline = await call('GET', `/api/v1/people/${person.id}/timeline`, 'com');
    if (timeline.status === 200) assert.match(timeline.text, /person_account\.invited|Invited to see their own case/);
  });

  test('is refused naming the field for a bad contact, one another person uses, or by a role that may not', async () => {
    const first = await invitedPerson();
    const other = await releasedPerson(server);
    const base = `/api/v1/people/${other.id}`;
    for (const contact of ['', '0113 496 0000', 'not-an-email', 'sam@example']) {
      const bad = await call('POST', `${base}/invitation`, 'com', { contact });
      assert.equal(bad.status, 422, contact);
      assert.deepEqual(bad.json.errors.map((error) => error.field), ['contact']);
    }
    const taken = await call('POST', `${base}/invitation`, 'com', { contact: first.mobile });
    assert.equal(taken.status, 422);
    assert.deepEqual(taken.json.errors.map((error) => error.field), ['contact']);
    assert.match(taken.json.errors[0].message, /already used/);
    const email = await call('POST', `${base}/invitation`, 'com', { contact: 'Sam.Other@Example.com' });
    assert.equal(email.status, 201, email.text);
    assert.equal(email.json.contact, 'sam.other@example.com');
    assert.equal(email.json.contact_kind, 'email');
    assert.equal((await call('POST', `${base}/invitation`, 'keyworker', { contact: newMobile() })).status, 404,
      'a key worker in another prison does not see them');
    assert.equal((await call('POST', `${base}/invitation`, 'partner', { contact: newMobile() })).status, 404);
  });

  test('from the person page, with the error shown on the form', async () => {
    const person = await releasedPerson(server);
    const staff = new Browser(server);
    await staff.signIn('com');
    const page = await staff.get(`/people/${person.id}/account`);
    assert.equal(page.status, 200, page.text);
    assert.match(page.text, /They have not been invited yet/);
    const bad = await staff.post(`/people/${person.id}/account`, { _csrf: csrfToken(page.text), contact: 'nonsense' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /Enter a UK mobile number/);
    const sent = await staff.post(`/people/${person.id}/account`, { _csrf: csrfToken(page.text), contact: newMobile() });
    assert.equal(sent.status, 303, sent.text);
    const shown = await staff.get(sent.headers.get('location'));
    assert.match(shown.text, /Invitation sent/);
    assert.match(shown.text, /Invited: codes go to \+447700/);
  });
});

describe('signing in with a code', () => {
  test('walks from the code to "What happens next" in English, then Welsh, and the language is remembered', async () => {
    const { person, mobile } = await invitedPerson();
    const browser = new Browser(server);
    const done = await signIn(browser, person, mobile);
    const cookie = done.setCookies.find((line) => line.startsWith('resettle_person_session='));
    assert.ok(cookie, 'a person session cookie of its own');
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /Secure/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\/my/);
    assert.match(cookie, /Max-Age=28800/, '8 hours');

    const home = await browser.get('/my');
    assert.equal(home.status, 200, home.text);
    assert.match(home.text, /<html lang="en"/);
    assert.match(home.text, /What happens next/);
    assert.match(home.text, /Hello Testa/);
    assert.match(home.text, /You were released on/);
    assert.match(home.text, /at 2:30pm/);
    assert.match(home.text, /Callum Reid|Your probation officer/);
    assert.doesNotMatch(home.text, /moj-primary-navigation/, 'no staff navigation');
    assert.doesNotMatch(home.text, /Subject/, 'no family name, nothing more than the page needs');

    assert.equal((await browser.post('/my/language', { language: 'cy' })).status, 403, 'a form without the CSRF token');
    const unknown = await browser.post('/my/language', { _csrf: csrfToken(home.text), language: 'fr' });
    assert.equal(unknown.status, 303, unknown.text);
    assert.match((await browser.get('/my')).text, /<html lang="en"/, 'an unknown language changes nothing');
    const welsh = await browser.post('/my/language', { _csrf: csrfToken(home.text), language: 'cy' });
    assert.equal(welsh.status, 303);
    const cymraeg = await browser.get('/my');
    assert.match(cymraeg.text, /<html lang="cy"/);
    assert.match(cymraeg.text, /Beth sy&#39;n digwydd nesaf|Beth sy'n digwydd nesaf|Helo Testa/);
    assert.match(cymraeg.text, /2:30yp/);
    assert.match(cymraeg.text, /Allgofnodi/);

    const again = new Browser(server);
    await signIn(again, person, mobile);
    assert.match((await again.get('/my')).text, /<html lang="cy"/, 'the account remembers Welsh');

    const out = await browser.post('/my/sign-out', { _csrf: csrfToken(cymraeg.text) });
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), '/my/sign-in');
    assert.equal((await browser.get('/my')).headers.get('location'), '/my/sign-in');

    const journal = sql(`SELECT kind FROM event WHERE person_id = ${person.id} AND kind LIKE 'person_account.%' ORDER BY id`);
    for (const kind of ['invited', 'code_sent', 'signed_in', 'viewed', 'language_chosen', 'signed_out'])
      assert.match(journal, new RegExp(`person_account\\.${kind}`), kind);
  });

  test('a cancelled appointment is not their next one', async () => {
    const { person, mobile } = await invitedPerson();
    const browser = new Browser(server);
    await signIn(browser, person, mobile);
    assert.match((await browser.get('/my')).text, /at 2:30pm/);
    const appointments = await call('GET', `/api/v1/people/${person.id}/appointments`, 'com');
    assert.equal(appointments.status, 200, appointments.text);
    const booked = appointments.json.appointments.find((appointment) => appointment.starts_at === '14:30');
    const cancelled = await api(server, 'POST', `/api/v1/appointments/${booked.id}/cancellation`,
      { token: server.tokens.com, body: { reason: 'The office is closed' }, headers: { 'If-Match': `"${booked.version}"` } });
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.doesNotMatch((await browser.get('/my')).text, /at 2:30pm/);
  });

  test('an unknown contact gets exactly the same answer as a known one, and no code is sent', async () => {
    const { person, mobile } = await invitedPerson();
    const known = await askForCode(new Browser(server), mobile);
    const unknown = await askForCode(new Browser(server), newMobile());
    assert.equal(unknown.status, known.status);
    assert.equal(unknown.headers.get('location'), known.headers.get('location'));
    assert.equal(unknown.text, known.text);
    assert.deepEqual(unknown.setCookies.map((line) => line.replace(/=[^;]*/, '')),
      known.setCookies.map((line) => line.replace(/=[^;]*/, '')));
    assert.equal(await codesSent(person.id), 1);
    const browser = new Browser(server);
    await askForCode(browser, newMobile());
    const page = await browser.get('/my/sign-in/code');
    assert.equal(page.status, 200);
    const wrong = await browser.post('/my/sign-in/code', { code: '123456' });
    assert.equal(wrong.status, 401);
    assert.match(wrong.text, /That code is not right/);
  });

  test('a wrong, a reused and an expired code each get a clear message; a code is sent even in quiet hours', async () => {
    const { person, mobile } = await invitedPerson();
    const browser = new Browser(server);
    await askForCode(browser, mobile);
    const code = await latestCode(person.id);
    const message = await latestMessage(person.id, 'sign_in_code');
    assert.ok(Math.abs(Date.parse(message.next_attempt_at) - Date.now()) < 5 * 60_000, 'due now, whatever the hour');
    const wrong = await browser.post('/my/sign-in/code', { code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.status, 401);
    assert.match(wrong.text, /That code is not right/);
    assert.equal((await browser.post('/my/sign-in/code', { code })).status, 303);

    const second = new Browser(server);
    await askForCode(second, mobile);
    const reused = await second.post('/my/sign-in/code', { code });
    assert.equal(reused.status, 401);
    assert.match(reused.text, /That code has been used already/);

    const newest = await latestCode(person.id);
    sql(`UPDATE person_sign_in_code SET issued_at = issued_at - 601, expires_at = expires_at - 601
         WHERE account_id = (SELECT id FROM person_account WHERE person_id = ${person.id})`);
    const expired = await second.post('/my/sign-in/code', { code: newest });
    assert.equal(expired.status, 401);
    assert.match(expired.text, /That code has expired/);
  });

  test('5 wrong codes lock the account for 15 minutes, even to the right code', async () => {
    const { person, mobile } = await invitedPerson();
    const browser = new Browser(server);
    await askForCode(browser, mobile);
    const code = await latestCode(person.id);
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i += 1) assert.equal((await browser.post('/my/sign-in/code', { code: wrongCode })).status, 401);
    const locked = await browser.post('/my/sign-in/code', { code: wrongCode });
    assert.equal(locked.status, 429);
    assert.match(locked.text, /Wait 15 minutes/);
    const right = await browser.post('/my/sign-in/code', { code });
    assert.equal(right.status, 429, 'locked even to the right code');
    const sent = await codesSent(person.id);
    await askForCode(new Browser(server), mobile);
    assert.equal(await codesSent(person.id), sent, 'no new code while locked');
    sql(`UPDATE person_account SET locked_until = locked_until - 900 WHERE person_id = ${person.id}`);
    assert.equal((await browser.post('/my/sign-in/code', { code })).status, 303, 'after the lockout the code works');
  });

  test('asking for codes is limited to 3 in 15 minutes', async () => {
    const { person, mobile } = await invitedPerson();
    for (let i = 0; i < 5; i += 1) assert.equal((await askForCode(new Browser(server), mobile)).status, 303);
    assert.equal(await codesSent(person.id), 3);
  });

  test('the sign-in pages are in Welsh on asking, and a bad contact is refused naming the field', async () => {
    const browser = new Browser(server);
    const welsh = await browser.get('/my/sign-in?lang=cy');
    assert.match(welsh.text, /<html lang="cy"/);
    assert.match(welsh.text, /Anfonwch god ataf/);
    const bad = await browser.post('/my/sign-in', { contact: 'nonsense' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /href="#contact"/);
    assert.match(bad.text, /Rhowch rif ffôn symudol/, 'the language chosen is kept');
  });
});

describe('isolation', () => {
  test("a person's session opens no staff page and no API route, and a staff session opens no /my page", async () => {
    const { person, mobile } = await invitedPerson();
    const browser = new Browser(server);
    await signIn(browser, person, mobile);
    const token = browser.cookies.get('resettle_person_session');
    const asCookie = { Cookie: `resettle_person_session=${token}` };
    for (const path of ['/caseload', '/caseload?view=unit', `/people/${person.id}`, `/people/${person.id}/account`, '/diary', '/outbox',
      '/account', '/worklists/handovers', '/audit']) {
      const response = await fetch(server.baseUrl + path, { headers: asCookie, redirect: 'manual' });
      assert.ok([302, 303, 401, 403, 404].includes(response.status), `${path} gave ${response.status}`);
      if ([302, 303].includes(response.status)) assert.match(response.headers.get('location'), /sign-in/);
      assert.doesNotMatch(await response.text(), /Testa/, path);
    }
    const document = JSON.parse(await readFile(new URL('../../src/web/openapi.json', import.meta.url), 'utf8'));
    for (const [pattern, operations] of Object.entries(document.paths))
      for (const method of Object.keys(operations).filter((key) => key !== 'parameters')) {
        if (operations[method].security?.length === 0) continue;  // public: health and this document
        const target = pattern.replace(/\{[^}]+\}/g, String(person.id));
        const response = await fetch(server.baseUrl + target, { method: method.toUpperCase(), headers: { ...asCookie, Accept: 'application/json' }, redirect: 'manual' });
        const text = await response.text();
        assert.ok([302, 303, 401, 403].includes(response.status), `${method.toUpperCase()} ${target} gave ${response.status}: ${text.slice(0, 200)}`);
        assert.doesNotMatch(text, /Testa|Subject/, target);
      }

    const staff = new Browser(server);
    await staff.signIn('com');
    const mine = await staff.get('/my');
    assert.equal(mine.status, 303);
    assert.equal(mine.headers.get('location'), '/my/sign-in');
  });

  test("a person sees only their own case", async () => {
    const first = await invitedPerson();
    const second = await invitedPerson();
    sql(`UPDATE person SET given_name = 'Secondo' WHERE id = ${second.person.id}`);
    const browser = new Browser(server);
    await signIn(browser, first.person, first.mobile);
    const home = await browser.get('/my');
    assert.match(home.text, /Hello Testa/);
    assert.doesNotMatch(home.text, /Secondo/);
    const forged = await browser.get(`/my?person=${second.person.id}`);
    assert.doesNotMatch(forged.text, /Secondo/);
  });
});
