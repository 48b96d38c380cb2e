// Licences through the API and the pages: the catalogue, a licence drafted by the COM, bad input
// named by field with nothing saved, If-Match on every update, approval by someone else, release,
// a variation with its reasons, the worklist, and the licence document as a page and a PDF.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, Browser, createPerson, csrfToken, determinateSentence, startServer } from './support.mjs';

let server;
let tokens;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'pom', 'com'] });
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
