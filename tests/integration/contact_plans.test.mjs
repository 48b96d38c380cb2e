// Contact plans through the API and the pages: bad plans refused naming each field with nothing
// saved, a plan superseded with its history kept, a stale version refused, another unit's officer
// seeing nothing, and the contact worklist showing an overdue person and a review due but not a person
// seen on time.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, Browser, cli, cliWithInput, createPerson, csrfToken, determinateSentence, startServer } from './support.mjs';

let server;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'com', 'pom'] });
  const added = await cliWithInput('Tidal-Crane-Velvet-42\n', 'users', 'add', '--db', server.db, '--username', 'hatfieldcom',
    '--name', 'Hattie Field', '--role', 'com', '--prison', 'HAI');
  assert.equal(added.code, 0, added.stderr);
  server.tokens.hatfieldcom = (await cli('users', 'token', '--db', server.db, '--username', 'hatfieldcom', '--label', 'contact plans',
    '--scope', 'write')).stdout.trim();
});
after(() => server?.stop());

const call = (method, path, token, body, headers) => api(server, method, path, { token: server.tokens[token], body, headers });
const errorFields = (response) => response.json.errors.map((error) => error.field);
const iso = (date) => date.toISOString().slice(0, 10);
const inDays = (days) => iso(new Date(Date.now() + days * 24 * 60 * 60 * 1000));

// A person in Leeds (the demo COM's PDU) released today.
async function releasedPerson() {
  const person = await createPerson(server, server.tokens.manager);
  const sentence = await call('POST', `/api/v1/people/${person.id}/sentences`, 'manager',
    determinateSentence({ sentence_start_date: inDays(-60), sentence_length_days: 120 }));
  assert.equal(sentence.status, 201, sentence.text);
  const released = await call('POST', `/api/v1/people/${person.id}/release`, 'com',
    { released_on: inDays(0), released_at: '09:30', prison_code: person.prison_code, tonight: 'settled', address: '4 Park Lane, Leeds' });
  assert.equal(released.status, 201, released.text);
  return person;
}

// Weekly for 4 weeks from a month ago, then fortnightly.
const plan = (overrides = {}) => ({
  starts_on: inDays(-30), stages: [{ every_days: 7, for_weeks: 4 }, { every_days: 14 }], reason: 'Settling in: high need',
  review_on: inDays(60), ...overrides,
});

async function setPlan(person, body) {
  const response = await call('PUT', `/api/v1/people/${person.id}/contact-plan`, 'com', body);
  assert.equal(response.status, 201, response.text);
  return response;
}

describe('contact plans', () => {
  test('are refused when bad, superseded with history kept, and refused when stale or out of sight', async () => {
    const person = await releasedPerson();
    const path = `/api/v1/people/${person.id}/contact-plan`;
    const none = await call('GET', path, 'com');
    assert.equal(none.status, 200, none.text);
    assert.equal(none.json.plan, null);
    assert.equal(none.json.version, 0);

    const bad = await call('PUT', path, 'com', plan({ stages: [{ every_days: 7 }, { every_days: 14 }], reason: '', review_on: inDays(-1) }));
    assert.equal(bad.status, 422, bad.text);
    assert.deepEqual(errorFields(bad), ['stages[0].for_weeks', 'reason', 'review_on']);
    const notAStage = await call('PUT', path, 'com', plan({ stages: [7] }));
    assert.deepEqual(errorFields(notAStage), ['stages[0].every_days']);
    assert.equal((await call('PUT', path, 'pom', plan())).status, 403);
    assert.equal((await call('GET', path, 'com')).json.version, 0, 'nothing saved');

    const first = await setPlan(person, plan());
    assert.equal(first.headers.get('etag'), '"1"');
    assert.equal(first.json.plan.description, 'weekly for 4 weeks, then fortnightly');
    assert.deepEqual(first.json.plan.stages, [{ every_days: 7, for_weeks: 4 }, { every_days: 14, for_weeks: null }]);
    assert.equal(first.json.status.next_due, inDays(-23));
    assert.equal(first.json.status.days_overdue, 23);

    const second = await call('PUT', path, 'com', plan({ starts_on: inDays(0), stages: [{ every_days: 14 }], reason: 'Settled' }),
      { 'If-Match': first.headers.get('etag') });
    assert.equal(second.status, 200, second.text);
    assert.equal(second.json.version, 2);
    assert.equal(second.json.plan.description, 'fortnightly');
    assert.equal(second.json.status.next_due, inDays(14));
    assert.deepEqual(second.json.history.map((old) => old.reason), ['Settling in: high need']);

    const stale = await call('PUT', path, 'com', plan(), { 'If-Match': '"1"' });
    assert.equal(stale.status, 412, stale.text);
    assert.equal((await call('PUT', path, 'com', plan())).status, 412, 'a second plan names the version it supersedes');
    const browser = new Browser(server);
    await browser.signIn('com');
    const form = await browser.get(`/people/${person.id}/contact-plan`);
    const stalePage = await browser.post(`/people/${person.id}/contact-plan`, { _csrf: csrfToken(form.text), version: '1',
      'starts_on-day': '1', 'starts_on-month': '1', 'starts_on-year': '2027', 'stages[0].every_days': '7', reason: 'Again',
      'review_on-day': '1', 'review_on-month': '1', 'review_on-year': '2099' });
    assert.equal(stalePage.status, 409, 'the form says someone else changed it');
    const latest = await call('GET', path, 'manager');
    assert.equal(latest.json.version, 2, 'nothing saved by the stale writes');
    assert.equal(latest.headers.get('etag'), '"2"');

    assert.equal((await call('GET', path, 'hatfieldcom')).status, 404);
    assert.equal((await call('PUT', path, 'hatfieldcom', plan(), { 'If-Match': '"2"' })).status, 404);
    const timeline = await call('GET', `/api/v1/people/${person.id}/timeline?limit=200`, 'manager');
    assert.equal(timeline.json.items.filter((event) => event.kind === 'contact_plan.set').length, 2);
  });

  test('the worklist shows an overdue person and a review due, not one seen on time', async () => {
    const overdue = await releasedPerson();
    await setPlan(overdue, plan());
    const reviewDue = await releasedPerson();
    await setPlan(reviewDue, plan({ starts_on: inDays(0), review_on: inDays(0) }));
    const seen = await releasedPerson();
    await setPlan(seen, plan({ starts_on: inDays(-10), stages: [{ every_days: 7 }] }));
    const booked = await call('POST', `/api/v1/people/${seen.id}/appointments`, 'com',
      { type: 'supervision', on: inDays(0), starts_at: '00:00', ends_at: '00:30', office_code: 'LDS', confirm_warnings: 'true' });
    assert.equal(booked.status, 201, booked.text);
    const attended = await call('POST', `/api/v1/appointments/${booked.json.appointments[0].id}/outcome`, 'com', { outcome: 'attended' });
    assert.equal(attended.status, 201, attended.text);

    const worklist = await call('GET', '/api/v1/worklists/contact?limit=200', 'com');
    assert.equal(worklist.status, 200, worklist.text);
    const listed = new Map(worklist.json.items.map((item) => [item.person.id, item]));
    assert.equal(listed.get(overdue.id)?.status.overdue, true);
    assert.equal(listed.get(overdue.id).status.days_overdue, 23);
    assert.equal(listed.get(overdue.id).status.next_due, inDays(-23));
    assert.equal(listed.get(reviewDue.id)?.status.review_due, true);
    assert.equal(listed.get(reviewDue.id).status.overdue, false);
    assert.ok(!listed.has(seen.id), 'seen today: not overdue');
    assert.equal((await call('GET', `/api/v1/people/${seen.id}/contact-plan`, 'com')).json.last_attended, inDays(0));

    const other = await call('GET', '/api/v1/worklists/contact?limit=200', 'hatfieldcom');
    assert.equal(other.status, 200, other.text);
    assert.ok(!other.json.items.some((item) => [overdue.id, reviewDue.id].includes(item.person.id)));
    assert.equal((await call('GET', '/api/v1/worklists/contact?cursor=nonsense', 'com')).status, 422);

    const browser = new Browser(server);
    await browser.signIn('com');
    const page = await browser.get('/worklists/contact?limit=200');
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`href="/people/${overdue.id}/contact-plan"`));
    assert.doesNotMatch(page.text, new RegExp(`href="/people/${seen.id}/contact-plan"`));
    const planPage = await browser.get(`/people/${overdue.id}/contact-plan`);
    assert.match(planPage.text, /weekly for 4 weeks, then fortnightly/);
    assert.match(planPage.text, /Yes, by 23 days/);
  });

  // The page is kept by the server while nothing it shows changes (services/worklist_page.hpp).
  test('the worklist page shows a plan set and a contact recorded at once', async () => {
    const person = await releasedPerson();
    const browser = new Browser(server);
    await browser.signIn('com');
    const listed = async () => (await browser.get('/worklists/contact?limit=200')).text
      .includes(`href="/people/${person.id}/contact-plan"`);
    assert.equal(await listed(), false, 'no plan yet');
    await setPlan(person, plan());
    assert.equal(await listed(), true, 'overdue under the plan set');
    assert.equal(await listed(), true, 'the kept page');

    const booked = await call('POST', `/api/v1/people/${person.id}/appointments`, 'com',
      { type: 'supervision', on: inDays(0), starts_at: '00:00', ends_at: '00:30', office_code: 'LDS', confirm_warnings: 'true' });
    assert.equal(booked.status, 201, booked.text);
    assert.equal(await listed(), true, 'booked, not yet seen');
    const attended = await call('POST', `/api/v1/appointments/${booked.json.appointments[0].id}/outcome`, 'com', { outcome: 'attended' });
    assert.equal(attended.status, 201, attended.text);
    assert.equal(await listed(), false, 'seen today');
  });
});
