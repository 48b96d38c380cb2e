// Fetches a fixed set of pages and API answers as each demo user, for checking that a change which
// should not change behaviour (a move, a refactoring) leaves every answer byte for byte the same.
//
// usage: node bench/page_snapshots.mjs RESETTLE_BINARY DATABASE OUT_DIR
//        diff -r OUT_DIR_BEFORE OUT_DIR_AFTER
// DATABASE (a demo database: `resettle demo`) is copied first, since reading a record journals the
// read; run both sides on the same database and day. Each answer is written as its status, content
// type and body, with CSRF tokens, bearer tokens and times of day masked. The set: every list page,
// each person page and form for the first people, referrals, transfers, staff pages, pages that
// are not found or not allowed, forms sent with bad input (the error summary) and API reads and
// bad writes (problem+json).
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freshCode } from '../tests/integration/totp.mjs';

const [binary, database, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node bench/page_snapshots.mjs RESETTLE_BINARY DATABASE OUT_DIR');
  process.exit(2);
}
const users = ['keyworker', 'pom', 'com', 'prerelease', 'manager', 'partner', 'admin'];
const people = [1, 2, 3, 4, 5, 6, 7, 8];

const personPages = [
  '', '/timeline', '/edit', '/sentences/new', '/needs', '/needs/new', '/plan', '/plan/objectives/new',
  '/plan/reviews/new', '/plan/agreement/new', '/checklist', '/outcomes', '/outcomes/new', '/referrals',
  '/referrals/new', '/transfers', '/transfers/new', '/handover-meetings/new', '/handover-meeting', '/risk',
  '/allocate', '/limited-access', '/licence', '/day-of-release',
];
const pages = [
  '/', '/caseload', '/caseload?view=unit', '/worklists', '/worklists/releases', '/worklists/without-com',
  '/worklists/overdue-handovers', '/manage', '/manage/com-due', '/manage/without-com',
  '/manage/overdue-handovers', '/manage/workload', '/manage/continuity', '/transfers', '/transfers/1',
  '/transfers/2', '/find-support', '/find-support?q=housing', '/find-support/svc-aire-move-on',
  '/find-support/svc-aire-move-on?person=1', '/partner/referrals', '/referrals/1',
  '/referrals/2', '/referrals/3', '/people/new', '/staff/1/working-pattern', '/staff/2/working-pattern',
  '/no-such-page', '/people/999999', '/people/abc', '/caseload?cursor=bad',
  ...people.flatMap((id) => personPages.map((page) => `/people/${id}${page}`)),
];
// Forms sent with bad input: nothing is written, each answers with its error summary.
const badForms = [
  ['/people', { given_name: '', date_of_birth: '31-02-2020' }],
  ['/people/1/edit', { given_name: '' }],
  ['/people/1/sentences', { sentence_type: 'nonsense' }],
  ['/people/1/needs/new', {}],
  ['/people/1/plan/objectives/new', {}],
  ['/people/1/referrals', {}],
  ['/people/1/transfers', {}],
  ['/people/1/handover-meetings', {}],
  ['/people/1/risk', { rosh: 'purple' }],
  ['/people/1/allocate', {}],
  ['/people/1/limited-access', {}],
  ['/people/1/day-of-release', { decided_date: 'nonsense' }],
  ['/referrals/1/transitions', { to: 'nowhere' }],
  ['/transfers/1/acknowledge', { version: 'x' }],
  ['/staff/1/working-pattern', { capacity_percent: 'lots' }],
];
const apiReads = [
  '/api/v1/people', '/api/v1/people?limit=2', '/api/v1/people/1', '/api/v1/people/999999', '/api/v1/people/abc',
  '/api/v1/people/1/sentences', '/api/v1/people/1/timeline', '/api/v1/sentences/1', '/api/v1/people/1/plan',
  '/api/v1/people/1/needs-assessments', '/api/v1/people/1/checklist', '/api/v1/people/1/outcomes',
  '/api/v1/people/1/referrals', '/api/v1/referrals', '/api/v1/referrals/1', '/api/v1/services',
  '/api/v1/people/1/transfers', '/api/v1/transfers', '/api/v1/people/1/continuity', '/api/v1/people/1/handover',
  '/api/v1/worklists/overdue-handovers', '/api/v1/worklists/handovers', '/api/v1/worklists/releases',
  '/api/v1/worklists/without-com', '/api/v1/people/1/responsibility', '/api/v1/people/1/risk-profile',
  '/api/v1/people/1/limited-access', '/api/v1/people/1/allocation-options', '/api/v1/workload',
  '/api/v1/unallocated', '/api/v1/people?cursor=bad', '/api/v1/nothing-here',
];
// API writes with bad bodies or versions: nothing is written, each answers with problem+json.
const apiBadWrites = [
  ['POST', '/api/v1/people', '{}', {}],
  ['POST', '/api/v1/people', 'not json', {}],
  ['PATCH', '/api/v1/people/1', '{"given_name":""}', {}],
  ['PATCH', '/api/v1/people/1', '{"given_name":""}', { 'If-Match': '"999"' }],
  ['PATCH', '/api/v1/people/1', '{"colour":"red"}', { 'If-Match': '"1"' }],
  ['POST', '/api/v1/people/1/sentences', '{"sentence_type":"nonsense"}', {}],
  ['POST', '/api/v1/people/1/plan/objectives', '{}', {}],
  ['POST', '/api/v1/people/1/referrals', '{}', {}],
  ['POST', '/api/v1/referrals/1/transitions', '{"to":"nowhere"}', {}],
  ['POST', '/api/v1/people/1/transfers', '{}', {}],
  ['POST', '/api/v1/transfers/1/acknowledge', '{}', {}],
  ['PATCH', '/api/v1/people/1/risk-profile', '{"rosh":"purple"}', { 'If-Match': '"1"' }],
  ['POST', '/api/v1/people/1/allocations', '{}', {}],
  ['POST', '/api/v1/people/1/limited-access', '{}', {}],
  ['POST', '/api/v1/people/999999/limited-access', '{}', {}],
];

function mask(text) {
  return text
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="CSRF"')
    .replace(/\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/g, 'HH:MM')
    .replace(/\b\d{1,2}(:\d{2})?(am|pm)\b/g, 'H:MMpm');
}

let written = 0;
function save(user, label, response, text) {
  const name = label.replace(/^\//, '').replace(/[^A-Za-z0-9._-]+/g, '_') || 'root';
  const folder = path.join(outDir, user);
  mkdirSync(folder, { recursive: true });
  const head = `${response.status}\n${response.headers.get('content-type') ?? ''}\n${response.headers.get('location') ?? ''}\n\n`;
  writeFileSync(path.join(folder, name), mask(head + text));
  written += 1;
}

const scratch = mkdtempSync(path.join(tmpdir(), 'resettle-snapshots-'));
const db = path.join(scratch, 'snapshot.db');
copyFileSync(database, db);
const tokens = Object.fromEntries(users.map((user) => [
  user, execFileSync(binary, ['users', 'token', '--db', db, '--username', user, '--label', 'snapshots']).toString().trim(),
]));
const server = spawn(binary, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const baseUrl = await new Promise((resolve, reject) => {
  let seen = '';
  server.stdout.on('data', (chunk) => {
    seen += chunk;
    const match = seen.match(/(http:\/\/[\d.]+:\d+)/);
    if (match) resolve(match[1]);
  });
  server.once('exit', (code) => reject(new Error(`resettle serve exited (${code}): ${seen}`)));
});

try {
  for (const user of users) {
    const cookies = new Map();
    // The browser's requests carry its cookies; API calls carry only the bearer token.
    const send = async (method, target, { form, body, headers = {} } = {}) => {
      const init = { method, redirect: 'manual', headers: { ...headers }, body };
      if (cookies.size && !headers.Authorization) init.headers.Cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      if (form) {
        init.headers['Content-Type'] = 'application/x-www-form-urlencoded';
        init.body = new URLSearchParams(form).toString();
      }
      const response = await fetch(baseUrl + target, init);
      for (const line of response.headers.getSetCookie()) {
        const pair = line.split(';')[0];
        cookies.set(pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim());
      }
      return [response, await response.text()];
    };
    const csrf = (html) => (html.match(/name="_csrf" value="([^"]*)"/) ?? [])[1] ?? '';
    const [, signInPage] = await send('GET', '/sign-in');
    const [signedIn] = await send('POST', '/sign-in',
      { form: { _csrf: csrf(signInPage), username: user, password: 'resettle-demo-password' } });
    if (signedIn.headers.get('location') === '/sign-in/code') {  // managers and administrators give a code too
      const [, codePage] = await send('GET', '/sign-in/code');
      await send('POST', '/sign-in/code', { form: { _csrf: csrf(codePage), code: await freshCode(user) } });
    }
    const [, home] = await send('GET', '/find-support');  // every role's pages carry the session's token
    const token = csrf(home);
    for (const target of pages) save(user, target, ...(await send('GET', target)));
    for (const [target, form] of badForms) {
      save(user, `POST${target}`, ...(await send('POST', target, { form: { _csrf: token, ...form } })));
    }
    for (const target of apiReads) {
      const [response, text] = await send('GET', target, { headers: { Authorization: `Bearer ${tokens[user]}` } });
      save(user, `API${target}`, response, text);
    }
    for (const [method, target, body, headers] of apiBadWrites) {
      const [response, text] = await send(method, target, {
        headers: { Authorization: `Bearer ${tokens[user]}`, 'Content-Type': 'application/json', ...headers }, body,
      });
      save(user, `${method}${target}`, response, text);
    }
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`${written} answers written to ${outDir}`);
