// Two `resettle serve` processes on one PostgreSQL database give the answers one would (issue 26, item 2):
// a write on one is read on the other, a stale If-Match on the other is refused, a session begun on one
// works on the other, wrong passwords count on both, and with both dispatchers running each message goes
// to Notify once. Then the nightly refresh's one-runner turn, a backup taken while they serve and its
// restore, and /health.
// The demo is loaded straight into PostgreSQL. Both servers run at noon UTC tomorrow (libfaketime), so
// texts are never held back by quiet hours.
// Needs the server RESETTLE_TEST_POSTGRES names (./dev test starts one); skipped, saying so, without it.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { Browser, api, binary, cli, createPerson, csrfToken, releasedPerson, weekdayIn } from './support.mjs';

const run = promisify(execFile);
const postgres = process.env.RESETTLE_TEST_POSTGRES;
const skip = postgres ? false : 'no PostgreSQL: set RESETTLE_TEST_POSTGRES to a postgresql:// URI (./dev test sets it)';

const databaseUri = (name) => `${postgres}${postgres?.includes('?') ? '&' : '?'}dbname=${name}`;
const psql = (uri, sql) => run('psql', [uri, '--no-psqlrc', '--tuples-only', '--no-align', '--command', sql]);

// Debian's faketime package (./dev installs it for the tests), as notify.test.mjs uses it.
const libfaketime = `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/faketime/libfaketime.so.1`;
const noonTomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
noonTomorrow.setUTCHours(12, 0, 0, 0);
const atNoonTomorrow = {
  ...process.env, LD_PRELOAD: libfaketime, TZ: 'UTC', FAKETIME_DONT_FAKE_MONOTONIC: '1',
  FAKETIME: `@${noonTomorrow.toISOString().slice(0, 19).replace('T', ' ')}`,
  ASAN_OPTIONS: [process.env.ASAN_OPTIONS, 'verify_asan_link_order=0'].filter(Boolean).join(':'),
};

// `resettle serve` on the database with these options; resolves once it listens. stop() fails on a
// crash, a sanitizer finding or a handler that threw.
async function serve(db, options) {
  const child = spawn(binary, ['serve', '--db', db, '--port', '0', ...options], { env: atNoonTomorrow, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const baseUrl = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/serving on (http:\/\/[\d.]+:\d+)/);
      if (match) resolve(match[1]);
    });
    exited.then(({ code }) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return {
    baseUrl,
    async stop() {
      child.kill('SIGTERM');
      const { code, signal } = await exited;
      assert.doesNotMatch(stderr, /runtime error|ERROR: AddressSanitizer|ERROR: LeakSanitizer|handler failed/, stderr);
      assert.equal(code, 0, `serve exited with ${code ?? signal}: ${stderr}`);
    },
  };
}

// A fake of GOV.UK Notify's API that counts the messages it is given, by their reference.
function fakeNotify() {
  const references = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      references.push(JSON.parse(body).reference);
      response.writeHead(201, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ id: randomUUID(), reference: null, content: {}, template: {}, uri: '' }));
    });
  });
  return { server, references };
}

// A template id for every channel, kind and language, as serve requires (notify.test.mjs checks their use).
function everyTemplate() {
  const kinds = ['booking_reminder', 'day_before_reminder', 'morning_reminder', 'warning', 'licence_change', 'sign_in_code',
    'invitation', 'appointment_cancelled', 'appointment_moved'];
  return Object.fromEntries(['sms', 'email', 'letter'].map((channel) =>
    [channel, Object.fromEntries(kinds.map((kind) => [kind, { en: randomUUID(), cy: randomUUID() }]))]));
}

async function until(what, check, seconds = 30) {
  for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200)))
    if (await check()) return;
  assert.fail(`${what} did not happen within ${seconds} s`);
}

describe('two servers on one PostgreSQL database', { skip }, () => {
  const name = `resettle_servers_${process.pid}`;
  const db = databaseUri(name);
  const restoredName = `${name}_restored`;
  const notify = fakeNotify();
  const tokens = {};
  let folder;
  let one;
  let two;

  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'resettle-servers-'));
    await psql(postgres, `CREATE DATABASE ${name}`);
    const demo = await cli('demo', '--db', db);
    assert.equal(demo.code, 0, demo.stderr);
    for (const username of ['manager', 'com']) {
      const issued = await cli('users', 'token', '--db', db, '--username', username, '--label', 'two servers', '--scope', 'write');
      assert.equal(issued.code, 0, issued.stderr);
      tokens[username] = issued.stdout.trim();
    }

    await new Promise((resolve) => notify.server.listen(0, '127.0.0.1', resolve));
    const keyFile = path.join(folder, 'notify-key');
    await writeFile(keyFile, `resettle_test-${randomUUID()}-${randomUUID()}\n`, { mode: 0o600 });
    const templatesFile = path.join(folder, 'templates.json');
    await writeFile(templatesFile, JSON.stringify(everyTemplate()));
    // Both dispatchers every second, so they meet over the same messages; insight's figures are not
    // made ahead (the PostgreSQL store has no insight yet).
    const options = ['--send-every', '1', '--insight-every', '0', '--notify-api-key-file', keyFile, '--notify-templates',
      templatesFile, '--notify-base-url', `http://127.0.0.1:${notify.server.address().port}`];
    [one, two] = await Promise.all([serve(db, options), serve(db, options)]);
    one.tokens = tokens;
    two.tokens = tokens;
  });

  after(async () => {
    await one?.stop();
    await two?.stop();
    await new Promise((resolve) => notify.server.close(resolve));
    await psql(postgres, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await psql(postgres, `DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('a person added on one server is read on the other', async () => {
    const person = await createPerson(one, tokens.manager);
    const read = await api(two, 'GET', `/api/v1/people/${person.id}`, { token: tokens.manager });
    assert.equal(read.status, 200, read.text);
    assert.equal(read.json.family_name, person.family_name);
    assert.equal(read.headers.get('etag'), '"1"');
  });

  test('a change made on one server makes the other refuse a stale If-Match (412)', async () => {
    const person = await createPerson(one, tokens.manager);
    const patch = (server, given_name) => api(server, 'PATCH', `/api/v1/people/${person.id}`,
      { token: tokens.manager, body: { given_name }, headers: { 'If-Match': '"1"' } });
    const first = await patch(one, 'First');
    assert.equal(first.status, 200, first.text);
    const stale = await patch(two, 'Second');
    assert.equal(stale.status, 412, stale.text);
    const read = await api(two, 'GET', `/api/v1/people/${person.id}`, { token: tokens.manager });
    assert.equal(read.json.given_name, 'First');
    assert.equal(read.headers.get('etag'), '"2"');
  });

  test('two changes with the same ETag at once, one on each server: exactly one wins', async () => {
    const person = await createPerson(one, tokens.manager);
    const results = await Promise.all([one, two, one, two].map((server, index) => api(server, 'PATCH',
      `/api/v1/people/${person.id}`, { token: tokens.manager, body: { given_name: `Name${index}` }, headers: { 'If-Match': '"1"' } })));
    assert.deepEqual(results.map((result) => result.status).sort(), [200, 412, 412, 412], results.map((r) => r.text).join('\n'));
  });

  test('a session begun on one server works on the other, with its CSRF token', async () => {
    const browser = new Browser(one);
    const signedIn = await browser.signIn('com');
    assert.equal(signedIn.status, 303, signedIn.text);
    browser.server = two;
    const page = await browser.get('/caseload');
    assert.equal(page.status, 200, page.text);
    const signedOut = await browser.post('/sign-out', { _csrf: csrfToken(page.text) });
    assert.equal(signedOut.status, 303, signedOut.text);
    browser.server = one;
    assert.equal((await browser.get('/caseload')).status, 303, 'signed out on both');
  });

  test('wrong passwords on either server count together: the account then waits on both', async () => {
    // Three mistakes on one server cost no delay (sign_in_limit.test.mjs); six shared between two do.
    const browser = new Browser(one);
    let response;
    for (let attempt = 1; attempt <= 6 && response?.status !== 429; attempt += 1) {
      browser.server = attempt % 2 ? one : two;
      response = await browser.signIn('pom', `wrong-${attempt}`);
    }
    assert.equal(response.status, 429, response.text);
    for (const server of [one, two]) {
      browser.server = server;
      assert.equal((await browser.signIn('pom')).status, 429, server.baseUrl);
    }
  });

  test('with both servers dispatching, each message goes to Notify once', async () => {
    const people = [];
    for (const server of [one, two, one, two]) {
      const person = await releasedPerson(server);
      const base = `/api/v1/people/${person.id}`;
      const saved = await api(server, 'PUT', `${base}/contact`, { token: tokens.com, body: { channel: 'sms', mobile: '07700 900123' } });
      assert.equal(saved.status, 201, saved.text);
      const booked = await api(server, 'POST', `${base}/appointments`, { token: tokens.com,
        body: { type: 'supervision', on: weekdayIn(5), starts_at: '10:00', ends_at: '11:00', office_code: 'LDS', confirm_warnings: 'true' } });
      assert.equal(booked.status, 201, booked.text);
      people.push(person.id);
    }
    const reminders = async () => Promise.all(people.map(async (id) => {
      const messages = await api(one, 'GET', `/api/v1/people/${id}/messages`, { token: tokens.com });
      return messages.json.items.find((message) => message.kind === 'booking_reminder');
    }));
    await until('every reminder sent', async () => (await reminders()).every((reminder) => reminder.status === 'sent'));
    for (const reminder of await reminders()) assert.equal(reminder.attempts, 1);
    const counts = new Map();
    for (const reference of notify.references) counts.set(reference, (counts.get(reference) ?? 0) + 1);
    assert.equal(counts.size, people.length, [...counts.keys()].join(', '));
    assert.deepEqual([...counts.values()], people.map(() => 1), 'each reminder once');
  });

  test('the nightly refresh runs while no other runner holds its turn, and does nothing while one does', async () => {
    const refreshed = await cli('refresh', '--db', db);
    assert.equal(refreshed.code, 0, refreshed.stderr);
    assert.match(refreshed.stdout, /^Worked out the case dates of \d+ people/);
    // Another runner, as a session of its own holding the turn's advisory lock.
    const holder = spawn('psql', [db, '--no-psqlrc', '--tuples-only', '--no-align'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const held = new Promise((resolve) => holder.stdout.once('data', resolve));
    holder.stdin.write("SELECT 'held' FROM (SELECT pg_advisory_lock(hashtext('resettle job nightly-refresh'))) AS taken;\n");
    await held;
    const refused = await cli('refresh', '--db', db);
    holder.stdin.end();
    await new Promise((resolve) => holder.once('exit', resolve));
    assert.equal(refused.code, 0, refused.stderr);
    assert.equal(refused.stdout, 'Another refresh of this database is running: this one did nothing\n');
  });

  test('a backup taken while both serve restores with pg_restore into a database that verifies', async () => {
    const person = await createPerson(two, tokens.manager);
    const file = path.join(folder, 'resettle.dump');
    const backup = await cli('backup', '--db', db, '--to', file);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /^Backed up \d+ bytes to .*resettle\.dump \(pg_dump's custom format: restore with pg_restore\)\n$/);
    assert.ok((await stat(file)).size > 0);
    // The restore the README describes.
    await psql(postgres, `CREATE DATABASE ${restoredName}`);
    const restored = databaseUri(restoredName);
    await run('pg_restore', ['--dbname', restored, '--exit-on-error', '--single-transaction', '--no-owner', file]);
    const verified = await cli('verify', '--db', restored);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    const { stdout } = await psql(restored, `SELECT family_name FROM person WHERE id = ${person.id}`);
    assert.equal(stdout.trim(), person.family_name);
    const people = async (uri) => (await psql(uri, 'SELECT count(*) FROM person')).stdout.trim();
    assert.ok(Number(await people(restored)) <= Number(await people(db)));
  });

  test('/health names the store and its schema version, and no replication lag where there are no replicas', async () => {
    const { stdout } = await psql(db, 'SELECT max(version) FROM schema_migration');
    for (const server of [one, two]) {
      const response = await fetch(`${server.baseUrl}/health`);
      assert.equal(response.status, 200);
      const health = await response.json();
      assert.equal(health.store, 'postgresql');
      assert.equal(health.schema_version, Number(stdout.trim()));
      assert.equal(health.replication_lag_seconds, null);
      assert.equal(health.database_writable, true);
    }
  });
});
