// `resettle backup` while the server takes writes, the restore the README describes, and /health
// failing when the disk is below its free-space floor.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { api, cli, onlyOnSqlite, serveDatabase, startServer, uniquePerson } from './support.mjs';

let server;
let scratch;

before(async () => {
  server = await startServer({ tokensFor: ['admin'] });
  scratch = await mkdtemp(path.join(tmpdir(), 'resettle-backup-'));
});
after(async () => {
  await server?.stop();
  await rm(scratch, { recursive: true, force: true });
});

test('/health answers 200 when the database takes writes and the disk has room', async () => {
  const response = await api(server, 'GET', '/health');
  assert.equal(response.status, 200);
  assert.equal(response.json.status, 'ok');
  assert.equal(response.json.database_writable, true);
  assert.ok(response.json.free_disk_bytes > 0);
});

test('/health answers 503 when the disk is below the free-space floor',
  { skip: onlyOnSqlite("PostgreSQL's disk is the database server's, which /health does not see") }, async () => {
  const db = path.join(scratch, 'floor.db');
  assert.equal((await cli('migrate', '--db', db)).code, 0);
  const tight = await serveDatabase(db, '--min-free-mb', String(1024 * 1024 * 1024));  // a petabyte
  try {
    const response = await fetch(`${tight.baseUrl}/health`);
    assert.equal(response.status, 503);
    const body = await response.json();
    assert.equal(body.status, 'failing');
    assert.equal(body.database_writable, true);
    assert.ok(body.free_disk_bytes < body.min_free_disk_bytes);
  } finally {
    await tight.stop();
  }
});

test('a backup taken under write load holds every write acknowledged before it began, and restores',
  { skip: onlyOnSqlite("the restore copies the file into place; PostgreSQL's backup is pg_dump's, restored in postgresql_servers.test.mjs") }, async () => {
  const acknowledged = [];  // [{ id, at }] in the order the server answered
  let writing = true;
  const writer = async () => {
    while (writing) {
      const response = await api(server, 'POST', '/api/v1/people', { token: server.tokens.admin, body: uniquePerson() });
      assert.equal(response.status, 201, response.text);
      acknowledged.push({ id: response.json.id, at: Date.now() });
    }
  };
  const writers = [writer(), writer(), writer()];
  while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));

  const backupFile = path.join(scratch, 'backup.db');
  const began = Date.now();
  const before = acknowledged.filter((write) => write.at < began).map((write) => write.id);
  const result = await cli('backup', '--db', server.db, '--to', backupFile);
  writing = false;
  await Promise.all(writers);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Backed up \d+ pages to /);
  assert.ok(before.length >= 20);

  // The restore of the README: copy the backup into place (no -wal or -shm beside it) and serve it.
  const restored = path.join(scratch, 'restored.db');
  await copyFile(backupFile, restored);
  const copy = await serveDatabase(restored);
  try {
    const token = (await cli('users', 'token', '--db', restored, '--username', 'admin', '--label', 'check')).stdout.trim();
    for (const id of before) {
      const response = await fetch(`${copy.baseUrl}/api/v1/people/${id}`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(response.status, 200, `person ${id}, acknowledged before the backup began, is in it`);
    }
    const health = await fetch(`${copy.baseUrl}/health`);
    assert.equal(health.status, 200);
  } finally {
    await copy.stop();
  }
});

test('a backup of a missing database fails and writes nothing', { skip: onlyOnSqlite('a missing database is a missing file') }, async () => {
  const result = await cli('backup', '--db', path.join(scratch, 'none.db'), '--to', path.join(scratch, 'none-backup.db'));
  assert.equal(result.code, 1);
  assert.match(result.stderr, /no database at/);
});
