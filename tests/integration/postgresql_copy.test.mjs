// `resettle copy` (issue 26): the demo data moved from SQLite to PostgreSQL and back to a new SQLite
// file holds the same rows in every table, and its journal and access log still verify; bad arguments
// and a target with rows are refused. Needs the server RESETTLE_TEST_POSTGRES names (./dev test starts
// one); skipped, saying so, without it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { cli } from './support.mjs';

const run = promisify(execFile);
const server = process.env.RESETTLE_TEST_POSTGRES;
const skip = server ? false : 'no PostgreSQL: set RESETTLE_TEST_POSTGRES to a postgresql:// URI (./dev test sets it)';

const psql = (uri, sql) => run('psql', [uri, '--no-psqlrc', '--tuples-only', '--no-align', '--command', sql]);
const sqlite = async (file, sql) => (await run('sqlite3', [file, sql], { maxBuffer: 64 << 20 })).stdout;

// Every table's rows (but the record of migrations, whose times differ), each table's in the order
// of all its columns, so two files compare whatever order their rows were written in.
async function rowsOf(file) {
  const tables = (await sqlite(file, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN "
    + "('table', 'virtual') AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migration' ORDER BY name"))
    .trim().split('\n');
  const rows = {};
  for (const table of tables) {
    const columns = Number(await sqlite(file, `SELECT count(*) FROM pragma_table_info('${table}')`));
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    rows[table] = await sqlite(file, `SELECT * FROM "${table}" ORDER BY ${order}`);
  }
  return rows;
}

describe('resettle copy between SQLite and PostgreSQL', { skip }, () => {
  let dir;
  let made = 0;
  const databases = [];
  // A new, empty PostgreSQL database on the test server, dropped at the end.
  async function newDatabase() {
    const name = `resettle_copy_${process.pid}_${++made}`;
    await psql(server, `CREATE DATABASE ${name}`);
    databases.push(name);
    return `${server}${server.includes('?') ? '&' : '?'}dbname=${name}`;
  }
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'resettle-copy-'));
    const demo = await cli('demo', '--db', path.join(dir, 'demo.db'));
    assert.equal(demo.code, 0, demo.stderr);
  });
  after(async () => {
    for (const name of databases) await psql(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await rm(dir, { recursive: true, force: true });
  });

  test('the demo data goes to PostgreSQL and back with every row of every table as it was', async () => {
    const demo = path.join(dir, 'demo.db');
    const uri = await newDatabase();
    const there = await cli('copy', '--from', demo, '--to', uri);
    assert.equal(there.code, 0, there.stderr);
    assert.match(there.stdout, /^Copied \d+ rows in \d+ tables at schema version \d+; row counts match, and the journal's last chain value is [0-9a-f]{64} on both sides\n$/);
    const { stdout: people } = await psql(uri, 'SELECT count(*) FROM person');
    assert.equal(people.trim(), '30');

    const back = path.join(dir, 'back.db');
    const again = await cli('copy', '--from', uri, '--to', back);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, there.stdout, 'the same rows and the same journal head both ways');

    const [original, copied] = [await rowsOf(demo), await rowsOf(back)];
    assert.deepEqual(Object.keys(copied), Object.keys(original));
    for (const table of Object.keys(original)) assert.equal(copied[table], original[table], table);
    assert.ok(original.event.length > 0 && original.unit_entry.length > 0 && original.service_search.length > 0);

    const [verifyOriginal, verifyCopy] = [await cli('verify', '--db', demo), await cli('verify', '--db', back)];
    assert.equal(verifyCopy.code, 0, verifyCopy.stdout);
    assert.equal(verifyCopy.stdout, verifyOriginal.stdout, 'both chains intact, with the same heads');
    assert.match(verifyCopy.stdout, /journal: \d+ rows, chain intact/);
  });

  test('a target with rows is refused, naming a table, and keeps what it had', async () => {
    const demo = path.join(dir, 'demo.db');
    const uri = await newDatabase();
    assert.equal((await cli('copy', '--from', demo, '--to', uri)).code, 0);
    const twice = await cli('copy', '--from', demo, '--to', uri);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /the target is not empty: the access_list table has rows; copy only into a new database/);
    const { stdout } = await psql(uri, 'SELECT count(*) FROM person');
    assert.equal(stdout.trim(), '30');

    const back = await cli('copy', '--from', uri, '--to', demo);
    assert.equal(back.code, 1);
    assert.match(back.stderr, /the target is not empty: the \w+ table has rows/);
  });

  test('bad arguments are refused, saying what is wrong', async () => {
    const demo = path.join(dir, 'demo.db');
    const uri = await newDatabase();
    const cases = [
      [['--from', demo, '--to', path.join(dir, 'other.db')], /neither --from nor --to is a postgresql:\/\/ URI/],
      [['--from', uri, '--to', uri], /--from and --to are both postgresql:\/\/ URIs/],
      [['--from', demo], /the option '--to' is required/],
      [['--to', uri], /the option '--from' is required/],
      [['--from', path.join(dir, 'missing.db'), '--to', uri], /no SQLite database at .*missing\.db/],
    ];
    for (const [args, message] of cases) {
      const result = await cli('copy', ...args);
      assert.equal(result.code, 1, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
    }
    const { stdout } = await psql(uri, 'SELECT count(*) FROM information_schema.tables WHERE table_schema = \'public\'');
    assert.equal(stdout.trim(), '0', 'nothing was written to the database named');
  });
});
