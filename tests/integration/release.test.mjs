// Release as an event, over the API and the pages: recording the release moves the person on licence,
// ends the POM's and key worker's allocations (kept for continuity), leaves the case with the COM,
// closes the checklist with what is still to do carried as post-release actions, puts the approved
// licence in force, writes "Released" on the timeline and the first-night outcomes, and shows the gaps.
// Bad input is named field by field with nothing saved; "change details" cannot release anyone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, Browser, createPerson, csrfToken, determinateSentence, startServer } from './support.mjs';

let server;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'pom', 'keyworker', 'com', 'prerelease'] });
});
after(() => server?.stop());

const call = (method, target, token, body, headers) => api(server, method, target, { token: server.tokens[token], body, headers });
const errorFields = (response) => response.json.errors.map((error) => error.field);
const iso = (date) => date.toISOString().slice(0, 10);
const today = iso(new Date());
const daysAgo = (days) => iso(new Date(Date.now() - days * 24 * 60 * 60 * 1000));

function ok(response, status = 200) {
  assert.equal(response.status, status, response.text);
  return response;
}

// In custody in Leeds, released within the pre-release window, with a POM, key worker and COM, the
// checklist generated with the GP done, and an approved licence.
async function personReadyForRelease() {
  const person = await createPerson(server, server.tokens.manager);
  const base = `/api/v1/people/${person.id}`;
  ok(await call('POST', `${base}/sentences`, 'manager',
    determinateSentence({ sentence_start_date: daysAgo(20), sentence_length_days: 120 })), 201);
  for (const role of ['pom', 'key_worker', 'com']) {
    const options = ok(await call('GET', `${base}/allocation-options?role=${role}`, 'manager')).json.options;
    // The demo's COM, whose caseload the tests read; anyone suitable in the other roles.
    const chosen = options.find((option) => option.name === 'Callum Reid') ?? options[0];
    ok(await call('POST', `${base}/allocations`, 'manager', { staff_id: chosen.staff_id, role }), 201);
  }
  const checklist = await call('POST', `${base}/checklist`, 'prerelease', {});
  assert.ok([200, 201].includes(checklist.status), checklist.text);
  ok(await call('PATCH', `${base}/checklist/items/gp_registration`, 'prerelease', { status: 'done' },
    { 'If-Match': checklist.headers.get('etag') }));
  const started = ok(await call('POST', `${base}/licences`, 'com'), 201);
  const submitted = ok(await call('POST', `/api/v1/licences/${started.json.id}/submit`, 'com', {},
    { 'If-Match': started.headers.get('etag') }));
  ok(await call('POST', `/api/v1/licences/${started.json.id}/decision`, 'manager', { decision: 'approve' },
    { 'If-Match': submitted.headers.get('etag') }));
  return person;
}

const release = {
  released_on: today,
  released_at: '09:30',
  prison_code: 'LEI',
  tonight: 'cas3',
  address: 'Flat 2, 10 Kirkgate, Leeds LS2 7DJ',
  bank_account: 'in_place',
  benefits: 'in_place',
  benefits_detail: 'Universal Credit appointment at Leeds Jobcentre tomorrow',
  medication: 'in_place',
  medication_days: 28,
  travel: 'in_place',
  discharge_grant: 'in_place',
};

describe('recording the release', () => {
  test('moves the case to the community in one event, and shows what is not in place', async () => {
    const person = await personReadyForRelease();
    const base = `/api/v1/people/${person.id}`;
    const before = ok(await call('GET', `${base}/release-day`, 'pom'));
    assert.equal(before.json.released, false);
    assert.equal(before.json.form.gp_registration, 'in_place', 'prefilled from the checklist');
    assert.equal(before.json.form.id_documents, 'missing');
    assert.equal(before.json.form.prison_code, 'LEI');
    const timelineBefore = ok(await call('GET', `${base}/timeline?limit=200`, 'com')).json.items.length;

    const bad = await call('POST', `${base}/release`, 'prerelease',
      { ...release, released_at: '25:00', tonight: 'settled', address: '', medication_days: 0, released_on: '2999-01-01' });
    assert.equal(bad.status, 422, bad.text);
    assert.deepEqual(errorFields(bad), ['released_on', 'released_at', 'address', 'medication_days']);
    assert.equal((await call('POST', `${base}/release`, 'prerelease', { ...release, prison_code: 'HAI' })).status, 422);
    assert.equal((await call('POST', `${base}/release`, 'prerelease', { ...release, shoe_size: '9' })).status, 422);
    assert.equal((await call('POST', `${base}/release`, 'pom', release)).status, 403);
    assert.equal(ok(await call('GET', base, 'com')).json.stage, 'in_custody', 'nothing was saved');
    assert.equal(ok(await call('GET', `${base}/timeline?limit=200`, 'com')).json.items.length, timelineBefore);

    const byEdit = await call('PATCH', base, 'com', { stage: 'on_licence' },
      { 'If-Match': ok(await call('GET', base, 'com')).headers.get('etag') });
    assert.equal(byEdit.status, 422);
    assert.deepEqual(errorFields(byEdit), ['stage']);

    const recorded = ok(await call('POST', `${base}/release`, 'prerelease', release), 201);
    assert.equal(recorded.json.released, true);
    assert.equal(recorded.json.release_day.released_from, 'HMP Leeds');
    assert.equal(recorded.headers.get('etag'), '"1"');
    // ID was still to do on the checklist and the phone was never asked: both are gaps.
    assert.deepEqual(recorded.json.gaps.map((gap) => gap.field), ['id_documents', 'phone']);
    assert.deepEqual(recorded.json.post_release_actions.map((action) => action.kind).filter((kind) => kind === 'id_documents'),
      ['id_documents']);
    assert.equal((await call('POST', `${base}/release`, 'com', release)).status, 409, 'released once');
    assert.equal((await call('POST', `${base}/release`, 'prerelease', release)).status, 404, 'prison staff no longer see the case');

    const after = ok(await call('GET', base, 'com')).json;
    assert.equal(after.stage, 'on_licence');
    assert.ok(!after.prison_code, after.prison_code);
    assert.equal(after.pdu_code, 'LDS');
    // The POM and key worker no longer see the case; the COM holds it.
    assert.equal((await call('GET', base, 'pom')).status, 404);
    assert.equal((await call('GET', base, 'keyworker')).status, 404);
    const continuity = ok(await call('GET', `${base}/continuity`, 'com')).json;
    assert.deepEqual(Object.keys(continuity.changes_by_role).sort(), ['com', 'key_worker', 'pom'], 'ended allocations are kept');
    const com = new Browser(server);
    await com.signIn('com');
    const caseload = await com.get('/caseload?view=mine');
    assert.match(caseload.text, new RegExp(person.family_name));

    const checklist = ok(await call('GET', `${base}/checklist`, 'com')).json.checklist;
    assert.equal(checklist.closed_on, today);
    const status = (kind) => checklist.items.find((item) => item.kind === kind).status;
    assert.equal(status('bank_account'), 'done', 'in place on the day');
    assert.equal(status('first_night_accommodation'), 'done');
    assert.equal(status('id_documents'), 'to_do', 'still to do after release');
    assert.equal(checklist.summary.overdue, 0);
    assert.ok(checklist.summary.post_release >= 1);

    const licences = ok(await call('GET', `${base}/licences`, 'com')).json.licences;
    assert.equal(licences[0].status, 'active');

    const events = ok(await call('GET', `${base}/timeline?limit=200`, 'com')).json.items;
    const released = events.find((event) => event.kind === 'person.released');
    assert.match(released.summary, /^Released from HMP Leeds on \d{1,2} [A-Z][a-z]+ \d{4} at 09:30$/);
    assert.deepEqual(released.data.ended_allocations.map((ended) => ended.role).sort(), ['key_worker', 'pom']);
    assert.ok(events.some((event) => event.kind === 'licence.activated'));

    const outcomes = ok(await call('GET', `${base}/outcomes`, 'com')).json;
    const firstNight = outcomes.snapshots.find((snapshot) => snapshot.milestone === 'release_first_night');
    assert.equal(firstNight.recorded_on, today);
    assert.equal(firstNight.outcomes.accommodation.level, 'getting_by');
    assert.equal(firstNight.outcomes.finance_benefits_debt.level, 'struggling');
    assert.equal(firstNight.outcomes.health.level, 'getting_by');

    const responsibility = ok(await call('GET', `${base}/responsibility`, 'com')).json;
    assert.equal(responsibility.release_day, null, 'the day of release is no longer a plan');

    // The person page: no day of release, the release, and what is still to do after it.
    const page = await com.get(`/people/${person.id}`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /Day of release/);
    assert.match(page.text, /Still to do after release: ID documents in hand/);
    assert.match(page.text, /Released<\/dt>/);
    const day = await com.get(`/people/${person.id}/release-day`);
    assert.match(day.text, /ID documents: not in place/);
    assert.match(day.text, /Phone: not recorded/);
  });

  test('the COM completes the record afterwards, with If-Match', async () => {
    const person = await personReadyForRelease();
    const base = `/api/v1/people/${person.id}`;
    assert.equal((await call('PATCH', `${base}/release-day`, 'com', { phone: 'in_place' }, { 'If-Match': '"1"' })).status, 409);
    ok(await call('POST', `${base}/release`, 'prerelease', release), 201);
    assert.equal((await call('PATCH', `${base}/release-day`, 'com', { phone: 'in_place' })).status, 428);
    assert.equal((await call('PATCH', `${base}/release-day`, 'com', { phone: 'in_place' }, { 'If-Match': '"7"' })).status, 412);
    const bad = await call('PATCH', `${base}/release-day`, 'com', { phone: 'sometimes', tonight: 'approved_premises', address: '' },
      { 'If-Match': '"1"' });
    assert.deepEqual(errorFields(bad), ['address', 'phone']);
    const done = ok(await call('PATCH', `${base}/release-day`, 'com',
      { phone: 'in_place', id_documents: 'in_place', id_documents_detail: 'Birth certificate arrived' }, { 'If-Match': '"1"' }));
    assert.equal(done.headers.get('etag'), '"2"');
    assert.deepEqual(done.json.gaps, []);
    assert.ok(!done.json.post_release_actions.some((action) => action.kind === 'id_documents'), 'ID done after release');
    const outcomes = ok(await call('GET', `${base}/outcomes`, 'com')).json.snapshots
      .filter((snapshot) => snapshot.milestone === 'release_first_night');
    assert.equal(outcomes.length, 2);
    assert.equal(outcomes[1].outcomes.finance_benefits_debt.level, 'getting_by');
  });

  test('the pages record the release with an error summary naming the fields', async () => {
    const person = await personReadyForRelease();
    const browser = new Browser(server);
    await browser.signIn('prerelease');
    const form = await browser.get(`/people/${person.id}/release-day`);
    assert.equal(form.status, 200);
    assert.match(form.text, /Record the release/);
    assert.match(form.text, /value="in_place" checked/, 'prefilled from the checklist');
    const fields = { _csrf: csrfToken(form.text), version: '0', 'released_on-day': '', 'released_on-month': '', 'released_on-year': '',
      released_at: '9.30', prison_code: 'LEI', tonight: 'temporary', address: '' };
    const refused = await browser.post(`/people/${person.id}/release`, fields);
    assert.equal(refused.status, 422);
    assert.match(refused.text, /govuk-error-summary/);
    for (const field of ['released_on', 'released_at', 'address']) assert.match(refused.text, new RegExp(`href="#${field}"`));
    const [year, month, day] = today.split('-');
    const done = await browser.post(`/people/${person.id}/release`, {
      ...fields, 'released_on-day': day, 'released_on-month': month, 'released_on-year': year, released_at: '10:00',
      address: '3 Hostel Row, Leeds',
    });
    // Answered with the page as the release left it: the pre-release team no longer sees the person after it.
    assert.equal(done.status, 200, done.text);
    assert.match(done.text, /Released: the case is now with their community offender manager/);
    assert.match(done.text, /at 10:00 from HMP Leeds/);
    assert.match(done.text, /Still to do after release/);
    assert.equal((await browser.get(`/people/${person.id}`)).status, 404, 'prison staff no longer see the case');
  });
});
