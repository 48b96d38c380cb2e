// /health and the OpenAPI document: the document describes exactly what the server answers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { api, cli, cliWithInput, createPerson, determinateSentence, sql, startServer, testStore } from './support.mjs';

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

// The API routes the server has (src/web/<capability>/api.cpp and routes.cpp), which the document must describe.
const expectedOperations = [
  'GET /api/v1/people/{id}/iom',
  'POST /api/v1/people/{id}/iom/cohort',
  'POST /api/v1/people/{id}/iom/cohort/end',
  'POST /api/v1/people/{id}/iom/co-workers',
  'POST /api/v1/iom/co-workers/{id}/end',
  'GET /api/v1/iom/cases',
  'GET /api/v1/people/{id}/shared',
  'POST /api/v1/people/{id}/shared/contacts',
  'GET /api/v1/openapi.json',
  'GET /api/v1/people',
  'GET /api/v1/people/{id}',
  'GET /api/v1/people/{id}/access-log',
  'GET /api/v1/people/{id}/allocation-options',
  'GET /api/v1/people/{id}/checklist',
  'GET /api/v1/people/{id}/limited-access',
  'POST /api/v1/people/{id}/limited-access',
  'POST /api/v1/people/{id}/limited-access/{entry}/end',
  'GET /api/v1/people/{id}/continuity',
  'GET /api/v1/people/{id}/handover',
  'GET /api/v1/people/{id}/needs-assessments',
  'GET /api/v1/people/{id}/outcomes',
  'GET /api/v1/people/{id}/plan',
  'GET /api/v1/people/{id}/referrals',
  'GET /api/v1/people/{id}/responsibility',
  'GET /api/v1/people/{id}/risk-profile',
  'GET /api/v1/people/{id}/sentences',
  'GET /api/v1/people/{id}/timeline',
  'GET /api/v1/people/{id}/transfers',
  'GET /api/v1/referrals',
  'GET /api/v1/referrals/{rid}',
  'GET /api/v1/sentences/{id}',
  'GET /api/v1/transfers',
  'GET /api/v1/transfers/{tid}',
  'GET /api/v1/services',
  'GET /api/v1/services/{id}',
  'GET /api/v1/unallocated',
  'GET /api/v1/workload',
  'GET /api/v1/worklists/handovers',
  'GET /api/v1/worklists/licences',
  'GET /api/v1/people/{id}/appointments',
  'POST /api/v1/people/{id}/appointments',
  'GET /api/v1/appointments/{id}',
  'PATCH /api/v1/appointments/{id}',
  'POST /api/v1/appointments/{id}/cancellation',
  'POST /api/v1/appointments/{id}/outcome',
  'GET /api/v1/diary',
  'GET /api/v1/appointments/{id}/calendar',
  'GET /api/v1/diary/calendar-feed',
  'POST /api/v1/diary/calendar-feed',
  'POST /api/v1/people/{id}/calendar-feed',
  'POST /api/v1/calendar-feeds/{id}/revoke',
  'GET /api/v1/people/{id}/contact',
  'POST /api/v1/people/{id}/invitation',
  'GET /api/v1/my',
  'GET /api/v1/my/plan',
  'POST /api/v1/my/plan/objectives/{oid}/responses',
  'POST /api/v1/my/plan/agreement',
  'GET /api/v1/my/appointments',
  'POST /api/v1/my/appointments/{aid}/cannot-come',
  'GET /api/v1/my/officer',
  'GET /api/v1/my/licence',
  'POST /api/v1/my/licence/conditions/{key}/responses',
  'GET /api/v1/my/support',
  'GET /api/v1/my/messages',
  'PUT /api/v1/people/{id}/contact',
  'GET /api/v1/people/{id}/contact-plan',
  'PUT /api/v1/people/{id}/contact-plan',
  'GET /api/v1/worklists/contact',
  'GET /api/v1/people/{id}/messages',
  'GET /api/v1/outbox',
  'GET /api/v1/people/{id}/recalls',
  'POST /api/v1/people/{id}/recalls',
  'GET /api/v1/recalls/{id}',
  'POST /api/v1/recalls/{id}/recommendation',
  'POST /api/v1/recalls/{id}/decision',
  'POST /api/v1/recalls/{id}/return-to-custody',
  'GET /api/v1/insight',
  'GET /api/v1/insight/quality-sample',
  'GET /api/v1/insight/quality-sample/people/{id}',
  'PUT /api/v1/insight/quality-sample/people/{id}',
  'GET /api/v1/insight/quality-themes',
  'GET /api/v1/insight/cases',
  'GET /api/v1/people/{id}/equality-facts',
  'PUT /api/v1/people/{id}/equality-facts',
  'GET /api/v1/worklists/licences-to-explain',
  'GET /api/v1/people/{id}/induction',
  'PUT /api/v1/people/{id}/induction',
  'POST /api/v1/licences/{id}/acknowledgement',
  'GET /api/v1/licence-conditions',
  'GET /api/v1/licence-conditions/{version}',
  'GET /api/v1/people/{id}/licences',
  'POST /api/v1/people/{id}/licences',
  'GET /api/v1/licences/{id}',
  'POST /api/v1/licences/{id}/conditions',
  'PUT /api/v1/licences/{id}/conditions/{key}',
  'POST /api/v1/licences/{id}/conditions/{key}/remove',
  'POST /api/v1/licences/{id}/conditions/{key}/understanding',
  'POST /api/v1/licences/{id}/submit',
  'POST /api/v1/licences/{id}/decision',
  'POST /api/v1/licences/{id}/activate',
  'POST /api/v1/licences/{id}/variations',
  'GET /api/v1/people/{id}/release-day',
  'PATCH /api/v1/people/{id}/release-day',
  'POST /api/v1/people/{id}/release',
  'GET /api/v1/worklists/overdue-handovers',
  'GET /api/v1/worklists/releases',
  'GET /api/v1/worklists/without-com',
  'GET /health',
  'GET /services',
  'GET /services/{id}',
  'PATCH /api/v1/people/{id}',
  'PATCH /api/v1/people/{id}/checklist/items/{kind}',
  'PATCH /api/v1/people/{id}/plan/actions/{aid}',
  'PATCH /api/v1/people/{id}/risk-profile',
  'PATCH /api/v1/sentences/{id}',
  'POST /api/v1/people',
  'POST /api/v1/people/{id}/allocations',
  'POST /api/v1/people/{id}/checklist',
  'POST /api/v1/people/{id}/handover-meeting/cancel',
  'POST /api/v1/people/{id}/handover-meeting/held',
  'POST /api/v1/people/{id}/handover-meetings',
  'POST /api/v1/people/{id}/needs-assessments',
  'POST /api/v1/people/{id}/outcomes',
  'POST /api/v1/people/{id}/plan/agreement',
  'POST /api/v1/people/{id}/plan/objectives',
  'POST /api/v1/people/{id}/plan/objectives/{oid}/actions',
  'POST /api/v1/people/{id}/plan/reviews',
  'POST /api/v1/people/{id}/referrals',
  'POST /api/v1/calculations',
  'GET /api/v1/people/{id}/booking',
  'PUT /api/v1/people/{id}/booking',
  'POST /api/v1/people/{id}/booking/sentences/{sentence}/take-out',
  'POST /api/v1/people/{id}/booking/movements/{number}/withdraw',
  'GET /api/v1/release-date-changes',
  'POST /api/v1/release-date-changes/seen',
  'POST /api/v1/people/{id}/day-of-release',
  'POST /api/v1/people/{id}/sentences',
  'POST /api/v1/people/{id}/transfers',
  'POST /api/v1/referrals/{rid}/consent',
  'POST /api/v1/referrals/{rid}/transitions',
  'POST /api/v1/transfers/{tid}/acknowledge',
  'POST /api/v1/transfers/{tid}/withdraw',
  'GET /api/v1/people/{id}/mappa',
  'POST /api/v1/people/{id}/mappa/decisions',
  'POST /api/v1/people/{id}/mappa/referrals',
  'POST /api/v1/people/{id}/mappa/meetings',
  'GET /api/v1/mappa/meetings/{id}',
  'POST /api/v1/mappa/meetings/{id}/held',
  'POST /api/v1/mappa/meetings/{id}/actions',
  'POST /api/v1/mappa/actions/{id}/status',
  'GET /api/v1/worklists/mappa',
  'GET /api/v1/people/{id}/information-sharing',
  'POST /api/v1/people/{id}/information-sharing',
  'GET /api/v1/information-sharing/{id}',
  'POST /api/v1/information-sharing/{id}/answer',
];

let server;
let admin;
let documentBody;
let person;
let sentence;
let referral;
let transfer;
let licence;
let appointment;
let recall;
let calendarFeed;
let mappaMeeting;
let mappaAction;
let sharingRecord;
let iomCoworker;

before(async () => {
  server = await startServer({ tokensFor: ['admin', 'manager'] });
  admin = server.tokens.admin;
  person = await createPerson(server, admin);
  const recorded = await api(server, 'POST', `/api/v1/people/${person.id}/sentences`, { token: admin, body: determinateSentence() });
  assert.equal(recorded.status, 201, recorded.text);
  sentence = recorded.json;
  const drafted = await api(server, 'POST', `/api/v1/people/${person.id}/referrals`, {
    token: admin,
    body: { service_id: demoServiceId, kind: 'service', reason_for_referral: 'Help with a bank account' },
  });
  assert.equal(drafted.status, 201, drafted.text);
  referral = drafted.json;
  const requested = await api(server, 'POST', `/api/v1/people/${person.id}/transfers`, {
    token: admin,
    body: { kind: 'prison', to_code: 'HAI', summary: 'Moving nearer home', current_risks: 'None known', outstanding_actions: 'None' },
  });
  assert.equal(requested.status, 201, requested.text);
  transfer = requested.json;
  const drafting = await api(server, 'POST', `/api/v1/people/${person.id}/licences`, { token: server.tokens.manager });
  assert.equal(drafting.status, 201, drafting.text);
  licence = drafting.json;
  const released = await releasedPerson();
  appointment = await bookedAppointment(released);
  recall = await startedRecall(released);
  const feed = await api(server, 'POST', '/api/v1/diary/calendar-feed', { token: admin });
  assert.equal(feed.status, 201, feed.text);
  calendarFeed = feed.json;
  ({ mappaMeeting, mappaAction, sharingRecord } = await mappaRecords(person));
  iomCoworker = await namedPoliceOfficer(person);
  const response = await api(server, 'GET', '/api/v1/openapi.json');
  assert.equal(response.status, 200);
  documentBody = response.json;
});
after(() => server?.stop());

const today = () => new Date().toISOString().slice(0, 10);

// A person released today by the manager.
async function releasedPerson() {
  const released = await createPerson(server, admin);
  const start = new Date(Date.now() - 60 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const sentenced = await api(server, 'POST', `/api/v1/people/${released.id}/sentences`,
    { token: admin, body: determinateSentence({ sentence_start_date: start, sentence_length_days: 120 }) });
  assert.equal(sentenced.status, 201, sentenced.text);
  const out = await api(server, 'POST', `/api/v1/people/${released.id}/release`,
    { token: server.tokens.manager, body: { released_on: today(), released_at: '09:30', prison_code: released.prison_code } });
  assert.equal(out.status, 201, out.text);
  return released;
}

// An appointment of the released person, booked by the manager.
async function bookedAppointment(released) {
  const booked = await api(server, 'POST', `/api/v1/people/${released.id}/appointments`, {
    token: server.tokens.manager,
    body: { type: 'supervision', on: today(), starts_at: '23:00', ends_at: '23:30', office_code: 'LDS', confirm_warnings: 'true' },
  });
  assert.equal(booked.status, 201, booked.text);
  return booked.json.appointments[0];
}

// A recall consideration of the released person, started by the manager.
async function startedRecall(released) {
  const started = await api(server, 'POST', `/api/v1/people/${released.id}/recalls`, {
    token: server.tokens.manager,
    body: { trigger: 'risk_increased', risk_change: 'Contact with a former victim' },
  });
  assert.equal(started.status, 201, started.text);
  return started.json;
}

// A planned MAPPA meeting with an action, and an information sharing request, of the person.
async function mappaRecords(of) {
  const meeting = await api(server, 'POST', `/api/v1/people/${of.id}/mappa/meetings`,
    { token: admin, body: { kind: 'review', meeting_on: today() } });
  assert.equal(meeting.status, 201, meeting.text);
  const action = await api(server, 'POST', `/api/v1/mappa/meetings/${meeting.json.id}/actions`,
    { token: admin, body: { description: 'Check the address', owner_agency: 'police', due_on: today() } });
  assert.equal(action.status, 201, action.text);
  const shared = await api(server, 'POST', `/api/v1/people/${of.id}/information-sharing`, {
    token: admin,
    body: { kind: 'request_made', agency: 'police', subject: 'Address check', lawful_basis: 'crime_prevention', sent_on: today(), due_by: today() },
  });
  assert.equal(shared.status, 201, shared.text);
  return { mappaMeeting: meeting.json, mappaAction: action.json, sharingRecord: shared.json };
}

// A police officer, in a force added to the directory, named by the manager as IOM co-worker on the person.
async function namedPoliceOfficer(of) {
  const directory = JSON.parse(await readFile('data/services-demo.hsds.json', 'utf8'));
  const services = Array.isArray(directory) ? directory : directory.contents;
  const force = JSON.parse(JSON.stringify(services.find((service) => service.id === demoServiceId))
    .replaceAll(demoServiceId, 'svc-openapi-police').replaceAll('org-leeds-housing-options', 'org-openapi-police'));
  const file = path.join(tmpdir(), `resettle-openapi-police-${process.pid}.json`);
  await writeFile(file, JSON.stringify([force]));
  const imported = await cli('import', '--db', server.db, '--hsds-json', file);
  await rm(file, { force: true });
  assert.equal(imported.code, 0, imported.stderr);
  const added = await cliWithInput('Amber-Falcon-Harbour-17\n', 'users', 'add', '--db', server.db, '--username', 'officer',
    '--name', 'DC Rees', '--role', 'police', '--organisation-id', 'org-openapi-police');
  assert.equal(added.code, 0, added.stderr);
  const staffId = Number(sql(server.db, "SELECT id FROM staff WHERE username = 'officer'"));
  const named = await api(server, 'POST', `/api/v1/people/${of.id}/iom/co-workers`,
    { token: server.tokens.manager, body: { staff_id: staffId, from: today() } });
  assert.equal(named.status, 201, named.text);
  return named.json;
}

function operations(document) {
  const found = [];
  for (const [path, item] of Object.entries(document.paths))
    for (const method of methods) if (item[method.toLowerCase()]) found.push(`${method} ${path}`);
  return found;
}

function resolve(document, schema) {
  let resolved = schema;
  while (resolved.$ref) resolved = resolved.$ref.slice(2).split('/').reduce((node, key) => node[key], document);
  return resolved;
}

// A service in the demo directory (data/services-demo.hsds.json), loaded by `resettle demo`.
const demoServiceId = 'svc-leeds-dtr';

// A documented path with every parameter filled in with a record that exists (or, for plan
// actions and checklist items, one whose absence the route itself reports).
function concrete(path) {
  return path
    .replace('/people/{id}', `/people/${person.id}`)
    .replace('/sentences/{id}', `/sentences/${sentence.id}`)
    .replace('/licences/{id}', `/licences/${licence.id}`)
    .replace('/appointments/{id}', `/appointments/${appointment.id}`)
    .replace('/recalls/{id}', `/recalls/${recall.id}`)
    .replace('/calendar-feeds/{id}', `/calendar-feeds/${calendarFeed.id}`)
    .replace('/mappa/meetings/{id}', `/mappa/meetings/${mappaMeeting.id}`)
    .replace('/mappa/actions/{id}', `/mappa/actions/${mappaAction.id}`)
    .replace('/information-sharing/{id}', `/information-sharing/${sharingRecord.id}`)
    .replace('/iom/co-workers/{id}', `/iom/co-workers/${iomCoworker.id}`)
    .replace('/services/{id}', `/services/${demoServiceId}`)
    .replace('{rid}', String(referral.id))
    .replace('{tid}', String(transfer.id))
    .replace('{oid}', '1')
    .replace('{aid}', '1')
    .replace('{kind}', 'duty_to_refer')
    .replace('{entry}', '1')
    .replace('{version}', '2026-1')
    .replace('{key}', '1');
}

describe('/health', () => {
  test('answers 200 with the store and its schema version, and no replication lag (none on SQLite, no replicas here)', async () => {
    const response = await api(server, 'GET', '/health');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^application\/json/);
    assert.equal(response.json.status, 'ok');
    assert.ok(Number.isInteger(response.json.schema_version) && response.json.schema_version > 0, response.text);
    assert.equal(response.json.store, testStore);
    assert.equal(response.json.replication_lag_seconds, null);
  });
});

describe('/api/v1/openapi.json', () => {
  test('is an OpenAPI 3.1 document served as JSON without signing in', async () => {
    const response = await api(server, 'GET', '/api/v1/openapi.json');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^application\/json/);
    assert.match(documentBody.openapi, /^3\.1\./);
    assert.ok(documentBody.info.title);
  });

  test('describes every API route', () => {
    assert.deepEqual(operations(documentBody).sort(), [...expectedOperations].sort());
  });

  test('every $ref resolves', () => {
    const refs = new Set();
    JSON.stringify(documentBody, (key, value) => {
      if (key === '$ref') refs.add(value);
      return value;
    });
    assert.ok(refs.size > 10);
    for (const ref of refs) {
      const target = ref.slice(2).split('/').reduce((node, key) => node?.[key], documentBody);
      assert.ok(target !== undefined, `${ref} does not resolve`);
    }
  });

  test('the server answers every documented operation (not 404 or 405)', async () => {
    for (const operation of operations(documentBody)) {
      const [method, path] = operation.split(' ');
      const current = await api(server, 'GET', concrete(path), { token: admin });
      const headers = method === 'PATCH' ? { 'If-Match': current.headers.get('etag') ?? '"1"' } : {};
      const body = method === 'GET' ? undefined : {};
      const response = await api(server, method, concrete(path), { token: admin, body, headers });
      assert.ok(![404, 405].includes(response.status), `${operation} gave ${response.status}: ${response.text}`);
      assert.ok(response.status < 500, `${operation} gave ${response.status}`);
    }
  });

  test('methods the document leaves out are not answered (405) on documented paths', async () => {
    for (const [path, item] of Object.entries(documentBody.paths)) {
      for (const method of methods) {
        if (item[method.toLowerCase()] || (method === 'GET' && item.head)) continue;
        const response = await api(server, method, concrete(path), { token: admin, body: method === 'GET' ? undefined : {} });
        assert.equal(response.status, 405, `${method} ${path} is answered (${response.status}) but not documented`);
      }
    }
  });

  test('declares bearer and cookie security and the problem responses', () => {
    const schemes = documentBody.components.securitySchemes;
    assert.equal(schemes.bearerAuth.type, 'http');
    assert.equal(schemes.bearerAuth.scheme, 'bearer');
    assert.equal(schemes.sessionCookie.in, 'cookie');
    assert.equal(schemes.sessionCookie.name, 'resettle_session');
    const patch = documentBody.paths['/api/v1/people/{id}'].patch;
    for (const status of ['401', '403', '404', '412', '422', '428']) {
      const response = resolve(documentBody, patch.responses[status]);
      assert.ok(response.content['application/problem+json'], `PATCH person ${status} is not problem+json`);
    }
    const problem = resolve(documentBody, documentBody.components.schemas.Problem);
    assert.deepEqual(Object.keys(resolve(documentBody, problem.properties.errors.items).properties).sort(), ['field', 'message']);
  });

  test('the Person schema has exactly the fields the server returns', async () => {
    const response = await api(server, 'GET', `/api/v1/people/${person.id}`, { token: admin });
    const schema = documentBody.components.schemas.Person;
    assert.deepEqual(Object.keys(schema.properties).sort(), Object.keys(response.json).sort());
    // key_dates is in answers about one person, not in lists, so it is not required.
    assert.deepEqual([...schema.required, 'key_dates'].sort(), Object.keys(response.json).sort());
    assert.ok(schema.properties.gender.enum.includes(response.json.gender));
    assert.ok(schema.properties.stage.enum.includes(response.json.stage));
  });

  test('the Sentence schema has exactly the fields the server returns', async () => {
    const response = await api(server, 'GET', `/api/v1/sentences/${sentence.id}`, { token: admin });
    const schema = documentBody.components.schemas.Sentence;
    assert.deepEqual(Object.keys(schema.properties).sort(), Object.keys(response.json).sort());
    for (const [name, value] of Object.entries(response.json)) {
      const property = resolve(documentBody, schema.properties[name]);
      const types = [property.type].flat();
      const actual = value === null ? 'null' : Number.isInteger(value) ? 'integer' : Array.isArray(value) ? 'array' : typeof value;
      assert.ok(types.includes(actual), `${name}: ${JSON.stringify(value)} is not ${types.join(' or ')}`);
    }
  });

  test('the Recall schema has exactly the fields the server returns', async () => {
    const response = await api(server, 'GET', `/api/v1/recalls/${recall.id}`, { token: admin });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(Object.keys(documentBody.components.schemas.Recall.properties).sort(), Object.keys(response.json).sort());
  });

  test('the Event schema has exactly the fields the server returns', async () => {
    const response = await api(server, 'GET', `/api/v1/people/${person.id}/timeline`, { token: admin });
    const schema = documentBody.components.schemas.Event;
    assert.ok(response.json.items.length > 0);
    for (const event of response.json.items) assert.deepEqual(Object.keys(schema.properties).sort(), Object.keys(event).sort());
  });

  test('every enum in the input schemas is accepted by the server, and nothing else', async () => {
    const enums = {
      gender: documentBody.components.schemas.PersonFields.properties.gender.enum,
      stage: documentBody.components.schemas.PersonFields.properties.stage.enum,
    };
    for (const [field, values] of Object.entries(enums)) {
      for (const value of values.filter((v) => v !== null)) {
        const current = await api(server, 'GET', `/api/v1/people/${person.id}`, { token: admin });
        const response = await api(server, 'PATCH', `/api/v1/people/${person.id}`, {
          token: admin,
          body: { [field]: value },
          headers: { 'If-Match': current.headers.get('etag') },
        });
        if (field === 'stage' && value === 'on_licence') {
          // Going on licence is the release (POST /people/{id}/release), never a change of details.
          assert.equal(response.status, 422, response.text);
          assert.deepEqual(response.json.errors.map((error) => error.field), ['stage']);
          continue;
        }
        assert.equal(response.status, 200, `${field}=${value}: ${response.text}`);
      }
      const current = await api(server, 'GET', `/api/v1/people/${person.id}`, { token: admin });
      const refused = await api(server, 'PATCH', `/api/v1/people/${person.id}`, {
        token: admin,
        body: { [field]: 'not_a_code' },
        headers: { 'If-Match': current.headers.get('etag') },
      });
      assert.equal(refused.status, 422);
      assert.match(refused.json.errors[0].message, new RegExp(values.filter((v) => v !== null).join(', ')));
    }
    const sentenceFields = documentBody.components.schemas.SentenceFields.properties;
    for (const field of ['legal_status', 'release_scheme']) {
      for (const value of sentenceFields[field].enum.filter((v) => v !== null)) {
        const current = await api(server, 'GET', `/api/v1/sentences/${sentence.id}`, { token: admin });
        const body = { [field]: value, ...(value === 'extended' ? { extension_days: 365 } : {}) };
        const response = await api(server, 'PATCH', `/api/v1/sentences/${sentence.id}`, {
          token: admin,
          body,
          headers: { 'If-Match': current.headers.get('etag') },
        });
        assert.equal(response.status, 200, `${field}=${value}: ${response.text}`);
      }
    }
  });
});
