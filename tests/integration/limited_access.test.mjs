// Limited-access cases over HTTP: an excluded member of staff, or anyone off a restriction list,
// gets "not found" for the person by every route (lists, search, worklists, pages, API reads and
// writes, referrals), exactly as for someone who does not exist; every refused attempt is in the
// access log; managers and administrators who can see the case manage its lists.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Browser, api, createPerson, csrfToken, determinateSentence, startServer } from './support.mjs';

let server;
let excluded;  // the POM and the partner worker are excluded
let restricted;  // only the manager and the COM may see it
let control;  // no entries: everyone in Leeds sees it
let excludedSentence;
let excludedReferral;

const day = 24 * 60 * 60 * 1000;
const now = new Date();
const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
const iso = (date) => date.toISOString().slice(0, 10);

const as = (username, method, target, body, headers) => api(server, method, target, { token: server.tokens[username], body, headers });

// Released in 40 days: on the releases worklist and past the date the COM should have joined.
async function personOnWorklists() {
  const person = await createPerson(server, server.tokens.admin);
  const sentence = determinateSentence({
    sentence_start_date: iso(new Date(today.getTime() - 700 * day)),
    sentence_length_days: 3650,
    conditional_release_date: iso(new Date(today.getTime() + 40 * day)),
  });
  const recorded = await as('admin', 'POST', `/api/v1/people/${person.id}/sentences`, sentence);
  assert.equal(recorded.status, 201, recorded.text);
  return { ...person, sentence: recorded.json };
}

async function limit(person, list, username, by = 'manager') {
  const response = await as(by, 'POST', `/api/v1/people/${person.id}/limited-access`, { list, username, reason: 'Knows the victim' });
  assert.equal(response.status, 201, response.text);
  return response.json;
}

async function allVisibleTo(username, query = '') {
  const ids = [];
  let cursor = '';
  do {
    const page = await as(username, 'GET', `/api/v1/people?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(page.status, 200, page.text);
    ids.push(...page.json.items.map((person) => person.id));
    cursor = page.json.next_cursor;
  } while (cursor);
  return ids;
}

async function onWorklists(username) {
  const ids = new Set();
  for (const list of ['handovers?weeks=52', 'releases', 'without-com']) {
    const response = await as(username, 'GET', `/api/v1/worklists/${list}${list.includes('?') ? '&' : '?'}limit=200`);
    assert.equal(response.status, 200, response.text);
    for (const item of response.json.items) ids.add(item.person.id);
  }
  return ids;
}

async function refusedAttempts(person) {
  const response = await as('manager', 'GET', `/api/v1/people/${person.id}/limited-access`);
  assert.equal(response.status, 200, response.text);
  return response.json.refused_attempts;
}

before(async () => {
  server = await startServer();
  excluded = await personOnWorklists();
  restricted = await personOnWorklists();
  control = await personOnWorklists();
  excludedSentence = excluded.sentence;
  const drafted = await as('com', 'POST', `/api/v1/people/${excluded.id}/referrals`, {
    service_id: 'svc-leeds-dtr', kind: 'service', reason_for_referral: 'Somewhere to live', consent_given: true, consent_scope: 'Name',
  });
  assert.equal(drafted.status, 201, drafted.text);
  excludedReferral = drafted.json;
  const sent = await as('com', 'POST', `/api/v1/referrals/${excludedReferral.id}/transitions`, { to: 'sent' });
  assert.equal(sent.status, 200, sent.text);
  assert.equal((await as('partner', 'GET', `/api/v1/referrals/${excludedReferral.id}`)).status, 200, 'the partner sees it before the exclusion');
  await limit(excluded, 'exclusion', 'pom');
  await limit(excluded, 'exclusion', 'partner');
  await limit(restricted, 'restriction', 'com');
});
after(() => server?.stop());

describe('an excluded member of staff', () => {
  test('does not find the person in the list, by search or on a worklist; others do', async () => {
    assert.ok(!(await allVisibleTo('pom')).includes(excluded.id));
    assert.ok((await allVisibleTo('pom')).includes(control.id));
    for (const q of [excluded.prison_number, excluded.crn, excluded.family_name])
      assert.deepEqual((await as('pom', 'GET', `/api/v1/people?q=${q}`)).json.items, [], q);
    assert.deepEqual((await as('com', 'GET', `/api/v1/people?q=${excluded.prison_number}`)).json.items.map((p) => p.id), [excluded.id]);
    const pomWorklists = await onWorklists('pom');
    assert.ok(!pomWorklists.has(excluded.id));
    assert.ok(pomWorklists.has(control.id), 'the control case is on a worklist, so the check can fail');
    assert.ok((await onWorklists('com')).has(excluded.id));
  });

  test('gets 404 for every read and write, the same answer as for no one, and nothing changes', async () => {
    const missing = await as('pom', 'GET', '/api/v1/people/99999999');
    const reads = [`/api/v1/people/${excluded.id}`, `/api/v1/people/${excluded.id}/sentences`, `/api/v1/people/${excluded.id}/timeline`,
      `/api/v1/sentences/${excludedSentence.id}`, `/api/v1/people/${excluded.id}/plan`, `/api/v1/people/${excluded.id}/responsibility`,
      `/api/v1/people/${excluded.id}/risk-profile`, `/api/v1/people/${excluded.id}/referrals`, `/api/v1/referrals/${excludedReferral.id}`,
      `/api/v1/people/${excluded.id}/checklist`, `/api/v1/people/${excluded.id}/outcomes`, `/api/v1/people/${excluded.id}/needs-assessments`];
    for (const target of reads) {
      const response = await as('pom', 'GET', target);
      assert.equal(response.status, 404, `${target} gave ${response.status}`);
      assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
      assert.doesNotMatch(response.text, new RegExp(excluded.family_name));
    }
    assert.equal((await as('pom', 'GET', `/api/v1/people/${excluded.id}`)).json.title, missing.json.title);
    const change = await as('pom', 'PATCH', `/api/v1/people/${excluded.id}`, { given_name: 'Changed' }, { 'If-Match': '"1"' });
    assert.equal(change.status, 404);
    assert.equal((await as('pom', 'POST', `/api/v1/people/${excluded.id}/sentences`, determinateSentence())).status, 404);
    assert.equal((await as('pom', 'POST', `/api/v1/people/${excluded.id}/plan/objectives`, { pathway: 'accommodation', goal: 'A home' })).status, 404);
    assert.equal((await as('admin', 'GET', `/api/v1/people/${excluded.id}`)).json.given_name, excluded.given_name);
  });

  test('does not see the person on the pages either', async () => {
    const browser = new Browser(server);
    assert.equal((await browser.signIn('pom')).status, 303);
    for (const target of [`/people/${excluded.id}`, `/people/${excluded.id}/timeline`, `/people/${excluded.id}/plan`, `/people/${excluded.id}/edit`]) {
      const page = await browser.get(target);
      assert.equal(page.status, 404, `${target} gave ${page.status}`);
      assert.match(page.text, /Page not found/);
      assert.doesNotMatch(page.text, new RegExp(excluded.family_name));
    }
    const caseload = await browser.get(`/caseload?q=${excluded.prison_number}`);
    assert.equal(caseload.status, 200);
    assert.doesNotMatch(caseload.text, new RegExp(excluded.family_name));
    let worklists = '';
    for (const list of ['/worklists?weeks=52', '/worklists/releases', '/worklists/without-com', '/worklists/overdue-handovers']) {
      const page = await browser.get(list);
      assert.equal(page.status, 200, list);
      worklists += page.text;
    }
    assert.doesNotMatch(worklists, new RegExp(excluded.family_name));
    assert.match(worklists, new RegExp(control.family_name));
  });

  test('every refused attempt is in the access log, with who and what', async () => {
    const before = (await refusedAttempts(excluded)).length;
    assert.equal((await as('pom', 'GET', `/api/v1/people/${excluded.id}`)).status, 404);
    const attempts = await refusedAttempts(excluded);
    assert.equal(attempts.length, Math.min(before + 1, 20));
    assert.equal(attempts[0].staff_name, 'Priya Shah');
    assert.equal(attempts[0].what, 'api');
    assert.ok(attempts.some((attempt) => attempt.what === 'edit'), 'refused writes are audited too');
  });
});

describe('a partner worker excluded from a case', () => {
  test('no longer sees its referral in their inbox or by id, and the attempt is audited', async () => {
    const inbox = await as('partner', 'GET', '/api/v1/referrals');
    assert.equal(inbox.status, 200);
    assert.ok(!inbox.json.items.some((item) => item.id === excludedReferral.id));
    assert.equal((await as('partner', 'GET', `/api/v1/referrals/${excludedReferral.id}`)).status, 404);
    assert.equal((await refusedAttempts(excluded))[0].staff_name, 'Pat Byrne');
  });
});

describe('a restriction list', () => {
  test('starts with the manager who made it, and hides the case from everyone else, administrators included', async () => {
    const lists = await as('manager', 'GET', `/api/v1/people/${restricted.id}/limited-access`);
    assert.equal(lists.status, 200, lists.text);
    assert.equal(lists.json.limited, true);
    assert.deepEqual(lists.json.entries.map((entry) => [entry.list, entry.username]), [['restriction', 'manager'], ['restriction', 'com']]);
    for (const username of ['com', 'manager']) {
      assert.equal((await as(username, 'GET', `/api/v1/people/${restricted.id}`)).status, 200, username);
      assert.ok((await allVisibleTo(username)).includes(restricted.id), username);
      assert.ok((await onWorklists(username)).has(restricted.id), username);
    }
    for (const username of ['pom', 'keyworker', 'admin']) {
      assert.equal((await as(username, 'GET', `/api/v1/people/${restricted.id}`)).status, 404, username);
      assert.ok(!(await allVisibleTo(username)).includes(restricted.id), username);
      assert.ok(!(await onWorklists(username)).has(restricted.id), username);
    }
    assert.equal((await as('admin', 'GET', `/api/v1/people/${restricted.id}/limited-access`)).status, 404, 'an administrator off the list cannot manage it');
  });
});

describe('managing the lists', () => {
  test('only managers and administrators may, and bad entries name the field', async () => {
    assert.equal((await as('com', 'GET', `/api/v1/people/${control.id}/limited-access`)).status, 403);
    assert.equal((await as('com', 'POST', `/api/v1/people/${control.id}/limited-access`, { list: 'exclusion', username: 'pom', reason: 'x' })).status, 403);
    const bad = await as('manager', 'POST', `/api/v1/people/${control.id}/limited-access`, { list: 'blocklist', username: 'nobody' });
    assert.equal(bad.status, 422);
    assert.match(bad.headers.get('content-type'), /^application\/problem\+json/);
    assert.deepEqual(bad.json.errors.map((error) => error.field).sort(), ['list', 'reason']);
    const unknown = await as('manager', 'POST', `/api/v1/people/${control.id}/limited-access`, { list: 'exclusion', username: 'nobody', reason: 'x' });
    assert.deepEqual(unknown.json.errors.map((error) => error.field), ['username']);
    const self = await as('manager', 'POST', `/api/v1/people/${control.id}/limited-access`, { list: 'exclusion', username: 'manager', reason: 'x' });
    assert.equal(self.status, 422);
    assert.match(self.json.errors[0].message, /yourself/);
    const unexpected = await as('manager', 'POST', `/api/v1/people/${control.id}/limited-access`, { list: 'exclusion', username: 'pom', reason: 'x', staff_id: 3 });
    assert.equal(unexpected.status, 422);
    assert.equal((await as('manager', 'GET', `/api/v1/people/${control.id}/limited-access`)).json.limited, false);
  });

  test('ending an entry is journalled with its reason, repeatable, and gives access back', async () => {
    const person = await createPerson(server, server.tokens.admin);
    const added = await limit(person, 'exclusion', 'keyworker');
    const entry = added.entries[0];
    assert.equal((await as('keyworker', 'GET', `/api/v1/people/${person.id}`)).status, 404);
    const target = `/api/v1/people/${person.id}/limited-access/${entry.id}/end`;
    assert.equal((await as('manager', 'POST', target, {})).status, 422, 'a reason is required');
    const ended = await as('manager', 'POST', target, { reason: 'Moved to another wing' });
    assert.equal(ended.status, 200, ended.text);
    assert.deepEqual(ended.json.entries, []);
    assert.equal((await as('manager', 'POST', target, { reason: 'Moved to another wing' })).status, 200, 'repeatable');
    assert.equal((await as('manager', 'POST', `/api/v1/people/${person.id}/limited-access/99999999/end`, { reason: 'x' })).status, 404);
    assert.equal((await as('keyworker', 'GET', `/api/v1/people/${person.id}`)).status, 200);
    const timeline = await as('manager', 'GET', `/api/v1/people/${person.id}/timeline`);
    const kinds = timeline.json.items.map((event) => [event.kind, event.reason]);
    assert.deepEqual(kinds.filter(([kind]) => kind.startsWith('limited_access.')),
      [['limited_access.ended', 'Moved to another wing'], ['limited_access.added', 'Knows the victim']]);
  });

  test('the person page shows a Limited access tag and, to managers, the lists; the form reports errors', async () => {
    const browser = new Browser(server);
    await browser.signIn('com');
    assert.match((await browser.get(`/people/${excluded.id}`)).text, /Limited access/);
    assert.doesNotMatch((await browser.get(`/people/${control.id}`)).text, /Limited access/);
    assert.doesNotMatch((await browser.get(`/people/${control.id}`)).text, /Who may see this case/);
    assert.equal((await browser.get(`/people/${control.id}/limited-access`)).status, 403);

    const manager = new Browser(server);
    await manager.signIn('manager');
    assert.match((await manager.get(`/people/${control.id}`)).text, /Who may see this case/);
    const page = await manager.get(`/people/${control.id}/limited-access`);
    assert.equal(page.status, 200);
    const empty = await manager.post(`/people/${control.id}/limited-access`, { _csrf: csrfToken(page.text), list: 'exclusion', username: '', reason: '' });
    assert.equal(empty.status, 422);
    assert.match(empty.text, /govuk-error-summary/);
    assert.match(empty.text, /href="#username"/);
    const added = await manager.post(`/people/${control.id}/limited-access`, { _csrf: csrfToken(page.text), list: 'exclusion', username: 'prerelease', reason: 'Relative of the victim' });
    assert.equal(added.status, 303);
    const lists = await manager.get(`/people/${control.id}/limited-access`);
    assert.match(lists.text, /Relative of the victim/);
    const forged = await manager.post(`/people/${control.id}/limited-access`, { list: 'exclusion', username: 'pom', reason: 'x' });
    assert.equal(forged.status, 403, 'no CSRF token, no change');
  });
});
