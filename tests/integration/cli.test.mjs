// The `resettle` command's batch jobs: key dates as JSON lines, and the nightly refresh of case dates.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { binary, cli, freshDatabase, onlyOnSqlite } from './support.mjs';

// Runs `resettle dates` with `lines` on standard input.
function dates(lines) {
  return new Promise((resolve) => {
    const child = execFile(binary, ['dates'], { timeout: 60_000 }, (failure, stdout, stderr) =>
      resolve({ code: failure ? failure.code : 0, stdout, stderr }));
    child.stdin.end(lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  });
}

describe('resettle dates', () => {
  test('answers each line in order, naming the bad field of a bad line, and carries on', async () => {
    const result = await dates([
      { today: '2026-11-23', date_of_birth: '1990-01-01', sentence_type: 'determinate',
        sentence_start_date: '2026-01-10', sentence_length_days: 730 },
      { today: '2026-11-23', sentence_type: 'determinate', sentence_start_date: '2026-02-30' },
      { today: '2026-11-23', date_of_birth: '1990-01-01', legal_status: 'sentenced', sentence_type: 'determinate',
        sentence_start_date: '2026-01-10', sentence_length_days: 730, recall: true },
    ]);
    assert.equal(result.code, 1, 'a bad line makes the exit status 1');
    const [first, second, third] = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(first.line, 1);
    assert.equal(first.release_date_used, '2027-01-09');
    assert.equal(first.handover_date, '2026-04-25');
    assert.equal(first.key_dates.conditional_release_date.source, 'computed');
    assert.equal(first.release_day_adjustment.flag, 'friday');
    assert.deepEqual(second.errors.map((error) => error.field), ['sentence_start_date']);
    assert.equal(third.responsibility, 'com');
    assert.doesNotMatch(result.stderr, /AddressSanitizer|runtime error/);
  });
});

describe('resettle refresh', () => {
  let database;
  before(async () => {
    database = await freshDatabase();
  });
  after(() => database.drop());

  test('works out every person\'s case dates again for today, and closes evidence windows', async () => {
    const { db } = database;
    assert.equal((await cli('demo', '--db', db)).code, 0);
    const result = await cli('refresh', '--db', db);
    assert.equal(result.code, 0, result.stderr);
    const today = new Date().toISOString().slice(0, 10);
    assert.match(result.stdout, new RegExp(`Worked out the case dates of 30 people for ${today}`));
    assert.match(result.stdout, /Took 0 enforcement steps for absences whose evidence window closed/);
  });

  test('names a missing option', async () => {
    const result = await cli('refresh');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /db/);
  });
});

describe('resettle demo --scale national', { skip: onlyOnSqlite('postgresql.test.mjs loads it into PostgreSQL') }, () => {
  let dir;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'resettle-national-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('loads a share of the national data set, with plain progress lines and the raw insert rate', async () => {
    const db = path.join(dir, 'national.db');
    const result = await cli('demo', '--db', db, '--scale', 'national', '--fraction', '0.001');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /2 prisons, 2 probation delivery units, \d+ teams, 2\d staff, 90 people in custody, 240 on probation/);
    assert.match(result.stdout, /rows\/s; raw SQLite prepared inserts: [\d,]+ rows\/s; load\/raw = [\d.]+%/);
    assert.match(result.stdout, /pom {2}\(Prison offender manager\)/);
    assert.match(result.stderr, /people: 330 of 330 \(100%\)/, 'not a terminal: plain lines, no redrawn bar');
    assert.doesNotMatch(result.stderr, /\r/);
    const files = await readdir(dir);
    assert.deepEqual(files.filter((name) => name.includes('raw-baseline')), [], 'the raw baseline database is deleted');
    const again = await cli('demo', '--db', db, '--scale', 'national', '--fraction', '0.001');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already has staff accounts/);
  });

  test('names the bad option', async () => {
    const db = path.join(dir, 'bad.db');
    for (const [args, pattern] of [
      [['--scale', 'regional'], /--scale must be 'small' or 'national'/],
      [['--scale', 'national', '--fraction', '2'], /fraction: must be more than 0 and at most 1/],
      [['--scale', 'national', '--fraction', 'lots'], /fraction/],
      [['--fraction', '0.5'], /--fraction applies only to --scale national/],
    ]) {
      const result = await cli('demo', '--db', db, ...args);
      assert.equal(result.code, 1, args.join(' '));
      assert.match(result.stderr, pattern);
    }
  });
});
