// Licences through the API and the pages: the catalogue, a licence drafted by the COM, bad input
// named by field with nothing saved, If-Match on every update, approval by someone else, release,
// a variation with its reasons, the worklist, the induction booked before release with the licence
// gone through and acknowledged at it, and the licence document as a page and a PDF.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, Browser, createPerson, csrfToken, determinateSentence, startServer } from './support.mjs';

let server;
let tokens;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'pom', 'com', 'admin'] });
  tokens = server.tokens;
});
after(() => server?.stop());

const call = (method, target, token, body, headers) => api(server, method, target, { token: tokens[token], body, headers });
const errorFields = (response) => response.json.errors.map((error) => error.field);
const iso = (date) => date.toISOString().slice(0, 10);
const today = iso(new Date());

// A person in custody in Leeds (the demo COM's PDU) released in a few weeks.
async function personReleasedSoon() {
  const person = await createPerson(server, tokens.manager);
  const start = iso(new Date(Date.now() - 20 * 24 * 60 * 60 * 1000));
  const sentence = await call('POST', `/api/v1/people/${person.id}/sentences`, 'manager',
    determinateSentence({ sentence_start_date: start, sentence_length_days: 120 }));
  assert.equal(sentence.status, 201, sentence.text);
  return person;
}

const curfew = {
  code: 'curfew_address',
  purpose: 'risk_to_known_adult',
  reason: 'The offences were at night',
  inputs: { address: '4 Park Lane, Leeds LS1 1AA', hours: '19:00-07:00' },
};

describe('the licence conditions catalogue', () => {
  test('lists its versions and gives each condition in English and Welsh', async () => {
    const versions = await call('GET', '/api/v1/licence-conditions', 'pom');
    assert.equal(versions.status, 200);
    assert.equal(versions.json.in_force, '2026-1');
    const catalogue = await call('GET', '/api/v1/licence-conditions/2026-1', 'pom');
    assert.equal(catalogue.json.standard.length, 8);
    assert.ok(catalogue.json.additional.length >= 40);
    const zone = catalogue.json.additional.find((condition) => condition.code === 'exclusion_zone_hours');
    assert.deepEqual(zone.inputs.map((input) => input.type), ['exclusion_zone', 'time_range']);
    assert.match(zone.explanation.cy, /Cadwch allan o \{zone\}/);
    assert.equal((await call('GET', '/api/v1/licence-conditions/1999-1', 'pom')).status, 404);
  });
});

describe('a licence from draft to variation', () => {
  test('is drafted, checked, approved by another, in force at release and varied with reasons', async () => {
    const person = await personReleasedSoon();
    const due = await call('GET', '/api/v1/worklists/licences?limit=100', 'com');
    assert.ok(due.json.items.some((item) => item.person_id === person.id && item.status === null));

    assert.equal((await call('POST', `/api/v1/people/${person.id}/licences`, 'pom')).status, 403);
    const started = await call('POST', `/api/v1/people/${person.id}/licences`, 'com');
    assert.equal(started.status, 201, started.text);
    assert.equal(started.json.conditions.length, 8);
    const id = started.json.id;
    let etag = started.headers.get('etag');

    assert.equal((await call('POST', `/api/v1/licences/${id}/conditions`, 'com', curfew)).status, 428);
    const bad = await call('POST', `/api/v1/licences/${id}/conditions`, 'com',
      { ...curfew, reason: '', inputs: { address: '4 Park Lane, Leeds LS1 1AA', hours: '25:00-07:00' } }, { 'If-Match': etag });
    assert.equal(bad.status, 422);
    assert.deepEqual(errorFields(bad), ['reason', 'inputs.hours']);
    const unknown = await call('POST', `/api/v1/licences/${id}/conditions`, 'com', { ...curfew, code: 'nope' }, { 'If-Match': etag });
    assert.deepEqual(errorFields(unknown), ['code']);
    const unchanged = await call('GET', `/api/v1/licences/${id}`, 'com');
    assert.equal(unchanged.headers.get('etag'), etag, 'nothing was saved');

    const added = await call('POST', `/api/v1/licences/${id}/conditions`, 'com', curfew, { 'If-Match': etag });
    assert.equal(added.status, 200, added.text);
    const condition = added.json.conditions[8];
    assert.match(condition.explanation.cy, /rhwng 19:00 a 07:00/);
    assert.equal((await call('POST', `/api/v1/licences/${id}/submit`, 'com', {}, { 'If-Match': etag })).status, 412);
    etag = added.headers.get('etag');
    const submitted = await call('POST', `/api/v1/licences/${id}/submit`, 'com', {}, { 'If-Match': etag });
    assert.equal(submitted.json.status, 'submitted');
    etag = submitted.headers.get('etag');
    assert.equal((await call('POST', `/api/v1/licences/${id}/decision`, 'com', { decision: 'approve' }, { 'If-Match': etag })).status, 403);
    const approved = await call('POST', `/api/v1/licences/${id}/decision`, 'manager', { decision: 'approve' }, { 'If-Match': etag });
    assert.equal(approved.json.status, 'approved', approved.text);
    etag = approved.headers.get('etag');
    const active = await call('POST', `/api/v1/licences/${id}/activate`, 'com', { released_on: today }, { 'If-Match': etag });
    assert.equal(active.json.status, 'active', active.text);

    assert.equal((await call('POST', `/api/v1/licences/${id}/variations`, 'pom')).status, 403);
    const variation = await call('POST', `/api/v1/licences/${id}/variations`, 'com');
    assert.equal(variation.status, 201);
    let vtag = variation.headers.get('etag');
    const vid = variation.json.id;
    const changed = await call('PUT', `/api/v1/licences/${vid}/conditions/9`, 'com',
      { ...curfew, inputs: { ...curfew.inputs, hours: '21:00-06:00' } }, { 'If-Match': vtag });
    assert.equal(changed.status, 200, changed.text);
    vtag = changed.headers.get('etag');
    const unreasoned = await call('POST', `/api/v1/licences/${vid}/submit`, 'com',
      { senior_probation_officer_discussed: 'yes', victim_liaison_officer_consulted: 'no' }, { 'If-Match': vtag });
    assert.deepEqual(errorFields(unreasoned), ['reasons.9']);
    const sent = await call('POST', `/api/v1/licences/${vid}/submit`, 'com',
      { senior_probation_officer_discussed: 'yes', victim_liaison_officer_consulted: 'no', reasons: { 9: 'Late shifts at work' } },
      { 'If-Match': vtag });
    assert.equal(sent.json.status, 'submitted', sent.text);
    assert.deepEqual(sent.json.variation.changes, [{ change: 'changed', key: 9, code: 'curfew_address' }]);
    const decided = await call('POST', `/api/v1/licences/${vid}/decision`, 'manager', { decision: 'approve' },
      { 'If-Match': sent.headers.get('etag') });
    assert.equal(decided.json.status, 'active');

    const all = await call('GET', `/api/v1/people/${person.id}/licences`, 'pom');
    assert.deepEqual(all.json.licences.map((licence) => [licence.number, licence.status]), [[2, 'active'], [1, 'inactive']]);
    const timeline = await call('GET', `/api/v1/people/${person.id}/timeline`, 'manager');
    assert.ok(timeline.json.items.some((event) => event.kind === 'licence.replaced'));
  });
});

describe('the licence pages', () => {
  test('the COM adds a condition through the forms and the person gets the document in Welsh, as a page and a PDF', async () => {
    const person = await personReleasedSoon();
    const browser = new Browser(server);
    await browser.signIn('com');
    let page = await browser.get(`/people/${person.id}/licence`);
    assert.equal(page.status, 200);
    const started = await browser.post(`/people/${person.id}/licence`, { _csrf: csrfToken(page.text) });
    assert.equal(started.status, 303);
    page = await browser.get(`/people/${person.id}/licence`);
    assert.match(page.text, /Licence 1/);
    const licenceId = page.text.match(/\/licences\/(\d+)\/conditions\/new/)[1];

    const chooser = await browser.get(`/licences/${licenceId}/conditions/new`);
    assert.match(chooser.text, /<optgroup label="Curfew">/);
    const form = await browser.get(`/licences/${licenceId}/conditions/new?code=curfew_address`);
    const version = form.text.match(/name="version" value="(\d+)"/)[1];
    const wrong = await browser.post(`/licences/${licenceId}/conditions/new?code=curfew_address`, {
      _csrf: csrfToken(form.text), version, 'inputs.address': '4 Park Lane, Leeds', 'inputs.hours': '19:00-25:00',
      purpose: 'risk_to_known_adult', reason: 'Night-time offences' });
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, /govuk-error-summary/);
    assert.match(wrong.text, /href="#inputs.hours"/);
    const saved = await browser.post(`/licences/${licenceId}/conditions/new?code=curfew_address`, {
      _csrf: csrfToken(form.text), version, 'inputs.address': '4 Park Lane, Leeds', 'inputs.hours': '19:00-07:00',
      purpose: 'risk_to_known_adult', reason: 'Night-time offences' });
    assert.equal(saved.status, 303, saved.text);

    const welsh = await browser.get(`/licences/${licenceId}/document?language=cy&easy_read=yes`);
    assert.equal(welsh.status, 200);
    assert.match(welsh.text, /lang="cy"/);
    assert.match(welsh.text, /Beth mae hyn yn ei olygu i chi/);
    assert.match(welsh.text, /rhwng 19:00 a 07:00/);
    const pdf = await browser.get(`/licences/${licenceId}/document.pdf?language=cy&easy_read=yes`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.ok(pdf.text.startsWith('%PDF-'));
  });
});

describe('the induction and the acknowledgement', () => {
  test('the COM books the induction before release, goes through the licence and the person acknowledges it', async () => {
    const person = await personReleasedSoon();
    const base = `/api/v1/people/${person.id}`;
    const before = await call('GET', `${base}/induction`, 'pom');
    assert.equal(before.status, 200, before.text);
    assert.equal(before.json.induction, null);
    const { first, last } = before.json.window;
    const booking = { on: last, starts_at: '9:30', ends_at: '10:30', office_code: 'LDS', notes: 'Bring your licence' };

    const bad = await call('PUT', `${base}/induction`, 'com', { on: '2020-01-01', starts_at: '10:00', ends_at: '09:00', office_code: 'NOWHERE' });
    assert.equal(bad.status, 422);
    assert.deepEqual(errorFields(bad), ['on', 'ends_at', 'office_code']);
    const late = new Date(`${last}T12:00:00Z`);
    late.setUTCDate(late.getUTCDate() + 1);
    assert.deepEqual(errorFields(await call('PUT', `${base}/induction`, 'com', { ...booking, on: iso(late) })), ['on']);
    assert.equal((await call('PUT', `${base}/induction`, 'pom', booking)).status, 403);
    assert.equal((await call('GET', `${base}/induction`, 'pom')).json.induction, null, 'nothing was saved');

    const booked = await call('PUT', `${base}/induction`, 'com', booking);
    assert.equal(booked.status, 201, booked.text);
    assert.equal(booked.json.induction.starts_at, '09:30');
    assert.equal(booked.json.induction.office, 'Leeds');
    assert.equal((await call('PUT', `${base}/induction`, 'com', booking)).status, 409);
    const moved = await call('PUT', `${base}/induction`, 'com', { ...booking, on: first }, { 'If-Match': booked.headers.get('etag') });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.induction.on, first);
    const overview = await call('GET', `${base}/licences`, 'pom');
    assert.equal(overview.json.induction.on, first);

    const started = await call('POST', `${base}/licences`, 'com');
    const submitted = await call('POST', `/api/v1/licences/${started.json.id}/submit`, 'com', {}, { 'If-Match': started.headers.get('etag') });
    const approved = await call('POST', `/api/v1/licences/${started.json.id}/decision`, 'manager', { decision: 'approve' },
      { 'If-Match': submitted.headers.get('etag') });
    let licence = await call('POST', `/api/v1/licences/${started.json.id}/activate`, 'com', { released_on: today },
      { 'If-Match': approved.headers.get('etag') });
    assert.equal(licence.json.status, 'active', licence.text);
    const toExplain = async () => (await call('GET', '/api/v1/worklists/licences-to-explain?limit=200', 'com')).json.items
      .some((item) => item.person_id === person.id);
    assert.ok(await toExplain());
    const early = await call('POST', `/api/v1/licences/${started.json.id}/acknowledgement`, 'com', {}, { 'If-Match': licence.headers.get('etag') });
    assert.equal(early.status, 409);
    assert.match(early.json.detail, /still to go through conditions 1, 2/);
    for (const condition of licence.json.conditions) {
      licence = await call('POST', `/api/v1/licences/${started.json.id}/conditions/${condition.key}/understanding`, 'com',
        { understood: 'yes' }, { 'If-Match': licence.headers.get('etag') });
      assert.equal(licence.status, 200, licence.text);
    }
    assert.ok(await toExplain(), 'still to be acknowledged');
    const acknowledged = await call('POST', `/api/v1/licences/${started.json.id}/acknowledgement`, 'com', {},
      { 'If-Match': licence.headers.get('etag') });
    assert.equal(acknowledged.status, 200, acknowledged.text);
    assert.equal(acknowledged.json.acknowledged_on, today);
    assert.equal(await toExplain(), false);

    const log = await call('GET', `${base}/access-log?limit=200`, 'admin');
    assert.ok(log.json.items.some((read) => read.what === 'licence' && read.allowed), 'licence reads are audited');
    const timeline = await call('GET', `${base}/timeline?limit=200`, 'manager');
    const kinds = timeline.json.items.map((event) => event.kind);
    for (const kind of ['induction.booked', 'induction.changed', 'licence.acknowledged']) assert.ok(kinds.includes(kind), kind);
  });

  test('the pages book the induction and take the acknowledgement, and the worklist shows who is waiting', async () => {
    const person = await personReleasedSoon();
    const window = (await call('GET', `/api/v1/people/${person.id}/induction`, 'com')).json.window;
    const browser = new Browser(server);
    await browser.signIn('com');
    const licencePage = await browser.get(`/people/${person.id}/licence`);
    assert.match(licencePage.text, /No induction booked/);
    assert.match(licencePage.text, /Book the induction/);
    const form = await browser.get(`/people/${person.id}/induction`);
    assert.equal(form.status, 200);
    const [year, month, day] = window.last.split('-');
    const fields = { _csrf: csrfToken(form.text), 'on-day': day, 'on-month': month, 'on-year': year, starts_at: '10:00', office_code: 'LDS' };
    const wrong = await browser.post(`/people/${person.id}/induction`, { ...fields, ends_at: '25:00' });
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, /href="#ends_at"/);
    const saved = await browser.post(`/people/${person.id}/induction`, { ...fields, ends_at: '11:00' });
    assert.equal(saved.status, 303, saved.text);
    const after = await browser.get(`/people/${person.id}/licence`);
    assert.match(after.text, /10am to 11am/);
    assert.match(after.text, /Change the induction/);
    const worklist = await browser.get('/worklists/licences-to-explain');
    assert.equal(worklist.status, 200);
    assert.match(worklist.text, /Licences not yet gone through/);
  });
});

// The licence worklist pages are kept by the server while nothing they show changes: every write that
// changes what they show must show at once (services/worklist_page.hpp).
describe('the licence worklist pages after a write', () => {
  // The row of the person on the page's table; empty when they are not on it.
  const rowOf = (page, person) => page.text.match(new RegExp(`href="/people/${person.id}"[\\s\\S]*?</tr>`))?.[0] ?? '';

  test('the licences due show a licence begun, and leave out one approved, at once', async () => {
    const person = await personReleasedSoon();
    const browser = new Browser(server);
    await browser.signIn('com');
    const due = () => browser.get('/worklists/licences?limit=200');
    assert.match(rowOf(await due(), person), /Not started/);
    assert.match(rowOf(await due(), person), /Not started/, 'the kept page');

    const started = await call('POST', `/api/v1/people/${person.id}/licences`, 'com');
    assert.equal(started.status, 201, started.text);
    const begun = rowOf(await due(), person);
    assert.notEqual(begun, '');
    assert.doesNotMatch(begun, /Not started/);

    const submitted = await call('POST', `/api/v1/licences/${started.json.id}/submit`, 'com', {},
      { 'If-Match': started.headers.get('etag') });
    const approved = await call('POST', `/api/v1/licences/${started.json.id}/decision`, 'manager', { decision: 'approve' },
      { 'If-Match': submitted.headers.get('etag') });
    assert.equal(approved.json.status, 'approved', approved.text);
    assert.equal(rowOf(await due(), person), '');
  });

  test('the licences to go through show a licence in force, and leave it out once acknowledged, at once', async () => {
    const person = await personReleasedSoon();
    const browser = new Browser(server);
    await browser.signIn('com');
    const toExplain = () => browser.get('/worklists/licences-to-explain?limit=200');
    await toExplain();  // kept before the licence is in force

    const started = await call('POST', `/api/v1/people/${person.id}/licences`, 'com');
    const submitted = await call('POST', `/api/v1/licences/${started.json.id}/submit`, 'com', {},
      { 'If-Match': started.headers.get('etag') });
    const approved = await call('POST', `/api/v1/licences/${started.json.id}/decision`, 'manager', { decision: 'approve' },
      { 'If-Match': submitted.headers.get('etag') });
    let licence = await call('POST', `/api/v1/licences/${started.json.id}/activate`, 'com', { released_on: today },
      { 'If-Match': approved.headers.get('etag') });
    assert.equal(licence.json.status, 'active', licence.text);
    assert.notEqual(rowOf(await toExplain(), person), '');
    assert.notEqual(rowOf(await toExplain(), person), '', 'the kept page');

    for (const condition of licence.json.conditions) {
      licence = await call('POST', `/api/v1/licences/${started.json.id}/conditions/${condition.key}/understanding`, 'com',
        { understood: 'yes' }, { 'If-Match': licence.headers.get('etag') });
    }
    const acknowledged = await call('POST', `/api/v1/licences/${started.json.id}/acknowledgement`, 'com', {},
      { 'If-Match': licence.headers.get('etag') });
    assert.equal(acknowledged.status, 200, acknowledged.text);
    assert.equal(rowOf(await toExplain(), person), '');
  });
});
