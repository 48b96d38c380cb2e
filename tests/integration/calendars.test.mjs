// Appointments in people's own calendars: an appointment's iCalendar file (signed in, in the officer's
// or the person's words), and the private feeds of an officer's diary and a person's appointments,
// through the API and the pages: made, fetched with no sign-in, replaced and stopped.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { api, Browser, createPerson, csrfToken, determinateSentence, startServer } from './support.mjs';

let server;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'pom', 'com', 'admin'] });
});
after(() => server?.stop());

const call = (method, path, token, body) => api(server, method, path, { token: server.tokens[token], body });
const iso = (date) => date.toISOString().slice(0, 10);
const daysAhead = (days) => iso(new Date(Date.now() + days * 24 * 60 * 60 * 1000));
const fetchPath = (path, headers = {}) => fetch(server.baseUrl + path, { headers, redirect: 'manual' });
// The unfolded lines of an iCalendar text.
const lines = (text) => text.replace(/\r\n[ \t]/g, '').split('\r\n');

// A person in Leeds released today, who reads in Welsh, with a supervision appointment in 10 days
// whose notes must stay out of calendars.
async function personWithAppointment() {
  const person = await createPerson(server, server.tokens.manager);
  const sentence = await call('POST', `/api/v1/people/${person.id}/sentences`, 'manager',
    determinateSentence({ sentence_start_date: iso(new Date(Date.now() - 60 * 24 * 60 * 60 * 1000)), sentence_length_days: 120 }));
  assert.equal(sentence.status, 201, sentence.text);
  const released = await call('POST', `/api/v1/people/${person.id}/release`, 'com',
    { released_on: iso(new Date()), released_at: '09:30', prison_code: person.prison_code, tonight: 'settled', address: '4 Park Lane, Leeds' });
  assert.equal(released.status, 201, released.text);
  const contact = await call('PUT', `/api/v1/people/${person.id}/contact`, 'com', { channel: 'letter', language: 'cy' });
  assert.equal(contact.status, 201, contact.text);
  const booked = await call('POST', `/api/v1/people/${person.id}/appointments`, 'com',
    { type: 'supervision', on: daysAhead(10), starts_at: '10:00', ends_at: '11:00', office_code: 'LDS',
      notes: 'Bring the secret letter', confirm_warnings: 'true' });
  assert.equal(booked.status, 201, booked.text);
  return { person, appointment: booked.json.appointments[0] };
}

describe('an appointment as a calendar file', () => {
  test('needs a caller who may see the person, and is in the reader\'s words', async () => {
    const { person, appointment } = await personWithAppointment();
    const path = `/api/v1/appointments/${appointment.id}/calendar`;
    assert.equal((await api(server, 'GET', path)).status, 401);
    const file = await call('GET', path, 'com');
    assert.equal(file.status, 200, file.text);
    assert.match(file.headers.get('content-type'), /^text\/calendar/);
    const officer = lines(file.text);
    assert.ok(officer.includes('METHOD:PUBLISH'));
    assert.ok(officer.includes(`UID:appointment-${appointment.id}@resettle`));
    assert.ok(officer.includes(`DTSTART;TZID=Europe/London:${appointment.on.replaceAll('-', '')}T100000`));
    assert.ok(officer.includes(`SUMMARY:Supervision with ${person.given_name} ${person.family_name}`), file.text);
    assert.ok(officer.includes('BEGIN:DAYLIGHT') && officer.includes('BEGIN:STANDARD'));
    assert.doesNotMatch(file.text, /secret letter/);

    const theirs = await call('GET', `${path}?for=person`, 'com');
    assert.equal(theirs.status, 200, theirs.text);
    assert.ok(lines(theirs.text).some((line) => /^SUMMARY:Apwyntiad goruchwylio gyda/.test(line)), theirs.text);
    assert.doesNotMatch(theirs.text, /secret letter/);

    assert.equal((await call('GET', `${path}?for=someone`, 'com')).status, 422);
    assert.equal((await call('GET', '/api/v1/appointments/999999/calendar', 'com')).status, 404);
  });

  test('is linked from the appointment page and needs a session', async () => {
    const { appointment } = await personWithAppointment();
    const path = `/appointments/${appointment.id}/calendar.ics`;
    const anonymous = await fetchPath(path);
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.get('location'), '/sign-in');
    const browser = new Browser(server);
    await browser.signIn('com');
    const page = await browser.get(`/appointments/${appointment.id}`);
    assert.match(page.text, new RegExp(`href="${path}"[^>]*>Add to calendar<`));
    const file = await browser.get(path);
    assert.equal(file.status, 200);
    assert.match(file.headers.get('content-type'), /^text\/calendar/);
    assert.match(file.headers.get('content-disposition'), new RegExp(`appointment-${appointment.id}\\.ics`));
    assert.equal((await browser.get('/appointments/999999/calendar.ics')).status, 404);
  });
});

describe('a calendar feed', () => {
  test('of the diary is fetched without a session until replaced or revoked, by its own officer only', async () => {
    const { person, appointment } = await personWithAppointment();
    const made = await call('POST', '/api/v1/diary/calendar-feed', 'com');
    assert.equal(made.status, 201, made.text);
    assert.match(made.json.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(made.json.path, `/calendars/${made.json.token}.ics`);
    assert.ok(made.json.url.endsWith(made.json.path));
    assert.equal(made.json.revoked_at, null);

    const fetched = await fetchPath(made.json.path);
    assert.equal(fetched.status, 200);
    assert.match(fetched.headers.get('content-type'), /^text\/calendar/);
    assert.equal(fetched.headers.get('cache-control'), 'private, no-store');
    const text = await fetched.text();
    assert.ok(lines(text).includes(`UID:appointment-${appointment.id}@resettle`), text);
    assert.ok(lines(text).includes(`SUMMARY:Supervision with ${person.given_name} ${person.family_name}`));
    assert.ok(!lines(text).includes('METHOD:PUBLISH'));
    assert.doesNotMatch(text, /secret letter/);
    assert.equal((await call('GET', '/api/v1/diary/calendar-feed', 'com')).json.id, made.json.id);
    const digest = createHash('sha256').update(made.json.token).digest('hex').slice(0, 16);
    const log = await call('GET', `/api/v1/people/${person.id}/access-log`, 'admin');
    const read = log.json.items.find((item) => item.token === `calendar feed ${digest}`);
    assert.ok(read, `the feed's read is audited as the officer's: ${log.text}`);
    assert.equal(read.what, 'calendar feed');
    assert.ok(read.in_list);
    assert.ok(!log.text.includes(made.json.token));

    const replacement = await call('POST', '/api/v1/diary/calendar-feed', 'com');
    assert.equal(replacement.status, 201, replacement.text);
    const old = await fetchPath(made.json.path);
    assert.equal(old.status, 404, 'a new feed revokes the old');
    assert.equal(old.headers.get('cache-control'), 'private, no-store');
    const unknown = await fetchPath(`/calendars/${'A'.repeat(43)}.ics`);
    assert.equal(unknown.status, 404);
    assert.equal(await unknown.text(), await old.text(), 'unknown and revoked answer alike');
    assert.equal((await fetchPath(replacement.json.path.replace(/\.ics$/, ''))).status, 404);

    const revokePath = `/api/v1/calendar-feeds/${replacement.json.id}/revoke`;
    assert.equal((await call('POST', revokePath, 'manager')).status, 404, 'another officer\'s feed is not theirs to revoke');
    assert.equal((await fetchPath(replacement.json.path)).status, 200);
    const revoked = await call('POST', revokePath, 'com');
    assert.equal(revoked.status, 200, revoked.text);
    assert.ok(revoked.json.revoked_at);
    assert.equal(revoked.json.token, undefined);
    assert.equal((await fetchPath(replacement.json.path)).status, 404);
    assert.equal((await call('POST', revokePath, 'com')).status, 409);
    assert.equal((await call('GET', '/api/v1/diary/calendar-feed', 'com')).status, 404);
    assert.equal((await call('POST', '/api/v1/calendar-feeds/999999/revoke', 'com')).status, 404);
  });

  test('of a person is made by who may book their appointments, in their language, and journalled without its token', async () => {
    const { person, appointment } = await personWithAppointment();
    const path = `/api/v1/people/${person.id}/calendar-feed`;
    assert.equal((await call('POST', path, 'pom')).status, 403);
    assert.equal((await call('POST', '/api/v1/people/999999/calendar-feed', 'com')).status, 404);
    const made = await call('POST', path, 'com');
    assert.equal(made.status, 201, made.text);
    assert.deepEqual(made.json.owner, { person_id: person.id });
    const text = await (await fetchPath(made.json.path)).text();
    assert.ok(lines(text).includes(`UID:appointment-${appointment.id}@resettle`), text);
    assert.ok(lines(text).includes('X-WR-CALNAME:Eich apwyntiadau prawf'));
    assert.ok(lines(text).some((line) => /^SUMMARY:Apwyntiad goruchwylio gyda /.test(line)), text);
    assert.doesNotMatch(text, /secret letter/);

    assert.equal((await call('POST', `/api/v1/calendar-feeds/${made.json.id}/revoke`, 'pom')).status, 403);
    assert.equal((await call('POST', `/api/v1/calendar-feeds/${made.json.id}/revoke`, 'manager')).status, 200);
    assert.equal((await fetchPath(made.json.path)).status, 404);

    const timeline = await call('GET', `/api/v1/people/${person.id}/timeline?limit=200`, 'manager');
    const kinds = timeline.json.items.map((event) => event.kind);
    assert.ok(kinds.includes('calendar_feed.created') && kinds.includes('calendar_feed.revoked'), kinds.join());
    assert.ok(!timeline.text.includes(made.json.token), 'the token is never journalled');
  });

  test('of the diary is made, shown once and stopped from the diary page', async () => {
    const browser = new Browser(server);
    await browser.signIn('com');
    const diary = await browser.get('/diary');
    assert.match(diary.text, /Subscribe to your diary/);
    const made = await browser.post('/diary/calendar-feed', { _csrf: csrfToken(diary.text) });
    assert.equal(made.status, 200, made.text);
    assert.match(made.text, /govuk-warning-text/);
    assert.match(made.text, /Anyone with this link can see your diary/);
    const url = made.text.match(/value="(https:\/\/[^"]+\/calendars\/[A-Za-z0-9_-]{43}\.ics)"/)[1];
    const feedPath = new URL(url).pathname;
    assert.equal((await fetchPath(feedPath)).status, 200);

    const again = await browser.get('/diary');
    assert.doesNotMatch(again.text, new RegExp(feedPath), 'the address is shown only once');
    const feedId = again.text.match(/name="feed_id" value="(\d+)"/)[1];
    const stopped = await browser.post('/diary/calendar-feed/revoke', { _csrf: csrfToken(again.text), feed_id: feedId });
    assert.equal(stopped.status, 303);
    assert.equal(stopped.headers.get('location'), '/diary');
    assert.equal((await fetchPath(feedPath)).status, 404);
    assert.doesNotMatch((await browser.get('/diary')).text, /name="feed_id"/);
  });

  test('of a person is managed from their appointments page', async () => {
    const { person } = await personWithAppointment();
    const browser = new Browser(server);
    await browser.signIn('com');
    const page = await browser.get(`/people/${person.id}/appointments`);
    assert.match(page.text, /Their appointments in their calendar/);
    const made = await browser.post(`/people/${person.id}/calendar-feed`, { _csrf: csrfToken(page.text) });
    assert.equal(made.status, 200, made.text);
    const feedPath = new URL(made.text.match(/value="(https:\/\/[^"]+\.ics)"/)[1]).pathname;
    assert.equal((await fetchPath(feedPath)).status, 200);
    const again = await browser.get(`/people/${person.id}/appointments`);
    const feedId = again.text.match(/name="feed_id" value="(\d+)"/)[1];
    const stopped = await browser.post(`/people/${person.id}/calendar-feed/revoke`, { _csrf: csrfToken(again.text), feed_id: feedId });
    assert.equal(stopped.status, 303);
    assert.equal(stopped.headers.get('location'), `/people/${person.id}/appointments`);
    assert.equal((await fetchPath(feedPath)).status, 404);
  });
});
