// Who leads a case (OMiC) and the worklists built from it, through the API with bearer tokens:
// handover dates worked out from today, the day of release, the risk profile with its
// optimistic concurrency and validation, and who may see which worklist.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import { Browser, api, cliWithInput, createPerson, determinateSentence, startServer } from './support.mjs';

let server;
let admin;
let manager;  // Morgan Ellis: manager at HMP Leeds and the Leeds PDU
let bankHolidays;

before(async () => {
  server = await startServer({ tokensFor: ['admin', 'manager', 'com', 'partner'] });
  admin = server.tokens.admin;
  manager = server.tokens.manager;
  const list = JSON.parse(await readFile(new URL('../../data/bank-holidays-england-and-wales.json', import.meta.url), 'utf8'));
  bankHolidays = new Set(list.events.map((event) => event.date));
});
after(() => server?.stop());

// Dates as the server sees them: calendar days in UTC.
const day = 24 * 60 * 60 * 1000;
const now = new Date();
const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
const iso = (date) => date.toISOString().slice(0, 10);
const addDays = (date, days) => new Date(date.getTime() + days * day);
const daysFromToday = (date) => Math.round((date.getTime() - today.getTime()) / day);
// Calendar months, clamped to the end of a shorter month (31 March - 1 month = 28 or 29 February).
function addMonths(date, months) {
  const first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(date.getUTCDate(), lastDay)));
}
// Standard determinate sentence with no PED: the COM takes over 8 months and 14 days before release.
const determinateHandover = (release) => addDays(addMonths(release, -8), -14);
const isWorkingDay = (date) => ![0, 6].includes(date.getUTCDay()) && !bankHolidays.has(iso(date));

// The first date on or after `from` with the given weekday (0 Sunday .. 6 Saturday) whose whole
// week around it is free of bank holidays, so no adjustment other than the weekday's applies.
function plainWeekday(from, weekday) {
  for (let date = from; ; date = addDays(date, 1)) {
    const week = [-3, -2, -1, 0, 1, 2, 3].map((offset) => iso(addDays(date, offset)));
    if (date.getUTCDay() === weekday && !week.some((d) => bankHolidays.has(d))) return date;
  }
}

// The first release date on or after `from` whose determinate handover lands `minDays` to
// `maxDays` from today (some days are never a handover date, because months are clamped).
function releaseWithHandoverIn(from, minDays, maxDays) {
  for (let release = from; ; release = addDays(release, 1)) {
    const ahead = daysFromToday(determinateHandover(release));
    if (ahead >= minDays && ahead <= maxDays) return release;
  }
}

const get = (target, token = manager) => api(server, 'GET', target, { token });
const patchRisk = (person, body, etag, token = manager) =>
  api(server, 'PATCH', `/api/v1/people/${person.id}/risk-profile`, { token, body, headers: etag === undefined ? {} : { 'If-Match': etag } });

function assertProblem(response, status) {
  assert.equal(response.status, status, response.text);
  assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(response.json.status, status);
}

function fieldsNamed(response) {
  assertProblem(response, 422);
  for (const error of response.json.errors) assert.ok(error.message.length > 0, JSON.stringify(error));
  return response.json.errors.map((error) => error.field).sort();
}

// A person in custody with a standard determinate sentence that started two years ago (so it is
// not a short sentence) and the given CRD, supplied as the prison's own calculation would be.
async function personReleasedOn(release, personOverrides = {}) {
  const person = await createPerson(server, admin, personOverrides);
  const sentence = determinateSentence({
    sentence_start_date: iso(addMonths(today, -24)),
    sentence_length_days: 3650,
    conditional_release_date: iso(release),
  });
  const recorded = await api(server, 'POST', `/api/v1/people/${person.id}/sentences`, { token: admin, body: sentence });
  assert.equal(recorded.status, 201, recorded.text);
  return person;
}

const responsibilityOf = async (person, token = manager) => {
  const response = await get(`/api/v1/people/${person.id}/responsibility`, token);
  assert.equal(response.status, 200, response.text);
  return response.json;
};

const idsIn = (response) => {
  assert.equal(response.status, 200, response.text);
  return response.json.items.map((entry) => entry.person.id);
};

// Every page of a worklist, followed through next_cursor, as one response.
async function whole (target, token = manager) {
  const items = [];
  let next = target;
  for (let pages = 0; next; pages++) {
    assert.ok(pages < 50, `${target} never ends`);
    const response = await get(next, token);
    if (response.status !== 200) return response;
    items.push(...response.json.items);
    const cursor = response.json.next_cursor;
    next = cursor ? `${target}${target.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : null;
  }
  return { status: 200, json: { items } };
}

describe('who leads a case', () => {
  test('a standard determinate sentence: POM now, COM from release - 8 months - 14 days', async () => {
    const release = plainWeekday(addDays(today, 300), 2);  // a Tuesday with no bank holiday near
    const person = await personReleasedOn(release);
    const handover = determinateHandover(release);
    const decision = await responsibilityOf(person);
    assert.equal(decision.responsibility, 'pom');
    assert.equal(decision.reason, 'determinate');
    assert.match(decision.reason_label, /8 months and 14 days/);
    assert.equal(decision.handover_date, iso(handover));
    assert.equal(decision.com_allocated_date, iso(handover));
    assert.equal(decision.release_date, iso(release));
    assert.equal(decision.pom_type, 'prison');
    assert.equal(decision.release_day.flag, 'none');
    assert.equal(decision.release_day.due_date, iso(release));
    assert.equal(decision.release_day.proposed_date, null);
    assert.equal(decision.release_day.bank_holidays_known, true);
  });

  test('a CRD worked out by Resettle is the release date used', async () => {
    const person = await createPerson(server, admin);
    const start = addMonths(today, -3);
    const recorded = await api(server, 'POST', `/api/v1/people/${person.id}/sentences`, {
      token: admin,
      body: determinateSentence({ sentence_start_date: iso(start), sentence_length_days: 1000 }),
    });
    assert.equal(recorded.status, 201, recorded.text);
    const release = addDays(start, 500 - 1);  // the halfway point, counting the first day as served
    const decision = await responsibilityOf(person);
    assert.equal(decision.release_date, iso(release));
    assert.equal(decision.handover_date, iso(determinateHandover(release)));
    assert.equal(decision.reason, 'determinate');
  });

  test('a Friday release is flagged and may come forward 2 working days', async () => {
    const friday = plainWeekday(addDays(today, 200), 5);
    const person = await personReleasedOn(friday);
    const { release_date: releaseDate, release_day: releaseDay } = await responsibilityOf(person);
    assert.equal(releaseDate, iso(friday));
    assert.equal(releaseDay.flag, 'friday');
    assert.equal(releaseDay.due_date, iso(friday));
    assert.equal(releaseDay.proposed_date, iso(addDays(friday, -2)));
    assert.ok(isWorkingDay(addDays(friday, -2)));
  });

  test('with no sentence, no one is responsible yet and there is no release day', async () => {
    const person = await createPerson(server, admin);
    const decision = await responsibilityOf(person);
    assert.equal(decision.responsibility, 'none');
    assert.equal(decision.handover_date, null);
    assert.equal(decision.release_date, null);
    assert.equal(decision.release_day, null);
  });

  test('an unknown person is 404', async () => {
    assertProblem(await get('/api/v1/people/99999999/responsibility'), 404);
    assertProblem(await get('/api/v1/people/99999999/risk-profile'), 404);
  });
});

describe('the risk profile (PATCH with If-Match)', () => {
  test('starts empty at version 0', async () => {
    const person = await createPerson(server, admin);
    const response = await get(`/api/v1/people/${person.id}/risk-profile`);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.headers.get('etag'), '"0"');
    assert.deepEqual(response.json, {
      person_id: person.id, version: 0, rosh: null, tier: null, mappa_level: 0, iom: false, early_allocation: false,
      open_prison_arrival_date: null, category_t_date: null, parole_review_completed: false,
      further_indeterminate_sentence: false, manual_responsibility: null, manual_responsibility_reason: null,
    });
  });

  test('without If-Match is 428, with a stale ETag 412, and nothing changes', async () => {
    const person = await createPerson(server, admin);
    assertProblem(await patchRisk(person, { tier: 'B' }), 428);
    assertProblem(await patchRisk(person, { tier: 'B' }, '"3"'), 412);
    const saved = await patchRisk(person, { tier: 'C', rosh: 'high', mappa_level: 1 }, '"0"');
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.headers.get('etag'), '"1"');
    assertProblem(await patchRisk(person, { tier: 'A' }, '"0"'), 412);
    const read = await get(`/api/v1/people/${person.id}/risk-profile`);
    assert.equal(read.headers.get('etag'), '"1"');
    assert.deepEqual(read.json, { ...saved.json, version: 1 });
    assert.equal(read.json.tier, 'C');
    assert.equal(read.json.rosh, 'high');
    assert.equal(read.json.mappa_level, 1);
  });

  test('a profile already recorded can be changed again with its current ETag', async () => {
    const person = await createPerson(server, admin);
    assert.equal((await patchRisk(person, { tier: 'C' }, '"0"')).status, 200);
    const second = await patchRisk(person, { tier: 'B', iom: true }, '"1"');
    assert.equal(second.status, 200, second.text);
    assert.equal(second.headers.get('etag'), '"2"');
    const read = await get(`/api/v1/people/${person.id}/risk-profile`);
    assert.equal(read.headers.get('etag'), '"2"');
    assert.equal(read.json.tier, 'B');
    assert.equal(read.json.iom, true);
  });

  test('each bad value is named in one 422, and nothing is stored', async () => {
    const person = await createPerson(server, admin);
    const cases = [
      [{ tier: 'E' }, ['tier']],
      [{ mappa_level: 5 }, ['mappa_level']],
      [{ manual_responsibility: 'probation' }, ['manual_responsibility_reason']],
      [{ manual_responsibility: 'probation', manual_responsibility_reason: '' }, ['manual_responsibility_reason']],
      [{ tier: 'E', mappa_level: 5, manual_responsibility: 'probation' }, ['manual_responsibility_reason', 'mappa_level', 'tier']],
      [{ rosh: 'extreme', iom: 'perhaps', open_prison_arrival_date: '2025-02-30' }, ['iom', 'open_prison_arrival_date', 'rosh']],
      [{ risk_score: 3 }, ['risk_score']],
    ];
    for (const [body, fields] of cases) assert.deepEqual(fieldsNamed(await patchRisk(person, body, '"0"')), fields, JSON.stringify(body));
    const read = await get(`/api/v1/people/${person.id}/risk-profile`);
    assert.equal(read.json.version, 0);
    assert.equal(read.json.tier, null);
  });

  test('early allocation moves the handover to release - 15 months', async () => {
    const release = plainWeekday(addDays(today, 300), 3);
    const person = await personReleasedOn(release);
    const saved = await patchRisk(person, { early_allocation: true }, '"0"');
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.json.early_allocation, true);
    const decision = await responsibilityOf(person);
    const handover = addMonths(release, -15);
    assert.equal(decision.reason, 'early_allocation');
    assert.equal(decision.handover_date, iso(handover));
    assert.equal(decision.com_allocated_date, iso(handover));
    assert.equal(decision.responsibility, 'com', 'the handover date has passed');
    assert.equal(decision.release_date, iso(release));
  });

  test('a manual decision for probation makes the COM responsible, with its reason on the timeline', async () => {
    const person = await personReleasedOn(plainWeekday(addDays(today, 400), 2));
    const reason = 'Agreed at the case conference: probation leads';
    const saved = await patchRisk(person, { manual_responsibility: 'probation', manual_responsibility_reason: reason, tier: 'A' }, '"0"');
    assert.equal(saved.status, 200, saved.text);
    const decision = await responsibilityOf(person);
    assert.equal(decision.responsibility, 'com');
    assert.equal(decision.reason, 'manual_probation');
    assert.match(decision.reason_label, /by hand/);
    assert.equal(decision.pom_type, 'prison', 'the COM is responsible, so a prison-officer POM even at tier A');
    assert.equal(decision.handover_date, null);

    const timeline = await get(`/api/v1/people/${person.id}/timeline`);
    const updated = timeline.json.items.filter((event) => event.kind === 'risk_profile.updated');
    assert.equal(updated.length, 1, timeline.text);
    assert.equal(updated[0].entity, 'risk_profile');
    assert.equal(updated[0].actor, 'Morgan Ellis');
    assert.equal(updated[0].reason, reason);
    assert.deepEqual(updated[0].data.manual_responsibility, { from: '', to: 'probation' });
    assert.deepEqual(updated[0].data.tier, { from: '', to: 'A' });

    const back = await patchRisk(person, { manual_responsibility: null, manual_responsibility_reason: null }, '"1"');
    assert.equal(back.status, 200, back.text);
    assert.equal((await responsibilityOf(person)).reason, 'determinate');
  });

  test('a partner cannot read or change it', async () => {
    const person = await createPerson(server, admin);
    const read = await get(`/api/v1/people/${person.id}/risk-profile`, server.tokens.partner);
    assert.ok([403, 404].includes(read.status), `read gave ${read.status}`);
    const change = await patchRisk(person, { tier: 'A' }, '"0"', server.tokens.partner);
    assert.ok([403, 404].includes(change.status), `PATCH gave ${change.status}`);
    assert.equal((await get(`/api/v1/people/${person.id}/risk-profile`)).json.version, 0);
  });
});

describe('worklists', () => {
  test('handovers due in the next N weeks include a case N weeks out, not with a smaller N', async () => {
    const release = releaseWithHandoverIn(addDays(today, 250), 15, 20);  // handover in week 3
    const person = await personReleasedOn(release);
    const handover = determinateHandover(release);
    const inThree = await whole('/api/v1/worklists/handovers?weeks=3');
    assert.ok(idsIn(inThree).includes(person.id), `handover ${iso(handover)} is within 3 weeks`);
    const entry = inThree.json.items.find((item) => item.person.id === person.id);
    assert.equal(entry.handover_date, iso(handover));
    assert.equal(entry.release_date, iso(release));
    assert.equal(entry.responsibility, 'pom');
    assert.equal(entry.person.href, `/people/${person.id}`);
    assert.equal(entry.person.name, `${person.given_name} ${person.family_name}`);
    const dates = inThree.json.items.map((item) => item.handover_date);
    assert.deepEqual(dates, [...dates].sort(), 'soonest first');
    for (const date of dates) assert.ok(date >= iso(today) && date <= iso(addDays(today, 21)), date);
    assert.ok(!idsIn(await whole('/api/v1/worklists/handovers?weeks=2')).includes(person.id));
    assert.ok(idsIn(await whole('/api/v1/worklists/handovers')).includes(person.id), 'the default is 8 weeks');
  });

  test('releases in the next 12 weeks', async () => {
    const soon = await personReleasedOn(addDays(today, 30));
    const later = await personReleasedOn(addDays(today, 12 * 7 + 10));
    const ids = idsIn(await whole('/api/v1/worklists/releases'));
    assert.ok(ids.includes(soon.id));
    assert.ok(!ids.includes(later.id));
  });

  test('past the COM start date with no COM allocated', async () => {
    const person = await personReleasedOn(addDays(today, 40));
    const decision = await responsibilityOf(person);
    assert.ok(decision.com_allocated_date <= iso(today), JSON.stringify(decision));
    const notYet = await personReleasedOn(plainWeekday(addDays(today, 400), 2));
    const response = await whole('/api/v1/worklists/without-com');
    const ids = idsIn(response);
    assert.ok(ids.includes(person.id));
    assert.ok(!ids.includes(notYet.id), 'the COM is not due yet');

    // A demo case on licence has passed its COM start date but has a COM allocated.
    const found = await get('/api/v1/people?q=Clarke');
    const allocated = found.json.items.find((p) => p.given_name === 'Sophie');
    assert.ok(allocated, found.text);
    assert.ok((await responsibilityOf(allocated)).com_allocated_date <= iso(today));
    assert.ok(!ids.includes(allocated.id), 'a COM is allocated');
  });

  test('prison_code and pdu_code narrow the lists', async () => {
    const inHatfield = await personReleasedOn(addDays(today, 35), { prison_code: 'HAI' });
    const inLeeds = await personReleasedOn(addDays(today, 36), { prison_code: 'LEI', pdu_code: null });
    for (const list of ['releases', 'without-com']) {
      const all = idsIn(await whole(`/api/v1/worklists/${list}`, admin));
      assert.ok(all.includes(inHatfield.id) && all.includes(inLeeds.id), list);
      const hatfield = await whole(`/api/v1/worklists/${list}?prison_code=HAI`, admin);
      assert.ok(idsIn(hatfield).includes(inHatfield.id) && !idsIn(hatfield).includes(inLeeds.id), list);
      for (const item of hatfield.json.items) assert.equal(item.person.prison_code, 'HAI');
      const leedsPdu = await whole(`/api/v1/worklists/${list}?pdu_code=LDS`, admin);
      assert.ok(idsIn(leedsPdu).includes(inHatfield.id) && !idsIn(leedsPdu).includes(inLeeds.id), list);
      for (const item of leedsPdu.json.items) assert.equal(item.person.pdu_code, 'LDS');
      assert.deepEqual(idsIn(await whole(`/api/v1/worklists/${list}?prison_code=HAI&pdu_code=NOPE`, admin)), []);
    }
    const handovers = await whole('/api/v1/worklists/handovers?weeks=52&prison_code=HAI', admin);
    for (const item of handovers.json.items) assert.equal(item.person.prison_code, 'HAI');
  });

  test('a partner is refused every worklist (403)', async () => {
    for (const list of ['handovers', 'releases', 'without-com'])
      assertProblem(await get(`/api/v1/worklists/${list}`, server.tokens.partner), 403);
  });

  test('a COM sees only the cases in their PDU, whatever they filter by', async () => {
    const outside = await personReleasedOn(addDays(today, 33), { prison_code: 'LEI', pdu_code: null });
    const inside = await personReleasedOn(addDays(today, 34), { prison_code: 'LEI', pdu_code: 'LDS' });
    const com = server.tokens.com;
    for (const target of ['/api/v1/worklists/releases', '/api/v1/worklists/without-com', '/api/v1/worklists/releases?prison_code=LEI']) {
      const ids = idsIn(await whole(target, com));
      assert.ok(ids.includes(inside.id), target);
      assert.ok(!ids.includes(outside.id), target);
      assert.ok(idsIn(await whole(target, admin)).includes(outside.id), target);
    }
    assertProblem(await get(`/api/v1/people/${outside.id}/responsibility`, com), 404);
  });

  test('a worklist comes a page at a time, in date order, without repeats', async () => {
    for (let i = 0; i < 3; i++) await personReleasedOn(addDays(today, 20 + i));
    const whole_list = (await whole('/api/v1/worklists/releases', admin)).json.items;
    assert.ok(whole_list.length >= 3);
    const paged = [];
    let target = '/api/v1/worklists/releases?limit=2';
    while (target) {
      const page = await get(target, admin);
      assert.equal(page.status, 200, page.text);
      assert.ok(page.json.items.length <= 2);
      paged.push(...page.json.items);
      assert.equal(page.json.links?.next !== undefined, page.json.next_cursor !== null);
      target = page.json.links?.next;
    }
    assert.deepEqual(paged.map((item) => item.person.id), whole_list.map((item) => item.person.id));
    const dates = paged.map((item) => item.release_date);
    assert.deepEqual(dates, [...dates].sort());
  });

  test('a cursor the service did not give out is refused (422 naming cursor)', async () => {
    for (const cursor of ['12', 'tomorrow.3', '2026-02-30.1'])
      assert.deepEqual(fieldsNamed(await get(`/api/v1/worklists/releases?cursor=${cursor}`)), ['cursor'], cursor);
    assert.deepEqual(fieldsNamed(await get('/api/v1/worklists/overdue-handovers?limit=0')), ['limit']);
  });

  test('weeks must be a whole number from 1 to 52 (422 naming weeks)', async () => {
    for (const weeks of ['0', 'abc', '53', '-1', '2.5'])
      assert.deepEqual(fieldsNamed(await get(`/api/v1/worklists/handovers?weeks=${weeks}`)), ['weeks'], `weeks=${weeks}`);
  });

  test('a worklist page links to the next page, which carries on in date order', async () => {
    for (let i = 0; i < 2; i++) await personReleasedOn(addDays(today, 25 + i));
    const browser = new Browser(server);
    await browser.signIn('manager');
    const first = await browser.get('/worklists/releases?limit=1');
    assert.equal(first.status, 200);
    assert.match(first.text, /aria-current="page">Releases due</);
    const next = first.text.match(/href="([^"]*)" rel="next"/);
    assert.ok(next, 'a Next link');
    const href = next[1].replaceAll('&amp;', '&');
    assert.match(href, /^\/worklists\/releases\?limit=1&cursor=\d{4}-\d{2}-\d{2}\.\d+$/);
    const second = await browser.get(href);
    assert.equal(second.status, 200);
    const personIn = (page) => page.text.match(/<a class="govuk-link" href="(\/people\/\d+)"/)[1];
    assert.notEqual(personIn(second), personIn(first));
    const bad = await browser.get('/worklists/releases?cursor=yesterday');
    assert.equal(bad.status, 422);
    assert.match(bad.text, /Cursor is not a cursor this service gave out/);
  });

  test('the worklists page says which weeks value is wrong', async () => {
    const browser = new Browser(server);
    await browser.signIn('manager');
    const page = await browser.get('/worklists?weeks=abc');
    assert.equal(page.status, 422, page.text.slice(0, 500));
    assert.match(page.text, /Weeks must be a whole number/);
    const good = await browser.get('/worklists?weeks=4');
    assert.equal(good.status, 200);
    assert.match(good.text, /Handovers due in the next 4 weeks/);
  });
});

describe('the OpenAPI document', () => {
  test('describes exactly the fields these routes return', async () => {
    const document = (await api(server, 'GET', '/api/v1/openapi.json')).json;
    const schemas = document.components.schemas;
    const keys = (object) => Object.keys(object).sort();
    const person = await personReleasedOn(plainWeekday(addDays(today, 30), 5));
    const decision = await responsibilityOf(person);
    assert.deepEqual(keys(schemas.Responsibility.properties), keys(decision));
    assert.deepEqual([...schemas.Responsibility.required].sort(), keys(decision));
    assert.deepEqual(keys(schemas.ReleaseDay.properties), keys(decision.release_day));
    const profile = (await get(`/api/v1/people/${person.id}/risk-profile`)).json;
    assert.deepEqual(keys(schemas.RiskProfile.properties), keys(profile));
    assert.deepEqual([...schemas.RiskProfile.required].sort(), keys(profile));
    const worklist = (await get('/api/v1/worklists/releases?limit=1')).json;
    assert.deepEqual(keys(schemas.Worklist.properties), keys(worklist), 'a first page with more to come has every field');
    assert.deepEqual([...schemas.Worklist.required].sort(), ['items', 'next_cursor']);
    const entry = (await whole('/api/v1/worklists/releases')).json.items.find((item) => item.person.id === person.id);
    assert.deepEqual(keys(schemas.WorklistEntry.properties), keys(entry));
    assert.deepEqual(keys(schemas.WorklistEntry.properties.person.properties), keys(entry.person));
    for (const path of ['/api/v1/people/{id}/responsibility', '/api/v1/people/{id}/risk-profile', '/api/v1/worklists/handovers',
      '/api/v1/worklists/releases', '/api/v1/worklists/without-com'])
      assert.ok(document.paths[path]?.get, `${path} is documented`);
    assert.ok(document.paths['/api/v1/people/{id}/risk-profile'].patch);
  });
});

describe('POST /api/v1/calculations: the dates of a booking sent, stored nowhere', () => {
  // The example: a 2-year standard sentence from 2026-02-06 is released at the first
  // tranche of the progression model, 2026-10-13, and has no HDC date.
  const booking = {
    today: '2026-12-06',
    person: { date_of_birth: '1990-01-01' },
    sentences: [{ id: '1', sentenced_on: '2026-02-06', term: { years: 2 } }],
  };

  test('answers every key date with its rule, as `resettle dates` does for the same line', async () => {
    const answer = await api(server, 'POST', '/api/v1/calculations', { token: server.tokens.com, body: booking });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json.key_dates.conditional_release_date.date, '2026-10-13');
    assert.equal(answer.json.key_dates.conditional_release_date.rule_code, 'commencement');
    assert.equal(answer.json.key_dates.home_detention_curfew_eligibility_date, null);
    assert.equal(answer.json.key_dates.sentence_and_licence_expiry_date.date, '2028-02-05');
    const line = await cliWithInput(`${JSON.stringify(booking)}\n`, 'dates');
    assert.equal(line.code, 0, line.stderr);
    const { line: number, ...fromCli } = JSON.parse(line.stdout);
    assert.equal(number, 1);
    assert.deepEqual(answer.json, fromCli);
  });

  test('bad facts are 422 naming the field by its path, and nothing needs a person on Resettle', async () => {
    const looped = { ...booking, sentences: [
      { id: 'a', sentenced_on: '2025-01-10', term: { years: 1 }, consecutive_to: 'b' },
      { id: 'b', sentenced_on: '2025-01-10', term: { years: 1 }, consecutive_to: 'a' }] };
    const refused = await api(server, 'POST', '/api/v1/calculations', { token: server.tokens.com, body: looped });
    assert.equal(refused.status, 422, refused.text);
    assert.ok(refused.json.errors.some((error) => error.field === 'sentences[0].consecutive_to'), refused.text);
    const noToday = await api(server, 'POST', '/api/v1/calculations', { token: server.tokens.com, body: { sentences: booking.sentences } });
    assert.equal(noToday.status, 422, noToday.text);
    assert.ok(noToday.json.errors.some((error) => error.field === 'today'), noToday.text);
    assert.equal((await api(server, 'POST', '/api/v1/calculations', { token: server.tokens.com, body: '[1]' })).status, 422);
    assert.equal((await api(server, 'POST', '/api/v1/calculations', { body: booking })).status, 401);
  });
});
