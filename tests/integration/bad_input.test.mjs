// Bad input is refused naming the field, never a 500: text that is not UTF-8 or holds control or
// text-direction characters, dates outside 1900-2200, numbers out of range, an If-Match with junk.
// An id that does not exist answers exactly as one the caller may not see.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Browser, api, createPerson, csrfToken, determinateSentence, startServer, uniquePerson } from './support.mjs';

let server;
before(async () => {
  server = await startServer({ tokensFor: ['admin', 'manager', 'pom'] });
});
after(() => server?.stop());

const as = (username, method, target, body, headers) => api(server, method, target, { token: server.tokens[username], body, headers });
const fieldsNamed = (response) => (response.json?.errors ?? []).map((error) => error.field).sort();

function assertRefused(response, field) {
  assert.equal(response.status, 422, response.text);
  assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
  assert.deepEqual(fieldsNamed(response), [field]);
}

describe('names and other text', () => {
  test('NUL, control and text-direction characters are refused by the API, naming the field', async () => {
    for (const name of ['Ann\u0000Smith', 'Ann\u0007', 'Ann\u202Enoops', 'Ann\u2066x\u2069', 'Ann\u200F']) {
      assertRefused(await as('admin', 'POST', '/api/v1/people', uniquePerson({ given_name: name })), 'given_name');
      assertRefused(await as('admin', 'POST', '/api/v1/people', uniquePerson({ family_name: name })), 'family_name');
    }
    // Letters of any language are names.
    assert.equal((await as('admin', 'POST', '/api/v1/people', uniquePerson({ given_name: 'Siân Zoë' }))).status, 201);
  });

  test('a form with text that is not UTF-8 or holds NUL gets the error summary naming the field', async () => {
    const browser = new Browser(server);
    await browser.signIn('admin');
    const form = await browser.get('/people/new');
    const person = uniquePerson();
    const fields = new URLSearchParams({ _csrf: csrfToken(form.text), ...person });
    fields.delete('given_name');
    fields.delete('family_name');
    const body = `${fields}&given_name=Ann%FF%FE&family_name=Smith%00Jones`;
    const response = await browser.request('POST', '/people', {
      body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(response.status, 422);
    assert.match(response.text, /govuk-error-summary/);
    assert.match(response.text, /<a href="#given_name">Given name must be valid UTF-8 text<\/a>/);
    assert.match(response.text, /<a href="#family_name">Family name must not contain control characters<\/a>/);
  });
});

describe('dates and numbers', () => {
  test('a date outside 1900-2200 is refused naming the field', async () => {
    assertRefused(await as('admin', 'POST', '/api/v1/people', uniquePerson({ date_of_birth: '1899-12-31' })), 'date_of_birth');
    const person = await createPerson(server, server.tokens.admin);
    for (const date of ['2201-01-01', '0001-01-01', '9999-12-31'])
      assertRefused(await as('admin', 'POST', `/api/v1/people/${person.id}/sentences`, determinateSentence({ sentence_start_date: date })),
        'sentence_start_date');
  });

  test('a number out of range is refused naming the field', async () => {
    const person = await createPerson(server, server.tokens.admin);
    for (const days of [0, -5, 10 ** 12, '99999999999999999999', 1.5])
      assertRefused(await as('admin', 'POST', `/api/v1/people/${person.id}/sentences`, determinateSentence({ sentence_length_days: days })),
        'sentence_length_days');
    assertRefused(await as('admin', 'GET', '/api/v1/people?limit=99999999999999999999'), 'limit');
  });
});

describe('If-Match and Authorization', () => {
  test('an If-Match with trailing junk, a list or a weak tag is refused and changes nothing', async () => {
    const person = await createPerson(server, server.tokens.admin);
    const etag = (await as('admin', 'GET', `/api/v1/people/${person.id}`)).headers.get('etag');
    const version = etag.replaceAll('"', '');
    for (const header of [`"${version}junk"`, `"${version}"junk`, `"${version}", "${version}"`, `W/"${version}"`, `"+${version}"`, `" ${version}"`]) {
      const response = await as('admin', 'PATCH', `/api/v1/people/${person.id}`, { given_name: 'Changed' }, { 'If-Match': header });
      assert.equal(response.status, 412, `${header}: ${response.text}`);
    }
    assert.equal((await as('admin', 'GET', `/api/v1/people/${person.id}`)).json.given_name, person.given_name);
    const exact = await as('admin', 'PATCH', `/api/v1/people/${person.id}`, { given_name: 'Changed' }, { 'If-Match': etag });
    assert.equal(exact.status, 200, exact.text);
  });

  test('the Bearer scheme is case-insensitive', async () => {
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      const response = await api(server, 'GET', '/api/v1/people?limit=1', { headers: { Authorization: `${scheme} ${server.tokens.pom}` } });
      assert.equal(response.status, 200, `${scheme}: ${response.text}`);
    }
    const other = await api(server, 'GET', '/api/v1/people?limit=1', { headers: { Authorization: `Basic ${server.tokens.pom}` } });
    assert.equal(other.status, 401);
  });
});

describe('ids that do not exist', () => {
  test('answer exactly as a person the caller may not see, in about the same time', async () => {
    // Excluded from this person's record: pom may not see it, and must not learn it exists.
    const person = await createPerson(server, server.tokens.admin, { prison_code: 'LEI' });
    const added = await as('manager', 'POST', `/api/v1/people/${person.id}/limited-access`,
      { list: 'exclusion', username: 'pom', reason: 'Knows the victim' });
    assert.equal(added.status, 201, added.text);
    const unknownId = person.id + 100000;
    const answer = async (id, suffix = '') => {
      const started = performance.now();
      const response = await as('pom', 'GET', `/api/v1/people/${id}${suffix}`);
      return { ...response, ms: performance.now() - started };
    };
    for (const suffix of ['', '/sentences', '/timeline']) {
      const hidden = await answer(person.id, suffix);
      const unknown = await answer(unknownId, suffix);
      assert.equal(hidden.status, 404, suffix);
      assert.equal(unknown.status, 404, suffix);
      // The same words apart from the id asked for.
      assert.equal(hidden.text.replaceAll(String(person.id), 'ID'), unknown.text.replaceAll(String(unknownId), 'ID'), suffix);
      assert.equal(hidden.headers.get('content-type'), unknown.headers.get('content-type'));
    }
    // Timing: medians of interleaved requests, well within what the network already varies by.
    const hiddenTimes = [];
    const unknownTimes = [];
    for (let i = 0; i < 15; i += 1) {
      hiddenTimes.push((await answer(person.id)).ms);
      unknownTimes.push((await answer(unknownId)).ms);
    }
    const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
    const [hiddenMedian, unknownMedian] = [median(hiddenTimes), median(unknownTimes)];
    // Within half the slower median (and 10 ms of jitter on a loaded host): a hidden record that
    // took a full read and rendering to refuse would stand out.
    assert.ok(Math.abs(hiddenMedian - unknownMedian) < 10 + Math.max(hiddenMedian, unknownMedian) / 2,
      `medians ${hiddenMedian.toFixed(1)} and ${unknownMedian.toFixed(1)} ms`);
  });
});

describe('writes about someone who is not there', () => {
  test('scheduling, holding or cancelling a handover meeting or asking for a transfer answers 404, never a 500', async () => {
    const unknown = (await createPerson(server, server.tokens.admin)).id + 100000;
    const ifMatch = { 'If-Match': '"1"' };
    for (const [target, headers] of [[`/api/v1/people/${unknown}/handover-meetings`, {}],
      [`/api/v1/people/${unknown}/handover-meeting/held`, ifMatch],
      [`/api/v1/people/${unknown}/handover-meeting/cancel`, ifMatch]]) {
      const response = await as('manager', 'POST', target, {}, headers);
      assert.equal(response.status, 404, `${target}: ${response.text}`);
    }
    const transfer = await as('manager', 'POST', `/api/v1/people/${unknown}/transfers`, { to_prison_code: 'LEI', reason: 'x' });
    assert.ok([404, 422].includes(transfer.status), transfer.text);
  });
});
