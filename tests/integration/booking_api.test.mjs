// A person's booking through the API: recorded whole with If-Match, read back with every key date
// and its explanation, bad input refused by field path with nothing stored, and the person and
// sentence endpoints answering with the dates of the whole booking.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, Browser, createPerson, csrfToken, determinateSentence, startServer } from './support.mjs';

let server;
let pom;

before(async () => {
  server = await startServer({ tokensFor: ['pom', 'keyworker'] });
  pom = server.tokens.pom;
});
after(() => server?.stop());

const get = (target, token = pom) => api(server, 'GET', target, { token });
const put = (target, body, etag, token = pom) =>
  api(server, 'PUT', target, { token, body, headers: etag === undefined ? {} : { 'If-Match': etag } });

// Two years from 6 February 2026 and six months consecutive to it, with 30 days on remand.
const twoSentences = () => ({
  sentences: [
    { id: 'a', kind: 'standard', sentenced_on: '2026-02-06', offence: { committed_on: '2025-11-01' }, term: { years: 2 } },
    { id: 'b', kind: 'standard', sentenced_on: '2026-02-06', term: { months: 6 }, consecutive_to: 'a' },
  ],
  adjustments: [{ type: 'remand', days: 30, sentence_ids: ['a'] }],
});

function fieldsNamed(response) {
  assert.equal(response.status, 422, response.text);
  assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
  return response.json.errors.map((error) => error.field).sort();
}

describe("a person's booking", () => {
  test('is recorded whole, read back with every key date, and corrected with If-Match', async () => {
    const person = await createPerson(server, pom);
    const target = `/api/v1/people/${person.id}/booking`;
    const empty = await get(target);
    assert.equal(empty.status, 200, empty.text);
    assert.equal(empty.headers.get('etag'), '"0"');
    assert.deepEqual(empty.json.sentences, []);

    assert.equal((await put(target, twoSentences())).status, 428);
    const recorded = await put(target, twoSentences(), '"0"');
    assert.equal(recorded.status, 200, recorded.text);
    assert.equal(recorded.headers.get('etag'), '"1"');
    const [first, second] = recorded.json.sentences;
    assert.match(first.id, /^\d+$/);
    assert.equal(second.consecutive_to, first.id);
    assert.deepEqual(recorded.json.adjustments[0].sentence_ids, [first.id]);
    const crd = recorded.json.key_dates.conditional_release_date;
    assert.equal(crd.source, 'computed');
    assert.ok(crd.rule_code);
    assert.ok(crd.explanation.length > 0);

    const read = await get(target);
    assert.deepEqual(read.json, recorded.json);

    // The person and their sentences answer with the dates of the whole booking.
    const shown = await get(`/api/v1/people/${person.id}`);
    assert.equal(shown.json.key_dates.conditional_release_date.date, crd.date);
    assert.ok(shown.json.key_dates.conditional_release_date.explanation);
    const sentence = await get(`/api/v1/sentences/${first.id}`);
    assert.equal(sentence.json.key_dates.conditional_release_date.date, crd.date);

    const corrected = { ...recorded.json, adjustments: [] };
    assert.equal((await put(target, corrected, '"0"')).status, 412);
    const changed = await put(target, corrected, '"1"');
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.headers.get('etag'), '"2"');
    assert.ok(changed.json.key_dates.conditional_release_date.date > crd.date, 'without remand, release is later');

    const timeline = await get(`/api/v1/people/${person.id}/timeline`);
    const events = timeline.json.items.filter((event) => event.kind === 'booking.recorded');
    assert.equal(events.length, 2);
    assert.deepEqual(events[0].data['adjustments[0].type'], { from: 'remand', to: null });
  });

  test('bad input is refused by field path and nothing is stored', async () => {
    const person = await createPerson(server, pom);
    const target = `/api/v1/people/${person.id}/booking`;
    const body = twoSentences();
    body.sentences[0].consecutive_to = 'b';
    body.sentences[1].recall = { type: '28', revoked_on: '2026-06-01' };
    body.sentences[0].extension_term = { years: 1 };
    body.adjustments[0].sentence_ids = ['z'];
    assert.deepEqual(fieldsNamed(await put(target, body, '"0"')), [
      'adjustments[0].sentence_ids[0]', 'sentences[0].consecutive_to', 'sentences[0].extension_term',
      'sentences[1].consecutive_to', 'sentences[1].recall.returned_on',
    ]);
    const impossible = twoSentences();
    impossible.sentences[1].sentenced_on = '2026-02-30';
    assert.deepEqual(fieldsNamed(await put(target, impossible, '"0"')), ['sentences[1].sentenced_on']);
    const read = await get(target);
    assert.equal(read.headers.get('etag'), '"0"');
    assert.deepEqual(read.json.sentences, []);
  });

  test('a sentence recorded on the single-sentence form is a booking of one, its credit an adjustment', async () => {
    const person = await createPerson(server, pom);
    const added = await api(server, 'POST', `/api/v1/people/${person.id}/sentences`,
      { token: pom, body: determinateSentence({ remand_days: '12' }) });
    assert.equal(added.status, 201, added.text);
    const read = await get(`/api/v1/people/${person.id}/booking`);
    assert.equal(read.json.sentences.length, 1);
    assert.equal(read.json.sentences[0].id, String(added.json.id));
    assert.deepEqual(read.json.sentences[0].term, { years: 0, months: 0, weeks: 0, days: 730 });
    assert.deepEqual(read.json.adjustments.map((a) => [a.type, a.days]), [['remand', 12]]);
    assert.equal(read.json.key_dates.conditional_release_date.date, added.json.key_dates.conditional_release_date.date);
  });

  test('the register flag and the custody history are recorded with the booking, and journalled', async () => {
    const person = await createPerson(server, pom);
    const target = `/api/v1/people/${person.id}/booking`;
    // One year from 10 January 2024: released at halfway before SDS40, with an HDC date.
    const body = {
      sentences: [{ id: 'a', kind: 'standard', sentenced_on: '2024-01-10', term: { years: 1 } }],
      movements: [{ on: '2024-01-10', direction: 'in', reason: 'sentenced' }],
    };
    const recorded = await put(target, body, '"0"');
    assert.equal(recorded.status, 200, recorded.text);
    assert.deepEqual(recorded.json.person, { sex_offender_register: false, liable_to_removal: false });
    assert.deepEqual(recorded.json.movements, [{ on: '2024-01-10', direction: 'in', reason: 'sentenced' }]);
    assert.ok(recorded.json.key_dates.home_detention_curfew_eligibility_date);

    const registered = await put(target, { ...recorded.json, person: { sex_offender_register: true } }, '"1"');
    assert.equal(registered.status, 200, registered.text);
    assert.equal(registered.json.person.sex_offender_register, true);
    assert.equal(registered.json.key_dates.home_detention_curfew_eligibility_date, null, 'no HDC on the register');
    assert.deepEqual((await get(target)).json.person, { sex_offender_register: true, liable_to_removal: false });

    const unknown = { ...registered.json, movements: [{ on: '2024-05-01', direction: 'away' }] };
    assert.deepEqual(fieldsNamed(await put(target, unknown, '"2"')), ['movements[0].direction']);
    const unordered = { ...registered.json, movements: [{ on: '2024-05-01', direction: 'out' }, { on: '2024-04-01', direction: 'in' }] };
    assert.deepEqual(fieldsNamed(await put(target, unordered, '"2"')), ['movements[1].on']);

    const timeline = await get(`/api/v1/people/${person.id}/timeline`);
    const events = timeline.json.items.filter((event) => event.kind === 'booking.recorded');
    assert.deepEqual(events[0].data['person.sex_offender_register'], { from: false, to: true });
  });

  test('a foreign national liable to removal is recorded with the booking and given an early removal date', async () => {
    const person = await createPerson(server, pom);
    const target = `/api/v1/people/${person.id}/booking`;
    // One year from 10 January 2024, released on 9 July 2024: eligible for removal once half the days
    // to release are served.
    const body = { sentences: [{ id: 'a', kind: 'standard', sentenced_on: '2024-01-10', term: { years: 1 } }] };
    const recorded = await put(target, body, '"0"');
    assert.equal(recorded.status, 200, recorded.text);
    assert.equal(recorded.json.key_dates.early_removal_scheme_eligibility_date, null, 'not liable to removal');

    const liable = await put(target, { ...recorded.json, person: { liable_to_removal: true } }, '"1"');
    assert.equal(liable.status, 200, liable.text);
    assert.deepEqual(liable.json.person, { sex_offender_register: false, liable_to_removal: true });
    const ersed = liable.json.key_dates.early_removal_scheme_eligibility_date;
    assert.ok(ersed, JSON.stringify(liable.json.key_dates));
    assert.equal(ersed.source, 'computed');
    assert.ok(ersed.date < liable.json.key_dates.conditional_release_date.date);
    assert.deepEqual((await get(target)).json.key_dates.early_removal_scheme_eligibility_date, ersed);
    assert.deepEqual(fieldsNamed(await put(target, { ...liable.json, person: { liable_to_removal: 'yes' } }, '"2"')),
      ['person.liable_to_removal']);

    const timeline = await get(`/api/v1/people/${person.id}/timeline`);
    const events = timeline.json.items.filter((event) => event.kind === 'booking.recorded');
    assert.deepEqual(events[0].data['person.liable_to_removal'], { from: false, to: true });
  });

  test('a sentence is taken out of the booking, kept on record, unless another still points at it', async () => {
    const person = await createPerson(server, pom);
    const target = `/api/v1/people/${person.id}/booking`;
    const recorded = await put(target, twoSentences(), '"0"');
    const [first, second] = recorded.json.sentences;
    const takeOut = (id, etag) => api(server, 'POST', `${target}/sentences/${id}/take-out`,
      { token: pom, headers: etag === undefined ? {} : { 'If-Match': etag } });

    assert.equal((await takeOut(first.id)).status, 428);
    // The second is served after the first, and the remand applies to the first.
    const refused = await takeOut(first.id, '"1"');
    assert.deepEqual(fieldsNamed(refused), ['adjustments[0].sentence_ids[0]', 'sentences[1].consecutive_to']);
    assert.match(refused.json.errors.find((e) => e.field === 'sentences[1].consecutive_to').message, /sentence 2 is served after it/);
    assert.equal((await get(target)).headers.get('etag'), '"1"');

    assert.equal((await takeOut(second.id, '"0"')).status, 412);
    const taken = await takeOut(second.id, '"1"');
    assert.equal(taken.status, 200, taken.text);
    assert.equal(taken.headers.get('etag'), '"2"');
    assert.deepEqual(taken.json.sentences.map((s) => s.id), [first.id]);
    assert.ok(taken.json.key_dates.conditional_release_date.date < recorded.json.key_dates.conditional_release_date.date);
    assert.equal((await takeOut(second.id, '"2"')).status, 404);

    // Kept on record: the sentence still answers, outside the booking.
    assert.equal((await get(`/api/v1/sentences/${second.id}`)).status, 200);
    const timeline = await get(`/api/v1/people/${person.id}/timeline`);
    const events = timeline.json.items.filter((event) => event.kind === 'booking.recorded');
    assert.equal(events.length, 2);
    assert.equal(events[0].data['sentences[1].id'].from, second.id);
  });

  test('a key worker may read the booking but not record it', async () => {
    const person = await createPerson(server, pom);
    const target = `/api/v1/people/${person.id}/booking`;
    assert.equal((await get(target, server.tokens.keyworker)).status, 200);
    assert.equal((await put(target, twoSentences(), '"0"', server.tokens.keyworker)).status, 403);
    const taken = await api(server, 'POST', `${target}/sentences/1/take-out`,
      { token: server.tokens.keyworker, headers: { 'If-Match': '"0"' } });
    assert.equal(taken.status, 403);
  });
});

describe('taking a sentence out on the booking page', () => {
  test('asks first, refuses with the reason in the error summary, then takes it out', async () => {
    const person = await createPerson(server, pom);
    const booking = `/people/${person.id}/booking`;
    const recorded = await put(`/api/v1${booking}`, { ...twoSentences(), adjustments: [] }, '"0"');
    const [first, second] = recorded.json.sentences;
    const browser = new Browser(server);
    await browser.signIn('pom');
    const page = await browser.get(booking);
    assert.match(page.text, new RegExp(`href="${booking}/sentences/${first.id}/take-out"`));

    const ask = await browser.get(`${booking}/sentences/${first.id}/take-out`);
    assert.equal(ask.status, 200, ask.text);
    assert.match(ask.text, /Take Sentence 1 out of the booking/);
    assert.match(ask.text, /<input type="hidden" name="version" value="1">/);
    const refused = await browser.post(`${booking}/sentences/${first.id}/take-out`, { _csrf: csrfToken(ask.text), version: '1' });
    assert.equal(refused.status, 422, refused.text);
    assert.match(refused.text, /govuk-error-summary/);
    assert.match(refused.text, /href="#take_out"/);
    assert.match(refused.text, /sentence 2 is served after it/);

    const askSecond = await browser.get(`${booking}/sentences/${second.id}/take-out`);
    const taken = await browser.post(`${booking}/sentences/${second.id}/take-out`, { _csrf: csrfToken(askSecond.text), version: '1' });
    assert.equal(taken.status, 303, taken.text);
    assert.equal(taken.headers.get('location'), booking);
    const after = await get(`/api/v1${booking}`);
    assert.deepEqual(after.json.sentences.map((s) => s.id), [first.id]);
    assert.equal((await browser.get(`${booking}/sentences/${second.id}/take-out`)).status, 404);
  });
});

describe('withdrawing a movement of the custody history', () => {
  test('asks first on the page, then withdraws it from the key dates; the API does the same with If-Match', async () => {
    const person = await createPerson(server, pom);
    const booking = `/people/${person.id}/booking`;
    const movements = [
      { on: '2024-01-10', direction: 'in', reason: 'sentenced' },
      { on: '2024-03-01', direction: 'out', reason: 'bailed in error' },
      { on: '2024-03-05', direction: 'in', reason: 'returned' },
    ];
    const oneSentence = { sentences: [{ id: 'a', kind: 'standard', sentenced_on: '2024-01-10', term: { years: 1 } }], movements };
    assert.equal((await put(`/api/v1${booking}`, oneSentence, '"0"')).status, 200);
    const browser = new Browser(server);
    await browser.signIn('pom');
    assert.match((await browser.get(booking)).text, new RegExp(`href="${booking}/movements/2/withdraw"`));

    const ask = await browser.get(`${booking}/movements/2/withdraw`);
    assert.equal(ask.status, 200, ask.text);
    assert.match(ask.text, /Withdraw movement 2<\/h1>/);
    assert.match(ask.text, /1 March 2024, [^<]*bailed in error/);
    const withdrawn = await browser.post(`${booking}/movements/2/withdraw`, { _csrf: csrfToken(ask.text), version: '1' });
    assert.equal(withdrawn.status, 303, withdrawn.text);
    assert.equal(withdrawn.headers.get('location'), booking);
    let read = await get(`/api/v1${booking}`);
    assert.deepEqual(read.json.movements.map((m) => m.on), ['2024-01-10', '2024-03-05']);
    assert.equal((await browser.get(`${booking}/movements/3/withdraw`)).status, 404);
    const stale = await browser.post(`${booking}/movements/1/withdraw`, { _csrf: csrfToken(ask.text), version: '1' });
    assert.equal(stale.status, 409, stale.text);

    const withdraw = (number, etag, token = pom) => api(server, 'POST', `/api/v1${booking}/movements/${number}/withdraw`,
      { token, headers: etag === undefined ? {} : { 'If-Match': etag } });
    assert.equal((await withdraw(1)).status, 428);
    assert.equal((await withdraw(1, '"2"', server.tokens.keyworker)).status, 403);
    assert.equal((await withdraw(9, '"2"')).status, 404);
    const byApi = await withdraw(1, '"2"');
    assert.equal(byApi.status, 200, byApi.text);
    assert.deepEqual(byApi.json.movements, [{ on: '2024-03-05', direction: 'in', reason: 'returned' }]);
    const timeline = await get(`/api/v1/people/${person.id}/timeline`);
    const events = timeline.json.items.filter((event) => event.kind === 'booking.recorded');
    assert.equal(events.length, 3, 'recorded, then each withdrawal journalled');
  });
});

describe("a sentence's release scheme given on its page, to reproduce another calculation", () => {
  test('overrides the law on the key dates, is shown back on the form, and left blank the law chooses again', async () => {
    const person = await createPerson(server, pom);
    const booking = `/people/${person.id}/booking`;
    const oneSentence = { sentences: [{ id: 'a', kind: 'standard', sentenced_on: '2026-02-06', term: { years: 2 } }] };
    const recorded = await put(`/api/v1${booking}`, oneSentence, '"0"');
    const id = recorded.json.sentences[0].id;
    const lawsDate = recorded.json.key_dates.conditional_release_date.date;
    const browser = new Browser(server);
    await browser.signIn('pom');
    const form = await browser.get(`${booking}/sentences/${id}/edit`);
    assert.match(form.text, /<option value=""[^>]* selected>Chosen by the law</);
    const send = (scheme, version) => browser.post(`${booking}/sentences/${id}`,
      { _csrf: csrfToken(form.text), version, kind: 'standard', sentenced_on: '2026-02-06', term_years: '2', release_scheme: scheme });
    const unknown = await send('halfway', '1');
    assert.equal(unknown.status, 422, unknown.text);
    assert.match(unknown.text, /href="#release_scheme"/);

    assert.equal((await send('standard', '1')).status, 303);
    let read = await get(`/api/v1${booking}`);
    assert.equal(read.json.sentences[0].release_scheme, 'standard');
    assert.equal(read.json.key_dates.conditional_release_date.date, '2027-02-05', 'halfway, as the scheme given says');
    assert.equal(read.json.key_dates.conditional_release_date.rule_code, 'halfway');
    assert.notEqual(lawsDate, '2027-02-05');
    assert.match((await browser.get(`${booking}/sentences/${id}/edit`)).text, /<option value="standard" selected>/);

    assert.equal((await send('', '2')).status, 303);
    read = await get(`/api/v1${booking}`);
    assert.equal(read.json.sentences[0].release_scheme, null);
    assert.equal(read.json.key_dates.conditional_release_date.date, lawsDate);
  });
});

describe("a default term's unpaid fine", () => {
  test('is recorded in pence through the API and in pounds on the page, journalled, with bad amounts named', async () => {
    const person = await createPerson(server, pom);
    const booking = `/people/${person.id}/booking`;
    // 28 days in default of a £500 fine from 2 November 2026: the law allows at most 14 days for £500,
    // released unconditionally at half of those.
    const fined = { sentences: [{ id: 'a', kind: 'default_term', sentenced_on: '2026-11-02', term: { days: 28 }, fine_amount: 50000 }] };
    const recorded = await put(`/api/v1${booking}`, fined, '"0"');
    assert.equal(recorded.status, 200, recorded.text);
    const id = recorded.json.sentences[0].id;
    assert.equal(recorded.json.sentences[0].fine_amount, 50000);
    assert.equal(recorded.json.key_dates.automatic_release_date.date, '2026-11-08');
    assert.equal((await get(`/api/v1${booking}`)).json.sentences[0].fine_amount, 50000);
    const onStandard = structuredClone(recorded.json);
    onStandard.sentences[0].kind = 'standard';
    assert.deepEqual(fieldsNamed(await put(`/api/v1${booking}`, onStandard, '"1"')), ['sentences[0].fine_amount']);
    const negative = structuredClone(recorded.json);
    negative.sentences[0].fine_amount = -5;
    assert.deepEqual(fieldsNamed(await put(`/api/v1${booking}`, negative, '"1"')), ['sentences[0].fine_amount']);
    const paid = structuredClone(recorded.json);
    paid.sentences[0].fine_paid = 10000;  // a part payment is for calculations only
    assert.deepEqual(fieldsNamed(await put(`/api/v1${booking}`, paid, '"1"')), ['sentences[0].fine_paid']);

    const browser = new Browser(server);
    await browser.signIn('pom');
    const form = await browser.get(`${booking}/sentences/${id}/edit`);
    assert.match(form.text, /id="fine_amount" name="fine_amount" type="text" value="500.00"/);
    const send = (kind, amount) => browser.post(`${booking}/sentences/${id}`,
      { _csrf: csrfToken(form.text), version: '1', kind, sentenced_on: '2026-11-02', term_days: '28', fine_amount: amount });
    for (const [kind, amount] of [['default_term', 'five hundred'], ['default_term', '12.345'], ['standard', '500']]) {
      const refused = await send(kind, amount);
      assert.equal(refused.status, 422, `${kind} ${amount}: ${refused.text}`);
      assert.match(refused.text, /href="#fine_amount"/);
      assert.ok(refused.text.includes(`name="fine_amount" type="text" value="${amount}"`), 'shown back as typed');
    }
    assert.equal((await get(`/api/v1${booking}`)).json.sentences[0].fine_amount, 50000, 'nothing stored');

    assert.equal((await send('default_term', '£1,250.50')).status, 303);
    const read = await get(`/api/v1${booking}`);
    assert.equal(read.json.sentences[0].fine_amount, 125050);
    assert.match((await browser.get(`${booking}/sentences/${id}/edit`)).text, /name="fine_amount" type="text" value="1250.50"/);
    const timeline = await get(`/api/v1/people/${person.id}/timeline`);
    const events = timeline.json.items.filter((event) => event.kind === 'booking.recorded');
    assert.deepEqual(events[0].data['sentences[0].fine_amount'], { from: 50000, to: 125050 });
  });
});

describe('the custody history and the register flag on the booking pages', () => {
  test('are recorded, corrected and read, in date order, journalled, with bad input named by field', async () => {
    const person = await createPerson(server, pom);
    const booking = `/people/${person.id}/booking`;
    const oneSentence = { sentences: [{ id: 'a', kind: 'standard', sentenced_on: '2024-01-10', term: { years: 1 } }] };
    assert.equal((await put(`/api/v1${booking}`, oneSentence, '"0"')).status, 200);
    const browser = new Browser(server);
    await browser.signIn('pom');
    const empty = await browser.get(booking);
    assert.match(empty.text, /No movement into or out of custody is recorded/);
    assert.match(empty.text, /On the sex offenders register<\/dt>\s*<dd class="govuk-summary-list__value">No</);
    assert.match(empty.text, new RegExp(`href="${booking}/movements/new"`));
    assert.match(empty.text, new RegExp(`href="${booking}/register"`));

    const form = await browser.get(`${booking}/movements/new`);
    assert.equal(form.status, 200, form.text);
    const send = (target, fields, version) => browser.post(target, { _csrf: csrfToken(form.text), version, ...fields });
    const impossible = await send(`${booking}/movements`, { 'movement_date-day': '31', 'movement_date-month': '2', 'movement_date-year': '2024', reason: 'x' }, '1');
    assert.equal(impossible.status, 422, impossible.text);
    assert.match(impossible.text, /href="#movement_date"/);
    assert.match(impossible.text, /href="#direction"/);
    const future = await send(`${booking}/movements`, { movement_date: '2100-01-01', direction: 'out' }, '1');
    assert.equal(future.status, 422, future.text);
    assert.match(future.text, /href="#movement_date">Movement date cannot be after today/);

    const add = (on, direction, reason, version) => send(`${booking}/movements`, { movement_date: on, direction, reason }, version);
    assert.equal((await add('2024-01-10', 'in', 'sentenced', '1')).status, 303);
    assert.equal((await add('2024-05-01', 'out', 'bail pending appeal', '2')).status, 303);
    assert.equal((await add('2023-12-01', 'in', 'remanded', '3')).status, 303);  // takes its place in date order
    let read = await get(`/api/v1${booking}`);
    assert.deepEqual(read.json.movements.map((m) => [m.on, m.direction, m.reason]), [
      ['2023-12-01', 'in', 'remanded'], ['2024-01-10', 'in', 'sentenced'], ['2024-05-01', 'out', 'bail pending appeal'],
    ]);
    const page = await browser.get(booking);
    assert.match(page.text, /1 December 2023/);
    assert.match(page.text, /Out of custody/);

    const edit = await browser.get(`${booking}/movements/3/edit`);
    assert.equal(edit.status, 200, edit.text);
    assert.match(edit.text, /name="movement_date-day"[^>]*value="0?1"/);
    assert.match(edit.text, /value="out" checked/);
    assert.equal((await send(`${booking}/movements/3`, { movement_date: '2024-05-02', direction: 'out', reason: 'released on licence' }, '4')).status, 303);
    read = await get(`/api/v1${booking}`);
    assert.deepEqual(read.json.movements[2], { on: '2024-05-02', direction: 'out', reason: 'released on licence' });
    assert.equal((await browser.get(`${booking}/movements/9/edit`)).status, 404);

    const register = await browser.get(`${booking}/register`);
    assert.equal(register.status, 200, register.text);
    assert.match(register.text, /value="no" checked/);
    const unanswered = await send(`${booking}/register`, {}, '5');
    assert.equal(unanswered.status, 422, unanswered.text);
    assert.match(unanswered.text, /href="#sex_offender_register"/);
    assert.ok(read.json.key_dates.home_detention_curfew_eligibility_date, 'HDC before the register flag');
    assert.equal((await send(`${booking}/register`, { sex_offender_register: 'yes' }, '5')).status, 303);
    read = await get(`/api/v1${booking}`);
    assert.equal(read.json.person.sex_offender_register, true);
    assert.equal(read.json.key_dates.home_detention_curfew_eligibility_date, null, 'no HDC on the register');
    assert.match((await browser.get(booking)).text, /On the sex offenders register<\/dt>\s*<dd class="govuk-summary-list__value">Yes</);
    const stale = await send(`${booking}/register`, { sex_offender_register: 'no' }, '5');
    assert.equal(stale.status, 409, stale.text);

    const removal = await browser.get(`${booking}/removal`);
    assert.equal(removal.status, 200, removal.text);
    assert.match(removal.text, /a foreign national liable to removal\?<\/h1>/);
    assert.match(removal.text, /value="no" checked/);
    const unchosen = await send(`${booking}/removal`, {}, '6');
    assert.equal(unchosen.status, 422, unchosen.text);
    assert.match(unchosen.text, /href="#liable_to_removal"/);
    assert.equal(read.json.key_dates.early_removal_scheme_eligibility_date, null, 'no ERSED before liability to removal');
    assert.equal((await send(`${booking}/removal`, { liable_to_removal: 'yes' }, '6')).status, 303);
    read = await get(`/api/v1${booking}`);
    assert.equal(read.json.person.liable_to_removal, true);
    assert.ok(read.json.key_dates.early_removal_scheme_eligibility_date, 'an ERSED once liable to removal');
    const shown = (await browser.get(booking)).text;
    assert.match(shown, /A foreign national liable to removal<\/dt>\s*<dd class="govuk-summary-list__value">Yes</);
    assert.match(shown, /Early removal/);

    const timeline = await get(`/api/v1/people/${person.id}/timeline`);
    const events = timeline.json.items.filter((event) => event.kind === 'booking.recorded');
    assert.ok(events.some((event) => event.data['movements[2].on']?.to === '2024-05-02'), JSON.stringify(events[0]));
    assert.deepEqual(events[1].data['person.sex_offender_register'], { from: false, to: true });
    assert.deepEqual(events[0].data['person.liable_to_removal'], { from: false, to: true });
  });
});

describe('release date changes', () => {
  test('the list is empty until the refresh finds a change, and an unknown change cannot be marked seen', async () => {
    const list = await get('/api/v1/release-date-changes');
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items, []);
    const post = (body) => api(server, 'POST', '/api/v1/release-date-changes/seen', { token: pom, body });
    assert.deepEqual(fieldsNamed(await post({ change_ids: [999999] })), ['change_ids[0]']);
    assert.deepEqual(fieldsNamed(await post({})), ['change_ids']);
  });
});
