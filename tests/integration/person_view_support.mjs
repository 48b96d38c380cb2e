// What the person's own view's integration tests share: a released person with their COM and an
// appointment, invited by mobile, and signing in with the code read from the embedded outbox.
import assert from 'node:assert/strict';

import { api, releasedPerson, sql as sqlOn, weekdayIn } from './support.mjs';

// The helpers, bound to a server started with tokens for manager, com and admin at least.
export function personViewHelpers(server) {
  const call = (method, path, token, body) => api(server, method, path, { token: server.tokens[token], body });
  const sql = (statement) => sqlOn(server.db, statement);
  let mobiles = 0;
  const newMobile = () => `07700 9${String(++mobiles).padStart(5, '0')}`;

  // The newest message of `kind` to the person, from the outbox API.
  async function latestMessage(personId, kind) {
    const messages = await call('GET', `/api/v1/people/${personId}/messages`, 'admin');
    assert.equal(messages.status, 200, messages.text);
    return messages.json.items.find((message) => message.kind === kind);
  }

  // The newest code sent to the person, from the database: staff never see codes (the outbox API masks them).
  async function latestCode(personId) {
    const message = await latestMessage(personId, 'sign_in_code');
    assert.ok(message, 'a sign-in code was queued');
    assert.doesNotMatch(message.body, /\d{6}/, 'the code is not shown to staff');
    return sql(`SELECT body FROM outbox_message WHERE id = ${message.id}`).match(/\b(\d{6})\b/)[1];
  }

  async function codesSent(personId) {
    const messages = await call('GET', `/api/v1/people/${personId}/messages`, 'admin');
    return messages.json.items.filter((message) => message.kind === 'sign_in_code').length;
  }

  // A released person with their COM allocated and an appointment booked, invited by mobile.
  async function invitedPerson({ language = 'en' } = {}) {
    const person = await releasedPerson(server);
    const base = `/api/v1/people/${person.id}`;
    const coms = await call('GET', `${base}/allocation-options?role=com`, 'manager');
    const com = coms.json.options.find((option) => option.name === 'Callum Reid') ?? coms.json.options[0];
    // Released people may have their COM already; a second allocation is then refused, which is fine here.
    await call('POST', `${base}/allocations`, 'manager', { staff_id: com.staff_id, role: 'com' });
    const contact = await call('PUT', `${base}/contact`, 'com', { channel: 'letter', language });
    assert.equal(contact.status, 201, contact.text);
    const booked = await call('POST', `${base}/appointments`, 'com',
      { type: 'supervision', on: weekdayIn(4), starts_at: '14:30', ends_at: '15:00', office_code: 'LDS', confirm_warnings: 'true' });
    assert.equal(booked.status, 201, booked.text);
    const mobile = newMobile();
    const invited = await call('POST', `${base}/invitation`, 'com', { contact: mobile });
    assert.equal(invited.status, 201, invited.text);
    return { person, mobile, com, invited: invited.json, appointmentDay: booked.json.appointments?.[0]?.on ?? weekdayIn(4) };
  }

  async function askForCode(browser, contact) {
    const page = await browser.get('/my/sign-in');
    assert.equal(page.status, 200);
    return browser.post('/my/sign-in', { contact });
  }

  async function signIn(browser, person, contact) {
    const asked = await askForCode(browser, contact);
    assert.equal(asked.status, 303, asked.text);
    const done = await browser.post('/my/sign-in/code', { code: await latestCode(person.id) });
    assert.equal(done.status, 303, done.text);
    assert.equal(done.headers.get('location'), '/my');
    return done;
  }

  return { call, sql, newMobile, latestMessage, latestCode, codesSent, invitedPerson, askForCode, signIn };
}
