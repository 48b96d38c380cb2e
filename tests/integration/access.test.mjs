// Who sees whom: partners see no people, staff see their own prison or PDU and the people
// allocated to them, administrators see everyone. Hidden people are "not found", never "forbidden".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Browser, api, createPerson, determinateSentence, startServer, uniquePerson } from './support.mjs';

let server;
let admin;
let hidden;  // in HMP Leeds only, with no PDU: invisible to the Leeds COM
let hiddenSentence;
let probationCase;  // supervised by the Leeds PDU

before(async () => {
  server = await startServer({ tokensFor: ['admin', 'com', 'partner', 'keyworker', 'pom'] });
  admin = server.tokens.admin;
  hidden = await createPerson(server, admin, { prison_code: 'LEI', pdu_code: null });
  hiddenSentence = (await api(server, 'POST', `/api/v1/people/${hidden.id}/sentences`, { token: admin, body: determinateSentence() })).json;
  probationCase = await createPerson(server, admin, { prison_code: null, pdu_code: 'LDS', stage: 'on_licence' });
});
after(() => server?.stop());

const as = (username, method, target, body, headers) => api(server, method, target, { token: server.tokens[username], body, headers });

async function allVisibleTo(username) {
  const ids = [];
  let cursor = '';
  do {
    const page = await as(username, 'GET', `/api/v1/people?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(page.status, 200, page.text);
    ids.push(...page.json.items.map((person) => person.id));
    cursor = page.json.next_cursor;
  } while (cursor);
  return ids;
}

describe('a partner agency worker', () => {
  test('cannot list, read, add or change people', async () => {
    const list = await as('partner', 'GET', '/api/v1/people');
    assert.ok([403, 404].includes(list.status), `list gave ${list.status}`);
    assert.equal(list.json.items, undefined, 'no people are listed');
    for (const target of [`/api/v1/people/${probationCase.id}`, `/api/v1/people/${probationCase.id}/sentences`, `/api/v1/people/${probationCase.id}/timeline`, `/api/v1/sentences/${hiddenSentence.id}`]) {
      const response = await as('partner', 'GET', target);
      assert.ok([403, 404].includes(response.status), `${target} gave ${response.status}`);
      assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
    }
    assert.ok([403, 404].includes((await as('partner', 'POST', '/api/v1/people', uniquePerson())).status));
    const change = await as('partner', 'PATCH', `/api/v1/people/${probationCase.id}`, { given_name: 'Changed' }, { 'If-Match': '"1"' });
    assert.ok([403, 404].includes(change.status), `PATCH gave ${change.status}`);
    assert.equal((await as('admin', 'GET', `/api/v1/people/${probationCase.id}`)).json.given_name, probationCase.given_name);
  });
});

describe('a community offender manager in the Leeds PDU', () => {
  test('cannot read someone who is only in a prison (404), by any route', async () => {
    for (const target of [`/api/v1/people/${hidden.id}`, `/api/v1/people/${hidden.id}/sentences`, `/api/v1/people/${hidden.id}/timeline`, `/api/v1/sentences/${hiddenSentence.id}`]) {
      const response = await as('com', 'GET', target);
      assert.equal(response.status, 404, `${target} gave ${response.status}`);
      assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
    }
  });

  test('gets the same answer for a hidden person as for no one at all', async () => {
    const hiddenAnswer = await as('com', 'GET', `/api/v1/people/${hidden.id}`);
    const missingAnswer = await as('com', 'GET', '/api/v1/people/99999999');
    assert.equal(hiddenAnswer.status, missingAnswer.status);
    assert.equal(hiddenAnswer.json.title, missingAnswer.json.title);
    assert.doesNotMatch(hiddenAnswer.text, new RegExp(hidden.family_name));
  });

  test('cannot change or add sentences for someone hidden (404), and nothing changes', async () => {
    const change = await as('com', 'PATCH', `/api/v1/people/${hidden.id}`, { given_name: 'Changed' }, { 'If-Match': '"1"' });
    assert.equal(change.status, 404);
    assert.equal((await as('com', 'POST', `/api/v1/people/${hidden.id}/sentences`, determinateSentence())).status, 404);
    const fix = await as('com', 'PATCH', `/api/v1/sentences/${hiddenSentence.id}`, { offence: 'Robbery' }, { 'If-Match': '"1"' });
    assert.equal(fix.status, 404);
    const read = await as('admin', 'GET', `/api/v1/people/${hidden.id}`);
    assert.equal(read.json.given_name, hidden.given_name);
    assert.equal(read.headers.get('etag'), '"1"');
    assert.equal((await as('admin', 'GET', `/api/v1/sentences/${hiddenSentence.id}`)).json.offence, 'Burglary');
  });

  test('does not find them in the list or by searching', async () => {
    assert.ok(!(await allVisibleTo('com')).includes(hidden.id));
    const search = await as('com', 'GET', `/api/v1/people?q=${hidden.prison_number}`);
    assert.deepEqual(search.json.items, []);
  });

  test('reads people supervised by the Leeds PDU', async () => {
    const response = await as('com', 'GET', `/api/v1/people/${probationCase.id}`);
    assert.equal(response.status, 200, response.text);
    assert.ok((await allVisibleTo('com')).includes(probationCase.id));
  });

  test('does not see the hidden person on the pages either (404)', async () => {
    const browser = new Browser(server);
    assert.equal((await browser.signIn('com')).status, 303);
    for (const target of [`/people/${hidden.id}`, `/people/${hidden.id}/timeline`, `/people/${hidden.id}/edit`]) {
      const page = await browser.get(target);
      assert.equal(page.status, 404, `${target} gave ${page.status}`);
      assert.match(page.text, /Page not found/);
      assert.doesNotMatch(page.text, new RegExp(hidden.family_name));
    }
    const visible = await browser.get(`/people/${probationCase.id}`);
    assert.equal(visible.status, 200);
    assert.match(visible.text, new RegExp(probationCase.family_name));
  });
});

describe('prison staff', () => {
  test('a key worker at HMP Leeds reads people there but may not add anyone (403)', async () => {
    assert.equal((await as('keyworker', 'GET', `/api/v1/people/${hidden.id}`)).status, 200);
    assert.equal((await as('keyworker', 'GET', `/api/v1/people/${probationCase.id}`)).status, 404);
    const added = await as('keyworker', 'POST', '/api/v1/people', uniquePerson());
    assert.equal(added.status, 403);
    assert.match(added.headers.get('content-type'), /^application\/problem\+json/);
  });

  test('a prison offender manager sees people in their prison, not those only in the community', async () => {
    const pomIds = await allVisibleTo('pom');
    assert.ok(pomIds.includes(hidden.id));
    assert.ok(!pomIds.includes(probationCase.id));
  });
});

describe('an administrator', () => {
  test('sees everyone', async () => {
    const adminIds = await allVisibleTo('admin');
    for (const username of ['com', 'pom', 'keyworker']) for (const id of await allVisibleTo(username)) assert.ok(adminIds.includes(id));
    assert.ok(adminIds.includes(hidden.id) && adminIds.includes(probationCase.id));
    assert.ok(adminIds.length >= 32, `only ${adminIds.length} people`);
    assert.equal((await as('admin', 'GET', `/api/v1/people/${hidden.id}`)).status, 200);
  });
});
