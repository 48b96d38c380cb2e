// MAPPA and information sharing through the API and the pages: a category and level (never a level
// without a category), a panel referral, meetings (never held in the future) with attendees, actions
// (never without an owner) and their status, the next meeting due, the MAPPA worklist, requests and
// disclosures (never a disclosure without a lawful basis and approver) and their answers; bad input
// named with nothing half-saved, versions checked, partners kept out, every change on the timeline.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, Browser, createPerson, csrfToken, determinateSentence, startServer } from './support.mjs';

let server;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'com', 'partner'] });
});
after(() => server?.stop());

const call = (method, path, token, body, headers) => api(server, method, path, { token: server.tokens[token], body, headers });
const errorFields = (response) => response.json.errors.map((error) => error.field);
const ifMatch = (version) => ({ 'If-Match': `"${version}"` });
const day = (offset) => new Date(Date.now() + offset * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const dateParts = (name, iso) => {
  const [year, month, dayOfMonth] = iso.split('-');
  return { [`${name}-day`]: dayOfMonth, [`${name}-month`]: month, [`${name}-year`]: year };
};

const level2 = { category: '2', level: '2', decided_on: day(0), decided_by: 'Level 2 panel, chair A Khan' };
const mappaOf = async (person) => (await call('GET', `/api/v1/people/${person.id}/mappa`, 'com')).json;

describe('MAPPA through the API', () => {
  test('a level without a category is refused naming category, and nothing is saved', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const base = `/api/v1/people/${person.id}/mappa/decisions`;
    const refused = await call('POST', base, 'com', { level: '2', decided_on: day(0), decided_by: 'Panel' });
    assert.equal(refused.status, 422);
    assert.deepEqual(errorFields(refused), ['category']);
    assert.match(refused.json.errors[0].message, /MAPPA level/);
    assert.deepEqual(errorFields(await call('POST', base, 'com', { category: '5', level: '0', decided_on: day(1) })),
      ['category', 'level', 'decided_on', 'decided_by']);
    assert.equal((await call('POST', base, 'com', { ...level2, colour: 'red' })).status, 422);
    const nothing = await mappaOf(person);
    assert.equal(nothing.decisions.length, 0);
    assert.equal(nothing.level, null);
    assert.equal(nothing.next_meeting, null);
    const risk = await call('GET', `/api/v1/people/${person.id}/risk-profile`, 'com');
    assert.equal(risk.json.mappa_level, 0, 'the risk profile is untouched');
  });

  test('a category and level set the risk profile, and the first meeting is due within 4 weeks', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const decided = await call('POST', `/api/v1/people/${person.id}/mappa/decisions`, 'com', { ...level2, reason: 'Risk to ex-partner' });
    assert.equal(decided.status, 201, decided.text);
    assert.equal(decided.json.category, '2');
    assert.equal(decided.json.decided_by, 'Level 2 panel, chair A Khan');
    const mappa = await mappaOf(person);
    assert.equal(mappa.category, '2');
    assert.equal(mappa.level, '2');
    assert.deepEqual(mappa.next_meeting, { due_on: day(28), reason: 'first_meeting', overdue: false });
    const risk = await call('GET', `/api/v1/people/${person.id}/risk-profile`, 'com');
    assert.equal(risk.json.mappa_level, 2);
    const referred = await call('POST', `/api/v1/people/${person.id}/mappa/referrals`, 'com',
      { level: '1', reason: 'Escalating', referred_on: day(0) });
    assert.deepEqual(errorFields(referred), ['level']);
    const referral = await call('POST', `/api/v1/people/${person.id}/mappa/referrals`, 'com',
      { level: '3', reason: 'Escalating risk to children', referred_on: day(0) });
    assert.equal(referral.status, 201, referral.text);
    assert.equal((await mappaOf(person)).referrals.length, 1);
  });

  test('a meeting in the future cannot be held; a planned one is marked held at its version', async () => {
    const person = await createPerson(server, server.tokens.manager);
    await call('POST', `/api/v1/people/${person.id}/mappa/decisions`, 'com', { ...level2, decided_on: day(-30) });
    const meetings = `/api/v1/people/${person.id}/mappa/meetings`;
    const police = { agency: 'police', name: 'DC Rees' };
    const future = await call('POST', meetings, 'com', { kind: 'review', meeting_on: day(3), held: true, attendees: [police] });
    assert.equal(future.status, 422);
    assert.deepEqual(errorFields(future), ['meeting_on']);
    const noOne = await call('POST', meetings, 'com', { kind: 'review', meeting_on: day(-1), held: true });
    assert.deepEqual(errorFields(noOne), ['attendee_1_name']);
    const badAttendee = await call('POST', meetings, 'com', { kind: 'review', meeting_on: day(-1), attendees: [{ agency: 'fire', name: 'X' }] });
    assert.deepEqual(errorFields(badAttendee), ['attendee_1_agency']);
    assert.equal((await call('POST', meetings, 'com', { kind: 'review', meeting_on: day(-1), attendees: 'DC Rees' })).status, 422);
    assert.equal((await mappaOf(person)).meetings.length, 0, 'nothing saved');

    const planned = await call('POST', meetings, 'com', { kind: 'review', meeting_on: day(5), attendees: [police] });
    assert.equal(planned.status, 201, planned.text);
    assert.equal(planned.json.status, 'planned');
    const tooSoon = await call('POST', `/api/v1/mappa/meetings/${planned.json.id}/held`, 'com', {}, ifMatch(1));
    assert.deepEqual(errorFields(tooSoon), ['meeting_on']);

    const last = await call('POST', meetings, 'com', { kind: 'review', meeting_on: day(-2) });
    const held = `/api/v1/mappa/meetings/${last.json.id}/held`;
    const attendees = [police, { agency: 'probation', name: 'Sam Officer' }];
    assert.equal((await call('POST', held, 'com', { attendees })).status, 428);
    assert.equal((await call('POST', held, 'com', { attendees }, ifMatch(7))).status, 412);
    const marked = await call('POST', held, 'com', { attendees, notes: 'Address agreed' }, ifMatch(1));
    assert.equal(marked.status, 200, marked.text);
    assert.equal(marked.json.status, 'held');
    assert.deepEqual(marked.json.attendees, attendees.map((attendee) => ({ ...attendee, staff_id: null })), 'named in words, by no account');
    assert.equal(marked.headers.get('etag'), '"2"');
    assert.equal((await call('POST', held, 'com', { attendees }, ifMatch(2))).status, 409);
    const mappa = await mappaOf(person);
    assert.deepEqual(mappa.next_meeting, { due_on: day(-2 + 112), reason: 'review', overdue: false });
  });

  test('an action needs an owner, may belong to another agency, and is overdue once past due while open', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const meeting = await call('POST', `/api/v1/people/${person.id}/mappa/meetings`, 'com', { kind: 'first', meeting_on: day(-3) });
    const actions = `/api/v1/mappa/meetings/${meeting.json.id}/actions`;
    const ownerless = await call('POST', actions, 'com', { description: 'Check the address', due_on: day(-1) });
    assert.equal(ownerless.status, 422);
    assert.deepEqual(errorFields(ownerless), ['owner_agency']);
    assert.equal((await mappaOf(person)).actions.length, 0, 'nothing saved');
    const added = await call('POST', actions, 'com', { description: 'Check the address', owner_agency: 'police', owner_name: 'DC Rees', due_on: day(-1) });
    assert.equal(added.status, 201, added.text);
    assert.equal(added.json.overdue, true);
    const record = await call('GET', `/api/v1/mappa/meetings/${meeting.json.id}`, 'com');
    assert.equal(record.json.actions[0].owner_agency, 'police');
    const status = `/api/v1/mappa/actions/${added.json.id}/status`;
    assert.deepEqual(errorFields(await call('POST', status, 'com', { status: 'finished' }, ifMatch(1))), ['status']);
    const done = await call('POST', status, 'com', { status: 'done' }, ifMatch(1));
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.overdue, false);
    assert.equal((await call('POST', status, 'com', { status: 'open' }, ifMatch(1))).status, 412);
  });

  test('an action needing a licence condition links the plan objective until there is a licence, then the condition; shown both ways', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const meeting = await call('POST', `/api/v1/people/${person.id}/mappa/meetings`, 'com', { kind: 'review', meeting_on: day(0) });
    const actions = `/api/v1/mappa/meetings/${meeting.json.id}/actions`;
    const curfewChecks = { description: 'Curfew checks at the approved address', owner_agency: 'police', due_on: day(14) };
    const plan = await call('POST', `/api/v1/people/${person.id}/plan/objectives`, 'com', { pathway: 'accommodation', goal: 'Live at my sister\'s' });
    assert.ok(plan.status < 300, plan.text);
    const [objective] = plan.json.objectives;

    const noLicence = await call('POST', actions, 'com', { ...curfewChecks, condition_key: 1 });
    assert.equal(noLicence.status, 422);
    assert.deepEqual(errorFields(noLicence), ['condition_key']);
    const byObjective = await call('POST', actions, 'com', { ...curfewChecks, objective_id: objective.id });
    assert.equal(byObjective.status, 201, byObjective.text);
    assert.equal(byObjective.json.objective_id, objective.id);
    assert.equal(byObjective.json.condition_key, null);

    const licence = await call('POST', `/api/v1/people/${person.id}/licences`, 'com');
    assert.equal(licence.status, 201, licence.text);
    const { key } = licence.json.conditions[0];
    for (const [body, field] of [[{ objective_id: objective.id }, 'objective_id'], [{ condition_key: 999 }, 'condition_key'],
      [{ condition_key: key, objective_id: objective.id }, 'objective_id']]) {
      const refused = await call('POST', actions, 'com', { ...curfewChecks, ...body });
      assert.equal(refused.status, 422, JSON.stringify(body));
      assert.deepEqual(errorFields(refused), [field]);
    }
    assert.equal((await mappaOf(person)).actions.length, 1, 'nothing saved');
    const byCondition = await call('POST', actions, 'com', { ...curfewChecks, condition_key: key });
    assert.equal(byCondition.status, 201, byCondition.text);
    assert.equal(byCondition.json.condition_key, key);
    const listed = (await mappaOf(person)).actions.map((action) => [action.condition_key, action.objective_id]);
    assert.deepEqual(listed.sort(), [[key, null], [null, objective.id]].sort());
    const timeline = (await call('GET', `/api/v1/people/${person.id}/timeline`, 'com')).json.items;
    assert.equal(timeline[0].kind, 'mappa.action_added');

    const browser = new Browser(server);
    assert.equal((await browser.signIn('com')).status, 303);
    const linkTo = (action) => new RegExp(`MAPPA action: <a class="govuk-link" href="/mappa/actions/${action.json.id}">Curfew checks`);
    assert.match((await browser.get(`/people/${person.id}/licence`)).text, linkTo(byCondition));
    assert.match((await browser.get(`/people/${person.id}/plan`)).text, linkTo(byObjective));
    const actionPage = await browser.get(`/mappa/actions/${byCondition.json.id}`);
    assert.match(actionPage.text, new RegExp(`Condition ${key}: `));
    assert.match((await browser.get(`/mappa/actions/${byObjective.json.id}`)).text, /Live at my sister/);
    const meetingPage = await browser.get(`/mappa/meetings/${meeting.json.id}`);
    assert.match(meetingPage.text, /Licence condition it needs \(optional\)/);
    const added = await browser.post(`/mappa/meetings/${meeting.json.id}/actions`, {
      _csrf: csrfToken(meetingPage.text), description: 'Police to visit', owner_agency: 'police', ...dateParts('due_on', day(7)), condition_key: String(key),
    });
    assert.equal(added.status, 303, added.text);
    assert.equal((await mappaOf(person)).actions.filter((action) => action.condition_key === key).length, 2);
  });

  test('a pre-release meeting is due from 6 months before a release; the worklist shows it and what is overdue', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const sentence = await call('POST', `/api/v1/people/${person.id}/sentences`, 'manager',
      determinateSentence({ sentence_start_date: day(-200), sentence_length_days: 600 }));
    assert.equal(sentence.status, 201, sentence.text);
    await call('POST', `/api/v1/people/${person.id}/mappa/decisions`, 'com', level2);
    const mappa = await mappaOf(person);
    assert.equal(mappa.next_meeting.reason, 'pre_release');
    assert.ok(mappa.next_meeting.due_on < day(0), JSON.stringify(mappa.next_meeting));
    assert.equal(mappa.next_meeting.overdue, true);
    await call('POST', `/api/v1/people/${person.id}/information-sharing`, 'com', {
      kind: 'request_made', agency: 'police', subject: 'Police check of the proposed address', lawful_basis: 'mappa_duty_to_cooperate',
      sent_on: day(-10), due_by: day(-1),
    });

    let found;
    for (let cursor = ''; !found;) {
      const page = await call('GET', `/api/v1/worklists/mappa?pdu_code=LDS&limit=200${cursor}`, 'com');
      assert.equal(page.status, 200, page.text);
      found = page.json.items.find((item) => item.person_id === person.id);
      if (!page.json.next_cursor) break;
      cursor = `&cursor=${page.json.next_cursor}`;
    }
    assert.ok(found, 'the person is on the worklist');
    assert.equal(found.level, '2');
    assert.equal(found.meeting_reason, 'pre_release');
    assert.equal(found.meeting_overdue, true);
    assert.equal(found.requests_overdue, 1);
    assert.equal(found.actions_overdue, 0);
    assert.equal((await call('GET', '/api/v1/worklists/mappa', 'partner')).status, 403);
    assert.equal((await call('GET', '/api/v1/worklists/mappa?limit=0', 'com')).status, 422);
  });

  test('partners neither see nor record MAPPA or information sharing', async () => {
    const person = await createPerson(server, server.tokens.manager);
    assert.equal((await call('GET', `/api/v1/people/${person.id}/mappa`, 'partner')).status, 404);
    assert.equal((await call('GET', `/api/v1/people/${person.id}/information-sharing`, 'partner')).status, 404);
    assert.equal((await call('POST', `/api/v1/people/${person.id}/mappa/decisions`, 'partner', level2)).status, 403);
    assert.equal((await call('GET', '/api/v1/mappa/meetings/999999', 'com')).status, 404);
    assert.equal((await call('GET', '/api/v1/information-sharing/999999', 'com')).status, 404);
  });
});

describe('information sharing through the API', () => {
  const disclosure = {
    kind: 'disclosure', agency: 'childrens_social_care', subject: 'Risk to children at the new address',
    lawful_basis: 'safeguarding_children', approved_by: 'SPO B Grant', sent_on: day(0),
  };

  test('a disclosure without a lawful basis or approver is refused, and nothing is saved', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const base = `/api/v1/people/${person.id}/information-sharing`;
    const { lawful_basis: _basis, approved_by: _approver, ...bare } = disclosure;
    const refused = await call('POST', base, 'com', bare);
    assert.equal(refused.status, 422);
    assert.deepEqual(errorFields(refused), ['lawful_basis', 'approved_by']);
    assert.deepEqual(errorFields(await call('POST', base, 'com', { ...disclosure, agency: 'probation', sent_on: day(1) })),
      ['agency', 'sent_on']);
    assert.deepEqual((await call('GET', base, 'com')).json.records, []);
    const shared = await call('POST', base, 'com', disclosure);
    assert.equal(shared.status, 201, shared.text);
    assert.equal(shared.json.overdue, false);
    const answer = await call('POST', `/api/v1/information-sharing/${shared.json.id}/answer`, 'com',
      { answer: 'Thanks', answered_on: day(0) }, ifMatch(1));
    assert.equal(answer.status, 409, 'a disclosure has no answer');
  });

  test('a request is overdue past its due date until its answer is recorded', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const base = `/api/v1/people/${person.id}/information-sharing`;
    const scheme = { kind: 'domestic_abuse_disclosure', agency: 'police', subject: 'Right to ask: new partner', sent_on: day(-20) };
    assert.deepEqual(errorFields(await call('POST', base, 'com', scheme)), ['due_by', 'lawful_basis']);
    const asked = await call('POST', base, 'com', { ...scheme, lawful_basis: 'crime_prevention', due_by: day(-2) });
    assert.equal(asked.status, 201, asked.text);
    assert.equal(asked.json.overdue, true);
    const answer = `/api/v1/information-sharing/${asked.json.id}/answer`;
    assert.deepEqual(errorFields(await call('POST', answer, 'com', { answered_on: day(-30) }, ifMatch(1))), ['answer', 'answered_on']);
    assert.equal((await call('POST', answer, 'com', { answer: 'Disclosed', answered_on: day(0) })).status, 428);
    const answered = await call('POST', answer, 'com', { answer: 'Police disclosed to the partner', answered_on: day(0) }, ifMatch(1));
    assert.equal(answered.status, 200, answered.text);
    assert.equal(answered.json.overdue, false);
    assert.equal(answered.json.answered_on, day(0));
    assert.equal((await call('POST', answer, 'com', { answer: 'Again', answered_on: day(0) }, ifMatch(2))).status, 409);

    const received = await call('POST', base, 'com',
      { kind: 'request_received', agency: 'housing', subject: 'Any risk to staff?', sent_on: day(0), due_by: day(7) });
    assert.equal(received.status, 201, received.text);
    const reply = `/api/v1/information-sharing/${received.json.id}/answer`;
    assert.deepEqual(errorFields(await call('POST', reply, 'com', { answer: 'Summary sent', answered_on: day(0) }, ifMatch(1))),
      ['lawful_basis', 'approved_by']);
    const replied = await call('POST', reply, 'com',
      { answer: 'Summary sent', answered_on: day(0), lawful_basis: 'crime_prevention', approved_by: 'SPO B Grant' }, ifMatch(1));
    assert.equal(replied.status, 200, replied.text);
    assert.equal(replied.json.approved_by, 'SPO B Grant');

    const timeline = await call('GET', `/api/v1/people/${person.id}/timeline?limit=200`, 'com');
    const kinds = timeline.json.items.map((event) => event.kind);
    assert.equal(kinds.filter((kind) => kind === 'information_sharing.recorded').length, 2);
    assert.equal(kinds.filter((kind) => kind === 'information_sharing.answered').length, 2);
  });
});

describe('MAPPA and information sharing pages', () => {
  test('the officer records a level, a held meeting with a police action, and an address check with its answer', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const com = new Browser(server);
    await com.signIn('com');
    const home = await com.get(`/people/${person.id}`);
    assert.match(home.text, new RegExp(`href="/people/${person.id}/mappa"`));
    const empty = await com.get(`/people/${person.id}/mappa`);
    assert.equal(empty.status, 200);
    assert.match(empty.text, /Not managed under MAPPA/);

    const form = await com.get(`/people/${person.id}/mappa/decision`);
    const csrf = csrfToken(form.text);
    const noCategory = await com.post(`/people/${person.id}/mappa/decision`,
      { _csrf: csrf, level: '2', decided_by: 'Panel', ...dateParts('decided_on', day(0)) });
    assert.equal(noCategory.status, 422);
    assert.match(noCategory.text, /href="#category"/);
    const decided = await com.post(`/people/${person.id}/mappa/decision`,
      { _csrf: csrf, category: '1', level: '2', decided_by: 'Level 2 panel', ...dateParts('decided_on', day(0)) });
    assert.equal(decided.status, 303, decided.text);

    const held = { _csrf: csrf, kind: 'pre_release', held: 'true', attendee_1_agency: 'police', attendee_1_name: 'DC Rees' };
    const future = await com.post(`/people/${person.id}/mappa/meetings`, { ...held, ...dateParts('meeting_on', day(2)) });
    assert.equal(future.status, 422);
    assert.match(future.text, /href="#meeting_on/);
    const recorded = await com.post(`/people/${person.id}/mappa/meetings`, { ...held, ...dateParts('meeting_on', day(0)) });
    assert.equal(recorded.status, 303, recorded.text);
    const page = await com.get(`/people/${person.id}/mappa`);
    assert.match(page.text, /Category 1: registered sexual offender/);
    assert.match(page.text, /Pre-release meeting/);
    const meetingPath = page.text.match(/href="(\/mappa\/meetings\/\d+)"/)[1];
    const meeting = await com.get(meetingPath);
    assert.equal(meeting.status, 200);
    assert.match(meeting.text, /DC Rees/);
    assert.doesNotMatch(meeting.text, /Record as held/, 'already held');
    const ownerless = await com.post(`${meetingPath}/actions`,
      { _csrf: csrfToken(meeting.text), description: 'Visit the address', ...dateParts('due_on', day(7)) });
    assert.equal(ownerless.status, 422);
    assert.match(ownerless.text, /href="#owner_agency"/);
    const action = await com.post(`${meetingPath}/actions`,
      { _csrf: csrfToken(meeting.text), description: 'Visit the address', owner_agency: 'police', ...dateParts('due_on', day(7)) });
    assert.equal(action.status, 303, action.text);
    assert.match((await com.get(meetingPath)).text, /Visit the address/);

    const sharing = await com.get(`/people/${person.id}/information-sharing/new`);
    const noBasis = await com.post(`/people/${person.id}/information-sharing`, {
      _csrf: csrfToken(sharing.text), kind: 'disclosure', agency: 'police', subject: 'Licence conditions', ...dateParts('sent_on', day(0)),
    });
    assert.equal(noBasis.status, 422);
    assert.match(noBasis.text, /href="#lawful_basis"/);
    assert.match(noBasis.text, /href="#approved_by"/);
    const asked = await com.post(`/people/${person.id}/information-sharing`, {
      _csrf: csrfToken(sharing.text), kind: 'request_made', agency: 'police', subject: 'Address check before approval',
      lawful_basis: 'mappa_duty_to_cooperate', ...dateParts('sent_on', day(0)), ...dateParts('due_by', day(10)),
    });
    assert.equal(asked.status, 303, asked.text);
    const recordPage = await com.get(asked.headers.get('location'));
    assert.match(recordPage.text, /Awaiting answer/);
    const answered = await com.post(`${asked.headers.get('location')}/answer`, {
      _csrf: csrfToken(recordPage.text), version: '1', answer: 'No concerns at the address', ...dateParts('answered_on', day(0)),
    });
    assert.equal(answered.status, 303, answered.text);
    assert.match((await com.get(asked.headers.get('location'))).text, /No concerns at the address/);
    const list = await com.get(`/people/${person.id}/information-sharing`);
    assert.match(list.text, /Address check before approval/);

    const worklist = await com.get('/worklists/mappa?pdu_code=LDS');
    assert.equal(worklist.status, 200);
    const timeline = await call('GET', `/api/v1/people/${person.id}/timeline?limit=200`, 'com');
    const kinds = timeline.json.items.map((event) => event.kind);
    for (const kind of ['mappa.decided', 'mappa.meeting_recorded', 'mappa.action_added', 'information_sharing.recorded', 'information_sharing.answered'])
      assert.ok(kinds.includes(kind), `${kind} is on the timeline`);
  });

  test('partners are not shown the MAPPA pages', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const partner = new Browser(server);
    await partner.signIn('partner');
    assert.equal((await partner.get(`/people/${person.id}/mappa`)).status, 404);
    assert.equal((await partner.get(`/people/${person.id}/information-sharing`)).status, 404);
    assert.notEqual((await partner.get('/worklists/mappa')).status, 200);
  });
});

// The worklist page is kept by the server while nothing it shows changes (services/mappa/mappa.hpp).
describe('the MAPPA worklist page after a write', () => {
  test('shows a level set, and leaves out a level lowered, at once', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const com = new Browser(server);
    await com.signIn('com');
    const listed = async () => (await com.get('/worklists/mappa?limit=200')).text.includes(`href="/people/${person.id}/mappa"`);
    assert.equal(await listed(), false, 'nothing of MAPPA yet');
    assert.equal(await listed(), false, 'the kept page');
    const raised = await call('POST', `/api/v1/people/${person.id}/mappa/decisions`, 'com', level2);
    assert.equal(raised.status, 201, raised.text);
    assert.equal(await listed(), true, 'level 2');
    assert.equal(await listed(), true, 'the kept page');
    const lowered = await call('POST', `/api/v1/people/${person.id}/mappa/decisions`, 'com',
      { ...level2, category: '1', level: '1', decided_by: 'Level 1 review' });
    assert.equal(lowered.status, 201, lowered.text);
    assert.equal(await listed(), false, 'level 1, nothing overdue');
  });
});
