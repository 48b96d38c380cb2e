// The people API with a bearer token: create, read, list, search, validation, optimistic
// concurrency (ETag / If-Match) and the journal behind the timeline.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, createPerson, startServer, uniquePerson } from './support.mjs';

let server;
let manager;  // Morgan Ellis: manager at HMP Leeds and the Leeds PDU
let admin;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'admin'] });
  manager = server.tokens.manager;
  admin = server.tokens.admin;
});
after(() => server?.stop());

const get = (target, token = manager) => api(server, 'GET', target, { token });
const post = (target, body, token = manager) => api(server, 'POST', target, { token, body });
const patch = (target, body, etag, token = manager) =>
  api(server, 'PATCH', target, { token, body, headers: etag === undefined ? {} : { 'If-Match': etag } });

function assertProblem(response, status) {
  assert.equal(response.status, status, response.text);
  assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(response.json.status, status);
  assert.equal(typeof response.json.title, 'string');
  assert.equal(typeof response.json.type, 'string');
}

// The field names a 422 lists, each with a non-empty message.
function fieldsNamed(response) {
  assertProblem(response, 422);
  for (const error of response.json.errors) assert.ok(error.message.length > 0, JSON.stringify(error));
  return response.json.errors.map((error) => error.field).sort();
}

async function walk(firstTarget, next) {
  const pages = [];
  let target = firstTarget;
  while (target) {
    const response = await get(target);
    assert.equal(response.status, 200, response.text);
    pages.push(response.json);
    target = next(response.json);
    assert.ok(pages.length < 100, 'pagination does not end');
  }
  return pages;
}

describe('adding and reading a person', () => {
  test('POST gives 201 with Location, ETag and the stored record', async () => {
    const input = uniquePerson({ pnc: '2004/0046583U', communication_needs: 'Needs an interpreter' });
    const response = await post('/api/v1/people', input);
    assert.equal(response.status, 201, response.text);
    assert.match(response.headers.get('content-type'), /^application\/json/);
    const person = response.json;
    assert.ok(Number.isInteger(person.id) && person.id > 0);
    assert.equal(response.headers.get('location'), `/api/v1/people/${person.id}`);
    assert.equal(response.headers.get('etag'), '"1"');
    assert.equal(person.version, 1);
    for (const [field, value] of Object.entries(input)) assert.equal(person[field], value, field);
    assert.equal(person.ethnic_group, null);
    assert.deepEqual(person.links, { self: `/api/v1/people/${person.id}`, sentences: `/api/v1/people/${person.id}/sentences` });

    const read = await get(response.headers.get('location'));
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('etag'), '"1"');
    assert.deepEqual(read.json, person);
    const keyDates = Object.values(person.key_dates);
    assert.ok(keyDates.length >= 9 && keyDates.every((date) => date === null), 'no sentence yet, so no key dates');
  });

  test('identifiers are trimmed and upper-cased', async () => {
    const input = uniquePerson();
    const person = (await post('/api/v1/people', { ...input, prison_number: ` ${input.prison_number.toLowerCase()} `, crn: input.crn.toLowerCase() })).json;
    assert.equal(person.prison_number, input.prison_number);
    assert.equal(person.crn, input.crn);
  });

  test('a prison number already on Resettle is refused (422 naming prison_number)', async () => {
    const first = await createPerson(server, manager);
    const again = await post('/api/v1/people', uniquePerson({ prison_number: first.prison_number }));
    assert.deepEqual(fieldsNamed(again), ['prison_number']);
  });

  test('an unknown id, or one that is not a number, is 404 problem+json', async () => {
    assertProblem(await get('/api/v1/people/99999999'), 404);
    assertProblem(await get('/api/v1/people/abc'), 404);
    assertProblem(await get('/api/v1/people/0'), 404);
    assertProblem(await get('/api/v1/no-such-thing'), 404);
  });
});

describe('listing people', () => {
  test('limit=5 walks every page once, in id order, without duplicates', async () => {
    const all = (await get('/api/v1/people?limit=200')).json;
    assert.ok(all.items.length > 12, `only ${all.items.length} people`);
    assert.equal(all.next_cursor, null);
    const pages = await walk('/api/v1/people?limit=5', (page) => page.next_cursor && `/api/v1/people?limit=5&cursor=${encodeURIComponent(page.next_cursor)}`);
    const ids = pages.flatMap((page) => page.items.map((person) => person.id));
    for (const page of pages) assert.ok(page.items.length <= 5);
    assert.equal(new Set(ids).size, ids.length, 'no person appears twice');
    assert.deepEqual(ids, all.items.map((person) => person.id));
    assert.deepEqual([...ids].sort((a, b) => a - b), ids);
  });

  test('links.next walks the same pages', async () => {
    const byCursor = await walk('/api/v1/people?limit=7', (page) => page.next_cursor && `/api/v1/people?limit=7&cursor=${page.next_cursor}`);
    const pages = await walk('/api/v1/people?limit=7', (page) => page.links?.next);
    for (const page of pages) assert.ok(page.items.length <= 7, `links.next dropped the limit: ${JSON.stringify(pages[0].links)}`);
    assert.deepEqual(pages.flatMap((p) => p.items.map((x) => x.id)), byCursor.flatMap((p) => p.items.map((x) => x.id)));
  });

  test('q finds a person by name, prison number (any case) or CRN', async () => {
    const person = await createPerson(server, manager, { family_name: 'Quillfeather' });
    for (const q of ['quillfeather', 'Testa Quill', person.prison_number.toLowerCase(), person.crn]) {
      const found = await get(`/api/v1/people?q=${encodeURIComponent(q)}`);
      assert.equal(found.status, 200);
      assert.deepEqual(found.json.items.map((p) => p.id), [person.id], `q=${q}`);
    }
    assert.deepEqual((await get('/api/v1/people?q=Nobody-By-This-Name')).json.items, []);
  });

  test('paging through a search keeps to the search, by cursor and by links.next', async () => {
    const made = [];
    for (let i = 0; i < 3; i += 1) {
      made.push((await createPerson(server, manager, { family_name: 'Pagewright' })).id);
      await createPerson(server, manager, { family_name: 'Otherwise' });
    }
    const byCursor = await walk('/api/v1/people?q=Pagewright&limit=2', (page) => page.next_cursor && `/api/v1/people?q=Pagewright&limit=2&cursor=${page.next_cursor}`);
    assert.deepEqual(byCursor.flatMap((page) => page.items.map((p) => p.id)), made);
    const byLink = await walk('/api/v1/people?q=Pagewright&limit=2', (page) => page.links?.next);
    for (const page of byLink) for (const person of page.items) assert.equal(person.family_name, 'Pagewright', `links.next left the search: ${JSON.stringify(byLink.map((p) => p.links))}`);
    assert.deepEqual(byLink.flatMap((page) => page.items.map((p) => p.id)), made);
  });

  test('a bad limit or cursor is 422 naming it', async () => {
    assert.deepEqual(fieldsNamed(await get('/api/v1/people?limit=0')), ['limit']);
    assert.deepEqual(fieldsNamed(await get('/api/v1/people?limit=201')), ['limit']);
    assert.deepEqual(fieldsNamed(await get('/api/v1/people?limit=ten')), ['limit']);
    assert.deepEqual(fieldsNamed(await get('/api/v1/people?cursor=not-a-cursor')), ['cursor']);
  });
});

describe('validation', () => {
  test('each bad field is named in one 422, and nothing is stored', async () => {
    const input = uniquePerson({ prison_number: 'A12', crn: '12345X', date_of_birth: '2023-02-29' });
    delete input.given_name;
    const response = await post('/api/v1/people', input);
    assert.deepEqual(fieldsNamed(response), ['crn', 'date_of_birth', 'given_name', 'prison_number']);
    const messages = Object.fromEntries(response.json.errors.map((e) => [e.field, e.message]));
    assert.match(messages.prison_number, /A1234BC/);
    assert.match(messages.crn, /X123456/);
    assert.match(messages.given_name, /required/);
    assert.match(messages.date_of_birth, /date/);
    assert.deepEqual((await get(`/api/v1/people?q=${input.family_name}`)).json.items, []);
  });

  test('unknown fields and wrong JSON types are named', async () => {
    const input = uniquePerson({ nickname: 'Ace', family_name: ['Smith'], given_name: { first: 'Ann' }, date_of_birth: 1.5 });
    assert.deepEqual(fieldsNamed(await post('/api/v1/people', input)), ['date_of_birth', 'family_name', 'given_name', 'nickname']);
  });

  test('a number where a date belongs is named', async () => {
    assert.deepEqual(fieldsNamed(await post('/api/v1/people', uniquePerson({ date_of_birth: 19900517 }))), ['date_of_birth']);
  });

  test('codes outside their lists, unknown places and overlong text are named', async () => {
    const input = uniquePerson({ gender: 'unknown', stage: 'free', prison_code: 'ZZZ', pdu_code: 'NOWHERE' });
    assert.deepEqual(fieldsNamed(await post('/api/v1/people', input)), ['gender', 'stage']);
    const places = uniquePerson({ prison_code: 'ZZZ', pdu_code: 'NOWHERE' });
    assert.deepEqual(fieldsNamed(await post('/api/v1/people', places)), ['pdu_code', 'prison_code']);
    assert.deepEqual(fieldsNamed(await post('/api/v1/people', uniquePerson({ given_name: 'x'.repeat(101) }))), ['given_name']);
  });

  test('a person needs a prison number or a CRN', async () => {
    const response = await post('/api/v1/people', uniquePerson({ prison_number: null, crn: '' }));
    assert.deepEqual(fieldsNamed(response), ['prison_number']);
  });

  test('a date of birth in the future is refused', async () => {
    assert.deepEqual(fieldsNamed(await post('/api/v1/people', uniquePerson({ date_of_birth: '2999-01-01' }))), ['date_of_birth']);
  });

  test('a body that is not JSON is 400, and one that is not an object is 422', async () => {
    assertProblem(await post('/api/v1/people', '{"given_name": "Ann",'), 400);
    assertProblem(await post('/api/v1/people', 'not json at all'), 400);
    assert.deepEqual(fieldsNamed(await post('/api/v1/people', '[1, 2]')), ['body']);
  });
});

describe('changing a person (PATCH with If-Match)', () => {
  test('without If-Match is 428 and changes nothing', async () => {
    const person = await createPerson(server, manager);
    assertProblem(await patch(`/api/v1/people/${person.id}`, { given_name: 'Changed' }), 428);
    const read = await get(`/api/v1/people/${person.id}`);
    assert.equal(read.json.given_name, person.given_name);
    assert.equal(read.headers.get('etag'), '"1"');
  });

  test('with a stale If-Match is 412 and the record is unchanged', async () => {
    const person = await createPerson(server, manager);
    const first = await patch(`/api/v1/people/${person.id}`, { given_name: 'First' }, '"1"');
    assert.equal(first.status, 200, first.text);
    const stale = await patch(`/api/v1/people/${person.id}`, { given_name: 'Second', communication_needs: 'Large print' }, '"1"');
    assertProblem(stale, 412);
    const read = await get(`/api/v1/people/${person.id}`);
    assert.equal(read.json.given_name, 'First');
    assert.equal(read.json.communication_needs, null);
    assert.equal(read.headers.get('etag'), '"2"');
  });

  test('an If-Match that is no version at all is 412', async () => {
    const person = await createPerson(server, manager);
    assertProblem(await patch(`/api/v1/people/${person.id}`, { given_name: 'X' }, '"banana"'), 412);
    assertProblem(await patch(`/api/v1/people/${person.id}`, { given_name: 'X' }, '"99"'), 412);
    assert.equal((await get(`/api/v1/people/${person.id}`)).json.given_name, person.given_name);
  });

  test('with the current ETag is 200 with a new ETag, and only the sent fields change', async () => {
    const person = await createPerson(server, manager);
    const read = await get(`/api/v1/people/${person.id}`);
    const response = await patch(`/api/v1/people/${person.id}`, { given_name: 'Renamed', preferred_language: 'Welsh' }, read.headers.get('etag'));
    assert.equal(response.status, 200, response.text);
    assert.equal(response.headers.get('etag'), '"2"');
    assert.equal(response.json.version, 2);
    assert.deepEqual(response.json, { ...person, given_name: 'Renamed', preferred_language: 'Welsh', version: 2 });
    const again = await get(`/api/v1/people/${person.id}`);
    assert.deepEqual(again.json, response.json);
    assert.equal(again.headers.get('etag'), '"2"');
  });

  test('sending back a whole GET body (with id, version and links) works, and null clears a field', async () => {
    const person = await createPerson(server, manager, { pnc: '2010/0000001A' });
    const response = await patch(`/api/v1/people/${person.id}`, { ...person, pnc: null, family_name: 'Roundtrip' }, '"1"');
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.pnc, null);
    assert.equal(response.json.family_name, 'Roundtrip');
  });

  test('an invalid change is 422, and neither record nor version moves', async () => {
    const person = await createPerson(server, manager);
    assert.deepEqual(fieldsNamed(await patch(`/api/v1/people/${person.id}`, { crn: 'bad', surname: 'x' }, '"1"')), ['surname']);
    assert.deepEqual(fieldsNamed(await patch(`/api/v1/people/${person.id}`, { crn: 'bad', given_name: '' }, '"1"')), ['crn', 'given_name']);
    assertProblem(await patch(`/api/v1/people/${person.id}`, '{"crn":', '"1"'), 400);
    assert.deepEqual((await get(`/api/v1/people/${person.id}`)).json, person);
  });

  test('two concurrent PATCHes with the same ETag: exactly one wins, the other gets 412', async () => {
    const person = await createPerson(server, manager);
    const results = await Promise.all(
      ['Alpha', 'Bravo', 'Charlie', 'Delta'].map((name) => patch(`/api/v1/people/${person.id}`, { given_name: name }, '"1"')),
    );
    const won = results.filter((r) => r.status === 200);
    const lost = results.filter((r) => r.status === 412);
    assert.equal(won.length, 1, results.map((r) => `${r.status} ${r.text}`).join('\n'));
    assert.equal(lost.length, 3);
    const read = await get(`/api/v1/people/${person.id}`);
    assert.equal(read.json.given_name, won[0].json.given_name);
    assert.equal(read.headers.get('etag'), '"2"');
    const updates = (await get(`/api/v1/people/${person.id}/timeline`)).json.items.filter((e) => e.kind === 'person.updated');
    assert.equal(updates.length, 1, 'only the winning change is journalled');
  });

  test('two concurrent PATCHes making the same change: still only one wins', async () => {
    const person = await createPerson(server, manager);
    const results = await Promise.all([1, 2].map(() => patch(`/api/v1/people/${person.id}`, { given_name: 'Same' }, '"1"')));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 412]);
  });
});

describe('the timeline', () => {
  test('lists person.added and person.updated, newest first, with the actor and the change', async () => {
    const person = await createPerson(server, manager);
    const changed = await patch(`/api/v1/people/${person.id}`, { given_name: 'Journalled' }, '"1"', admin);
    assert.equal(changed.status, 200, changed.text);
    const response = await get(`/api/v1/people/${person.id}/timeline`);
    assert.equal(response.status, 200);
    assert.equal(response.json.next_cursor, null);
    const [updated, added, ...rest] = response.json.items;
    assert.deepEqual(rest, []);
    assert.equal(updated.kind, 'person.updated');
    assert.equal(updated.actor, 'Alex Morgan');
    assert.equal(updated.entity, 'person');
    assert.equal(updated.entity_id, person.id);
    assert.match(updated.summary, /given name/);
    assert.deepEqual(updated.data.given_name, { from: person.given_name, to: 'Journalled' });
    assert.equal(added.kind, 'person.added');
    assert.equal(added.actor, 'Morgan Ellis');
    assert.ok(updated.id > added.id);
    assert.ok(updated.at >= added.at);
    assert.match(updated.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  test('pages newest first with limit and cursor', async () => {
    const person = await createPerson(server, manager);
    let etag = '"1"';
    for (const name of ['One', 'Two', 'Three']) {
      const changed = await patch(`/api/v1/people/${person.id}`, { given_name: name }, etag);
      etag = changed.headers.get('etag');
    }
    const pages = await walk(`/api/v1/people/${person.id}/timeline?limit=2`, (page) => page.links?.next);
    const events = pages.flatMap((page) => page.items);
    assert.deepEqual(events.map((e) => e.kind), ['person.updated', 'person.updated', 'person.updated', 'person.added']);
    assert.deepEqual(events.map((e) => e.data.given_name?.to), ['Three', 'Two', 'One', 'Testa']);
  });

  test('a person who does not exist has no timeline (404)', async () => {
    assertProblem(await get('/api/v1/people/99999999/timeline'), 404);
  });
});
