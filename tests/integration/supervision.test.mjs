// Supervision after release through the API and the pages: contact details, booking an appointment
// and a series with warnings to confirm, outcomes leading to a warning and a manager's review, the
// diary, the person's messages; moving and cancelling an appointment through the API and the pages,
// with bad input, stale versions and the wrong role refused; and a message queued with a booking going out exactly once though
// the server was killed between the commit and the send.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, Browser, cli, csrfToken, releasedPerson, serveDatabase, startServer, weekdayIn } from './support.mjs';

let server;
let tokens;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'pom', 'com', 'admin'], serveArgs: ['--send-every', '1'] });
  tokens = server.tokens;
});
after(() => server?.stop());

const call = (target, method, path, token, body, headers) => api(target, method, path, { token: target.tokens[token], body, headers });
const errorFields = (response) => response.json.errors.map((error) => error.field);
const iso = (date) => date.toISOString().slice(0, 10);
const inDays = (days) => iso(new Date(Date.now() + days * 24 * 60 * 60 * 1000));

describe('appointments after release', () => {
  test('are booked with warnings to confirm, and outcomes lead to a warning and a manager review', async () => {
    const person = await releasedPerson(server);
    const base = `/api/v1/people/${person.id}`;
    const badContact = await call(server, 'PUT', `${base}/contact`, 'com', { channel: 'sms', mobile: '0113 496 0000' });
    assert.equal(badContact.status, 422);
    assert.deepEqual(errorFields(badContact), ['mobile']);
    const contact = await call(server, 'PUT', `${base}/contact`, 'com',
      { channel: 'sms', language: 'cy', mobile: '07700 900123', work: { monday: '09:00-17:00', tuesday: '09:00-17:00',
        wednesday: '09:00-17:00', thursday: '09:00-17:00', friday: '09:00-17:00' } });
    assert.equal(contact.status, 201, contact.text);
    assert.equal(contact.json.mobile, '+447700900123');
    assert.equal((await call(server, 'PUT', `${base}/contact`, 'com', { channel: 'letter' })).status, 412, 'a second record names its version');

    const day = weekdayIn(3);
    const booking = { type: 'supervision', on: day, starts_at: '10:00', ends_at: '11:00', office_code: 'LDS' };
    const bad = await call(server, 'POST', `${base}/appointments`, 'com', { ...booking, on: '2020-01-01', ends_at: '09:00', office_code: 'X' });
    assert.equal(bad.status, 422);
    assert.deepEqual(errorFields(bad), ['on', 'ends_at', 'office_code']);
    assert.equal((await call(server, 'POST', `${base}/appointments`, 'pom', booking)).status, 403);
    const warned = await call(server, 'POST', `${base}/appointments`, 'com', booking);
    assert.equal(warned.status, 409, warned.text);
    assert.match(warned.json.errors[0].message, /Clashes with their work/);
    assert.equal((await call(server, 'GET', `${base}/appointments`, 'com')).json.appointments.length, 0, 'nothing booked');
    const booked = await call(server, 'POST', `${base}/appointments`, 'com', { ...booking, confirm_warnings: 'true' });
    assert.equal(booked.status, 201, booked.text);
    assert.equal(booked.json.warnings.length, 1);

    const today = iso(new Date());
    const series = await call(server, 'POST', `${base}/appointments`, 'com',
      { type: 'drug_test', on: today, starts_at: '00:00', ends_at: '00:30', office_code: 'LDS', repeat: 'weekly', until: inDays(14),
        confirm_warnings: 'true' });
    assert.equal(series.status, 201, series.text);
    assert.equal(series.json.appointments.length, 3);
    const [first, second] = series.json.appointments;
    const future = await call(server, 'POST', `/api/v1/appointments/${second.id}/outcome`, 'com', { outcome: 'attended' });
    assert.deepEqual(errorFields(future), ['outcome']);
    const noReason = await call(server, 'POST', `/api/v1/appointments/${first.id}/outcome`, 'com', { outcome: 'failed_to_comply' });
    assert.deepEqual(errorFields(noReason), ['reason']);
    const failed = await call(server, 'POST', `/api/v1/appointments/${first.id}/outcome`, 'com',
      { outcome: 'failed_to_comply', reason: 'Did not attend; no contact' });
    assert.equal(failed.status, 201, failed.text);
    assert.equal(failed.json.enforcement, 'warning');
    assert.ok(failed.json.warning_message_id);

    const messages = await call(server, 'GET', `${base}/messages?limit=100`, 'com');
    const warning = messages.json.items.find((message) => message.kind === 'warning');
    assert.equal(warning.language, 'cy');
    assert.doesNotMatch(warning.body, /Did not attend/, 'the reason stays on the record, not in the text');
    const keys = new Set(messages.json.items.map((message) => `${message.kind}:${message.id}`));
    assert.equal(keys.size, messages.json.items.length);

    const record = await call(server, 'GET', `/api/v1/appointments/${first.id}`, 'manager');
    assert.equal(record.json.outcomes[0].outcome, 'failed_to_comply');
    const diary = await call(server, 'GET', '/api/v1/diary', 'com');
    assert.ok(diary.json.items.some((entry) => entry.id === booked.json.appointments[0].id));
    const timeline = await call(server, 'GET', `${base}/timeline?limit=200`, 'manager');
    const kinds = timeline.json.items.map((event) => event.kind);
    for (const kind of ['contact.updated', 'appointment.booked', 'appointment.outcome_recorded']) assert.ok(kinds.includes(kind), kind);
    assert.equal((await call(server, 'GET', '/api/v1/outbox', 'manager')).status, 403);
    assert.equal((await call(server, 'GET', '/api/v1/outbox', 'admin')).status, 200);
  });

  test('the pages book an appointment, confirm a warning and record an outcome', async () => {
    const person = await releasedPerson(server);
    const browser = new Browser(server);
    await browser.signIn('com');
    const page = await browser.get(`/people/${person.id}/appointments`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Book an appointment/);
    const [year, month, day] = weekdayIn(2).split('-');
    const fields = { _csrf: csrfToken(page.text), type: 'supervision', 'on-day': day, 'on-month': month, 'on-year': year,
      starts_at: '10:00', ends_at: '09:00', office_code: 'LDS', repeat: '' };
    const wrong = await browser.post(`/people/${person.id}/appointments`, fields);
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, /href="#ends_at"/);
    const booked = await browser.post(`/people/${person.id}/appointments`, { ...fields, ends_at: '11:00' });
    assert.equal(booked.status, 303, booked.text);
    const clash = await browser.post(`/people/${person.id}/appointments`, { ...fields, starts_at: '10:30', ends_at: '11:30' });
    assert.equal(clash.status, 200);
    assert.match(clash.text, /Clashes with their supervision appointment/);
    const confirmed = await browser.post(`/people/${person.id}/appointments`,
      { ...fields, starts_at: '10:30', ends_at: '11:30', confirm_warnings: 'yes' });
    assert.equal(confirmed.status, 303, confirmed.text);
    const list = await browser.get(`/people/${person.id}/appointments`);
    assert.equal((list.text.match(/href="\/appointments\/\d+"/g) ?? []).length, 2);
    const diary = await browser.get('/diary');
    assert.equal(diary.status, 200);
    assert.match(diary.text, new RegExp(person.family_name));
  });
});

describe('changing and cancelling appointments', () => {
  const book = async (person, fields) => {
    const booked = await call(server, 'POST', `/api/v1/people/${person.id}/appointments`, 'com',
      { type: 'supervision', starts_at: '10:00', ends_at: '11:00', office_code: 'LDS', confirm_warnings: 'true', ...fields });
    assert.equal(booked.status, 201, booked.text);
    return booked.json.appointments[0];
  };
  const ifMatch = (version) => ({ 'If-Match': `"${version}"` });

  test('the API moves one at the version seen and cancels one, telling the person but not why', async () => {
    const person = await releasedPerson(server);
    assert.equal((await call(server, 'PUT', `/api/v1/people/${person.id}/contact`, 'com',
      { channel: 'sms', mobile: '07700 900123' })).status, 201);
    const [day, later] = [weekdayIn(4), weekdayIn(6)];
    const appointment = await book(person, { on: day });
    await book(person, { on: later, starts_at: '14:30', ends_at: '15:30' });
    const path = `/api/v1/appointments/${appointment.id}`;
    const move = { on: later, starts_at: '14:00', ends_at: '15:00' };

    assert.equal((await call(server, 'PATCH', path, 'com', move)).status, 428, 'If-Match is required');
    assert.equal((await call(server, 'PATCH', path, 'pom', move, ifMatch(1))).status, 403);
    assert.equal((await call(server, 'PATCH', path, 'com', move, ifMatch(7))).status, 412);
    const bad = await call(server, 'PATCH', path, 'com', { ends_at: '09:00', office_code: 'X' }, ifMatch(1));
    assert.equal(bad.status, 422);
    assert.deepEqual(errorFields(bad), ['ends_at', 'office_code']);
    const warned = await call(server, 'PATCH', path, 'com', move, ifMatch(1));
    assert.equal(warned.status, 409, warned.text);
    assert.ok(warned.json.errors.some((error) => /Clashes with their supervision appointment/.test(error.message)), warned.text);
    const moved = await call(server, 'PATCH', path, 'com', { ...move, confirm_warnings: true }, ifMatch(1));
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.headers.get('etag'), '"2"');
    assert.equal(moved.json.on, later);
    assert.equal(moved.json.starts_at, '14:00');
    assert.equal((await call(server, 'PATCH', path, 'com', { on: day }, ifMatch(1))).status, 412, 'the version before the move');

    const noReason = await call(server, 'POST', `${path}/cancellation`, 'com', { reason: '' }, ifMatch(2));
    assert.equal(noReason.status, 422);
    assert.deepEqual(errorFields(noReason), ['reason']);
    assert.equal((await call(server, 'POST', `${path}/cancellation`, 'com', { reason: 'Officer ill' })).status, 428);
    assert.equal((await call(server, 'POST', `${path}/cancellation`, 'pom', { reason: 'Officer ill' }, ifMatch(2))).status, 403);
    assert.equal((await call(server, 'POST', `${path}/cancellation`, 'com', { reason: 'Officer ill' }, ifMatch(1))).status, 412);
    const cancelled = await call(server, 'POST', `${path}/cancellation`, 'com', { reason: 'Officer ill' }, ifMatch(2));
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.json.cancellation.reason, 'Officer ill');
    assert.equal(cancelled.json.version, 3);
    assert.equal((await call(server, 'POST', `${path}/cancellation`, 'com', { reason: 'Again' }, ifMatch(3))).status, 409);
    assert.equal((await call(server, 'PATCH', path, 'com', { on: day }, ifMatch(3))).status, 409, 'a cancelled one stays where it was');
    assert.ok((await call(server, 'GET', path, 'manager')).json.cancellation.by > 0, 'kept, as cancelled');

    const calendar = await call(server, 'GET', `${path}/calendar`, 'com');
    assert.match(calendar.text, /STATUS:CANCELLED/);
    assert.match(calendar.text, /SEQUENCE:2/);

    const messages = (await call(server, 'GET', `/api/v1/people/${person.id}/messages?limit=100`, 'com')).json.items;
    const movedNotice = messages.find((message) => message.kind === 'appointment_moved');
    assert.ok(movedNotice, JSON.stringify(messages));
    assert.match(movedNotice.body, /at 2pm/);
    const cancelledNotice = messages.find((message) => message.kind === 'appointment_cancelled');
    assert.ok(cancelledNotice);
    assert.doesNotMatch(cancelledNotice.body, /ill/i, 'never the reason');
    assert.ok(messages.some((message) => message.withheld === 'appointment_cancelled'));

    const past = await book(person, { on: iso(new Date()), starts_at: '00:00', ends_at: '00:30' });
    assert.equal((await call(server, 'POST', `/api/v1/appointments/${past.id}/cancellation`, 'com', { reason: 'Late' },
      ifMatch(past.version))).status, 409, 'it has already started');
    const kinds = (await call(server, 'GET', `/api/v1/people/${person.id}/timeline?limit=200`, 'manager')).json.items.map((event) => event.kind);
    for (const kind of ['appointment.moved', 'appointment.cancelled']) assert.ok(kinds.includes(kind), kind);
  });

  // The diary is kept by the server while nothing it shows changes (services/supervision/appointments.hpp).
  test('the diary page shows an appointment booked, a new name and a cancellation at once', async () => {
    const person = await releasedPerson(server);
    const browser = new Browser(server);
    await browser.signIn('com');
    const rowOf = async (id) => (await browser.get('/diary')).text.match(new RegExp(`href="/appointments/${id}"[\\s\\S]*?</tr>`))?.[0] ?? '';
    assert.equal(await rowOf(0), '', 'kept before the booking');
    const appointment = await book(person, { on: weekdayIn(2), starts_at: '07:00', ends_at: '07:30' });
    assert.notEqual(await rowOf(appointment.id), '');
    assert.doesNotMatch(await rowOf(appointment.id), /Cancelled/, 'the kept page');

    const record = await call(server, 'GET', `/api/v1/people/${person.id}`, 'manager');
    const renamed = await call(server, 'PATCH', `/api/v1/people/${person.id}`, 'manager', { family_name: 'Renamed-In-Diary' },
      { 'If-Match': record.headers.get('etag') });
    assert.equal(renamed.status, 200, renamed.text);
    assert.match(await rowOf(appointment.id), /Renamed-In-Diary/);

    const cancelled = await call(server, 'POST', `/api/v1/appointments/${appointment.id}/cancellation`, 'com', { reason: 'Officer ill' },
      ifMatch(1));
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.match(await rowOf(appointment.id), /Cancelled/);
  });

  test('the appointment page changes and cancels one, naming the fields it needs', async () => {
    const person = await releasedPerson(server);
    const appointment = await book(person, { on: weekdayIn(3) });
    const browser = new Browser(server);
    await browser.signIn('com');
    const page = await browser.get(`/appointments/${appointment.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Change the day, time or office/);
    assert.match(page.text, /Cancel the appointment/);
    const csrf = csrfToken(page.text);
    const [year, month, day] = weekdayIn(5).split('-');
    const change = { _csrf: csrf, version: '1', 'on-day': day, 'on-month': month, 'on-year': year, starts_at: '12:00',
      ends_at: '11:00', office_code: 'LDS' };
    const wrong = await browser.post(`/appointments/${appointment.id}/change`, change);
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, /govuk-error-summary/);
    assert.match(wrong.text, /href="#ends_at"/);
    const changed = await browser.post(`/appointments/${appointment.id}/change`, { ...change, ends_at: '13:00', confirm_warnings: 'yes' });
    assert.equal(changed.status, 303, changed.text);
    assert.equal((await browser.post(`/appointments/${appointment.id}/change`, { ...change, ends_at: '13:30' })).status, 409,
      'the version before the change');

    const noReason = await browser.post(`/appointments/${appointment.id}/cancel`, { _csrf: csrf, version: '2', cancellation_reason: '' });
    assert.equal(noReason.status, 422);
    assert.match(noReason.text, /href="#cancellation_reason"/);
    const cancelled = await browser.post(`/appointments/${appointment.id}/cancel`,
      { _csrf: csrf, version: '2', cancellation_reason: 'Office closed' });
    assert.equal(cancelled.status, 303, cancelled.text);
    const after = await browser.get(`/appointments/${appointment.id}`);
    assert.match(after.text, /govuk-tag[^"]*">Cancelled</);
    assert.doesNotMatch(after.text, /Cancel the appointment/);
    const list = await browser.get(`/people/${person.id}/appointments`);
    assert.match(list.text, /govuk-tag[^"]*">Cancelled</);
    const diary = await browser.get('/diary');
    assert.match(diary.text, /govuk-tag[^"]*">Cancelled</);
  });
});

describe('the outbox', () => {
  test('a message committed before the server was killed still goes out, and only once', async () => {
    const quiet = await startServer({ tokensFor: ['manager', 'com'], serveArgs: ['--send-every', '0'] });
    try {
      const person = await releasedPerson(quiet);
      const base = `/api/v1/people/${person.id}`;
      // A letter: texts and emails wait out quiet hours (21:00 to 08:00), and this test runs at any hour.
      assert.equal((await call(quiet, 'PUT', `${base}/contact`, 'com', { channel: 'letter' })).status, 201);
      const booked = await call(quiet, 'POST', `${base}/appointments`, 'com',
        { type: 'supervision', on: weekdayIn(5), starts_at: '10:00', ends_at: '11:00', office_code: 'LDS', confirm_warnings: 'true' });
      assert.equal(booked.status, 201, booked.text);
      const queued = await call(quiet, 'GET', `${base}/messages`, 'com');
      assert.equal(queued.json.items.find((message) => message.kind === 'booking_reminder').status, 'queued');
      process.kill(quiet.pid, 'SIGKILL');  // committed, not yet sent

      const restarted = await serveDatabase(quiet.db, '--send-every', '1');
      try {
        let reminder;
        for (let tries = 0; tries < 50 && reminder?.status !== 'sent'; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          const messages = await api({ baseUrl: restarted.baseUrl }, 'GET', `${base}/messages`, { token: quiet.tokens.com });
          reminder = messages.json.items.find((message) => message.kind === 'booking_reminder');
        }
        assert.equal(reminder.status, 'sent');
        assert.equal(reminder.attempts, 1);
      } finally {
        await restarted.stop();
      }
      const again = await cli('send', '--db', quiet.db);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /^Sent 0,/, 'nothing sent twice');
    } finally {
      await quiet.stop().catch((stopped) => assert.match(String(stopped), /SIGKILL/));
    }
  });
});
