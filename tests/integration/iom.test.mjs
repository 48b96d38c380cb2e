// Integrated offender management (issue 24) through the API and the pages: the cohort flag (one open
// at a time, set and ended by the case's COM or a manager), a police officer named as co-worker without
// the COM changing, the police officer's shared view and intelligence-free contacts, every read in the
// access log; joint home visits with the officer as second worker; social care workers and MAPPA
// coordinators named by account at a meeting of a case under MAPPA, or as co-workers as the police are,
// each seeing only their parts; and
// every partner agency role (partner, police, social care, MAPPA coordinator) against every case route,
// on a case they are named on and one they are not.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { api, Browser, cli, cliWithInput, createPerson, csrfToken, sql, startServer } from './support.mjs';
import { totpCode, totpStep } from './totp.mjs';

const policePassword = 'Amber-Falcon-Harbour-17';
const policeOrganisation = 'org-west-yorkshire-police';
const socialCareOrganisation = 'org-leeds-childrens-services';
const coordinatorOrganisation = 'org-west-yorkshire-mappa';

let server;
let dir;
let officer;  // { id, token }: the police officer named on `named`
let socialWorker;  // { id, token }: a social care worker named by account at a meeting of `named` (and of `unnamed`, not under MAPPA)
let coordinator;   // { id, token }: a MAPPA coordinator named by account at a meeting of `named`
let comId;    // the demo COM, Callum Reid, allocated to both cases
let named;    // a case on licence in the Leeds PDU with the officer named on it
let unnamed;  // another such case, with nobody named (a meeting names the social care worker, but the case is not under MAPPA)

const partnerTokens = () => ({ police: officer.token, social_care: socialWorker.token, mappa_coordinator: coordinator.token });
const call = (method, target, who, body, headers) =>
  api(server, method, target, { token: partnerTokens()[who] ?? server.tokens[who], body, headers });
const errorFields = (response) => response.json.errors.map((error) => error.field);
const ifMatch = (version) => ({ 'If-Match': `"${version}"` });
const day = (offset) => new Date(Date.now() + offset * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const query = (statement) => sql(server.db, statement).trim();

// The police force, children's services and MAPPA unit in the service directory: accounts name their
// organisation by its directory id.
async function importOrganisations() {
  const directory = JSON.parse(await readFile('data/services-demo.hsds.json', 'utf8'));
  const services = Array.isArray(directory) ? directory : directory.contents;
  const template = JSON.stringify(services.find((service) => service.id === 'svc-leeds-dtr'));
  const organisations = [[policeOrganisation, 'West Yorkshire Police', 'Integrated offender management team'],
    [socialCareOrganisation, 'Leeds Children\'s Services', 'Children\'s social work'],
    [coordinatorOrganisation, 'West Yorkshire MAPPA Unit', 'MAPPA coordination']];
  const imported = organisations.map(([id, organisation, name]) => {
    const service = JSON.parse(template.replaceAll('svc-leeds-dtr', `svc-${id}`).replaceAll('org-leeds-housing-options', id));
    service.name = name;
    service.organization.name = organisation;
    return service;
  });
  const file = path.join(dir, 'partners.json');
  await writeFile(file, JSON.stringify(imported));
  const done = await cli('import', '--db', server.db, '--hsds-json', file);
  assert.equal(done.code, 0, done.stderr);
}

async function partnerAccount(username, name, role, organisation) {
  const added = await cliWithInput(`${policePassword}\n`, 'users', 'add', '--db', server.db, '--username', username,
    '--name', name, '--role', role, '--organisation-id', organisation);
  assert.equal(added.code, 0, added.stderr);
  const token = (await cli('users', 'token', '--db', server.db, '--username', username, '--label', 'iom tests', '--scope', 'write')).stdout.trim();
  return { id: Number(query(`SELECT id FROM staff WHERE username = '${username}'`)), token, username };
}

// Police, social care and MAPPA coordinator accounts must sign in with a code: each sets up an
// authenticator app at their first sign-in (the page shows the key) and has that browser remembered;
// later browsers carry its device cookie, as the same laptop would, so no code is used twice.
const devices = new Map();
async function signInWithCode(browser, username) {
  if (devices.has(username)) browser.cookies.set('resettle_device', devices.get(username));
  const form = await browser.get('/sign-in');
  const step = await browser.post('/sign-in', { _csrf: csrfToken(form.text), username, password: policePassword });
  if (step.headers.get('location') !== '/sign-in/code') return step;
  const enrol = await browser.get('/sign-in/code');
  assert.match(enrol.text, /Set up two-factor sign-in/);
  const key = enrol.text.match(/<code class="app-totp-key">([A-Z2-7 ]+)<\/code>/)[1].replaceAll(' ', '');
  const done = await browser.post('/sign-in/code',
    { _csrf: csrfToken(enrol.text), code: totpCode(key, totpStep()), remember_device: 'yes' });
  devices.set(username, browser.cookies.get('resettle_device'));
  return done;
}
const signInPolice = (browser) => signInWithCode(browser, 'iomofficer');

async function caseWithCom() {
  const person = await createPerson(server, server.tokens.manager, { prison_code: null, pdu_code: 'LDS', stage: 'on_licence' });
  const allocated = await call('POST', `/api/v1/people/${person.id}/allocations`, 'manager', { staff_id: comId, role: 'com' });
  assert.equal(allocated.status, 201, allocated.text);
  return person;
}

before(async () => {
  server = await startServer({ tokensFor: ['com', 'manager', 'partner', 'admin', 'pom'] });
  dir = await mkdtemp(path.join(tmpdir(), 'resettle-iom-'));
  await importOrganisations();
  officer = await partnerAccount('iomofficer', 'DC Rees', 'police', policeOrganisation);
  socialWorker = await partnerAccount('socialworker', 'Jo Carer', 'social_care', socialCareOrganisation);
  coordinator = await partnerAccount('coordinator', 'Kim Moss', 'mappa_coordinator', coordinatorOrganisation);
  comId = Number(query("SELECT id FROM staff WHERE username = 'com'"));
  named = await caseWithCom();
  unnamed = await caseWithCom();
  const naming = await call('POST', `/api/v1/people/${named.id}/iom/co-workers`, 'com', { staff_id: officer.id, from: day(0) });
  assert.equal(naming.status, 201, naming.text);
  const level2 = await call('POST', `/api/v1/people/${named.id}/mappa/decisions`, 'com',
    { category: '2', level: '2', decided_on: day(0), decided_by: 'Level 2 panel' });
  assert.equal(level2.status, 201, level2.text);
  const byAccount = [{ agency: 'childrens_social_care', staff_id: socialWorker.id }, { agency: 'other', staff_id: coordinator.id, name: 'Kim Moss (chair)' }];
  for (const person of [named, unnamed]) {
    const meeting = await call('POST', `/api/v1/people/${person.id}/mappa/meetings`, 'com',
      { kind: 'review', meeting_on: day(14), attendees: person === named ? byAccount : byAccount.slice(0, 1) });
    assert.equal(meeting.status, 201, meeting.text);
  }
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
  await server?.stop();
});

describe('police accounts', () => {
  test('name their organisation by its directory id, as partner accounts do', async () => {
    const refused = await cliWithInput(`${policePassword}\n`, 'users', 'add', '--db', server.db, '--username', 'noforce',
      '--name', 'No Force', '--role', 'police');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /organisation-id/);
    const unknown = await cliWithInput(`${policePassword}\n`, 'users', 'add', '--db', server.db, '--username', 'noforce',
      '--name', 'No Force', '--role', 'police', '--organisation-id', 'org-nowhere');
    assert.equal(unknown.code, 1);
    assert.equal(query("SELECT organisation_id FROM staff WHERE username = 'iomofficer'"), policeOrganisation);
  });
});

describe('the IOM cohort', () => {
  test('is set by the COM, one open at a time, ended at its version; bad input named and nothing saved', async () => {
    const person = await caseWithCom();
    const base = `/api/v1/people/${person.id}/iom`;
    const bad = await call('POST', `${base}/cohort`, 'com', { cohort: 'loose', starts_on: day(1) });
    assert.equal(bad.status, 422);
    assert.deepEqual(errorFields(bad), ['cohort', 'starts_on']);
    assert.equal((await call('POST', `${base}/cohort`, 'com', { cohort: 'fixed', starts_on: day(0), colour: 'red' })).status, 422);
    assert.deepEqual((await call('GET', base, 'com')).json.cohorts, []);

    const fixed = await call('POST', `${base}/cohort`, 'com', { cohort: 'fixed', starts_on: day(-10) });
    assert.equal(fixed.status, 201, fixed.text);
    assert.equal(fixed.headers.get('etag'), '"1"');
    const sameDay = await call('POST', `${base}/cohort`, 'com', { cohort: 'flex', starts_on: day(-10) });
    assert.deepEqual(errorFields(sameDay), ['starts_on']);
    const flex = await call('POST', `${base}/cohort`, 'com', { cohort: 'flex', starts_on: day(0) });
    assert.equal(flex.status, 201, flex.text);
    const record = (await call('GET', base, 'com')).json;
    assert.deepEqual(record.cohorts.map((c) => [c.cohort, c.starts_on, c.ends_on]), [['flex', day(0), null], ['fixed', day(-10), day(0)]]);

    assert.equal((await call('POST', `${base}/cohort/end`, 'com', { ends_on: day(0) })).status, 428);
    assert.equal((await call('POST', `${base}/cohort/end`, 'com', { ends_on: day(0) }, ifMatch(7))).status, 412);
    assert.deepEqual(errorFields(await call('POST', `${base}/cohort/end`, 'com', { ends_on: day(-1) }, ifMatch(1))), ['ends_on']);
    const ended = await call('POST', `${base}/cohort/end`, 'com', { ends_on: day(0) }, ifMatch(1));
    assert.equal(ended.status, 200, ended.text);
    assert.equal(ended.json.ends_on, day(0));
    assert.equal((await call('POST', `${base}/cohort/end`, 'com', { ends_on: day(0) }, ifMatch(2))).status, 409);

    const timeline = (await call('GET', `/api/v1/people/${person.id}/timeline`, 'com')).json.items.map((e) => e.kind);
    assert.deepEqual(timeline.filter((kind) => kind.startsWith('iom.')), ['iom.cohort_ended', 'iom.cohort_set', 'iom.cohort_set']);
  });

  test('is managed by the case COM and managers only: others who see the case are refused, others are not told it exists', async () => {
    const person = await caseWithCom();
    const body = { cohort: 'free', starts_on: day(0) };
    assert.equal((await call('POST', `/api/v1/people/${person.id}/iom/cohort`, 'admin', body)).status, 403);
    for (const who of ['pom', 'partner', 'police'])
      assert.equal((await call('POST', `/api/v1/people/${person.id}/iom/cohort`, who, body)).status, 404, who);
    assert.equal((await call('POST', `/api/v1/people/${person.id}/iom/cohort`, 'manager', body)).status, 201);
  });
});

describe('the police co-worker', () => {
  test('must be a serving police account, named once; naming them leaves the COM as allocated', async () => {
    const person = await caseWithCom();
    const base = `/api/v1/people/${person.id}/iom/co-workers`;
    for (const staffId of [comId, 999999]) assert.deepEqual(errorFields(await call('POST', base, 'com', { staff_id: staffId, from: day(0) })), ['staff_id']);
    assert.deepEqual(errorFields(await call('POST', base, 'com', { from: day(1) })), ['staff_id', 'from']);
    const added = await call('POST', base, 'com', { staff_id: officer.id, from: day(0) });
    assert.equal(added.status, 201, added.text);
    const again = await call('POST', base, 'com', { staff_id: officer.id, from: day(0) });
    assert.deepEqual(errorFields(again), ['staff_id']);
    const record = (await call('GET', `/api/v1/people/${person.id}/iom`, 'com')).json;
    assert.equal(record.com_staff_id, comId, 'joining IOM does not change the COM');
    assert.deepEqual(record.co_workers.map((c) => [c.staff_id, c.to]), [[officer.id, null]]);
    const kinds = (await call('GET', `/api/v1/people/${person.id}/timeline`, 'com')).json.items.map((e) => e.kind);
    assert.equal(kinds[0], 'iom.coworker_added');

    assert.equal((await call('GET', `/api/v1/people/${person.id}/shared`, 'police')).status, 200);
    const end = `/api/v1/iom/co-workers/${added.json.id}/end`;
    assert.equal((await call('POST', end, 'com', { to: day(0) })).status, 428);
    assert.deepEqual(errorFields(await call('POST', end, 'com', { to: day(1) }, ifMatch(1))), ['to']);
    assert.equal((await call('POST', end, 'partner', { to: day(0) }, ifMatch(1))).status, 404);
    const ended = await call('POST', end, 'com', { to: day(0) }, ifMatch(1));
    assert.equal(ended.status, 200, ended.text);
    assert.equal((await call('POST', end, 'com', { to: day(0) }, ifMatch(2))).status, 409);
    assert.equal((await call('GET', `/api/v1/people/${person.id}/shared`, 'police')).status, 404, 'no longer named: no longer seen');
    assert.ok(!(await call('GET', '/api/v1/iom/cases', 'police')).json.items.some((c) => c.id === person.id));
  });

  test('sees the summary, police actions, appointments and what was shared with the police, and nothing else', async () => {
    const meeting = await call('POST', `/api/v1/people/${named.id}/mappa/meetings`, 'com', { kind: 'review', meeting_on: day(0) });
    assert.equal(meeting.status, 201, meeting.text);
    for (const owner of ['police', 'housing'])
      assert.equal((await call('POST', `/api/v1/mappa/meetings/${meeting.json.id}/actions`, 'com',
        { description: `Action for ${owner}`, owner_agency: owner, due_on: day(7) })).status, 201);
    for (const agency of ['police', 'housing'])
      assert.equal((await call('POST', `/api/v1/people/${named.id}/information-sharing`, 'com', {
        kind: 'request_made', agency, subject: `Address check by ${agency}`, lawful_basis: 'crime_prevention', sent_on: day(0), due_by: day(5),
      })).status, 201);
    assert.equal((await call('POST', `/api/v1/people/${named.id}/iom/cohort`, 'com', { cohort: 'fixed', starts_on: day(0) })).status, 201);

    const cases = await call('GET', '/api/v1/iom/cases', 'police');
    assert.deepEqual(cases.json.items.map((c) => c.id), [named.id]);
    const shared = await call('GET', `/api/v1/people/${named.id}/shared`, 'police');
    assert.equal(shared.status, 200, shared.text);
    assert.deepEqual(Object.keys(shared.json.person).sort(), ['crn', 'id', 'name', 'prison_number']);
    assert.equal(shared.json.cohort, 'fixed');
    assert.equal(shared.json.com_name, 'Callum Reid');
    assert.deepEqual(shared.json.actions.map((a) => a.description), ['Action for police']);
    assert.deepEqual(shared.json.information_shared.map((r) => r.subject), ['Address check by police']);
    assert.equal(shared.json.meetings, undefined, 'the meetings are the coordinator\'s part');
    assert.doesNotMatch(shared.text, /housing/i);

    const refused = await call('GET', `/api/v1/people/${unnamed.id}/shared`, 'police');
    assert.equal(refused.status, 404);
    assert.doesNotMatch(refused.text, new RegExp(unnamed.family_name));
    for (const who of ['com', 'partner', 'admin'])
      assert.equal((await call('GET', `/api/v1/people/${named.id}/shared`, who)).status, 403, `${who}: the shared view is the police's`);

    const log = (await call('GET', `/api/v1/people/${named.id}/access-log`, 'admin')).json.items;
    assert.ok(log.some((read) => read.staff_id === officer.id && read.what === 'shared view' && read.allowed), 'the read is logged');
    const refusedLog = (await call('GET', `/api/v1/people/${unnamed.id}/access-log`, 'admin')).json.items;
    assert.ok(refusedLog.some((read) => read.staff_id === officer.id && read.what === 'shared view' && !read.allowed), 'the refusal is logged');
  });

  test('records intelligence-free contacts on the cases they are named on, on the timeline', async () => {
    const base = `/api/v1/people/${named.id}/shared/contacts`;
    const unsaid = await call('POST', base, 'police', { contact_on: day(0), summary: 'Home visit: all well' });
    assert.equal(unsaid.status, 422);
    assert.deepEqual(errorFields(unsaid), ['intelligence_free']);
    const recorded = await call('POST', base, 'police', { contact_on: day(0), summary: 'Home visit: all well', intelligence_free: true });
    assert.equal(recorded.status, 201, recorded.text);
    assert.equal((await call('POST', `/api/v1/people/${unnamed.id}/shared/contacts`, 'police',
      { contact_on: day(0), summary: 'Visit', intelligence_free: true })).status, 404);
    const record = (await call('GET', `/api/v1/people/${named.id}/iom`, 'com')).json;
    assert.deepEqual(record.contacts.map((c) => [c.summary, c.recorded_by]), [['Home visit: all well', officer.id]]);
    const timeline = (await call('GET', `/api/v1/people/${named.id}/timeline`, 'com')).json.items;
    assert.equal(timeline[0].kind, 'iom.contact_recorded');
    assert.equal(query(`SELECT count(*) FROM iom_contact WHERE person_id = ${unnamed.id}`), '0');
  });
});

describe('joint home visits', () => {
  const visit = { type: 'home_visit', on: day(0), starts_at: '23:00', ends_at: '23:45', office_code: 'LDS', confirm_warnings: 'true' };
  let booked;  // the joint visit on the named case, today

  test('the COM books one with the officer named on the case; any other second worker is named and nothing saved', async () => {
    const base = `/api/v1/people/${named.id}/appointments`;
    const wrongType = await call('POST', base, 'com', { ...visit, type: 'supervision', joint_with: officer.id });
    assert.equal(wrongType.status, 422);
    assert.deepEqual(errorFields(wrongType), ['joint_with']);
    const notNamed = await call('POST', `/api/v1/people/${unnamed.id}/appointments`, 'com', { ...visit, joint_with: officer.id });
    assert.equal(notNamed.status, 422);
    assert.deepEqual(errorFields(notNamed), ['joint_with']);
    const alsoBad = await call('POST', base, 'com', { ...visit, starts_at: '25:00', joint_with: comId });
    assert.deepEqual(errorFields(alsoBad), ['starts_at', 'joint_with'], 'every bad field at once');
    assert.equal(query('SELECT count(*) FROM appointment WHERE joint_staff_id IS NOT NULL'), '0');

    const made = await call('POST', base, 'com', { ...visit, joint_with: officer.id });
    assert.equal(made.status, 201, made.text);
    [booked] = made.json.appointments;
    assert.equal(booked.joint_with, officer.id);
    assert.equal(booked.with_staff_id, comId, 'the COM holds it');
    const timeline = (await call('GET', `/api/v1/people/${named.id}/timeline`, 'com')).json.items;
    assert.equal(timeline[0].kind, 'appointment.booked');
    assert.match(timeline[0].summary, /^Joint home visit \(with DC Rees, police\) appointment booked for/);
    assert.equal((await call('GET', `/api/v1/appointments/${booked.id}`, 'com')).json.joint_with, officer.id);
  });

  test('both workers see it: the COM in their diary, the officer in theirs and in the shared view', async () => {
    const comDiary = await call('GET', '/api/v1/diary', 'com');
    assert.ok(comDiary.json.items.some((entry) => entry.id === booked.id));
    const policeDiary = await call('GET', '/api/v1/diary', 'police');
    assert.equal(policeDiary.status, 200, policeDiary.text);
    assert.deepEqual(policeDiary.json.items.map((entry) => entry.id), [booked.id]);
    const shared = await call('GET', `/api/v1/people/${named.id}/shared`, 'police');
    assert.equal(shared.json.appointments.find((a) => a.id === booked.id).joint_with_you, true);
    const log = (await call('GET', `/api/v1/people/${named.id}/access-log`, 'admin')).json.items;
    assert.ok(log.some((read) => read.staff_id === officer.id && read.what === 'diary'), 'the officer\'s diary read is logged');
  });

  test('the officer records their part of it; the outcome stays the COM\'s', async () => {
    const base = `/api/v1/people/${named.id}/shared/contacts`;
    const part = { contact_on: day(0), summary: 'Joint visit: address as declared', intelligence_free: true };
    const single = await call('POST', `/api/v1/people/${named.id}/appointments`, 'com', { ...visit, starts_at: '22:00', ends_at: '22:30' });
    assert.equal(single.status, 201, single.text);
    const notJoint = await call('POST', base, 'police', { ...part, appointment_id: single.json.appointments[0].id });
    assert.equal(notJoint.status, 422);
    assert.deepEqual(errorFields(notJoint), ['appointment_id']);
    const otherDay = await call('POST', base, 'police', { ...part, contact_on: day(-1), appointment_id: booked.id });
    assert.deepEqual(errorFields(otherDay), ['contact_on']);
    const recorded = await call('POST', base, 'police', { ...part, appointment_id: booked.id });
    assert.equal(recorded.status, 201, recorded.text);
    assert.equal(recorded.json.appointment_id, booked.id);
    const timeline = (await call('GET', `/api/v1/people/${named.id}/timeline`, 'com')).json.items;
    assert.equal(timeline[0].kind, 'iom.contact_recorded');
    assert.match(timeline[0].summary, /joint home visit/);
    for (const [method, target, body] of [['GET', `/api/v1/appointments/${booked.id}`], ['POST', `/api/v1/appointments/${booked.id}/outcome`, { outcome: 'attended' }]])
      assert.equal((await call(method, target, 'police', body)).status, method === 'GET' ? 404 : 403, `${method} ${target}`);
  });

  test('the pages: the booking form offers the officer, the appointment names them, the officer sees it as theirs', async () => {
    const com = new Browser(server);
    assert.equal((await com.signIn('com')).status, 303);
    const appointments = await com.get(`/people/${named.id}/appointments`);
    assert.match(appointments.text, /Second worker \(joint home visits only\)/);
    assert.match(appointments.text, /Callum Reid and DC Rees \(police\)/);
    assert.match((await com.get(`/appointments/${booked.id}`)).text, /DC Rees \(police\): a joint home visit/);
    const unnamedPage = await com.get(`/people/${unnamed.id}/appointments`);
    assert.doesNotMatch(unnamedPage.text, /Second worker/, 'no officer named there');

    const police = new Browser(server);
    assert.equal((await signInPolice(police)).status, 303);
    const diary = await police.get('/diary');
    assert.equal(diary.status, 200);
    assert.match(diary.text, new RegExp(`href="/people/${named.id}/shared"`));
    const shared = await police.get(`/people/${named.id}/shared`);
    assert.match(shared.text, /Home visit, joint with you/);
    assert.match(shared.text, new RegExp(`<option value="${booked.id}"[^>]*>Home visit on `));
    assert.match(shared.text, /\(joint home visit\)/, 'their account is marked');
  });
});

describe('the pages', () => {
  test('the COM sets a cohort and names the officer; errors are shown on the form', async () => {
    const person = await caseWithCom();
    const browser = new Browser(server);
    assert.equal((await browser.signIn('com')).status, 303);
    const page = await browser.get(`/people/${person.id}/iom`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Callum Reid \(joining IOM does not change this\)/);
    assert.match(page.text, /DC Rees/, 'the police officer is offered');
    const bad = await browser.post(`/people/${person.id}/iom/cohort`, { _csrf: csrfToken(page.text), cohort: 'flex' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /govuk-error-summary/);
    const set = await browser.post(`/people/${person.id}/iom/cohort`, {
      _csrf: csrfToken(page.text), cohort: 'flex', 'starts_on-day': day(0).slice(8), 'starts_on-month': day(0).slice(5, 7), 'starts_on-year': day(0).slice(0, 4),
    });
    assert.equal(set.status, 303, set.text);
    const named = await browser.post(`/people/${person.id}/iom/co-workers`, { _csrf: csrfToken(page.text), staff_id: String(officer.id), from: day(0) });
    assert.equal(named.status, 303, named.text);
    const after = await browser.get(`/people/${person.id}/iom`);
    assert.match(after.text, /Flex: managed by IOM/);
    assert.match(after.text, /End DC Rees\S{1,6}s naming/);
  });

  test('the police officer opens on their cases, reads the shared view and records a contact', async () => {
    const browser = new Browser(server);
    assert.equal((await signInPolice(browser)).status, 303);
    const home = await browser.get('/caseload');
    assert.equal(home.headers.get('location'), '/iom/cases');
    const cases = await browser.get('/iom/cases');
    assert.equal(cases.status, 200);
    assert.match(cases.text, new RegExp(named.family_name));
    assert.doesNotMatch(cases.text, new RegExp(unnamed.family_name));
    const shared = await browser.get(`/people/${named.id}/shared`);
    assert.equal(shared.status, 200);
    assert.match(shared.text, /Action for police/);
    assert.doesNotMatch(shared.text, /Action for housing/);
    const bad = await browser.post(`/people/${named.id}/shared/contacts`, { _csrf: csrfToken(shared.text), contact_on: day(0), summary: 'Seen in town' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /holds no intelligence/);
    const done = await browser.post(`/people/${named.id}/shared/contacts`,
      { _csrf: csrfToken(shared.text), contact_on: day(0), summary: 'Seen in town', intelligence_free: 'true' });
    assert.equal(done.status, 303);
    assert.match((await browser.get(`/people/${named.id}/shared`)).text, /Seen in town/);
  });
});

describe('social care workers and MAPPA coordinators', () => {
  test('are named by account at a meeting: only a serving risk partner\'s account, and the name comes from it', async () => {
    const meetings = `/api/v1/people/${named.id}/mappa/meetings`;
    for (const staffId of [comId, 999999, 'x']) {
      const refused = await call('POST', meetings, 'com', { kind: 'review', meeting_on: day(20), attendees: [{ agency: 'police', staff_id: staffId }] });
      assert.equal(refused.status, 422, refused.text);
      assert.deepEqual(errorFields(refused), [typeof staffId === 'string' ? 'attendees' : 'attendee_1_staff_id']);
    }
    const mappa = (await call('GET', `/api/v1/people/${named.id}/mappa`, 'com')).json;
    const planned = mappa.meetings.find((meeting) => meeting.attendees.some((a) => a.staff_id === socialWorker.id));
    assert.deepEqual(planned.attendees, [{ agency: 'childrens_social_care', name: 'Jo Carer', staff_id: socialWorker.id },
      { agency: 'other', name: 'Kim Moss (chair)', staff_id: coordinator.id }]);
  });

  test('each sees the summary and only their parts of the case they are named on; every read is logged', async () => {
    const meeting = (await call('GET', `/api/v1/people/${named.id}/mappa`, 'com')).json.meetings[0];
    for (const owner of ['childrens_social_care', 'probation'])
      assert.equal((await call('POST', `/api/v1/mappa/meetings/${meeting.id}/actions`, 'com',
        { description: `Risk action for ${owner}`, owner_agency: owner, due_on: day(7) })).status, 201);
    assert.equal((await call('POST', `/api/v1/people/${named.id}/information-sharing`, 'com', {
      kind: 'request_made', agency: 'childrens_social_care', subject: 'Children at the address?', lawful_basis: 'safeguarding_children',
      sent_on: day(0), due_by: day(5),
    })).status, 201);

    for (const role of ['social_care', 'mappa_coordinator'])
      assert.deepEqual((await call('GET', '/api/v1/iom/cases', role)).json.items.map((c) => c.id), [named.id], `${role}: only the case under MAPPA`);

    const social = await call('GET', `/api/v1/people/${named.id}/shared`, 'social_care');
    assert.equal(social.status, 200, social.text);
    assert.equal(social.json.com_name, 'Callum Reid');
    assert.equal(social.json.mappa_level, '2');
    assert.deepEqual(social.json.actions.map((a) => a.description), ['Risk action for childrens_social_care']);
    assert.deepEqual(social.json.information_shared.map((r) => r.subject), ['Children at the address?']);
    for (const part of ['appointments', 'contacts', 'meetings', 'failures_in_12_months'])
      assert.equal(social.json[part], undefined, `social care do not see ${part}`);

    const panel = await call('GET', `/api/v1/people/${named.id}/shared`, 'mappa_coordinator');
    assert.equal(panel.status, 200, panel.text);
    assert.equal(panel.json.mappa_category, '2');
    assert.ok(panel.json.next_meeting_due, 'a level 2 case has a meeting due');
    assert.ok(panel.json.meetings.some((m) => m.attendees.some((a) => a.name === 'Jo Carer')));
    const descriptions = panel.json.actions.map((a) => a.description);
    for (const owner of ['childrens_social_care', 'probation']) assert.ok(descriptions.includes(`Risk action for ${owner}`), owner);
    for (const part of ['appointments', 'contacts', 'information_shared'])
      assert.equal(panel.json[part], undefined, `the coordinator does not see ${part}`);

    for (const role of ['social_care', 'mappa_coordinator']) {
      assert.equal((await call('GET', `/api/v1/people/${unnamed.id}/shared`, role)).status, 404, `${role}: not named`);
      assert.equal((await call('POST', `/api/v1/people/${named.id}/shared/contacts`, role,
        { contact_on: day(0), summary: 'Visit', intelligence_free: true })).status, 403, `${role}: contacts are the police's`);
    }
    const log = (await call('GET', `/api/v1/people/${named.id}/access-log`, 'admin')).json.items;
    for (const account of [socialWorker, coordinator])
      assert.ok(log.some((read) => read.staff_id === account.id && read.what === 'shared view' && read.allowed), `${account.username}'s read is logged`);
    const refusedLog = (await call('GET', `/api/v1/people/${unnamed.id}/access-log`, 'admin')).json.items;
    assert.ok(refusedLog.some((read) => read.staff_id === socialWorker.id && read.what === 'shared view' && !read.allowed));
  });

  test('are named as co-workers the way the police are: outside MAPPA too, their parts only, until the naming ends', async () => {
    const person = await caseWithCom();
    const base = `/api/v1/people/${person.id}/iom/co-workers`;
    const partnerId = Number(query("SELECT id FROM staff WHERE username = 'partner'"));
    assert.deepEqual(errorFields(await call('POST', base, 'com', { staff_id: partnerId, from: day(0) })), ['staff_id'],
      'a partner agency answering referrals is no co-worker');
    for (const role of ['social_care', 'mappa_coordinator'])
      assert.equal((await call('GET', `/api/v1/people/${person.id}/shared`, role)).status, 404, `${role}: not named yet`);
    const added = {};
    for (const [role, account] of [['social_care', socialWorker], ['mappa_coordinator', coordinator]]) {
      const naming = await call('POST', base, 'com', { staff_id: account.id, from: day(0) });
      assert.equal(naming.status, 201, naming.text);
      added[role] = naming.json;
      assert.ok((await call('GET', '/api/v1/iom/cases', role)).json.items.some((c) => c.id === person.id), `${role}: on their list`);
    }
    const timeline = (await call('GET', `/api/v1/people/${person.id}/timeline`, 'com')).json.items;
    assert.deepEqual(timeline.slice(0, 2).map((e) => e.kind), ['iom.coworker_added', 'iom.coworker_added']);
    assert.match(timeline[0].summary, /^Kim Moss \(MAPPA coordinator[^)]*\) named as co-worker from /);

    const social = await call('GET', `/api/v1/people/${person.id}/shared`, 'social_care');
    assert.equal(social.status, 200, social.text);
    assert.equal(social.json.mappa_level, '0', 'not under MAPPA: the co-worker naming alone opens it');
    for (const part of ['appointments', 'contacts', 'meetings', 'failures_in_12_months'])
      assert.equal(social.json[part], undefined, `social care do not see ${part}`);
    const panel = await call('GET', `/api/v1/people/${person.id}/shared`, 'mappa_coordinator');
    assert.equal(panel.status, 200, panel.text);
    assert.deepEqual(panel.json.meetings, []);
    for (const part of ['appointments', 'contacts', 'information_shared'])
      assert.equal(panel.json[part], undefined, `the coordinator does not see ${part}`);
    assert.equal((await call('POST', `/api/v1/people/${person.id}/shared/contacts`, 'social_care',
      { contact_on: day(0), summary: 'Visit', intelligence_free: true })).status, 403, 'contacts stay the police\'s');
    // A joint home visit with the social care worker: theirs alone to see, in the shared view and the diary.
    const visit = { type: 'home_visit', on: day(0), starts_at: '23:00', ends_at: '23:45', office_code: 'LDS', confirm_warnings: 'true' };
    const appointments = `/api/v1/people/${person.id}/appointments`;
    const supervision = await call('POST', appointments, 'com', { ...visit, type: 'supervision', starts_at: '22:00', ends_at: '22:30' });
    assert.equal(supervision.status, 201, supervision.text);
    const joint = await call('POST', appointments, 'com', { ...visit, joint_with: socialWorker.id });
    assert.equal(joint.status, 201, joint.text);
    const [jointVisit] = joint.json.appointments;
    assert.equal(jointVisit.joint_with, socialWorker.id);
    const booked = (await call('GET', `/api/v1/people/${person.id}/timeline`, 'com')).json.items[0];
    assert.match(booked.summary, /^Joint home visit \(with Jo Carer, social care\) appointment booked for/);
    const theirs = (await call('GET', `/api/v1/people/${person.id}/shared`, 'social_care')).json;
    assert.deepEqual(theirs.appointments.map((a) => [a.id, a.joint_with_you, 'outcome' in a]), [[jointVisit.id, true, false]],
      'their visit alone, without compliance');
    assert.equal(theirs.failures_in_12_months, undefined);
    assert.equal((await call('GET', `/api/v1/people/${person.id}/shared`, 'mappa_coordinator')).json.appointments, undefined,
      'the coordinator is not on the visit');
    assert.deepEqual((await call('GET', '/api/v1/diary', 'social_care')).json.items.map((entry) => entry.id), [jointVisit.id]);
    assert.deepEqual((await call('GET', '/api/v1/diary', 'mappa_coordinator')).json.items, []);
    const socialPages = new Browser(server);
    assert.equal((await signInWithCode(socialPages, 'socialworker')).status, 303);
    const sharedPage = (await socialPages.get(`/people/${person.id}/shared`)).text;
    assert.match(sharedPage, /Joint home visits/);
    assert.match(sharedPage, /Home visit, joint with you/);
    assert.doesNotMatch(sharedPage, />Supervision<|>Outcome</, 'no other appointment, no outcome');
    assert.match((await socialPages.get('/diary')).text, new RegExp(`href="/people/${person.id}/shared"`));
    const com = new Browser(server);
    assert.equal((await com.signIn('com')).status, 303);
    assert.match((await com.get(`/appointments/${jointVisit.id}`)).text, /Jo Carer \(social care\): a joint home visit/);

    for (const [role, coworker] of Object.entries(added)) {
      const ended = await call('POST', `/api/v1/iom/co-workers/${coworker.id}/end`, 'com', { to: day(0) }, ifMatch(1));
      assert.equal(ended.status, 200, ended.text);
      assert.equal((await call('GET', `/api/v1/people/${person.id}/shared`, role)).status, 404, `${role}: no longer named`);
      assert.ok(!(await call('GET', '/api/v1/iom/cases', role)).json.items.some((c) => c.id === person.id));
      assert.ok(!(await call('GET', '/api/v1/diary', role)).json.items.some((entry) => entry.id === jointVisit.id), `${role}: not in the diary`);
    }
    const log = (await call('GET', `/api/v1/people/${person.id}/access-log`, 'admin')).json.items;
    for (const account of [socialWorker, coordinator]) {
      assert.ok(log.some((read) => read.staff_id === account.id && read.what === 'shared view' && read.allowed), `${account.username}: read logged`);
      assert.ok(log.some((read) => read.staff_id === account.id && read.what === 'shared view' && !read.allowed), `${account.username}: refusal logged`);
    }
  });

  test('sign in with a code, open on their cases and read the shared view\'s page', async () => {
    const browser = new Browser(server);
    assert.equal((await signInWithCode(browser, 'socialworker')).status, 303);
    assert.equal((await browser.get('/caseload')).headers.get('location'), '/iom/cases');
    const cases = await browser.get('/iom/cases');
    assert.match(cases.text, new RegExp(named.family_name));
    assert.doesNotMatch(cases.text, new RegExp(unnamed.family_name));
    const page = await browser.get(`/people/${named.id}/shared`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Risk action for childrens_social_care/);
    assert.match(page.text, /Children at the address\?/);
    assert.doesNotMatch(page.text, /Record a contact|Appointments/);
  });
});

// --- Every partner agency role against every case route ------------------------------------------

// A case route: one about a person, under /people/{id} (the API's and the pages').
const caseRoute = (pattern) => /^(\/api\/v1)?\/people\/\{id\}/.test(pattern);

// The API's operations, from the document the server describes itself with.
async function apiOperations() {
  const document = JSON.parse(await readFile('src/web/openapi.json', 'utf8'));
  const found = [];
  for (const [pattern, item] of Object.entries(document.paths))
    for (const method of ['get', 'post', 'put', 'patch'])
      if (item[method] && item[method].security?.length !== 0) found.push([method.toUpperCase(), pattern]);
  return found;
}

// The pages' GET case routes, from the web layer's sources (router.get("/people/{id}...")).
async function pageRoutes() {
  const routes = new Set();
  async function walk(folder) {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if (entry.name.endsWith('.cpp'))
        for (const match of (await readFile(file, 'utf8')).matchAll(/router\.get\("([^"]*)"/g)) if (caseRoute(match[1])) routes.add(match[1]);
    }
  }
  await walk('src/web');
  return [...routes];
}

// What a risk partner named on the case may open; only the police write (their contacts).
const namedMayRead = new Set(['GET /api/v1/people/{id}/shared', 'GET /people/{id}/shared']);
const policeMayWrite = new Set(['POST /api/v1/people/{id}/shared/contacts']);
const signInAs = { police: 'iomofficer', social_care: 'socialworker', mappa_coordinator: 'coordinator' };
const newestEvent = async (person) => (await call('GET', `/api/v1/people/${person.id}/timeline`, 'admin')).json.items[0].id;

describe('every partner agency role against every case route', () => {
  for (const role of ['partner', 'police', 'social_care', 'mappa_coordinator']) {
    test(`${role}: the API answers only what the role may see, on a named and an unnamed case`, async () => {
      const operations = await apiOperations();
      assert.ok(operations.filter(([, p]) => caseRoute(p)).length > 50, 'the case routes are found');
      const newestBefore = [await newestEvent(named), await newestEvent(unnamed)];
      for (const person of [named, unnamed]) {
        const isNamed = role !== 'partner' && person === named;
        for (const [method, pattern] of operations) {
          if (!caseRoute(pattern)) continue;
          const target = pattern.replace(/\{[^}]+\}/g, String(person.id));
          const key = `${method} ${pattern}`;
          const response = await call(method, target, role, method === 'GET' ? undefined : {}, ifMatch(1));
          if (isNamed && namedMayRead.has(key)) assert.equal(response.status, 200, `${key}: ${response.text}`);
          else if (isNamed && role === 'police' && policeMayWrite.has(key)) assert.equal(response.status, 422, `${key}: ${response.text}`);
          else {
            // Some routes refuse bad input (422) before looking at the case: that tells nothing about it,
            // and the newest event on each case's timeline below shows that nothing was written.
            const refusals = [403, 404, 422];
            assert.ok(refusals.includes(response.status), `${role} ${key} on ${isNamed ? 'the named' : 'an unnamed'} case gave ${response.status}: ${response.text.slice(0, 200)}`);
            assert.doesNotMatch(response.text, new RegExp(person.family_name), key);
          }
        }
      }
      assert.deepEqual([await newestEvent(named), await newestEvent(unnamed)], newestBefore, 'nothing was written');
      for (const [method, pattern] of operations.filter(([m, p]) => m === 'GET' && !p.includes('{'))) {
        const response = await call(method, pattern, role);
        for (const person of [named, unnamed]) {
          const theirOwn = ['/api/v1/iom/cases', '/api/v1/diary'];  // their case, and a joint home visit they are on
          if (role !== 'partner' && person === named && theirOwn.includes(pattern)) continue;
          assert.doesNotMatch(response.text, new RegExp(person.family_name), `${pattern} lists ${person.family_name}`);
        }
      }
    });

    test(`${role}: every case page is not found, but for the shared view of the case they are named on`, async () => {
      const browser = new Browser(server);
      const signedIn = role === 'partner' ? await browser.signIn('partner') : await signInWithCode(browser, signInAs[role]);
      assert.equal(signedIn.status, 303);
      const routes = await pageRoutes();
      assert.ok(routes.length > 30, `only ${routes.length} case pages`);
      for (const person of [named, unnamed]) {
        const isNamed = role !== 'partner' && person === named;
        for (const pattern of routes) {
          const page = await browser.get(pattern.replace(/\{[^}]+\}/g, String(person.id)));
          if (isNamed && namedMayRead.has(`GET ${pattern}`)) {
            assert.equal(page.status, 200, pattern);
            continue;
          }
          assert.ok([403, 404, 422].includes(page.status), `${role} ${pattern} gave ${page.status}`);
          assert.doesNotMatch(page.text, new RegExp(person.family_name), pattern);
        }
      }
    });
  }
});
