// Runs the real `resettle` binary against a fresh demo database and talks to it over HTTP.
// One server per test file: `const server = await startServer(); after(() => server.stop());`
// The store is SQLite (a file in a temporary folder) unless RESETTLE_TEST_STORE=postgresql, when each
// database is a fresh one on the PostgreSQL server RESETTLE_TEST_POSTGRES names (./dev test runs the
// files both ways).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { freshCode } from './totp.mjs';

const run = promisify(execFile);

export const binary = path.resolve(process.env.RESETTLE_BIN ?? 'build/test/resettle');
export const demoPassword = 'resettle-demo-password';
export const demoUsers = ['keyworker', 'pom', 'com', 'prerelease', 'manager', 'partner', 'admin'];

// "sqlite" or "postgresql": the store every database these tests make is in.
export const testStore = process.env.RESETTLE_TEST_STORE ?? 'sqlite';
if (!['sqlite', 'postgresql'].includes(testStore)) throw new Error(`RESETTLE_TEST_STORE must be sqlite or postgresql, not ${testStore}`);
const postgresServer = process.env.RESETTLE_TEST_POSTGRES;
if (testStore === 'postgresql' && !postgresServer)
  throw new Error('RESETTLE_TEST_STORE=postgresql needs RESETTLE_TEST_POSTGRES, a postgresql:// URI of a server to make databases on');

// For `test(name, { skip: onlyOnSqlite('why') }, ...)`: a test that cannot run on PostgreSQL, and why.
export function onlyOnSqlite(reason) {
  return testStore === 'postgresql' ? `SQLite only: ${reason}` : false;
}

const psqlArgs = ['--no-psqlrc', '--quiet', '--tuples-only', '--no-align', '--set', 'ON_ERROR_STOP=1', '--command'];
let databasesMade = 0;

// A new, empty database in the store under test: `db` is what --db takes. drop() removes it (an SQLite
// file with everything beside it; a PostgreSQL database even while something is still connected).
export async function freshDatabase() {
  if (testStore === 'sqlite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'resettle-it-'));
    return { db: path.join(dir, 'resettle.db'), drop: () => rm(dir, { recursive: true, force: true }) };
  }
  databasesMade += 1;
  const name = `resettle_it_${process.pid}_${databasesMade}`;
  await run('psql', [postgresServer, ...psqlArgs, `CREATE DATABASE ${name}`]);
  const db = `${postgresServer}${postgresServer.includes('?') ? '&' : '?'}dbname=${name}`;
  return { db, drop: () => run('psql', [postgresServer, ...psqlArgs, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]) };
}

// Runs SQL (the same in both dialects) on the database `db` names, with sqlite3 or psql, and returns
// what it prints: a row a line, columns between '|'. Throws with the database's message on an error.
export function sql(db, statement) {
  const [command, args] = testStore === 'sqlite' ? ['sqlite3', [db, statement]] : ['psql', [db, ...psqlArgs, statement]];
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// What sanitizers print when they find memory errors, leaks or undefined behaviour.
const sanitizerFindings = [/runtime error/, /ERROR: AddressSanitizer/, /ERROR: LeakSanitizer/];
const handlerFailure = /handler failed/;  // the server's note when a handler threw: a 500

function sanitizerFinding(text) {
  return sanitizerFindings.find((pattern) => pattern.test(text));
}

async function resettle(...args) {
  let result;
  try {
    result = await run(binary, args, { timeout: 120_000 });
  } catch (failure) {
    throw new Error(`resettle ${args.join(' ')} failed (${failure.code}):\n${failure.stdout}\n${failure.stderr}`);
  }
  const finding = sanitizerFinding(result.stderr);
  if (finding) throw new Error(`resettle ${args.join(' ')} printed ${finding}:\n${result.stderr}`);
  return result.stdout;
}

// The first line matching `pattern` that the child prints on stdout, or a failure if it exits first.
function waitForLine(child, pattern, stderr) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk) => {
      seen += chunk;
      const match = seen.match(pattern);
      if (match) {
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        resolve(match);
      }
    };
    const onExit = (code, signal) =>
      reject(new Error(`resettle serve exited (${code ?? signal}) before it was ready:\n${seen}\n${stderr()}`));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

async function waitForHealth(baseUrl) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${baseUrl}/health did not answer 200 within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Migrates and loads the demo into a temporary database, issues a bearer token for each of
// `tokensFor`, and serves it on a free port, with `serveArgs` added to `resettle serve`.
// `launcher` runs the server under another command (e.g. prlimit), given as its words before the binary.
export async function startServer({ tokensFor = demoUsers, serveArgs = [], launcher = [] } = {}) {
  const database = await freshDatabase();
  const { db } = database;
  await resettle('migrate', '--db', db);
  const demoOutput = await resettle('demo', '--db', db);
  const tokens = {};
  for (const username of tokensFor)
    tokens[username] = (
      await resettle('users', 'token', '--db', db, '--username', username, '--label', 'integration tests', '--scope', 'write')
    ).trim();

  const [command, ...args] = [...launcher, binary, 'serve', '--db', db, '--port', '0', ...serveArgs];
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const [, baseUrl] = await waitForLine(child, /Resettle is serving on (http:\/\/[\d.]+:\d+)/, () => stderr);
  await waitForHealth(baseUrl);

  return {
    baseUrl,
    db,
    pid: child.pid,
    tokens,
    demoOutput,
    stderr: () => stderr,
    // Stops the server; throws (failing the run) if it crashed, exited non-zero, reported a
    // sanitizer finding or a handler that threw.
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const { code, signal } = await exited;
      clearTimeout(timer);
      await database.drop();
      const finding = sanitizerFinding(stderr);
      if (finding) throw new Error(`resettle serve printed ${finding}:\n${stderr}`);
      if (code !== 0) throw new Error(`resettle serve exited with ${code ?? signal}:\n${stderr}`);
      if (handlerFailure.test(stderr)) throw new Error(`a request handler failed (500):\n${stderr}`);
    },
  };
}

// Serves an existing database on a free port; resolves once it listens. stop() ends it with SIGTERM
// and fails on a sanitizer finding; `child` is the process, for tests that kill it themselves.
export async function serveDatabase(db, ...options) {
  const child = spawn(binary, ['serve', '--db', db, '--port', '0', ...options], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const baseUrl = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/serving on (http:\/\/[\d.]+:\d+)/);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return {
    baseUrl,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
      const finding = sanitizerFinding(stderr);
      if (finding) throw new Error(`resettle serve printed ${finding}:\n${stderr}`);
    },
  };
}

// A JSON API call. `token` is a bearer token; `body` is sent as JSON unless it is already a string.
export async function api(server, method, target, { token, body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, redirect: 'manual' };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(server.baseUrl + target, init);
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

const rememberedDevices = new Map();  // "baseUrl username" -> known-device cookie

// A browser: keeps cookies, never follows redirects, sends forms.
export class Browser {
  constructor(server) {
    this.server = server;
    this.cookies = new Map();
  }

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(method, target, { form, headers = {}, body } = {}) {
    const init = { method, headers: { ...headers }, redirect: 'manual' };
    if (this.cookies.size) init.headers.Cookie = this.cookieHeader();
    if (form) {
      init.headers['Content-Type'] = 'application/x-www-form-urlencoded';
      init.body = new URLSearchParams(form).toString();
    } else if (body !== undefined) {
      init.body = body;
    }
    const response = await fetch(this.server.baseUrl + target, init);
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, headers: response.headers, setCookies, text: await response.text() };
  }

  get(target, options) {
    return this.request('GET', target, options);
  }

  post(target, form, options = {}) {
    return this.request('POST', target, { ...options, form });
  }

  // Signs in through the form, giving a code (from the demo key) when the account asks for one and
  // asking this browser to be remembered; returns the last POST's response. A browser remembered for
  // the account on this server (by any Browser of this test file) skips the code, as a person's would.
  async signIn(username, password = demoPassword) {
    const remembered = rememberedDevices.get(`${this.server.baseUrl} ${username}`);
    if (remembered && !this.cookies.has('resettle_device')) this.cookies.set('resettle_device', remembered);
    const page = await this.get('/sign-in');
    const response = await this.post('/sign-in', { _csrf: csrfToken(page.text), username, password });
    if (response.headers.get('location') !== '/sign-in/code') return response;
    return this.giveCode(username);
  }

  // The code step of a sign-in, with a fresh code for the demo key.
  async giveCode(username, { remember = true } = {}) {
    const form = await this.get('/sign-in/code');
    const fields = { _csrf: csrfToken(form.text), code: await freshCode(`${this.server.baseUrl} ${username}`) };
    if (remember) fields.remember_device = 'yes';
    const done = await this.post('/sign-in/code', fields);
    if (done.status === 303 && remember)
      rememberedDevices.set(`${this.server.baseUrl} ${username}`, this.cookies.get('resettle_device'));
    return done;
  }
}

// The hidden CSRF token of the first form on a page.
export function csrfToken(html) {
  const match = html.match(/<input type="hidden" name="_csrf" value="([^"]*)">/);
  if (!match) throw new Error('the page has no _csrf field');
  return match[1];
}

// Unique identifiers per test run, outside the demo's ranges.
let sequence = 0;
export function uniquePerson(overrides = {}) {
  sequence += 1;
  return {
    given_name: 'Testa',
    family_name: `Subject${String.fromCharCode(97 + (sequence % 26))}${sequence}`,
    date_of_birth: '1990-05-17',
    prison_number: `T${String(sequence).padStart(4, '0')}ZZ`,
    crn: `T${String(sequence).padStart(6, '0')}`,
    gender: 'female',
    prison_code: 'LEI',
    pdu_code: 'LDS',
    stage: 'in_custody',
    ...overrides,
  };
}

export function determinateSentence(overrides = {}) {
  return {
    sentence_type: 'determinate',
    sentence_start_date: '2024-03-01',
    sentence_length_days: 730,
    release_scheme: 'standard',
    offence: 'Burglary',
    ...overrides,
  };
}

// Creates a person through the API and returns the response body.
export async function createPerson(server, token, overrides = {}) {
  const response = await api(server, 'POST', '/api/v1/people', { token, body: uniquePerson(overrides) });
  if (response.status !== 201) throw new Error(`creating a person gave ${response.status}: ${response.text}`);
  return response.json;
}

const isoDate = (date) => date.toISOString().slice(0, 10);

// A person in Leeds (the demo COM's PDU) released today, created by the manager and released by the COM.
export async function releasedPerson(server) {
  const person = await createPerson(server, server.tokens.manager);
  const start = isoDate(new Date(Date.now() - 60 * 24 * 60 * 60 * 1000));
  const sentence = await api(server, 'POST', `/api/v1/people/${person.id}/sentences`,
    { token: server.tokens.manager, body: determinateSentence({ sentence_start_date: start, sentence_length_days: 120 }) });
  if (sentence.status !== 201) throw new Error(`recording a sentence gave ${sentence.status}: ${sentence.text}`);
  const released = await api(server, 'POST', `/api/v1/people/${person.id}/release`, { token: server.tokens.com,
    body: { released_on: isoDate(new Date()), released_at: '09:30', prison_code: person.prison_code, tonight: 'settled', address: '4 Park Lane, Leeds' } });
  if (released.status !== 201) throw new Error(`releasing gave ${released.status}: ${released.text}`);
  return person;
}

// A weekday at least `days` ahead that is not a weekend (bank holidays are left to the warnings), as YYYY-MM-DD.
export function weekdayIn(days) {
  const date = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  while ([0, 6].includes(date.getUTCDay())) date.setUTCDate(date.getUTCDate() + 1);
  return isoDate(date);
}

// Runs the CLI with `input` on standard input (a password for `users add`), returning its exit code and output.
export function cliWithInput(input, ...args) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

// Runs the CLI, returning its exit code and output even when it fails.
export async function cli(...args) {
  try {
    const { stdout, stderr } = await run(binary, args, { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (failure) {
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF between records.
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; } else if (c === '\r') continue;
    else if (c === '\n') { record.push(field); records.push(record); record = []; field = ''; } else field += c;
  }
  if (field !== '' || record.length) { record.push(field); records.push(record); }
  return records;
}
