// Seeded random requests against a running server, and random lines through `resettle dates`:
// whatever comes in, no 5xx, no crash, and well-formed answers (JSON that parses, problem+json for
// every API error, one answer per dates line). The seed is printed; replay a failure with
// FUZZ_SEED=<seed> (and FUZZ_CASES=<n> to run more or fewer cases).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { Browser, binary, csrfToken, startServer } from './support.mjs';

const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const httpCases = Number(process.env.FUZZ_CASES ?? 2500);
const datesLines = Number(process.env.FUZZ_CASES ?? 2500);
const timeBudgetMs = 50_000;  // a slow host runs fewer cases rather than holding up the suite
console.log(`fuzz seed ${seed} (replay: FUZZ_SEED=${seed})`);

// mulberry32: small, fast and the same on every machine.
function generator(start) {
  let state = start >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

// Text a hostile or careless client sends: control and direction characters, out-of-range dates and
// numbers, markup, SQL, header injection, very long values.
const hostileText = [
  '', ' ', 'Ann', 'Ann\u0000Smith', 'Ann\u202Enoops', '\u2066x\u2069', '\u200Fname', 'A\u0007B', 'Zoë Ó Briain',
  '😀', 'e\u0301', 'x'.repeat(5000), '<script>alert(1)</script>', "' OR 1=1 --", 'Robert"); DROP TABLE person;--',
  '\r\nSet-Cookie: stolen=1', '../../etc/passwd', '%00', '%FF', '1900-01-01', '1899-12-31', '2200-12-31', '2201-01-01',
  '0000-01-01', '2024-02-30', '2024-13-01', '99999-01-01', '2026-1-1', '-1', '0', '1', '2147483648',
  '9223372036854775808', '-9223372036854775809', '1e308', 'NaN', 'Infinity', 'true', 'false', 'null', 'A1234BC',
  'X123456', 'LEI', 'LDS', 'in_custody', 'determinate', 'pom', 'com', 'high', 'accommodation',
];
const hostileJson = [null, true, false, 0, -1, 1, 1.5, 1e308, -0, 2 ** 53 + 1, 9223372036854775807, [], [1, 'a'], {}, { a: { b: [null] } }];

function randomText(rng) {
  if (rng.chance(0.1)) return String(rng.int(100));
  if (rng.chance(0.1)) return String.fromCodePoint(...Array.from({ length: 1 + rng.int(12) }, () => rng.int(0x3000)));
  return rng.pick(hostileText);
}

// A path segment for {param}: plausible ids, other people's ids, junk and raw bytes.
function randomSegment(rng, name) {
  if (name === '*') return rng.pick(['govuk/all.css', 'app.js', '../../../etc/passwd', 'x%00.css', '%2e%2e/secret']);
  return rng.pick([
    () => String(1 + rng.int(60)), () => String(1 + rng.int(60)), () => String(1000 + rng.int(10 ** 6)),
    () => '0', () => '-1', () => '9'.repeat(25), () => 'abc', () => '1e3', () => '%00', () => '%FF%FE',
    () => '%E2%80%AE1', () => 'new', () => encodeURIComponent(randomText(rng)), () => 'x'.repeat(3000),
    () => rng.pick(['accommodation', 'handover', 'licence', 'release', 'unit', 'hsds-1', 'LEI']),
  ])();
}

function randomQuery(rng, fields) {
  const parts = [];
  for (let i = rng.int(4); i > 0; i -= 1) {
    const name = rng.pick([...fields, 'cursor', 'limit', 'view', 'q', 'page', 'list', 'tab', 'sort']);
    const value = rng.chance(0.1) ? '%FF%00' : encodeURIComponent(randomText(rng));
    parts.push(`${encodeURIComponent(name)}=${value}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function randomObject(rng, fields) {
  const object = {};
  for (let i = rng.int(8); i > 0; i -= 1)
    object[rng.chance(0.9) ? rng.pick(fields) : randomText(rng)] = rng.chance(0.7) ? randomText(rng) : rng.pick(hostileJson);
  return object;
}

// One request: which route it aimed at, and everything needed to send it again.
function randomRequest(rng, routes, fields, who) {
  const [routeMethod, pattern] = rng.pick(routes);
  const method = rng.chance(0.85) ? routeMethod : rng.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'FOO']);
  let path = pattern.replace(/\{([^}]+)\}|\*$/g, (match, name) => randomSegment(rng, name ?? '*'));
  if (rng.chance(0.05)) path += rng.pick(['/', '//', '/extra', '%00', '/..']);
  const target = path + randomQuery(rng, fields);
  const isApi = pattern.startsWith('/api/');
  const headers = {};
  const caller = rng.pick(who);
  if (isApi || rng.chance(0.2)) {
    const token = caller.token;
    headers.Authorization = rng.pick([
      `Bearer ${token}`, `bearer ${token}`, `BEARER ${token}`, `Bearer ${token}`, 'Bearer', `Basic ${token}`,
      `Bearer ${token}x`, 'Bearer \u00ff', '',
    ]);
    if (!headers.Authorization) delete headers.Authorization;
  } else if (rng.chance(0.9)) {
    headers.Cookie = caller.cookie;
  }
  if (rng.chance(0.4))
    headers['If-Match'] = rng.pick(['"1"', '"2"', '"1"junk', '"1abc"', 'W/"1"', '*', '"-1"', '"99999999999999999999"', '"1", "2"', '""', 'x']);
  let body;
  if (!['GET', 'HEAD'].includes(method) && rng.chance(0.9)) {
    const kind = rng.pick(['json', 'json', 'form', 'form', 'bytes', 'text']);
    const object = randomObject(rng, fields);
    if (kind === 'json') {
      headers['Content-Type'] = 'application/json';
      body = rng.chance(0.9) ? JSON.stringify(rng.chance(0.9) ? object : rng.pick(hostileJson)) : '{"given_name": "Ann",';
    } else if (kind === 'form') {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      const form = new URLSearchParams();
      if (rng.chance(0.9)) form.append('_csrf', caller.csrf);
      for (const [name, value] of Object.entries(object)) form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
      body = form.toString();
      if (rng.chance(0.1)) body += '&given_name=%FF%FE&family_name=%00';
    } else if (kind === 'bytes') {
      headers['Content-Type'] = rng.pick(['application/json', 'application/x-www-form-urlencoded', 'application/octet-stream']);
      body = Buffer.from(Array.from({ length: rng.int(300) }, () => rng.int(256)));
    } else {
      headers['Content-Type'] = rng.pick(['text/plain', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x']);
      body = randomText(rng);
    }
  }
  return { method, target, headers, body, isApi };
}

// What is wrong with an answer, or null when it is well formed.
function problemWith(request, response, text) {
  if (response.status >= 500) return `status ${response.status}`;
  const type = response.headers.get('content-type') ?? '';
  if (request.method === 'HEAD') return null;
  if (/json/.test(type)) {
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      return `${type} that does not parse: ${text.slice(0, 120)}`;
    }
    if (/problem\+json/.test(type) && (json.status !== response.status || typeof json.title !== 'string'))
      return `problem+json without a matching status and a title: ${text.slice(0, 200)}`;
  }
  // The server core refuses a request it cannot read (a target that does not decode, headers too
  // large) before any route sees it, so it cannot know the API's error format: plain text, narrowly.
  const unreadable = { 400: 'Bad Request', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' };
  if (request.isApi && response.status >= 400 && !/^application\/problem\+json/.test(type) &&
      !(unreadable[response.status] === text && /^text\/plain/.test(type)))
    return `an API error as ${type || 'no content type'}: ${text.slice(0, 120)}`;
  if (/text\/html/.test(type) && !/^<!DOCTYPE html>/i.test(text.trimStart())) return 'HTML without a doctype';
  return null;
}

describe('fuzzing', () => {
  let server;
  let routes;
  let fields;
  const who = [];

  before(async () => {
    server = await startServer({ tokensFor: ['admin', 'com', 'pom', 'partner', 'manager'] });
    // Signing out would end the sessions the cases use (and cannot go wrong in an interesting way).
    routes = (await promisify(execFile)(binary, ['routes'])).stdout.trim().split('\n').map((line) => line.split(' '))
      .filter(([, pattern]) => pattern !== '/sign-out');
    assert.ok(routes.length > 20, 'the route table lists the application');
    // Field names: every property the API describes, so bodies and queries reach the field readers.
    const openapi = await (await fetch(`${server.baseUrl}/api/v1/openapi.json`)).json();
    const names = new Set();
    JSON.stringify(openapi, (key, value) => {
      if (key === 'properties' && value && typeof value === 'object') for (const name of Object.keys(value)) names.add(name);
      return value;
    });
    fields = [...names];
    for (const username of ['admin', 'com', 'pom', 'partner', 'manager']) {
      const browser = new Browser(server);
      await browser.signIn(username);
      let csrf = 'no-form';  // a partner may have no form to take the token from
      for (const target of ['/people/new', '/caseload', '/referrals']) {
        const page = await browser.get(target);
        if (page.text.includes('name="_csrf"')) {
          csrf = csrfToken(page.text);
          break;
        }
      }
      who.push({ token: server.tokens[username], cookie: browser.cookieHeader(), csrf });
    }
  });
  after(async () => {
    await server?.stop();
  });

  test('random requests: no 5xx and well-formed answers', async (t) => {
    const rng = generator(seed);
    const requests = Array.from({ length: httpCases }, () => randomRequest(rng, routes, fields, who));
    const failures = [];
    const started = Date.now();
    let sent = 0;
    const worker = async () => {
      while (sent < requests.length && Date.now() - started < timeBudgetMs) {
        const index = sent++;
        const request = requests[index];
        let outcome;
        try {
          const response = await fetch(server.baseUrl + request.target, {
            method: request.method, headers: request.headers, body: request.body, redirect: 'manual',
          });
          outcome = problemWith(request, response, await response.text());
        } catch (failure) {
          outcome = `no answer: ${failure.cause?.code ?? failure.message}`;
        }
        if (outcome) failures.push(`case ${index}: ${request.method} ${request.target.slice(0, 200)} ` +
          `${JSON.stringify(request.headers).slice(0, 200)} body ${String(request.body ?? '').slice(0, 200)}\n  -> ${outcome}`);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    t.diagnostic(`seed ${seed}: ${sent} of ${requests.length} requests in ${Date.now() - started} ms`);
    assert.ok(sent >= Math.min(requests.length, 500), `only ${sent} requests ran in the time allowed`);
    assert.deepEqual(failures.slice(0, 20), [], `seed ${seed}`);
    assert.equal((await fetch(`${server.baseUrl}/health`)).status, 200, 'still serving');
  });

  test('random `resettle dates` lines: every line answered with JSON', async (t) => {
    const rng = generator(seed ^ 0x5eed);
    const base = {
      today: '2026-11-23', date_of_birth: '1990-01-01', sentence_type: 'determinate',
      sentence_start_date: '2026-01-10', sentence_length_days: 730,
    };
    const dateFields = ['today', 'date_of_birth', 'sentence_start_date', 'target_hearing_date', 'open_prison_arrival_date',
      'conditional_release_date', 'licence_expiry_date', 'sentence_expiry_date', 'parole_eligibility_date', 'tariff_date'];
    const otherFields = ['legal_status', 'sentence_type', 'release_scheme', 'sentence_length_days', 'extension_days',
      'remand_days', 'tagged_bail_days', 'recall', 'early_allocation', 'mappa_level', 'tier', 'manual_responsibility',
      'last_parole_outcome_release', 'unknown_field'];
    const randomDate = () => `${1850 + rng.int(400)}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(31)).padStart(2, '0')}`;
    const lines = [];
    for (let i = 0; i < datesLines; i += 1) {
      if (rng.chance(0.05)) {  // not JSON at all: raw bytes, never a line break
        lines.push(Buffer.from(Array.from({ length: 1 + rng.int(80) }, () => { const b = rng.int(256); return b === 10 ? 32 : b; })));
        continue;
      }
      const line = { ...base };
      for (let k = rng.int(6); k > 0; k -= 1) {
        const field = rng.chance(0.5) ? rng.pick(dateFields) : rng.pick(otherFields);
        line[field] = rng.chance(0.5) && dateFields.includes(field) ? randomDate()
          : rng.chance(0.6) ? randomText(rng) : rng.pick(hostileJson);
        if (rng.chance(0.1)) delete line[rng.pick(Object.keys(line))];
      }
      lines.push(Buffer.from(rng.chance(0.02) ? JSON.stringify([line]) : JSON.stringify(line)));
    }
    const input = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
    const child = spawn(binary, ['dates'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
    child.stdin.end(input);
    const code = await exited;
    assert.ok(code === 0 || code === 1, `resettle dates exited with ${code}: ${stderr.slice(0, 2000)}`);
    assert.doesNotMatch(stderr, /runtime error|AddressSanitizer|LeakSanitizer/);
    // A line of only blanks gets no answer; every other line gets one, in order.
    const expected = lines.flatMap((line, index) => (/^[ \t\r]*$/.test(line.toString('latin1')) ? [] : [index + 1]));
    const answers = stdout.trimEnd().split('\n');
    assert.equal(answers.length, expected.length, 'one answer per line');
    answers.forEach((text, index) => {
      const answer = JSON.parse(text);
      assert.equal(answer.line, expected[index], `seed ${seed}: answer ${index} is for line ${expected[index]}`);
      if (answer.errors) {
        assert.ok(answer.errors.length > 0 && answer.errors.every((e) => typeof e.field === 'string' && typeof e.message === 'string'),
          `seed ${seed}, line ${answer.line}: ${text}`);
      } else {
        assert.equal(typeof answer.responsibility, 'string', `seed ${seed}, line ${answer.line}: ${text}`);
      }
    });
    t.diagnostic(`seed ${seed}: ${lines.length} lines, ${answers.filter((a) => a.includes('"errors"')).length} refused`);
  });
});
