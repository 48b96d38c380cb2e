// Sending through GOV.UK Notify: `resettle send` with a Notify API key talks to a fake of Notify's
// HTTP API on this machine, and the fake checks what it received: the path, the bearer JWT (verified
// here with the secret), the template of the message's channel, kind and language, the personalisation
// and the number. A 500 is tried again and sent once; a 400 fails for good and is not tried again.
// `resettle send` runs at a fixed time of day (libfaketime) so texts are never held back by quiet hours.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { api, binary, cli, releasedPerson, startServer, weekdayIn } from './support.mjs';

const serviceId = randomUUID();
const secret = randomUUID();
const kinds = ['booking_reminder', 'day_before_reminder', 'morning_reminder', 'warning', 'licence_change', 'sign_in_code',
  'invitation', 'appointment_cancelled', 'appointment_moved'];
const templates = {};
for (const channel of ['sms', 'email', 'letter'])
  templates[channel] = Object.fromEntries(kinds.map((kind) => [kind, { en: randomUUID(), cy: randomUUID() }]));

// Tomorrow at noon UTC (12:00 or 13:00 in the UK: outside quiet hours), after every booking below.
const noon = new Date(Date.now() + 24 * 60 * 60 * 1000);
noon.setUTCHours(12, 0, 0, 0);
const minutesAfterNoon = (minutes) => new Date(noon.getTime() + minutes * 60 * 1000);

let server;
let notify;
let dir;
let keyFile;
let templatesFile;
const received = [];
const answers = [];  // statuses to answer in turn; 201 once they run out

// Records the request and answers as Notify would: 201 with the notification's id, or the next of `answers`.
function answerLikeNotify(request, response) {
  let body = '';
  request.setEncoding('utf8').on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    received.push({ method: request.method, path: request.url, headers: request.headers, body: JSON.parse(body) });
    const status = answers.shift() ?? 201;
    const answer = status === 201 ? { id: randomUUID(), reference: null, content: {}, template: {}, uri: '' }
      : status === 400 ? { errors: [{ error: 'ValidationError', message: 'phone_number Not a UK mobile number' }], status_code: 400 }
        : { errors: [{ error: 'Exception', message: 'Internal server error' }], status_code: status };
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
  });
}

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'com', 'admin'], serveArgs: ['--send-every', '0'] });
  dir = await mkdtemp(path.join(tmpdir(), 'resettle-notify-'));
  keyFile = path.join(dir, 'notify-key');
  await writeFile(keyFile, `resettle_test-${serviceId}-${secret}\n`, { mode: 0o600 });
  templatesFile = path.join(dir, 'templates.json');
  await writeFile(templatesFile, JSON.stringify(templates));
  notify = createServer(answerLikeNotify);
  await new Promise((resolve) => notify.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await new Promise((resolve) => notify?.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
  await server?.stop();
});

const notifyArgs = (baseUrl) => ['--notify-api-key-file', keyFile, '--notify-templates', templatesFile,
  '--notify-base-url', baseUrl ?? `http://127.0.0.1:${notify.address().port}`];

// Debian's faketime package (./dev installs it for the tests).
const libfaketime = `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/faketime/libfaketime.so.1`;

// `resettle send` with the Notify options, its clock set to `at` (libfaketime; the sanitizers' runtime
// then does not come first in the library list, which is harmless here).
function sendAt(at, { baseUrl, env: extraEnv = {} } = {}) {
  const env = { ...process.env, ...extraEnv, LD_PRELOAD: libfaketime, TZ: 'UTC',
    FAKETIME: `@${at.toISOString().slice(0, 19).replace('T', ' ')}`, FAKETIME_DONT_FAKE_MONOTONIC: '1',
    ASAN_OPTIONS: [process.env.ASAN_OPTIONS, 'verify_asan_link_order=0'].filter(Boolean).join(':') };
  return new Promise((resolve) => {
    const child = spawn(binary, ['send', '--db', server.db, ...notifyArgs(baseUrl)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// A person released today who hears from us by `contact`, with an appointment booked (which queues
// the booking reminder at once). Returns the person's id and that reminder.
async function personWithReminder(contact) {
  const person = await releasedPerson(server);
  const base = `/api/v1/people/${person.id}`;
  const saved = await api(server, 'PUT', `${base}/contact`, { token: server.tokens.com, body: contact });
  assert.equal(saved.status, 201, saved.text);
  const booked = await api(server, 'POST', `${base}/appointments`, { token: server.tokens.com,
    body: { type: 'supervision', on: weekdayIn(5), starts_at: '10:00', ends_at: '11:00', office_code: 'LDS', confirm_warnings: 'true' } });
  assert.equal(booked.status, 201, booked.text);
  return { id: person.id, reminder: await reminderOf(person.id) };
}

async function reminderOf(personId) {
  const messages = await api(server, 'GET', `/api/v1/people/${personId}/messages`, { token: server.tokens.com });
  assert.equal(messages.status, 200, messages.text);
  return messages.json.items.find((message) => message.kind === 'booking_reminder');
}

const requestsTo = (field, value) => received.filter((request) => request.body[field] === value);

// The bearer token's header and claims, once its HS256 signature is checked with the secret.
function verifiedClaims(authorization) {
  const [scheme, token] = authorization.split(' ');
  assert.equal(scheme, 'Bearer');
  const [header, claims, signature] = token.split('.');
  assert.equal(signature, createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url'), 'signed with the secret');
  assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url')), { typ: 'JWT', alg: 'HS256' });
  return JSON.parse(Buffer.from(claims, 'base64url'));
}

describe('sending through GOV.UK Notify', () => {
  test('texts and emails go to their templates with a JWT signed by the key', async () => {
    const welsh = await personWithReminder({ channel: 'sms', language: 'cy', mobile: '07700 900123' });
    const english = await personWithReminder({ channel: 'email', email: 'sam.notify@example.com' });
    assert.equal(welsh.reminder.status, 'queued');

    const sent = await sendAt(noon);
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(sent.stdout, /^Sent 2, retrying 0, failed 0/);

    const [text] = requestsTo('phone_number', '+447700900123');
    assert.equal(text.method, 'POST');
    assert.equal(text.path, '/v2/notifications/sms');
    assert.match(text.headers['content-type'], /^application\/json/);
    const claims = verifiedClaims(text.headers.authorization);
    assert.equal(claims.iss, serviceId);
    assert.ok(Math.abs(claims.iat - noon.getTime() / 1000) < 60, `iat ${claims.iat} is the time of sending`);
    assert.equal(text.body.template_id, templates.sms.booking_reminder.cy);
    assert.deepEqual(text.body.personalisation, { body: welsh.reminder.body });
    assert.match(text.body.personalisation.body, /^Helo Testa\. Mae gennych apwyntiad/, 'in Welsh');
    assert.match(text.body.reference, /^appointment:\d+:(v\d+:)?booking_reminder$/);

    const [email] = requestsTo('email_address', 'sam.notify@example.com');
    assert.equal(email.path, '/v2/notifications/email');
    assert.equal(verifiedClaims(email.headers.authorization).iss, serviceId);
    assert.equal(email.body.template_id, templates.email.booking_reminder.en);
    assert.deepEqual(email.body.personalisation, { body: english.reminder.body });

    for (const person of [welsh, english]) {
      const reminder = await reminderOf(person.id);
      assert.equal(reminder.status, 'sent');
      assert.equal(reminder.attempts, 1);
    }
  });

  test('a server error is tried again after the backoff and sent once', async () => {
    const person = await personWithReminder({ channel: 'sms', mobile: '07700 900456' });
    answers.push(500);
    const first = await sendAt(minutesAfterNoon(5));
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Sent 0, retrying 1, failed 0/);
    const waiting = await reminderOf(person.id);
    assert.equal(waiting.status, 'queued');
    assert.equal(waiting.attempts, 1);
    assert.match(waiting.last_error, /GOV.UK Notify answered 500/);

    const second = await sendAt(minutesAfterNoon(6));
    assert.match(second.stdout, /^Sent 1, retrying 0/);
    const sent = await reminderOf(person.id);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 2);
    const third = await sendAt(minutesAfterNoon(10));
    assert.match(third.stdout, /^Sent 0, retrying 0/);
    const requests = requestsTo('phone_number', '+447700900456');
    assert.equal(requests.length, 2, 'the failed try and the one that was taken');
    assert.equal(requests[0].body.template_id, templates.sms.booking_reminder.en);
  });

  test('a refused message fails for good at once, tells the officer, and is not tried again', async () => {
    const person = await personWithReminder({ channel: 'sms', mobile: '07700 900789' });
    answers.push(400);
    const first = await sendAt(minutesAfterNoon(15));
    assert.match(first.stdout, /^Sent 0, retrying 0, failed 1/);
    const failed = await reminderOf(person.id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.attempts, 1);
    assert.equal(failed.last_error, 'GOV.UK Notify answered 400: ValidationError: phone_number Not a UK mobile number');
    const timeline = await api(server, 'GET', `/api/v1/people/${person.id}/timeline?limit=200`, { token: server.tokens.manager });
    assert.ok(timeline.json.items.some((event) => event.kind === 'message.failed'));

    await sendAt(minutesAfterNoon(30));
    assert.equal(requestsTo('phone_number', '+447700900789').length, 1);
  });

  test('a letter fails for good, naming the missing address, and the officer is told', async () => {
    const person = await personWithReminder({ channel: 'letter' });
    const sent = await sendAt(minutesAfterNoon(35));
    assert.match(sent.stdout, /^Sent 0, retrying 0, failed 1/, sent.stderr);
    const letter = await reminderOf(person.id);
    assert.equal(letter.status, 'failed');
    assert.match(letter.last_error, /no postal address is recorded/);
    assert.equal(received.filter((request) => request.path === '/v2/notifications/letter').length, 0);
    const timeline = await api(server, 'GET', `/api/v1/people/${person.id}/timeline?limit=200`, { token: server.tokens.manager });
    assert.ok(timeline.json.items.some((event) => event.kind === 'message.failed'));
  });

  test('over https the certificate must be trusted and name the host', async () => {
    const keyPem = path.join(dir, 'tls-key.pem');
    const certPem = path.join(dir, 'tls-cert.pem');
    await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost', '-days', '3', '-keyout', keyPem, '-out', certPem]);
    const tls = createTlsServer({ key: await readFile(keyPem), cert: await readFile(certPem) }, answerLikeNotify);
    await new Promise((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const person = await personWithReminder({ channel: 'sms', mobile: '07700 900321' });
      const port = tls.address().port;
      const untrusted = await sendAt(minutesAfterNoon(40), { baseUrl: `https://localhost:${port}` });
      assert.match(untrusted.stdout, /^Sent 0, retrying 1/, untrusted.stderr);
      assert.match((await reminderOf(person.id)).last_error, /certificate verify failed/);
      const wrongName = await sendAt(minutesAfterNoon(41), { baseUrl: `https://127.0.0.1:${port}`, env: { SSL_CERT_FILE: certPem } });
      assert.match(wrongName.stdout, /^Sent 0, retrying 1/, wrongName.stderr);
      assert.match((await reminderOf(person.id)).last_error, /certificate verify failed/);
      assert.equal(requestsTo('phone_number', '+447700900321').length, 0, 'nothing sent to a server not proven to be Notify');
      const trusted = await sendAt(minutesAfterNoon(43), { baseUrl: `https://localhost:${port}`, env: { SSL_CERT_FILE: certPem } });
      assert.match(trusted.stdout, /^Sent 1, retrying 0/, trusted.stderr);
      assert.equal(requestsTo('phone_number', '+447700900321').length, 1);
      assert.equal((await reminderOf(person.id)).status, 'sent');
    } finally {
      await new Promise((resolve) => tls.close(resolve));
    }
  });

  test('a bad key or templates file stops send and serve before anything goes', async () => {
    const incomplete = structuredClone(templates);
    delete incomplete.sms.warning.cy;
    const incompleteFile = path.join(dir, 'incomplete.json');
    await writeFile(incompleteFile, JSON.stringify(incomplete));
    for (const command of ['send', 'serve']) {
      const refused = await cli(command, '--db', server.db, '--notify-api-key-file', keyFile,
        '--notify-templates', incompleteFile);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /sms\.warning\.cy: is missing/);
    }
    const badKeyFile = path.join(dir, 'bad-key');
    await writeFile(badKeyFile, `resettle_test-${serviceId}`);
    const badKey = await cli('send', '--db', server.db, '--notify-api-key-file', badKeyFile, '--notify-templates', templatesFile);
    assert.equal(badKey.code, 1);
    assert.match(badKey.stderr, /notify_api_key: is not a GOV.UK Notify API key/);
    assert.doesNotMatch(badKey.stderr, new RegExp(serviceId));
    const plainHttp = await cli('send', '--db', server.db, '--notify-api-key-file', keyFile, '--notify-templates', templatesFile,
      '--notify-base-url', 'http://api.notifications.service.gov.uk');
    assert.equal(plainHttp.code, 1);
    assert.match(plainHttp.stderr, /only https/);
    const noKey = await cli('send', '--db', server.db, '--notify-templates', templatesFile);
    assert.equal(noKey.code, 1);
    assert.match(noKey.stderr, /need a GOV.UK Notify API key/);
  });
});
