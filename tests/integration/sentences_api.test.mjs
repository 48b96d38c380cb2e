// The sentences API: record, list, read and correct a person's sentences, with the same
// validation and optimistic-concurrency rules as people.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, createPerson, determinateSentence, startServer } from './support.mjs';

let server;
let pom;  // Priya Shah: prison offender manager at HMP Leeds

before(async () => {
  server = await startServer({ tokensFor: ['pom', 'prerelease', 'admin'] });
  pom = server.tokens.pom;
});
after(() => server?.stop());

const get = (target, token = pom) => api(server, 'GET', target, { token });
const post = (target, body, token = pom) => api(server, 'POST', target, { token, body });
const patch = (target, body, etag, token = pom) =>
  api(server, 'PATCH', target, { token, body, headers: etag === undefined ? {} : { 'If-Match': etag } });

function assertProblem(response, status) {
  assert.equal(response.status, status, response.text);
  assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(response.json.status, status);
}

function fieldsNamed(response) {
  assertProblem(response, 422);
  return response.json.errors.map((error) => error.field).sort();
}

async function personWithSentence(overrides = {}) {
  const person = await createPerson(server, pom);
  const response = await post(`/api/v1/people/${person.id}/sentences`, determinateSentence(overrides));
  assert.equal(response.status, 201, response.text);
  return { person, sentence: response.json, response };
}

describe('recording a sentence', () => {
  test('POST gives 201 with Location, ETag and typed fields', async () => {
    const { person, sentence, response } = await personWithSentence({ remand_days: '12', recall: true, conditional_release_date: '2025-02-28' });
    assert.equal(response.headers.get('location'), `/api/v1/sentences/${sentence.id}`);
    assert.equal(response.headers.get('etag'), '"1"');
    assert.equal(sentence.person_id, person.id);
    assert.equal(sentence.version, 1);
    assert.equal(sentence.sentence_type, 'determinate');
    assert.equal(sentence.legal_status, 'sentenced');
    assert.equal(sentence.release_scheme, 'standard');
    assert.equal(sentence.sentence_start_date, '2024-03-01');
    assert.equal(sentence.sentence_length_days, 730);
    assert.equal(sentence.extension_days, null);
    assert.equal(sentence.remand_days, 12);
    assert.equal(sentence.tagged_bail_days, 0);
    assert.equal(sentence.recall, true);
    assert.equal(sentence.last_parole_outcome_release, false);
    assert.equal(sentence.offence, 'Burglary');
    assert.equal(sentence.conditional_release_date, '2025-02-28');
    assert.equal(sentence.tariff_date, null);
    assert.deepEqual(sentence.links, { self: `/api/v1/sentences/${sentence.id}`, person: `/api/v1/people/${person.id}` });

    const read = await get(response.headers.get('location'));
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('etag'), '"1"');
    assert.deepEqual(read.json, sentence);
  });

  test('an indeterminate sentence needs a tariff date but no length', async () => {
    const person = await createPerson(server, pom);
    const body = { sentence_type: 'indeterminate', sentence_start_date: '2015-06-01' };
    assert.deepEqual(fieldsNamed(await post(`/api/v1/people/${person.id}/sentences`, body)), ['tariff_date']);
    const response = await post(`/api/v1/people/${person.id}/sentences`, { ...body, tariff_date: '2027-06-01' });
    assert.equal(response.status, 201, response.text);
    assert.equal(response.json.sentence_length_days, null);
  });

  test('each bad field is named in one 422, and nothing is stored', async () => {
    const person = await createPerson(server, pom);
    const cases = [
      [{}, ['sentence_length_days', 'sentence_start_date', 'sentence_type']],
      [determinateSentence({ sentence_length_days: undefined }), ['sentence_length_days']],
      [determinateSentence({ sentence_start_date: '2023-02-29', sentence_type: 'suspended' }), ['sentence_start_date', 'sentence_type']],
      [determinateSentence({ sentence_length_days: 'two years', recall: 'maybe', remand_days: -1 }), ['recall', 'remand_days', 'sentence_length_days']],
      [determinateSentence({ release_scheme: 'extended' }), ['extension_days']],
      [determinateSentence({ licence_expiry_date: '31/12/2026', legal_status: 'free' }), ['legal_status', 'licence_expiry_date']],
      [determinateSentence({ judge: 'Smith', sentence_length_days: 1.5, offence: ['Theft'] }), ['judge', 'offence', 'sentence_length_days']],
    ];
    for (const [body, fields] of cases) {
      const response = await post(`/api/v1/people/${person.id}/sentences`, JSON.parse(JSON.stringify(body)));
      assert.deepEqual(fieldsNamed(response), fields, JSON.stringify(body));
    }
    assert.deepEqual((await get(`/api/v1/people/${person.id}/sentences`)).json.items, []);
  });

  test('a body that is not JSON is 400', async () => {
    const person = await createPerson(server, pom);
    assertProblem(await post(`/api/v1/people/${person.id}/sentences`, '{"sentence_type"'), 400);
  });

  test('for a person who does not exist is 404', async () => {
    assertProblem(await post('/api/v1/people/99999999/sentences', determinateSentence()), 404);
  });

  test('a role that may not record sentences is refused (403)', async () => {
    const person = await createPerson(server, pom);
    assertProblem(await post(`/api/v1/people/${person.id}/sentences`, determinateSentence(), server.tokens.prerelease), 403);
  });
});

describe('listing and reading sentences', () => {
  test("a person's sentences, newest first, on one page", async () => {
    const { person, sentence: first } = await personWithSentence();
    const second = (await post(`/api/v1/people/${person.id}/sentences`, determinateSentence({ sentence_start_date: '2025-01-10' }))).json;
    const response = await get(`/api/v1/people/${person.id}/sentences`);
    assert.equal(response.status, 200);
    assert.equal(response.json.next_cursor, null);
    assert.deepEqual(response.json.items.map((s) => s.id).sort(), [first.id, second.id].sort());
    assert.deepEqual(response.json.items[0], second);
  });

  test('every key date comes with its rule: worked out or supplied, on the sentence and the person', async () => {
    const { person, sentence } = await personWithSentence({ sentence_expiry_date: '2026-02-27' });
    const { key_dates: dates } = sentence;
    assert.equal(dates.conditional_release_date.source, 'computed', 'not supplied, yet the API gives it');
    assert.match(dates.conditional_release_date.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(dates.conditional_release_date.rule.length > 0);
    assert.ok(dates.conditional_release_date.rule_code.length > 0);
    assert.deepEqual(dates.sentence_expiry_date, {
      date: '2026-02-27', source: 'supplied', rule: dates.sentence_expiry_date.rule, rule_code: 'supplied',
      explanation: dates.sentence_expiry_date.explanation });
    assert.equal(dates.tariff_date, null);
    assert.equal(sentence.conditional_release_date, null, 'the top-level date fields stay the supplied ones');

    const read = await get(`/api/v1/people/${person.id}`);
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(read.json.key_dates, dates, 'the person gives the current sentence\'s dates');
    const listed = await get(`/api/v1/people/${person.id}/sentences`);
    assert.deepEqual(listed.json.items[0].key_dates, dates);

    const sentBack = await patch(`/api/v1/sentences/${sentence.id}`, { ...sentence, offence: 'Theft' }, '"1"');
    assert.equal(sentBack.status, 200, 'key_dates from a GET may be sent back: ' + sentBack.text);
  });

  test('an unknown sentence is 404', async () => {
    assertProblem(await get('/api/v1/sentences/99999999'), 404);
    assertProblem(await get('/api/v1/sentences/x'), 404);
    assertProblem(await get('/api/v1/people/99999999/sentences'), 404);
  });
});

describe('correcting a sentence (PATCH with If-Match)', () => {
  test('without If-Match is 428', async () => {
    const { sentence } = await personWithSentence();
    assertProblem(await patch(`/api/v1/sentences/${sentence.id}`, { offence: 'Robbery' }), 428);
    assert.equal((await get(`/api/v1/sentences/${sentence.id}`)).json.offence, 'Burglary');
  });

  test('with a stale If-Match is 412 and the sentence is unchanged', async () => {
    const { sentence } = await personWithSentence();
    assert.equal((await patch(`/api/v1/sentences/${sentence.id}`, { offence: 'Robbery' }, '"1"')).status, 200);
    assertProblem(await patch(`/api/v1/sentences/${sentence.id}`, { offence: 'Fraud', remand_days: 40 }, '"1"'), 412);
    const read = await get(`/api/v1/sentences/${sentence.id}`);
    assert.equal(read.json.offence, 'Robbery');
    assert.equal(read.json.remand_days, 0);
    assert.equal(read.headers.get('etag'), '"2"');
  });

  test('with the current ETag is 200 with a new ETag; unsent fields keep their values', async () => {
    const { sentence } = await personWithSentence();
    const response = await patch(`/api/v1/sentences/${sentence.id}`, { remand_days: 30, tariff_date: '2030-01-01' }, '"1"');
    assert.equal(response.status, 200, response.text);
    assert.equal(response.headers.get('etag'), '"2"');
    const { key_dates: before, ...fields } = sentence;
    const { key_dates: after, ...changed } = response.json;
    assert.deepEqual(changed, { ...fields, remand_days: 30, tariff_date: '2030-01-01', version: 2 });
    // The key dates are worked out again: 30 days on remand bring release 30 days nearer.
    const daysBetween = (earlier, later) => (Date.parse(later) - Date.parse(earlier)) / 86400000;
    assert.equal(daysBetween(after.conditional_release_date.date, before.conditional_release_date.date), 30);
    assert.equal(after.tariff_date.source, 'supplied');
    assert.deepEqual((await get(`/api/v1/sentences/${sentence.id}`)).json, response.json);
  });

  test('an invalid correction is 422 and nothing moves', async () => {
    const { sentence } = await personWithSentence();
    assert.deepEqual(fieldsNamed(await patch(`/api/v1/sentences/${sentence.id}`, { sentence_length_days: 0 }, '"1"')), ['sentence_length_days']);
    assert.deepEqual(fieldsNamed(await patch(`/api/v1/sentences/${sentence.id}`, { id: 5, person: 3 }, '"1"')), ['person']);
    assertProblem(await patch(`/api/v1/sentences/${sentence.id}`, 'nope', '"1"'), 400);
    const read = await get(`/api/v1/sentences/${sentence.id}`);
    assert.deepEqual(read.json, sentence);
  });

  test('concurrent corrections with the same ETag: exactly one wins', async () => {
    const { sentence } = await personWithSentence();
    const results = await Promise.all(
      ['Robbery', 'Fraud', 'Arson'].map((offence) => patch(`/api/v1/sentences/${sentence.id}`, { offence }, '"1"')),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 412, 412], results.map((r) => r.text).join('\n'));
    const winner = results.find((r) => r.status === 200).json;
    assert.equal((await get(`/api/v1/sentences/${sentence.id}`)).json.offence, winner.offence);
  });

  test('recording and correcting appear on the timeline', async () => {
    const { person, sentence } = await personWithSentence();
    assert.equal((await patch(`/api/v1/sentences/${sentence.id}`, { offence: 'Robbery' }, '"1"')).status, 200);
    const events = (await get(`/api/v1/people/${person.id}/timeline`)).json.items;
    assert.deepEqual(events.map((e) => e.kind), ['sentence.updated', 'sentence.recorded', 'person.added']);
    assert.equal(events[0].entity, 'sentence');
    assert.equal(events[0].entity_id, sentence.id);
    assert.equal(events[0].actor, 'Priya Shah');
    assert.deepEqual(events[0].data.offence, { from: 'Burglary', to: 'Robbery' });
  });
});
