// The service directory and referrals end to end: HSDS import with bad records through the CLI,
// ranked search through the API, the referral state machine with its 409s and 422s, consent,
// Duty to Refer and CAS3, and partner agencies seeing only what was sent to them.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { api, cli, createPerson, determinateSentence, freshDatabase, startServer } from './support.mjs';

describe('resettle import and export', () => {
  let dir;
  const databases = [];
  // A new database in the store under test, dropped after these tests.
  const newDatabase = async () => {
    const made = await freshDatabase();
    databases.push(made);
    return made.db;
  };
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'resettle-hsds-'));
  });
  after(async () => {
    await Promise.all(databases.map((made) => made.drop()));
    await rm(dir, { recursive: true, force: true });
  });

  test('a JSON file with bad records stores the good ones and names each bad one', async () => {
    const db = await newDatabase();
    const result = await cli('import', '--db', db, '--hsds-json', 'tests/fixtures/hsds/bad-services.json');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /Imported 1 organisations, 2 services and 1 locations/);
    assert.match(result.stderr, /rejected: services record 1: minimum_age: must be a whole number/);
    assert.match(result.stderr, /rejected: services record 2: name: is required/);
    assert.doesNotMatch(result.stderr, /AddressSanitizer|runtime error/);
  });

  test('a CSV folder with bad rows names the file, line and field of each', async () => {
    const db = await newDatabase();
    const result = await cli('import', '--db', db, '--hsds-csv', 'tests/fixtures/hsds/csv-bad');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /rejected: services.csv line 4: minimum_age: must be a whole number/);
    assert.match(result.stderr, /rejected: organizations.csv line 3: name: is required/);
    assert.match(result.stderr, /rejected: schedules.csv line 3: opens_at:/);
  });

  test('the demo directory goes out as JSON and CSV and back in unchanged, updating by id', async () => {
    const db = await newDatabase();
    const first = await cli('import', '--db', db, '--hsds-json', 'data/services-demo.hsds.json');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /26 services/);
    const json = path.join(dir, 'out.json');
    assert.equal((await cli('export', '--db', db, '--hsds-json', json)).code, 0);
    const exported = JSON.parse(await readFile(json, 'utf8'));
    assert.equal(exported.length, 26);
    const debt = exported.find((service) => service.id === 'svc-riverside-debt');
    assert.equal(debt.organization.name, 'Riverside Money Advice');

    const again = await cli('import', '--db', db, '--hsds-json', json);
    assert.equal(again.code, 0, again.stderr);
    const csv = path.join(dir, 'csv');
    assert.equal((await cli('export', '--db', db, '--hsds-csv', csv)).code, 0);
    const fresh = await newDatabase();
    const fromCsv = await cli('import', '--db', fresh, '--hsds-csv', csv);
    assert.equal(fromCsv.code, 0, fromCsv.stderr);
    assert.match(fromCsv.stdout, /Imported 12 organisations, 26 services and 7 locations/);
  });

  test('a bad command line says what to give', async () => {
    const result = await cli('import', '--db', path.join(dir, 'x.db'));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /exactly one of --hsds-json FILE or --hsds-csv DIR/);
  });
});

describe('directory and referral API', () => {
  let server;
  let manager;
  let partner;
  before(async () => {
    server = await startServer({ tokensFor: ['manager', 'partner', 'admin'] });
    manager = server.tokens.manager;
    partner = server.tokens.partner;
  });
  after(() => server?.stop());

  const get = (target, token = manager) => api(server, 'GET', target, { token });
  const post = (target, body, token = manager) => api(server, 'POST', target, { token, body });
  const move = (id, to, extra = {}, token = manager) => post(`/api/v1/referrals/${id}/transitions`, { to, ...extra }, token);

  function assertProblem(response, status) {
    assert.equal(response.status, status, response.text);
    assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
    assert.equal(response.json.status, status);
  }

  function fieldsNamed(response) {
    assertProblem(response, 422);
    return response.json.errors.map((error) => error.field).sort();
  }

  test('search ranks a service named by the words above those that only mention them', async () => {
    const response = await get('/api/v1/services?q=debt');
    assert.equal(response.status, 200, response.text);
    const ids = response.json.items.map((item) => item.id);
    assert.equal(ids[0], 'svc-riverside-debt');
    assert.ok(ids.length >= 1);
    assert.equal(typeof response.json.items[0].availability_summary, 'string');
    assert.ok(Array.isArray(response.json.items[0].eligibility_notes));
    assert.equal(response.json.items[0].organization.name, 'Riverside Money Advice');
  });

  test('search filters by pathway and area, and pages with a cursor', async () => {
    const housing = await get('/api/v1/services?pathway=accommodation&limit=100');
    assert.equal(housing.status, 200);
    assert.ok(housing.json.items.length >= 4);
    for (const item of housing.json.items)
      assert.ok(item.attributes.some((a) => a.taxonomy_term.code === 'accommodation'), item.id);

    const first = await get('/api/v1/services?limit=5');
    assert.equal(first.json.items.length, 5);
    assert.equal(typeof first.json.next_cursor, 'string');
    const second = await get(first.json.links.next);
    assert.equal(second.status, 200);
    assert.notDeepEqual(second.json.items.map((i) => i.id), first.json.items.map((i) => i.id));

    const wakefield = await get('/api/v1/services?pathway=accommodation&area=Wakefield&limit=100');
    const ids = wakefield.json.items.map((item) => item.id);
    assert.ok(ids.includes('svc-wakefield-dtr'), ids.join());
    assert.ok(!ids.includes('svc-leeds-dtr'), ids.join());
  });

  test('bad search fields are named; an unknown service is 404; the HSDS alias answers the same', async () => {
    assert.deepEqual(fieldsNamed(await get('/api/v1/services?pathway=housing&limit=0')), ['limit', 'pathway']);
    assertProblem(await get('/api/v1/services/svc-nowhere'), 404);
    const one = await get('/api/v1/services/svc-leeds-dtr');
    assert.equal(one.status, 200);
    assert.equal(one.json.name, 'Duty to Refer: Leeds');
    const alias = await get('/services/svc-leeds-dtr');
    assert.deepEqual(alias.json, one.json);
  });

  test('a referral walks draft -> sent -> accepted -> first appointment -> started -> completed', async () => {
    const person = await createPerson(server, manager);
    const created = await post(`/api/v1/people/${person.id}/referrals`, {
      service_id: 'svc-leeds-dtr', kind: 'duty_to_refer', local_authority: 'Leeds City Council',
      homelessness_reason: 'No fixed address on release', reason_for_referral: 'Somewhere to live',
    });
    assert.equal(created.status, 201, created.text);
    const referral = created.json;
    assert.equal(referral.status, 'draft');
    assert.equal(referral.organisation_name, 'Leeds Housing Options (demo local authority team)');
    assert.ok(referral.details.some((d) => d.field === 'family_name' && d.value === person.family_name));
    assert.deepEqual(referral.next_moves, ['sent', 'withdrawn']);

    const unsent = await move(referral.id, 'sent');
    assertProblem(unsent, 409);
    assert.match(unsent.json.detail, /consent/);
    assertProblem(await get(`/api/v1/referrals/${referral.id}`, partner), 404);  // drafts stay with the referrer

    const consent = await post(`/api/v1/referrals/${referral.id}/consent`, { consent_given: true, consent_scope: 'Name, dates and housing need' });
    assert.equal(consent.status, 200, consent.text);
    assert.equal(consent.json.consent.given, true);
    assert.equal((await move(referral.id, 'sent')).json.status, 'sent');

    assertProblem(await move(referral.id, 'accepted'), 403);  // the provider accepts, not the referrer
    const illegal = await move(referral.id, 'completed', {}, partner);
    assertProblem(illegal, 409);
    assert.match(illegal.json.detail, /Cannot move this referral from Sent to Completed/);

    const inbox = await get('/api/v1/referrals', partner);
    assert.deepEqual(inbox.json.items.map((r) => r.id), [referral.id]);
    assert.equal(inbox.json.items[0].next_moves.includes('accepted'), true);

    for (const to of ['accepted', 'first_appointment', 'started', 'completed'])
      assert.equal((await move(referral.id, to, {}, partner)).json.status, to);
    const final = await move(referral.id, 'withdrawn');
    assertProblem(final, 409);
    assert.match(final.json.detail, /final/);

    const done = await get(`/api/v1/referrals/${referral.id}`);
    assert.deepEqual(done.json.history.map((step) => step.status),
      ['draft', 'sent', 'accepted', 'first_appointment', 'started', 'completed']);
    for (const step of done.json.history) assert.match(step.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(done.json.duty_to_refer.local_authority, 'Leeds City Council');

    const timeline = await get(`/api/v1/people/${person.id}/timeline`);
    const kinds = timeline.json.items.map((event) => event.kind);
    for (const kind of ['referral.drafted', 'referral.sent', 'referral.accepted', 'referral.completed'])
      assert.ok(kinds.includes(kind), kinds.join());
    assert.equal((await get(`/api/v1/people/${person.id}/referrals`)).json.items.length, 1);
  });

  test('a Duty to Refer takes the release date from the sentence and flags a late referral', async () => {
    const person = await createPerson(server, manager);
    const sentence = await post(`/api/v1/people/${person.id}/sentences`, determinateSentence());
    assert.equal(sentence.status, 201, sentence.text);
    const created = await post(`/api/v1/people/${person.id}/referrals`, {
      service_id: 'svc-leeds-dtr', kind: 'duty_to_refer', local_authority: 'Leeds City Council',
      homelessness_reason: 'Hostel place ended',
    });
    assert.equal(created.status, 201, created.text);
    const duty = created.json.duty_to_refer;
    assert.match(duty.planned_release_date, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(duty.referred_late, true);  // the 2024 sentence's release is already past
  });

  test('declining needs a reason, and a decline is final', async () => {
    const person = await createPerson(server, manager);
    const created = await post(`/api/v1/people/${person.id}/referrals`, {
      service_id: 'svc-leeds-dtr', kind: 'duty_to_refer', local_authority: 'Leeds City Council',
      homelessness_reason: 'Tenancy lost during sentence', consent_given: true, consent_scope: 'Everything on the form',
    });
    assert.equal(created.status, 201, created.text);
    await move(created.json.id, 'sent');
    assert.deepEqual(fieldsNamed(await move(created.json.id, 'declined', {}, partner)), ['reason']);
    const declined = await move(created.json.id, 'declined', { reason: 'Not in our area' }, partner);
    assert.equal(declined.json.status, 'declined');
    assert.deepEqual(declined.json.next_moves, []);
  });

  test('a partner from another organisation sees nothing of a referral not sent to them', async () => {
    const person = await createPerson(server, manager);
    const created = await post(`/api/v1/people/${person.id}/referrals`, {
      service_id: 'svc-riverside-debt', kind: 'service', consent_given: true, consent_scope: 'Name and debts',
    });
    assert.equal(created.status, 201, created.text);
    assert.equal((await move(created.json.id, 'sent')).status, 200);
    assertProblem(await get(`/api/v1/referrals/${created.json.id}`, partner), 404);
    assertProblem(await move(created.json.id, 'accepted', {}, partner), 404);
    const inbox = await get('/api/v1/referrals', partner);
    assert.ok(!inbox.json.items.some((r) => r.id === created.json.id));
    assertProblem(await get(`/api/v1/people/${person.id}/referrals`, partner), 403);
  });

  test('CAS3 takes at most 84 nights; unknown services and fields are named', async () => {
    const person = await createPerson(server, manager);
    const tooLong = await post(`/api/v1/people/${person.id}/referrals`, {
      service_id: 'svc-ridings-cas3', kind: 'cas3', nights_requested: 85, start_date: '2099-01-05', property_area: 'Leeds',
    });
    assert.deepEqual(fieldsNamed(tooLong), ['nights_requested']);
    assert.match(tooLong.json.errors[0].message, /84/);
    const ok = await post(`/api/v1/people/${person.id}/referrals`, {
      service_id: 'svc-ridings-cas3', kind: 'cas3', nights_requested: 84, start_date: '2099-01-05', property_area: 'Leeds',
    });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.cas3.end_date, '2099-03-30');
    assert.deepEqual(fieldsNamed(await post(`/api/v1/people/${person.id}/referrals`, { service_id: 'svc-nowhere', kind: 'service' })),
      ['service_id']);
    assert.deepEqual(fieldsNamed(await post(`/api/v1/people/${person.id}/referrals`, { service_id: 'svc-riverside-debt', kind: 'service', colour: 'red' })),
      ['colour']);
  });
});
