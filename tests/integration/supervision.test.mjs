// Supervision after release through the API and the pages: contact details, booking an appointment
// and a series with warnings to confirm, outcomes leading to a warning and a manager's review, the
// diary, the person's messages; and a message queued with a booking going out exactly once though
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
