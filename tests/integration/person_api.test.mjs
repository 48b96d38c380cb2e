// The person's own data as JSON (issue 23, item 6): a person makes an API token on their own account
// page (English and Welsh; shown once, kept as a hash, expiring, revocable, listed with when it was
// last used) and reads what happens next, their plan, appointments, officer, licence, support and
// messages through /api/v1/my, answering with a token that may. Isolation: the token reaches no
// other person's data and nothing a caller without credentials could not (every route the server
// has); staff tokens, sessions and the person's own session cannot use /api/v1/my; expired and
// revoked tokens are refused. "I can't make it" reaches the officer's worklist until they act on it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { personViewHelpers } from './person_view_support.mjs';
import { api, binary, Browser, cli, createPerson, csrfToken, determinateSentence, startServer, weekdayIn } from './support.mjs';

let server;
let call, sql, invitedPerson, signIn;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'pom', 'com', 'admin'] });
  ({ call, sql, invitedPerson, signIn } = personViewHelpers(server));
});
after(() => server?.stop());

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const my = (token, method, path, body, headers) => api(server, method, path, { token, body, headers });
const journal = (personId) => sql(`SELECT kind FROM event WHERE person_id = ${personId} ORDER BY id`);

async function signedInPerson() {
  const invited = await invitedPerson();
  const browser = new Browser(server);
  await signIn(browser, invited.person, invited.mobile);
  return { ...invited, browser };
}

// Makes a token on the person's page; returns the page and the token it showed.
async function makeToken(browser, fields = {}) {
  const page = await browser.get('/my/api-tokens');
  assert.equal(page.status, 200, page.text);
  const made = await browser.post('/my/api-tokens', { _csrf: csrfToken(page.text), label: 'My phone', ...fields });
  return { made, token: made.text.match(/<code id="token-value">([^<]+)<\/code>/)?.[1] };
}

async function personWithToken(fields = { scope: 'write' }) {
  const signed = await signedInPerson();
  const { token } = await makeToken(signed.browser, fields);
  assert.ok(token, 'a token was shown');
  return { ...signed, token };
}

// A plan with one objective and an action; returns the objective's id.
async function planFor(personId) {
  const base = `/api/v1/people/${personId}/plan`;
  const added = await call('POST', `${base}/objectives`, 'com', { pathway: 'accommodation', goal: 'Somewhere to live near my mum' });
  assert.equal(added.status, 201, added.text);
  const objectiveId = added.json.objectives.at(-1).id;
  const action = await call('POST', `${base}/objectives/${objectiveId}/actions`, 'com',
    { description: 'Ring the council on Monday', owner_kind: 'person', due_date: weekdayIn(3) });
  assert.equal(action.status, 201, action.text);
  return objectiveId;
}

describe('the API tokens page', () => {
  test('makes a token shown once and kept only as a hash, lists it with when it was last used, in English and Welsh', async () => {
    const { person, browser } = await signedInPerson();
    assert.match((await browser.get('/my')).text, /href="\/my\/api-tokens"/, 'linked from the home page');
    const empty = await browser.get('/my/api-tokens');
    assert.match(empty.text, /<h1 class="govuk-heading-l">Your API tokens<\/h1>/);
    assert.match(empty.text, /You have not made any tokens/);

    const { made, token } = await makeToken(browser, { label: 'Calendar app', days: '30' });
    assert.equal(made.status, 200, made.text);
    assert.match(token, /^[A-Za-z0-9_-]{20,}$/);
    assert.match(made.text, /Copy it now. We will not show it again./);
    const stored = sql(`SELECT token_hash, label, expires_at - created_at FROM person_api_token t JOIN person_account a ON a.id = t.account_id WHERE a.person_id = ${person.id}`).trim();
    assert.doesNotMatch(stored, new RegExp(token), 'only the hash is kept');
    assert.match(stored, /^[0-9a-f]{64}\|Calendar app\|2592000$/, '30 days');
    assert.match(journal(person.id), /person_account\.api_token_issued/);

    const listed = await browser.get('/my/api-tokens');
    assert.doesNotMatch(listed.text, new RegExp(token), 'never shown again');
    assert.match(listed.text, /Calendar app[\s\S]*Not used yet/);
    assert.equal((await my(token, 'GET', '/api/v1/my')).status, 200);
    assert.doesNotMatch((await browser.get('/my/api-tokens')).text, /Not used yet/, 'its last use is shown');

    const page = await browser.get('/my/api-tokens');
    assert.equal((await browser.post('/my/language', { _csrf: csrfToken(page.text), language: 'cy', return_to: '/my/api-tokens' })).status, 303);
    const welsh = await browser.get('/my/api-tokens');
    assert.match(welsh.text, /<html lang="cy"/);
    assert.match(welsh.text, /<h1 class="govuk-heading-l">Eich tocynnau API<\/h1>/);
    assert.match(welsh.text, /Creu tocyn newydd/);
    assert.match(welsh.text, /Dyddiad dod i ben: \d{1,2} \S+ \d{4}/);
  });

  test('refuses a bad name, lifetime or scope naming the field, in the language chosen, and keeps nothing', async () => {
    const { person, browser } = await signedInPerson();
    const { made } = await makeToken(browser, { label: '', days: '400', scope: 'admin' });
    assert.equal(made.status, 422);
    assert.match(made.text, /href="#label">Enter a name for the token/);
    assert.match(made.text, /href="#days">Enter a number of days from 1 to 366/);
    assert.match(made.text, /href="#scope-read">Choose what the token can do/);
    assert.match(made.text, /value="400"/, 'what they typed is kept on the form');
    const count = sql(`SELECT count(*) FROM person_api_token t JOIN person_account a ON a.id = t.account_id WHERE a.person_id = ${person.id}`);
    assert.equal(count.trim(), '0');
    const page = await browser.get('/my/api-tokens');
    await browser.post('/my/language', { _csrf: csrfToken(page.text), language: 'cy', return_to: '/my/api-tokens' });
    const welsh = (await makeToken(browser, { label: 'a'.repeat(101) })).made;
    assert.equal(welsh.status, 422);
    assert.match(welsh.text, /href="#label">Rhowch enw i(&apos;|&#39;|')r tocyn/);
  });

  test('a revoked or expired token is refused; revoking someone else\'s token is not found', async () => {
    const { person, browser, token } = await personWithToken();
    const other = await personWithToken();
    assert.equal((await my(token, 'GET', '/api/v1/my')).status, 200);
    const otherId = sql(`SELECT t.id FROM person_api_token t JOIN person_account a ON a.id = t.account_id WHERE a.person_id = ${other.person.id}`).trim();
    const page = await browser.get('/my/api-tokens');
    assert.equal((await browser.post(`/my/api-tokens/${otherId}/revoke`, { _csrf: csrfToken(page.text) })).status, 404);
    assert.equal((await my(other.token, 'GET', '/api/v1/my')).status, 200, "the other person's token still works");

    const id = page.text.match(/action="\/my\/api-tokens\/(\d+)\/revoke"/)[1];
    const revoked = await browser.post(`/my/api-tokens/${id}/revoke`, { _csrf: csrfToken(page.text) });
    assert.equal(revoked.status, 303);
    const refused = await my(token, 'GET', '/api/v1/my');
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('content-type'), /application\/problem\+json/);
    assert.equal(refused.headers.get('www-authenticate'), 'Bearer');
    assert.match((await browser.get('/my/api-tokens')).text, /Revoked on/);
    assert.match(journal(person.id), /person_account\.api_token_revoked/);

    sql(`UPDATE person_api_token SET expires_at = created_at - 5, created_at = created_at - 10 WHERE id = ${otherId}`);
    assert.equal((await my(other.token, 'GET', '/api/v1/my')).status, 401, 'expired');
    assert.match((await other.browser.get('/my/api-tokens')).text, /Expired on/);
    assert.throws(() => sql(`DELETE FROM person_api_token WHERE id = ${otherId}`), /stays on the record/);
  });
});

describe('/api/v1/my', () => {
  test('what happens next, appointments, officer, support and messages, with ISO dates, each view journalled', async () => {
    const { person, token, appointmentDay } = await personWithToken({ scope: 'read' });
    const viewsBefore = (journal(person.id).match(/person_account\.viewed/g) ?? []).length;
    const next = await my(token, 'GET', '/api/v1/my');
    assert.equal(next.status, 200, next.text);
    assert.equal(next.json.first_name, 'Testa');
    assert.match(next.json.release.date, isoDate);
    assert.equal(typeof next.json.release.released, 'boolean');
    assert.equal(typeof next.json.release.may_be_earlier, 'boolean');
    assert.equal(next.json.next_appointment.on, appointmentDay);
    assert.equal(next.json.next_appointment.starts_at, '14:30');
    assert.ok(next.json.contact.officer_name);

    const appointments = await my(token, 'GET', '/api/v1/my/appointments');
    assert.equal(appointments.status, 200, appointments.text);
    const booked = appointments.json.upcoming[0];
    assert.equal(booked.on, appointmentDay);
    assert.equal(booked.may_say_cannot_come, true);
    assert.deepEqual(booked.cannot_come_notices, []);
    assert.equal(booked.with_staff_id, undefined, 'no staff ids');

    const officer = await my(token, 'GET', '/api/v1/my/officer');
    assert.equal(officer.status, 200, officer.text);
    assert.equal(officer.json.role, 'com');
    assert.equal(officer.json.officer.name, next.json.contact.officer_name);

    const support = await my(token, 'GET', '/api/v1/my/support');
    assert.equal(support.status, 200, support.text);
    assert.ok(Array.isArray(support.json.services));
    const messages = await my(token, 'GET', '/api/v1/my/messages');
    assert.equal(messages.status, 200, messages.text);
    const invitation = messages.json.items.find((message) => message.kind === 'invitation');
    assert.match(invitation.text, /Testa/);
    const code = messages.json.items.find((message) => message.kind === 'sign_in_code');
    assert.equal(code.text, null, 'a sign-in code is never shown again');
    assert.equal((await my(token, 'GET', '/api/v1/my/licence')).json.licence, null, 'no licence approved yet');

    const viewsAfter = (journal(person.id).match(/person_account\.viewed/g) ?? []).length;
    assert.ok(viewsAfter >= viewsBefore + 6, `each view journalled (${viewsBefore} -> ${viewsAfter})`);
  });

  test('the plan, a response to an objective and agreeing with the whole plan; a read token may not answer', async () => {
    const { person, token } = await personWithToken();
    assert.deepEqual((await my(token, 'GET', '/api/v1/my/plan')).json, { plan: null });
    const objectiveId = await planFor(person.id);
    const plan = await my(token, 'GET', '/api/v1/my/plan');
    assert.equal(plan.status, 200, plan.text);
    assert.equal(plan.headers.get('etag'), `"${plan.json.plan.version}"`);
    const [objective] = plan.json.plan.objectives;
    assert.equal(objective.goal, 'Somewhere to live near my mum');
    assert.equal(objective.pathway, 'accommodation');
    assert.equal(objective.actions[0].owner_kind, 'person');
    assert.match(objective.actions[0].due, isoDate);

    const path = `/api/v1/my/plan/objectives/${objectiveId}/responses`;
    const bad = await my(token, 'POST', path, { response: 'maybe', colour: 'red' });
    assert.equal(bad.status, 422, bad.text);
    assert.match(bad.headers.get('content-type'), /application\/problem\+json/);
    assert.deepEqual(bad.json.errors.map((error) => error.field), ['colour']);
    const none = await my(token, 'POST', path, { comment: 'a'.repeat(501) });
    assert.equal(none.status, 422, none.text);
    assert.ok(none.json.errors.some((error) => error.field === 'response'), none.text);
    const stale = await my(token, 'POST', path, { response: 'agree' }, { 'If-Match': `"${plan.json.plan.version - 1}"` });
    assert.equal(stale.status, 412, stale.text);

    const given = await my(token, 'POST', path, { response: 'comment', comment: 'Can my sister help?' }, { 'If-Match': plan.headers.get('etag') });
    assert.equal(given.status, 201, given.text);
    assert.equal(given.json.plan.objectives[0].responses.at(-1).comment, 'Can my sister help?');
    const staffView = await call('GET', `/api/v1/people/${person.id}/plan`, 'com');
    assert.equal(staffView.json.responses.at(-1).comment, 'Can my sister help?', "on the practitioner's plan");

    const agreed = await my(token, 'POST', '/api/v1/my/plan/agreement', { in_their_words: 'It is a good plan' });
    assert.equal(agreed.status, 201, agreed.text);
    assert.equal(agreed.json.plan.agreement.current, true);
    assert.match(agreed.json.plan.agreement.agreed_on, isoDate);
    assert.match(journal(person.id), /plan\.response_given[\s\S]*plan\.agreed/);

    const reader = await makeToken((await signedInPersonFor(person)).browser, { scope: 'read' });
    const refused = await my(reader.token, 'POST', '/api/v1/my/plan/agreement', {});
    assert.equal(refused.status, 403, refused.text);
  });

  test("\"I can't make it\" with a reason; the appointment stays as booked", async () => {
    const { person, token } = await personWithToken();
    const [booked] = (await my(token, 'GET', '/api/v1/my/appointments')).json.upcoming;
    const path = `/api/v1/my/appointments/${booked.id}/cannot-come`;
    const blank = await my(token, 'POST', path, { reason: '  ' });
    assert.equal(blank.status, 422, blank.text);
    assert.deepEqual(blank.json.errors.map((error) => error.field), ['reason']);
    const sent = await my(token, 'POST', path, { reason: 'I have a job interview' });
    assert.equal(sent.status, 201, sent.text);
    assert.equal(sent.json.reason, 'I have a job interview');
    assert.equal(sent.json.appointment_id, booked.id);
    const after = (await my(token, 'GET', '/api/v1/my/appointments')).json.upcoming[0];
    assert.equal(after.on, booked.on, 'not moved');
    assert.equal(after.cancelled, false);
    assert.equal(after.cannot_come_notices[0].reason, 'I have a job interview');
    assert.match(journal(person.id), /appointment\.cannot_come/);
  });

  test('licence conditions in plain words, with "I understand" and a question', async () => {
    const { token } = await licensedPersonWithToken();
    const licence = await my(token, 'GET', '/api/v1/my/licence');
    assert.equal(licence.status, 200, licence.text);
    assert.doesNotMatch(licence.text, /STAFF-ONLY/, 'never the reasons for a condition');
    assert.equal(licence.json.licence.language, 'en');
    const [first] = licence.json.licence.conditions;
    assert.equal(first.number, 1);
    assert.ok(first.explanation.length > 10);
    assert.equal(first.understood_at, null);
    const path = `/api/v1/my/licence/conditions/${first.key}/responses`;
    const empty = await my(token, 'POST', path, { response: 'question', question: '' });
    assert.equal(empty.status, 422, empty.text);
    assert.deepEqual(empty.json.errors.map((error) => error.field), ['question']);
    const understood = await my(token, 'POST', path, { response: 'understood' });
    assert.equal(understood.status, 201, understood.text);
    assert.match(understood.json.understood_at, /^\d{4}-\d{2}-\d{2}T/);
    const asked = await my(token, 'POST', path, { response: 'question', question: 'Can I visit my mum?' });
    assert.equal(asked.json.open_questions.at(-1).question, 'Can I visit my mum?');
    assert.equal((await my(token, 'POST', '/api/v1/my/licence/conditions/9999/responses', { response: 'understood' })).status, 404);
  });
});

describe('isolation', () => {
  test("a person's token reaches nothing beyond what a caller without credentials may, on every route", async () => {
    const { person, token } = await personWithToken();
    const other = await invitedPerson();
    sql(`UPDATE person SET given_name = 'Secondo' WHERE id = ${other.person.id}`);
    const routes = (await promisify(execFile)(binary, ['routes'])).stdout.trim().split('\n').map((line) => line.split(' '));
    assert.ok(routes.length > 100, 'every route the server has');
    let tried = 0;
    for (const [method, pattern] of routes) {
      if (pattern.startsWith('/api/v1/my') || pattern.includes('*')) continue;
      const target = pattern.replace(/\{[^}]+\}/g, String(other.person.id));
      const send = (headers) => fetch(server.baseUrl + target, {
        method, redirect: 'manual', headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
        body: method === 'GET' ? undefined : '{}' });
      const anonymous = await send({});
      const withToken = await send({ Authorization: `Bearer ${token}` });
      const text = await withToken.text();
      assert.equal(withToken.status, anonymous.status, `${method} ${target}: the token gave ${withToken.status}: ${text.slice(0, 200)}`);
      if (target.startsWith('/api/v1/') && anonymous.status !== 200) assert.equal(withToken.status, 401, `${method} ${target}`);
      assert.doesNotMatch(text, /Secondo|Testa/, `${method} ${target}`);
      tried += 1;
    }
    assert.ok(tried > 100, `${tried} routes tried`);
    assert.equal((await my(token, 'GET', '/api/v1/my')).json.first_name, 'Testa', 'still their own');

    // Another person's objective, appointment or condition by the person's own routes: not found, nothing written.
    const objectiveId = await planFor(other.person.id);
    const [theirs] = (await call('GET', `/api/v1/people/${other.person.id}/appointments`, 'com')).json.appointments;
    const written = () => sql('SELECT (SELECT count(*) FROM plan_response), (SELECT count(*) FROM absence_notice)');
    const before = written();
    assert.equal((await my(token, 'POST', `/api/v1/my/plan/objectives/${objectiveId}/responses`, { response: 'agree' })).status, 404);
    assert.equal((await my(token, 'POST', `/api/v1/my/appointments/${theirs.id}/cannot-come`, { reason: 'Ill' })).status, 404);
    assert.equal(written(), before);
    assert.doesNotMatch((await my(token, 'GET', '/api/v1/my/plan')).text, /near my mum/);
    assert.doesNotMatch((await my(token, 'GET', '/api/v1/my/appointments')).text, new RegExp(`"id":${theirs.id}\\b`));
    assert.match(journal(person.id), /person_account\.viewed/);
  });

  test('staff tokens and sessions, and the person\'s own session, cannot use /api/v1/my', async () => {
    const { browser } = await signedInPerson();
    const staff = new Browser(server);
    await staff.signIn('com');
    const page = await staff.get('/caseload');
    for (const [method, path] of [['GET', '/api/v1/my'], ['GET', '/api/v1/my/plan'], ['GET', '/api/v1/my/messages'],
      ['POST', '/api/v1/my/plan/agreement']]) {
      for (const name of ['com', 'admin', 'manager']) {
        const response = await call(method, path, name, method === 'POST' ? {} : undefined);
        assert.equal(response.status, 401, `${name}'s token: ${method} ${path}`);
        assert.match(response.headers.get('content-type'), /application\/problem\+json/);
      }
      for (const session of [staff, browser]) {
        const response = await session.request(method, path, { headers: { 'X-CSRF-Token': csrfToken(page.text) } });
        assert.equal(response.status, 401, `a session: ${method} ${path}`);
      }
    }
  });
});

describe("the officer's worklist", () => {
  test("\"I can't make it\" is a task on the officer's worklist until they act on the appointment", async () => {
    const { person, token } = await personWithToken();
    const [booked] = (await my(token, 'GET', '/api/v1/my/appointments')).json.upcoming;
    assert.equal((await my(token, 'POST', `/api/v1/my/appointments/${booked.id}/cannot-come`, { reason: 'My daughter is ill' })).status, 201);
    const officer = sql(`SELECT s.username FROM appointment a JOIN staff s ON s.id = a.with_staff_id WHERE a.id = ${booked.id}`).trim();
    const staff = new Browser(server);
    await staff.signIn(officer);
    const list = await staff.get('/worklists/cannot-come');
    assert.equal(list.status, 200, list.text);
    assert.match(list.text, new RegExp(`href="/people/${person.id}/appointments">Testa`));
    assert.match(list.text, /My daughter is ill/);
    assert.match((await staff.get('/worklists')).text, /href="\/worklists\/cannot-come"/, 'a tab of the worklists');

    const other = new Browser(server);
    await other.signIn('pom');
    assert.doesNotMatch((await other.get('/worklists/cannot-come')).text, /My daughter is ill/, "not another officer's");
    const officerName = sql(`SELECT display_name FROM staff WHERE username = '${officer}'`).trim();
    const manager = new Browser(server);
    await manager.signIn('manager');
    const unitList = (await manager.get('/worklists/cannot-come')).text;
    assert.match(unitList, /My daughter is ill/, "the manager of the officer's unit sees it");
    assert.match(unitList, /<th[^>]*>Officer<\/th>/);
    assert.match(unitList, new RegExp(`<td[^>]*>${officerName}</td>`), 'naming whose appointment it is');

    const record = await call('GET', `/api/v1/appointments/${booked.id}`, 'com');
    assert.equal(record.status, 200, record.text);
    const cancelled = await api(server, 'POST', `/api/v1/appointments/${booked.id}/cancellation`,
      { token: server.tokens.com, body: { reason: 'They told us' }, headers: { 'If-Match': etagOf(record) } });
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.doesNotMatch((await staff.get('/worklists/cannot-come')).text, /My daughter is ill/, 'cleared once acted on');
  });

  test('moving the appointment clears the task too', async () => {
    const { person, token } = await personWithToken();
    const [booked] = (await my(token, 'GET', '/api/v1/my/appointments')).json.upcoming;
    await my(token, 'POST', `/api/v1/my/appointments/${booked.id}/cannot-come`, { reason: 'Hospital appointment' });
    const officer = sql(`SELECT s.username FROM appointment a JOIN staff s ON s.id = a.with_staff_id WHERE a.id = ${booked.id}`).trim();
    const staff = new Browser(server);
    await staff.signIn(officer);
    assert.match((await staff.get('/worklists/cannot-come')).text, /Hospital appointment/);
    const record = await call('GET', `/api/v1/appointments/${booked.id}`, 'com');
    assert.equal(record.status, 200, record.text);
    const moved = await api(server, 'PATCH', `/api/v1/appointments/${booked.id}`, { token: server.tokens.com,
      body: { on: weekdayIn(6), starts_at: '10:00', ends_at: '10:30', confirm_warnings: true }, headers: { 'If-Match': etagOf(record) } });
    assert.equal(moved.status, 200, moved.text);
    assert.doesNotMatch((await staff.get('/worklists/cannot-come')).text, /Hospital appointment/);
    assert.match(journal(person.id), /appointment\.cannot_come/);
  });
});

// The appointment's version as read, for If-Match.
const etagOf = (record) => record.headers.get('etag') ?? `"${(record.json.appointment ?? record.json).version}"`;

// A new browser signed in as the same person (a second code).
async function signedInPersonFor(person) {
  const mobile = sql(`SELECT contact_value FROM person_account WHERE person_id = ${person.id}`).trim();
  const browser = new Browser(server);
  await signIn(browser, person, `0${mobile.slice(3)}`);
  return { browser };
}

// A person in custody with an approved licence (the standard conditions), invited, with a token that may answer.
async function licensedPersonWithToken() {
  const person = await createPerson(server, server.tokens.manager);
  const base = `/api/v1/people/${person.id}`;
  const start = new Date(Date.now() - 20 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const sentence = await call('POST', `${base}/sentences`, 'manager', determinateSentence({ sentence_start_date: start, sentence_length_days: 240 }));
  assert.equal(sentence.status, 201, sentence.text);
  const started = await call('POST', `${base}/licences`, 'com');
  assert.equal(started.status, 201, started.text);
  const curfew = { code: 'curfew_address', purpose: 'risk_to_known_adult', reason: 'STAFF-ONLY REASON',
    inputs: { address: '4 Park Lane, Leeds LS1 1AA', hours: '19:00-07:00' } };
  const added = await api(server, 'POST', `/api/v1/licences/${started.json.id}/conditions`,
    { token: server.tokens.com, body: curfew, headers: { 'If-Match': started.headers.get('etag') } });
  assert.equal(added.status, 200, added.text);
  const submitted = await api(server, 'POST', `/api/v1/licences/${started.json.id}/submit`,
    { token: server.tokens.com, body: {}, headers: { 'If-Match': added.headers.get('etag') } });
  assert.equal(submitted.status, 200, submitted.text);
  const approved = await api(server, 'POST', `/api/v1/licences/${started.json.id}/decision`,
    { token: server.tokens.manager, body: { decision: 'approve' }, headers: { 'If-Match': submitted.headers.get('etag') } });
  assert.equal(approved.json.status, 'approved', approved.text);
  const mobile = `07700 7${String(person.id).padStart(5, '0').slice(-5)}`;
  const invited = await call('POST', `${base}/invitation`, 'com', { contact: mobile });
  assert.equal(invited.status, 201, invited.text);
  const browser = new Browser(server);
  await signIn(browser, person, mobile);
  const { token } = await makeToken(browser, { scope: 'write' });
  return { person, token };
}

// Issue 23: the person's reads through their pages and their token are journalled on their timeline
// and are rows of the access log by their account (no member of staff), shown to administrators.
describe('the person\'s own reads in the access log', () => {
  test('a page view and a token call are each a row by their account, with the session or token it used; the chains verify', async () => {
    const { person, browser, token } = await personWithToken({ scope: 'read' });
    assert.equal((await browser.get('/my')).status, 200);
    assert.equal((await my(token, 'GET', '/api/v1/my/appointments')).status, 200);
    const accountId = Number(sql(`SELECT id FROM person_account WHERE person_id = ${person.id}`));
    const log = await call('GET', `/api/v1/people/${person.id}/access-log`, 'admin');
    assert.equal(log.status, 200, log.text);
    const own = log.json.items.filter((read) => read.person_account_id === accountId);
    const tokenDigest = createHash('sha256').update(token).digest('hex').slice(0, 16);
    const byToken = own.find((read) => read.what === 'own view: their appointments');
    assert.ok(byToken, JSON.stringify(own));
    assert.equal(byToken.token, `person api token ${tokenDigest}`);
    const byPage = own.find((read) => read.what === 'own view: what happens next');
    assert.ok(byPage, JSON.stringify(own));
    assert.match(byPage.token, /^person session [0-9a-f]{16}$/);
    for (const read of own) {
      assert.equal(read.staff_id, null);
      assert.equal(read.staff_name, null);
      assert.equal(read.allowed, true);
    }
    assert.ok(log.json.items.every((read) => (read.staff_id === null) !== (read.person_account_id === null)), 'each row has one reader');
    const views = journal(person.id).split('\n').filter((kind) => kind === 'person_account.viewed');
    assert.ok(views.length >= 2, 'still journalled on their timeline');
    const verified = await cli('verify', '--db', server.db);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /access log: \d+ rows, chain intact/);
  });
});
