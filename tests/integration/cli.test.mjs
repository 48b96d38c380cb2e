// The `resettle` command's batch jobs: key dates as JSON lines, and the nightly refresh of case dates.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { binary, cli } from './support.mjs';

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
  let dir;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'resettle-refresh-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('works out every person\'s case dates again for today', async () => {
    const db = path.join(dir, 'demo.db');
    assert.equal((await cli('demo', '--db', db)).code, 0);
    const result = await cli('refresh', '--db', db);
    assert.equal(result.code, 0, result.stderr);
    const today = new Date().toISOString().slice(0, 10);
    assert.match(result.stdout, new RegExp(`Worked out the case dates of 30 people for ${today}`));
  });

  test('names a missing option', async () => {
    const result = await cli('refresh');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /db/);
  });
});
