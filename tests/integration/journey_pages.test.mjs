// The pages practitioners met on the way to the gate (issue 20), over HTTP as a browser without
// JavaScript sends them: the GOV.UK date input, dates in words, errors as sentences, needs not yet
// asked, support found for the person, risk and what needs doing on the person page, place names
// on worklists, and the manager's landing page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Browser, api, createPerson, csrfToken, determinateSentence, startServer } from './support.mjs';

let server;
let person;

function isoDay(offsetDays) {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + offsetDays);
  return day.toISOString().slice(0, 10);
}

async function signedIn(username) {
  const browser = new Browser(server);
  const signIn = await browser.signIn(username);
  assert.equal(signIn.status, 303, signIn.text);
  return browser;
}

// Posts a form the way the page would: its CSRF token and the fields given.
async function submit(browser, formPath, target, fields) {
  const page = await browser.get(formPath);
  assert.equal(page.status, 200, page.text);
  return browser.post(target, { _csrf: csrfToken(page.text), ...fields });
}

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'keyworker'] });
  person = await createPerson(server, server.tokens.manager, { gender: 'male', date_of_birth: '1990-12-31' });
  const sentence = await api(server, 'POST', `/api/v1/people/${person.id}/sentences`, {
    token: server.tokens.manager,
    body: determinateSentence({ sentence_start_date: isoDay(-300), conditional_release_date: isoDay(40) }),
  });
  assert.equal(sentence.status, 201, sentence.text);
});
after(() => server?.stop());

test('a date is entered in day, month and year boxes, or typed whole, and shown in words', async () => {
  const browser = await signedIn('manager');
  const form = await browser.get('/people/new');
  for (const box of ['date_of_birth-day', 'date_of_birth-month', 'date_of_birth-year'])
    assert.match(form.text, new RegExp(`name="${box}"`));
  const fields = { given_name: 'Dee', family_name: 'Boxes', crn: 'D123456', gender: 'female', prison_code: 'LEI', stage: 'in_custody' };
  const missingMonth = await submit(browser, '/people/new', '/people',
    { ...fields, 'date_of_birth-day': '31', 'date_of_birth-month': '', 'date_of_birth-year': '1990' });
  assert.equal(missingMonth.status, 422);
  assert.match(missingMonth.text, /Date of birth must include a month/);
  assert.match(missingMonth.text, /name="date_of_birth-day"[^>]*value="31"/, 'what was typed is kept');
  const added = await submit(browser, '/people/new', '/people',
    { ...fields, 'date_of_birth-day': '31/12/1990', 'date_of_birth-month': '', 'date_of_birth-year': '' });
  assert.equal(added.status, 303, added.text);
  const page = await browser.get(added.headers.get('location'));
  assert.match(page.text, /31 December 1990/);
  assert.doesNotMatch(page.text, /1990-12-31/);
});

test('errors read as sentences: a missing identifier is asked for, not prefixed with a field name', async () => {
  const browser = await signedIn('manager');
  const response = await submit(browser, '/people/new', '/people', { given_name: 'No', family_name: 'Numbers',
    'date_of_birth-day': '1', 'date_of_birth-month': '2', 'date_of_birth-year': '1980', stage: 'in_custody' });
  assert.equal(response.status, 422);
  assert.match(response.text, />Enter a prison number or a CRN</);
  assert.doesNotMatch(response.text, /Prison number enter/);
});

test('a reception screening may leave pathways not yet asked; the "nothing changed" line needs an earlier one', async () => {
  const browser = await signedIn('keyworker');
  const form = await browser.get(`/people/${person.id}/needs/new`);
  assert.equal(form.status, 200, form.text);
  assert.match(form.text, /Not yet asked/);
  const fields = {
    kind: 'reception_screening', 'assessed_on-day': '', 'assessed_on-month': '', 'assessed_on-year': '',
    assessed_by: 'Kim Walsh', 'accommodation.need_level': 'high', 'accommodation.source': 'self_report',
    'accommodation.own_words': 'Nowhere to go',
  };
  const today = isoDay(0).split('-');
  [fields['assessed_on-year'], fields['assessed_on-month'], fields['assessed_on-day']] = today;
  const saved = await submit(browser, `/people/${person.id}/needs/new`, `/people/${person.id}/needs/new`, fields);
  assert.equal(saved.status, 303, saved.text);
  const needs = await browser.get(`/people/${person.id}/needs`);
  assert.match(needs.text, /Not yet asked/);
  assert.doesNotMatch(needs.text, /Nothing changed since the assessment before/);
  // The next assessment opens with what they said, so they tell their story once.
  const next = await browser.get(`/people/${person.id}/needs/new`);
  assert.match(next.text, /Nowhere to go<\/textarea>/);
  const full = await submit(browser, `/people/${person.id}/needs/new`, `/people/${person.id}/needs/new`,
    { ...fields, kind: 'resettlement_assessment' });
  assert.equal(full.status, 422);
  assert.match(full.text, /Select a need level for drugs and alcohol/);
});

test('finding support for the person leaves out what their record rules out', async () => {
  const browser = await signedIn('manager');
  const anyone = await browser.get('/find-support?pathway=accommodation');
  assert.match(anyone.text, /Women.{1,6}s housing advice/);
  const forHim = await browser.get(`/find-support?pathway=accommodation&person=${person.id}`);
  assert.equal(forHim.status, 200, forHim.text);
  assert.doesNotMatch(forHim.text, /Women.{1,6}s housing advice/, 'a women-only service is not offered to a man');
  assert.match(forHim.text, /left out because their record rules them out/);
  assert.match(forHim.text, /Aged 3\d on /, 'his age is checked, not left for the service');
});

test('the person page shows risk with who set it, and what needs doing now, overdue first', async () => {
  const profile = await api(server, 'GET', `/api/v1/people/${person.id}/risk-profile`, { token: server.tokens.manager });
  const changed = await api(server, 'PATCH', `/api/v1/people/${person.id}/risk-profile`, {
    token: server.tokens.manager, body: { rosh: 'high', tier: 'B', iom: true },
    headers: { 'If-Match': profile.headers.get('etag') },
  });
  assert.equal(changed.status, 200, changed.text);
  const browser = await signedIn('manager');
  const page = await browser.get(`/people/${person.id}`);
  assert.match(page.text, /<h2 class="govuk-heading-m">Risk<\/h2>/);
  assert.match(page.text, /Risk of serious harm/);
  assert.match(page.text, /Morgan Ellis on \d{1,2} [A-Z][a-z]+ \d{4}/);
  assert.match(page.text, /Needs doing now/);
  const toDo = page.text.slice(page.text.indexOf('Needs doing now'), page.text.indexOf('Their resettlement'));
  const items = toDo.split('<li>').slice(1);
  assert.ok(items.length > 0, toDo);
  assert.match(items[0], /Overdue/, 'overdue items come first');
});

test('worklists name prisons and probation delivery units; a manager lands on their unit', async () => {
  const browser = await signedIn('manager');
  const releases = await browser.get('/worklists/releases');
  assert.equal(releases.status, 200);
  assert.match(releases.text, /<td class="govuk-table__cell">HMP Leeds<\/td>/);
  assert.doesNotMatch(releases.text, /<td class="govuk-table__cell">LEI<\/td>/);
  const caseload = await browser.get('/caseload');
  assert.match(caseload.text, /Everyone I can see/);
  assert.match(caseload.text, /href="\/caseload\?view=mine"/);
  const mine = await browser.get('/caseload?view=mine');
  assert.match(mine.text, /href="\/caseload\?view=unit"/, 'narrowed to their own cases, with the way back to the unit');
});

test('a release date on a weekend is shown as the day they leave, on the plan, the checklist and the worklist', async () => {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
    'November', 'December'];
  const inWords = (day) => `${day.getUTCDate()} ${months[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
  const saturday = new Date(`${isoDay(35)}T00:00:00Z`);
  while (saturday.getUTCDay() !== 6) saturday.setUTCDate(saturday.getUTCDate() + 1);
  const friday = new Date(saturday);
  friday.setUTCDate(friday.getUTCDate() - 1);
  const weekend = await createPerson(server, server.tokens.manager);
  const sentence = await api(server, 'POST', `/api/v1/people/${weekend.id}/sentences`, {
    token: server.tokens.manager,
    body: determinateSentence({ sentence_start_date: isoDay(-300), conditional_release_date: saturday.toISOString().slice(0, 10) }),
  });
  assert.equal(sentence.status, 201, sentence.text);
  const browser = await signedIn('manager');
  for (const path of [`/people/${weekend.id}/plan`, `/people/${weekend.id}/checklist`]) {
    const page = await browser.get(path);
    assert.match(page.text, new RegExp(inWords(friday)), path);
    assert.doesNotMatch(page.text, new RegExp(inWords(saturday)), path);
  }
  const worklist = await browser.get('/worklists/releases');
  const row = worklist.text.split('<tr').find((r) => r.includes(`/people/${weekend.id}"`));
  assert.ok(row, 'the release is on the worklist');
  assert.match(row, new RegExp(inWords(friday)));
});
