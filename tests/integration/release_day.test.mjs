// The day of release as a decision (issue 20, item 5): the earlier day the rules allow is accepted
// on the page by those who prepare the release, a second day only by a manager, and once accepted
// the worklist, the pre-release checklist, the plan, the person page and the API all use it. A
// release date on a weekend or Christmas Day is never shown as the day of release.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { Browser, api, createPerson, csrfToken, determinateSentence, startServer } from './support.mjs';

let server;
let tokens;
let bankHolidays;

before(async () => {
  server = await startServer({ tokensFor: ['admin', 'pom', 'com', 'keyworker', 'manager'] });
  tokens = server.tokens;
  const list = JSON.parse(await readFile(new URL('../../data/bank-holidays-england-and-wales.json', import.meta.url), 'utf8'));
  bankHolidays = new Set(list.events.map((event) => event.date));
});
after(() => server?.stop());

const dayMs = 24 * 60 * 60 * 1000;
const now = new Date();
const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
const iso = (date) => date.toISOString().slice(0, 10);
const addDays = (date, days) => new Date(date.getTime() + days * dayMs);
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const longDate = (date) => `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;

// The first date on or after `from` with the given weekday (0 Sunday .. 6 Saturday) and no bank
// holiday in the week around it, so only the weekday's rule applies.
function plainWeekday(from, weekday) {
  for (let date = from; ; date = addDays(date, 1)) {
    const week = [-3, -2, -1, 0, 1, 2, 3].map((offset) => iso(addDays(date, offset)));
    if (date.getUTCDay() === weekday && !week.some((d) => bankHolidays.has(d))) return date;
  }
}

// A person at HMP Leeds (Leeds PDU) serving a long determinate sentence with the given CRD.
async function personReleasedOn(release) {
  const person = await createPerson(server, tokens.admin);
  const recorded = await api(server, 'POST', `/api/v1/people/${person.id}/sentences`, {
    token: tokens.admin,
    body: determinateSentence({ sentence_start_date: iso(addDays(today, -700)), sentence_length_days: 3650,
      conditional_release_date: iso(release) }),
  });
  assert.equal(recorded.status, 201, recorded.text);
  return person;
}

const decideByApi = (person, token, decided) =>
  api(server, 'POST', `/api/v1/people/${person.id}/day-of-release`, { token, body: { decided_date: iso(decided) } });
const releaseDayOf = async (person) => {
  const response = await api(server, 'GET', `/api/v1/people/${person.id}/responsibility`, { token: tokens.pom });
  assert.equal(response.status, 200, response.text);
  return response.json.release_day;
};

async function signedIn(username) {
  const browser = new Browser(server);
  await browser.signIn(username);
  return browser;
}

// The person's row on the releases worklist page, walking its pages in date order.
async function releasesRow(browser, person) {
  let target = '/worklists/releases?prison_code=LEI';
  for (let pages = 0; target && pages < 100; pages++) {
    const page = await browser.get(target);
    assert.equal(page.status, 200, page.text.slice(0, 300));
    const row = page.text.split('<tr').find((part) => part.includes(`href="/people/${person.id}"`));
    if (row) return row;
    target = page.text.match(/href="([^"]*)" rel="next"/)?.[1]?.replaceAll('&amp;', '&');
  }
  assert.fail(`person ${person.id} is not on the releases worklist`);
}

// The person's entry on the releases worklist of the API, walking its pages.
async function releasesEntry(person) {
  let target = '/api/v1/worklists/releases?prison_code=LEI';
  for (let pages = 0; target && pages < 100; pages++) {
    const response = await api(server, 'GET', target, { token: tokens.pom });
    assert.equal(response.status, 200, response.text);
    const entry = response.json.items.find((item) => item.person.id === person.id);
    if (entry) return entry;
    target = response.json.links?.next;
  }
  assert.fail(`person ${person.id} is not on the releases worklist of the API`);
}

// The release date line of a plan page.
function planReleaseDate(html) {
  return html.match(/Release date<\/dt>\s*<dd class="govuk-summary-list__value">([^<]*)<\/dd>/)?.[1];
}

function assertFieldRefused(response, status, field) {
  assert.equal(response.status, status, response.text);
  assert.deepEqual(response.json.errors.map((error) => error.field), [field], response.text);
}

describe('the day of release is a decision', () => {
  let friday;
  let thursday;
  let wednesday;
  let person;

  before(async () => {
    friday = plainWeekday(addDays(today, 40), 5);  // the bank holidays are read in the file's before()
    thursday = addDays(friday, -1);
    wednesday = addDays(friday, -2);
    person = await personReleasedOn(friday);
    const checklist = await api(server, 'POST', `/api/v1/people/${person.id}/checklist`, { token: tokens.pom, body: {} });
    assert.equal(checklist.status, 200, checklist.text);
    assert.equal(checklist.json.checklist.release_date, iso(friday));
  });

  test('until decided, the release is due on its Friday and the earlier day is only proposed', async () => {
    const releaseDay = await releaseDayOf(person);
    assert.equal(releaseDay.flag, 'friday');
    assert.equal(releaseDay.presumed_date, iso(thursday));
    assert.equal(releaseDay.day_of_release, iso(friday));
    assert.equal(releaseDay.decided_date, null);
    assert.equal(releaseDay.decision, null);
  });

  test('a day the rules do not allow, a second day from a COM and a key worker are refused', async () => {
    assertFieldRefused(await decideByApi(person, tokens.pom, addDays(friday, -4)), 422, 'decided_date');
    assertFieldRefused(await decideByApi(person, tokens.com, wednesday), 422, 'decided_date');
    assert.equal((await decideByApi(person, tokens.keyworker, thursday)).status, 403);

    const com = await signedIn('com');
    const form = await com.get(`/people/${person.id}/day-of-release`);
    assert.equal(form.status, 200, form.text.slice(0, 300));
    const refused = await com.post(`/people/${person.id}/day-of-release`, { _csrf: csrfToken(form.text), decided_date: iso(wednesday) });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /govuk-error-summary/);
    assert.match(refused.text, /href="#decided_date">A second day needs a manager/);
    assert.equal((await releaseDayOf(person)).decision, null);
  });

  test('a POM accepts the earlier day on the page, and every list and page then uses it', async () => {
    const pom = await signedIn('pom');
    assert.match((await pom.get(`/people/${person.id}`)).text, new RegExp(`href="/people/${person.id}/day-of-release"`));
    const keyWorker = await signedIn('keyworker');
    assert.doesNotMatch((await keyWorker.get(`/people/${person.id}`)).text, /day-of-release/, 'key workers do not decide it');
    const form = await pom.get(`/people/${person.id}/day-of-release`);
    assert.equal(form.status, 200, form.text.slice(0, 300));
    assert.match(form.text, new RegExp(`value="${iso(thursday)}"`));
    assert.doesNotMatch(form.text, new RegExp(`value="${iso(wednesday)}"`), 'a second day is for a manager to approve');
    const accepted = await pom.post(`/people/${person.id}/day-of-release`, { _csrf: csrfToken(form.text), decided_date: iso(thursday) });
    assert.equal(accepted.status, 303, accepted.text.slice(0, 500));

    const releaseDay = await releaseDayOf(person);
    assert.equal(releaseDay.day_of_release, iso(thursday));
    assert.equal(releaseDay.decided_date, iso(thursday));
    assert.equal(releaseDay.decision.choice, 'presumed');
    assert.equal(releaseDay.decision.decided_by.name, 'Priya Shah');
    assert.equal(releaseDay.decision.release_date, iso(friday));
    assert.equal(releaseDay.due_date, iso(friday), 'the due date is kept');

    const row = await releasesRow(pom, person);
    assert.match(row, new RegExp(longDate(thursday)));
    assert.doesNotMatch(row, new RegExp(longDate(friday)));
    const entry = await releasesEntry(person);
    assert.equal(entry.day_of_release, iso(thursday));
    assert.equal(entry.release_date, iso(friday), 'the calculated date is kept');

    const checklist = await api(server, 'GET', `/api/v1/people/${person.id}/checklist`, { token: tokens.pom });
    assert.equal(checklist.json.release_date, iso(thursday));
    assert.equal(checklist.json.checklist.release_date, iso(thursday));
    const medication = checklist.json.checklist.items.find((item) => item.kind === 'medication_on_release');
    assert.equal(medication.due_date, iso(addDays(thursday, -7)));
    assert.match((await pom.get(`/people/${person.id}/checklist`)).text, new RegExp(`Release date ${longDate(thursday)}`));

    const plan = await pom.get(`/people/${person.id}/plan`);
    assert.equal(plan.status, 200);
    assert.equal(planReleaseDate(plan.text), longDate(thursday));
    const person_page = await pom.get(`/people/${person.id}`);
    assert.match(person_page.text, new RegExp(`${longDate(thursday)}<p[^>]*><strong class="govuk-tag govuk-tag--green">Decided`));

    const timeline = await api(server, 'GET', `/api/v1/people/${person.id}/timeline`, { token: tokens.pom });
    const kinds = timeline.json.items.map((event) => event.kind);
    assert.ok(kinds.includes('release_day.decided') && kinds.includes('checklist.rescheduled'), kinds.join());
  });

  test("a manager approves the COM's second day, which supersedes the first", async () => {
    const allocated = await api(server, 'POST', `/api/v1/people/${person.id}/allocations`, {
      token: tokens.manager, body: { staff_id: await comOption(person, 'Callum Reid'), role: 'com' } });
    assert.equal(allocated.status, 201, allocated.text);
    const decided = await decideByApi(person, tokens.manager, wednesday);
    assert.equal(decided.status, 201, decided.text);
    assert.equal(decided.json.choice, 'second_day');
    assert.equal(decided.json.decided_by.name, 'Morgan Ellis');
    assert.equal(decided.json.requested_by.name, 'Callum Reid');
    assert.equal((await releaseDayOf(person)).day_of_release, iso(wednesday));
  });
});

describe('a release date that is not a working day', () => {
  test('a Sunday release is shown on the Friday before, on the worklist, the plan and in the API', async () => {
    const sunday = plainWeekday(addDays(today, 30), 0);
    const person = await personReleasedOn(sunday);
    const friday = addDays(sunday, -2);
    assert.equal((await releaseDayOf(person)).day_of_release, iso(friday));
    const pom = await signedIn('pom');
    const row = await releasesRow(pom, person);
    assert.match(row, new RegExp(longDate(friday)));
    assert.doesNotMatch(row, new RegExp(longDate(sunday)));
    assert.equal((await releasesEntry(person)).day_of_release, iso(friday));
    assert.equal(planReleaseDate((await pom.get(`/people/${person.id}/plan`)).text), longDate(friday));
  });

  test('a Christmas Day release is shown on the working day before', async () => {
    let christmas = new Date(Date.UTC(today.getUTCFullYear(), 11, 25));
    if (christmas < today) christmas = new Date(Date.UTC(today.getUTCFullYear() + 1, 11, 25));
    const person = await personReleasedOn(christmas);
    const releaseDay = await releaseDayOf(person);
    const leaves = new Date(`${releaseDay.day_of_release}T00:00:00Z`);
    assert.ok(leaves < christmas && leaves >= addDays(christmas, -3), releaseDay.day_of_release);
    const plan = await (await signedIn('pom')).get(`/people/${person.id}/plan`);
    assert.equal(planReleaseDate(plan.text), longDate(leaves));
  });
});

// The staff id of a COM the manager is offered for the person.
async function comOption(person, name) {
  const response = await api(server, 'GET', `/api/v1/people/${person.id}/allocation-options?role=com`, { token: tokens.manager });
  assert.equal(response.status, 200, response.text);
  const option = response.json.options.find((candidate) => candidate.name === name);
  assert.ok(option, response.text);
  return option.staff_id;
}
