// Case transfers and the handover to the community, through the API with bearer tokens: a
// transfer is requested with a handover record and takes effect only when the receiver
// acknowledges it (or is withdrawn by the sender); illegal moves are 409, stale versions 412;
// the continuity measure follows the allocations; the three-way handover meeting; overdue handovers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, Browser, createPerson, determinateSentence, startServer } from './support.mjs';

let server;
let tokens;
// Demo staff ids by role, from the demo's allocation events: Kim Walsh (key worker), Priya Shah
// (POM) and Callum Reid (COM) are the only practitioners the demo allocates.
const staffIds = {};
let callumId;

before(async () => {
  server = await startServer({ tokensFor: ['admin', 'manager', 'pom', 'com', 'keyworker'] });
  tokens = server.tokens;
  const people = await api(server, 'GET', '/api/v1/people?limit=200', { token: tokens.admin });
  for (const person of people.json.items) {
    const timeline = await api(server, 'GET', `/api/v1/people/${person.id}/timeline`, { token: tokens.admin });
    for (const event of timeline.json.items.filter((item) => item.kind === 'allocation.made'))
      staffIds[event.data.role] = event.data.staff_id;
  }
  callumId = staffIds.com;
  assert.ok(callumId && staffIds.pom && staffIds.key_worker, JSON.stringify(staffIds));
});
after(() => server?.stop());

const iso = (date) => date.toISOString().slice(0, 10);
const daysFromToday = (days) => iso(new Date(Date.now() + days * 24 * 60 * 60 * 1000));
const record = { summary: 'Settled, working in the kitchens', current_risks: 'ROSH medium', outstanding_actions: '- Bank account' };

const call = (method, target, token, body, headers) => api(server, method, target, { token: tokens[token], body, headers });
const errorFields = (response) => response.json.errors.map((error) => error.field);

async function sentencedPerson(overrides = {}, sentence = {}) {
  const person = await createPerson(server, tokens.manager, overrides);
  const recorded = await call('POST', `/api/v1/people/${person.id}/sentences`, 'manager',
    determinateSentence({ sentence_start_date: daysFromToday(-30), sentence_length_days: 1460, ...sentence }));
  assert.equal(recorded.status, 201, recorded.text);
  return person;
}

describe('a transfer between prisons', () => {
  test('is requested, seen by the receiving prison, and moves the person only when acknowledged', async () => {
    const person = await sentencedPerson({ prison_code: 'HAI' });
    const requested = await call('POST', `/api/v1/people/${person.id}/transfers`, 'manager', { kind: 'prison', to_code: 'LEI', ...record });
    assert.equal(requested.status, 201, requested.text);
    const transfer = requested.json;
    assert.equal(transfer.status, 'awaiting_acknowledgement');
    assert.equal(transfer.from_code, 'HAI');
    assert.equal(transfer.to_name, 'HMP Leeds');
    assert.equal(requested.headers.get('etag'), '"1"');
    assert.equal(requested.headers.get('location'), `/api/v1/transfers/${transfer.id}`);

    // Nothing has moved yet: the sending prison stays responsible.
    assert.equal((await call('GET', `/api/v1/people/${person.id}`, 'admin')).json.prison_code, 'HAI');
    assert.equal((await call('GET', `/api/v1/people/${person.id}`, 'pom')).status, 404, 'not yet the POM\'s to see');

    // The receiving prison's POM sees it awaiting them and can read the handover record.
    const inbox = await call('GET', '/api/v1/transfers', 'pom');
    const mine = inbox.json.items.find((item) => item.id === transfer.id);
    assert.ok(mine, 'the transfer is awaiting the receiving prison');
    assert.equal(mine.may_acknowledge, true);
    assert.equal(mine.acknowledgement_overdue, false);
    const read = await call('GET', `/api/v1/transfers/${transfer.id}`, 'pom');
    assert.equal(read.status, 200);
    assert.equal(read.json.summary, record.summary);
    assert.ok(!(await call('GET', '/api/v1/transfers', 'com')).json.items.some((item) => item.id === transfer.id));

    // The sender cannot acknowledge (the manager covers Leeds too, but asked for it); the receiver cannot withdraw.
    assert.equal((await call('POST', `/api/v1/transfers/${transfer.id}/acknowledge`, 'manager', {}, { 'If-Match': '"1"' })).status, 403);
    assert.equal((await call('POST', `/api/v1/transfers/${transfer.id}/withdraw`, 'pom', { reason: 'No' }, { 'If-Match': '"1"' })).status, 403);
    // Versions: none is 428, an old one 412.
    assert.equal((await call('POST', `/api/v1/transfers/${transfer.id}/acknowledge`, 'pom', {})).status, 428);
    assert.equal((await call('POST', `/api/v1/transfers/${transfer.id}/acknowledge`, 'pom', {}, { 'If-Match': '"7"' })).status, 412);

    const acknowledged = await call('POST', `/api/v1/transfers/${transfer.id}/acknowledge`, 'pom', { note: 'Cell allocated' }, { 'If-Match': '"1"' });
    assert.equal(acknowledged.status, 200, acknowledged.text);
    assert.equal(acknowledged.json.status, 'acknowledged');
    assert.equal(acknowledged.json.acknowledged_by_name, 'Priya Shah');
    assert.equal(acknowledged.headers.get('etag'), '"2"');
    const moved = await call('GET', `/api/v1/people/${person.id}`, 'pom');
    assert.equal(moved.status, 200, 'the case is now the receiving prison\'s');
    assert.equal(moved.json.prison_code, 'LEI');

    // Acknowledged is final: withdrawing now is an illegal move.
    const late = await call('POST', `/api/v1/transfers/${transfer.id}/withdraw`, 'manager', { reason: 'Too late' }, { 'If-Match': '"2"' });
    assert.equal(late.status, 409, late.text);
    assert.match(late.json.detail, /already Acknowledged/);

    const timeline = await call('GET', `/api/v1/people/${person.id}/timeline`, 'admin');
    const kinds = timeline.json.items.map((event) => event.kind);
    assert.ok(kinds.includes('transfer.requested') && kinds.includes('transfer.acknowledged'), kinds.join());
    const listed = await call('GET', `/api/v1/people/${person.id}/transfers`, 'pom');
    assert.deepEqual(listed.json.items.map((item) => item.status), ['acknowledged']);
  });

  test('is withdrawn by the sender with a reason, and then cannot be acknowledged', async () => {
    const person = await sentencedPerson();
    const requested = await call('POST', `/api/v1/people/${person.id}/transfers`, 'pom', { kind: 'prison', to_code: 'HAI', ...record });
    assert.equal(requested.status, 201, requested.text);
    const id = requested.json.id;
    const again = await call('POST', `/api/v1/people/${person.id}/transfers`, 'pom', { kind: 'prison', to_code: 'HAI', ...record });
    assert.equal(again.status, 409, 'one open transfer of a kind at a time');

    const noReason = await call('POST', `/api/v1/transfers/${id}/withdraw`, 'pom', {}, { 'If-Match': '"1"' });
    assert.equal(noReason.status, 422);
    assert.deepEqual(errorFields(noReason), ['reason']);
    const withdrawn = await call('POST', `/api/v1/transfers/${id}/withdraw`, 'keyworker', { reason: 'Court date moved' }, { 'If-Match': '"1"' });
    assert.equal(withdrawn.status, 200, withdrawn.text);
    assert.equal(withdrawn.json.status, 'withdrawn');
    assert.equal((await call('GET', `/api/v1/people/${person.id}`, 'admin')).json.prison_code, 'LEI');

    const twice = await call('POST', `/api/v1/transfers/${id}/withdraw`, 'pom', { reason: 'Again' }, { 'If-Match': '"2"' });
    assert.equal(twice.status, 409);
    assert.equal(twice.headers.get('content-type'), 'application/problem+json');
    const timeline = await call('GET', `/api/v1/people/${person.id}/timeline`, 'admin');
    const event = timeline.json.items.find((item) => item.kind === 'transfer.withdrawn');
    assert.equal(event.reason, 'Court date moved');
  });

  test('bad input names every bad field', async () => {
    const person = await sentencedPerson();
    const empty = await call('POST', `/api/v1/people/${person.id}/transfers`, 'pom', {});
    assert.equal(empty.status, 422);
    assert.deepEqual(errorFields(empty), ['kind', 'summary', 'current_risks', 'outstanding_actions']);
    const nowhere = await call('POST', `/api/v1/people/${person.id}/transfers`, 'pom', { kind: 'prison', to_code: 'ZZZ', ...record });
    assert.deepEqual(errorFields(nowhere), ['to_code']);
    const same = await call('POST', `/api/v1/people/${person.id}/transfers`, 'pom', { kind: 'prison', to_code: 'LEI', ...record });
    assert.deepEqual(errorFields(same), ['to_code']);
    const wrongRole = await call('POST', `/api/v1/people/${person.id}/transfers`, 'pom',
      { kind: 'practitioner', role: 'pom', to_staff_id: callumId, ...record });
    assert.deepEqual(errorFields(wrongRole), ['to_staff_id']);
    const unknownField = await call('POST', `/api/v1/people/${person.id}/transfers`, 'pom', { kind: 'prison', to_code: 'HAI', colour: 'blue', ...record });
    assert.deepEqual(errorFields(unknownField), ['colour']);
    const stranger = await call('GET', '/api/v1/transfers/999999', 'pom');
    assert.equal(stranger.status, 404);
  });
});

describe('a transfer between practitioners, continuity and the handover meeting', () => {
  let person;
  before(async () => {
    person = await sentencedPerson();
  });

  async function handTo(role, staffId, receiver) {
    const requested = await call('POST', `/api/v1/people/${person.id}/transfers`, 'manager',
      { kind: 'practitioner', role, to_staff_id: staffId, ...record });
    assert.equal(requested.status, 201, requested.text);
    const inbox = await call('GET', '/api/v1/transfers', receiver);
    assert.ok(inbox.json.items.some((item) => item.id === requested.json.id), `${receiver} sees the transfer`);
    const done = await call('POST', `/api/v1/transfers/${requested.json.id}/acknowledge`, receiver, {}, { 'If-Match': '"1"' });
    assert.equal(done.status, 200, done.text);
    return done.json;
  }

  test('the receiving practitioner becomes the lead; changes of lead are counted', async () => {
    const first = await call('GET', `/api/v1/people/${person.id}/continuity`, 'manager');
    assert.deepEqual(first.json, { lead_changes: 0, changes_by_role: {}, days_known: 0, changes_per_six_months: 0 });

    const com = await handTo('com', callumId, 'com');
    assert.equal(com.from_name, 'Nobody yet');
    const keyWorker = await handTo('key_worker', staffIds.key_worker, 'keyworker');
    assert.equal(keyWorker.to_name, 'Kim Walsh');
    // Priya (a POM) may be the key worker too; the change of key worker is the one change.
    const changed = await handTo('key_worker', staffIds.pom, 'pom');
    assert.equal(changed.from_name, 'Kim Walsh');

    const continuity = await call('GET', `/api/v1/people/${person.id}/continuity`, 'manager');
    assert.equal(continuity.status, 200);
    assert.equal(continuity.json.lead_changes, 1);
    assert.deepEqual(continuity.json.changes_by_role, { com: 0, key_worker: 1 });
    assert.equal(continuity.json.changes_per_six_months, 1);
  });

  test('the three-way meeting is scheduled before the handover date and recorded as held', async () => {
    const progress = await call('GET', `/api/v1/people/${person.id}/handover`, 'manager');
    assert.equal(progress.status, 200);
    assert.equal(progress.json.com_allocated, true);
    assert.equal(progress.json.meeting, null);
    const handover = progress.json.handover_date;
    assert.ok(handover > daysFromToday(0), handover);

    const tooLate = await call('POST', `/api/v1/people/${person.id}/handover-meetings`, 'pom', { scheduled_on: handover });
    assert.equal(tooLate.status, 422);
    assert.deepEqual(errorFields(tooLate), ['late_reason']);  // late is allowed, but says why
    assert.match(tooLate.json.errors[0].message, /on or after the handover date/);
    const noHeld = await call('POST', `/api/v1/people/${person.id}/handover-meeting/held`, 'pom', {}, { 'If-Match': '"1"' });
    assert.equal(noHeld.status, 409, 'nothing scheduled yet');

    const scheduled = await call('POST', `/api/v1/people/${person.id}/handover-meetings`, 'pom', { scheduled_on: daysFromToday(0), notes: 'Video link' });
    assert.equal(scheduled.status, 201, scheduled.text);
    assert.equal(scheduled.json.status, 'scheduled');
    assert.equal(scheduled.json.com_staff_id, callumId);
    assert.equal((await call('POST', `/api/v1/people/${person.id}/handover-meetings`, 'pom', { scheduled_on: daysFromToday(1) })).status, 409);

    assert.equal((await call('POST', `/api/v1/people/${person.id}/handover-meeting/held`, 'pom', {})).status, 428);
    const bad = await call('POST', `/api/v1/people/${person.id}/handover-meeting/held`, 'pom', { held_on: daysFromToday(3), person_attended: 'maybe' }, { 'If-Match': '"1"' });
    assert.equal(bad.status, 422);
    assert.deepEqual(errorFields(bad), ['held_on', 'person_attended']);
    const held = await call('POST', `/api/v1/people/${person.id}/handover-meeting/held`, 'pom', { held_on: daysFromToday(0), person_attended: 'yes' }, { 'If-Match': '"1"' });
    assert.equal(held.status, 200, held.text);
    assert.equal(held.json.person_attended, true);
    const cancel = await call('POST', `/api/v1/people/${person.id}/handover-meeting/cancel`, 'pom', { reason: 'x' }, { 'If-Match': '"2"' });
    assert.equal(cancel.status, 409, 'a held meeting is final');

    const after = await call('GET', `/api/v1/people/${person.id}/handover`, 'manager');
    assert.equal(after.json.meeting.status, 'held');
    assert.deepEqual(after.json.flags, []);
  });
});

describe('overdue handovers', () => {
  test('a case past its handover date without a COM or a held meeting is on the worklist, with what is missing', async () => {
    // Sentenced 1 March 2024 for 2 years: release 1 March 2025, handover 8 months and 14 days before.
    const person = await sentencedPerson({}, { sentence_start_date: '2024-03-01', sentence_length_days: 730 });
    const worklist = await call('GET', '/api/v1/worklists/overdue-handovers?prison_code=LEI', 'manager');
    assert.equal(worklist.status, 200);
    const entry = worklist.json.items.find((item) => item.person.id === person.id);
    assert.ok(entry, 'the case is on the overdue list');
    assert.ok(entry.handover_date < daysFromToday(0), entry.handover_date);
    assert.deepEqual(entry.flags.map((flag) => flag.code), ['com_not_allocated', 'meeting_not_scheduled', 'handover_overdue']);
    const progress = await call('GET', `/api/v1/people/${person.id}/handover`, 'manager');
    assert.equal(progress.json.overdue, true);
    assert.equal((await call('GET', '/api/v1/worklists/overdue-handovers?prison_code=HAI', 'manager')).json.items
      .some((item) => item.person.id === person.id), false);

    // The worklist page says what is missing in the case's last cell.
    const browser = new Browser(server);
    await browser.signIn('manager');
    const page = await browser.get('/worklists/overdue-handovers?prison_code=LEI&limit=200');
    assert.equal(page.status, 200);
    const row = page.text.split('<tr class="govuk-table__row">').find((part) => part.includes(`/people/${person.id}"`));
    assert.ok(row, 'the case is on the page');
    assert.match(row, /<td class="govuk-table__cell">[^<]*Handover overdue[^<]*<\/td>/);
  });
});
