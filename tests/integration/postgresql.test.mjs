// The `resettle` command given a PostgreSQL database (issue 26): `migrate` builds the schema there,
// `demo` loads the demo there, `import` and `export` move the service directory,
// `verify` checks the chains (postgresql_servers.test.mjs serves it, backs it up and refreshes it).
// Needs the server RESETTLE_TEST_POSTGRES names (./dev test starts one); skipped, saying so, without it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { cli } from './support.mjs';

const run = promisify(execFile);
const sourceRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const server = process.env.RESETTLE_TEST_POSTGRES;
const skip = server ? false : 'no PostgreSQL: set RESETTLE_TEST_POSTGRES to a postgresql:// URI (./dev test sets it)';

describe('resettle with a postgresql:// database', { skip }, () => {
  const name = `resettle_cli_${process.pid}`;
  const db = `${server}${server?.includes('?') ? '&' : '?'}dbname=${name}`;
  const psql = (uri, sql) => run('psql', [uri, '--no-psqlrc', '--tuples-only', '--no-align', '--command', sql]);
  before(() => psql(server, `CREATE DATABASE ${name}`));
  after(() => psql(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  test('migrate applies every migration SQLite has, recording each, and a second run changes nothing', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'resettle-pg-'));
    const embedded = await cli('migrate', '--db', path.join(folder, 'schema.db'));
    await rm(folder, { recursive: true, force: true });
    const latest = Number(embedded.stdout.match(/Schema is at version (\d+)/)?.[1]);
    assert.ok(latest > 35, embedded.stdout);
    const first = await cli('migrate', '--db', db);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`Schema is at version ${latest}\n`));
    const again = await cli('migrate', '--db', db);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`Schema is at version ${latest}\n`));
    const { stdout } = await psql(db, 'SELECT count(*), min(version), max(version) FROM schema_migration');
    assert.equal(stdout.trim(), `${latest}|1|${latest}`);
  });

  test('demo loads the small or the national demo straight into an empty database, and refuses one with staff', async () => {
    for (const [scale, args, loaded] of [
      ['small', [], /Demo data loaded\./],
      ['national', ['--fraction', '0.001'], /90 people in custody, 240 on probation[^]*rows\/s; raw PostgreSQL COPY: [\d,]+ rows\/s; load\/raw = [\d.]+%/],
    ]) {
      const demoName = `${name}_${scale}`;
      const demo = `${server}${server.includes('?') ? '&' : '?'}dbname=${demoName}`;
      await psql(server, `CREATE DATABASE ${demoName}`);
      try {
        const result = await cli('demo', '--db', demo, '--scale', scale, ...args);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, loaded);
        assert.match(result.stdout, /pom {2}\(Prison offender manager\)/);
        const { stdout } = await psql(demo, "SELECT count(*) > 0 FROM person WHERE given_name <> ''");
        assert.equal(stdout.trim(), 't', scale);
        // Loaded by COPY or row by row, the journal and its chain are the load's own.
        const verified = await cli('verify', '--db', demo);
        assert.equal(verified.code, 0, verified.stdout + verified.stderr);
        assert.match(verified.stdout, /journal: [1-9]\d* rows, chain intact/, scale);
        const again = await cli('demo', '--db', demo, '--scale', scale, ...args);
        assert.equal(again.code, 1, scale);
        assert.match(again.stderr, /already has staff accounts/, scale);
      } finally {
        await psql(server, `DROP DATABASE IF EXISTS ${demoName} WITH (FORCE)`);
      }
    }
  });

  test('import loads the service directory there and export writes the same services back', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'resettle-pg-'));
    try {
      const source = path.join(sourceRoot, 'data', 'services-demo.hsds.json');
      const imported = await cli('import', '--db', db, '--hsds-json', source);
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stdout, /^Imported \d+ organisations, \d+ services and \d+ locations\n/);
      const file = path.join(folder, 'services.json');
      const exported = await cli('export', '--db', db, '--hsds-json', file);
      assert.equal(exported.code, 0, exported.stderr);
      const ids = (services) => services.map((service) => service.id).sort();
      assert.deepEqual(ids(JSON.parse(await readFile(file, 'utf8'))), ids(JSON.parse(await readFile(source, 'utf8'))));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('verify reads both chains there', async () => {
    const result = await cli('verify', '--db', db);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /rows, chain intact/);
  });
});
