// Issue 19, over HTTP: partner access follows the organisation's id (a directory import moves
// nothing), limited-access reasons stay with managers, a case moves unit only by a transfer, and
// every read is logged with its address and token in hash chains that `resettle verify` checks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Browser, api, cli, cliWithInput, createPerson, sql, startServer, testStore, uniquePerson } from './support.mjs';

// Drops the append-only trigger, as someone holding the database could: SQLite names a trigger alone,
// PostgreSQL with its table.
const dropTrigger = (name, table) => (testStore === 'sqlite' ? `DROP TRIGGER ${name};` : `DROP TRIGGER ${name} ON ${table};`);
const leedsHousing = 'Leeds Housing Options (demo local authority team)';

describe('access leaks closed (issue 19)', () => {
  let server;
  let dir;
  before(async () => {
    server = await startServer({ tokensFor: ['pom', 'manager', 'partner', 'admin'] });
    dir = await mkdtemp(path.join(tmpdir(), 'resettle-leaks-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await server?.stop();
  });

  const as = (username, method, target, body, headers = {}) =>
    api(server, method, target, { token: server.tokens[username], body, headers });

  async function sentReferral(person) {
    const created = await as('manager', 'POST', `/api/v1/people/${person.id}/referrals`, {
      service_id: 'svc-leeds-dtr', kind: 'service', reason_for_referral: 'Somewhere to live',
      consent_given: true, consent_scope: 'Name and date of birth',
    });
    assert.equal(created.status, 201, created.text);
    const sent = await as('manager', 'POST', `/api/v1/referrals/${created.json.id}/transitions`, { to: 'sent' });
    assert.equal(sent.status, 200, sent.text);
    return created.json;
  }

  test('after withdrawal the partner no longer reads what the person agreed to share', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const referral = await sentReferral(person);
    assert.ok((await as('partner', 'GET', `/api/v1/referrals/${referral.id}`)).json.details.length > 0);
    const withdrawn = await as('manager', 'POST', `/api/v1/referrals/${referral.id}/transitions`, { to: 'withdrawn', reason: 'Consent withdrawn' });
    assert.equal(withdrawn.status, 200, withdrawn.text);
    const read = await as('partner', 'GET', `/api/v1/referrals/${referral.id}`);
    assert.deepEqual(read.json.details, []);
    assert.equal(read.json.reason_for_referral, '');
  });

  // After this test the demo's Leeds service belongs to the namesake, so it runs after the others that refer to it.
  test('a directory import never moves a referral, and a namesake organisation sees nothing', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const referral = await sentReferral(person);
    // The import hands the service to another organisation with exactly the same name.
    const directory = JSON.parse(await readFile('data/services-demo.hsds.json', 'utf8'));
    const services = Array.isArray(directory) ? directory : directory.contents;
    const moved = structuredClone(services.find((service) => service.id === 'svc-leeds-dtr'));
    moved.organization_id = 'org-namesake';
    moved.organization = { ...moved.organization, id: 'org-namesake', name: leedsHousing };
    const file = path.join(dir, 'namesake.json');
    await writeFile(file, JSON.stringify([moved]));
    const imported = await cli('import', '--db', server.db, '--hsds-json', file);
    assert.equal(imported.code, 0, imported.stderr);
    const added = await cliWithInput('Tidal-Crane-Velvet-42\n', 'users', 'add', '--db', server.db, '--username', 'namesake',
      '--name', 'Nia Sake', '--role', 'partner', '--organisation-id', 'org-namesake');
    assert.equal(added.code, 0, added.stderr);
    const refused = await cliWithInput('Tidal-Crane-Velvet-42\n', 'users', 'add', '--db', server.db, '--username', 'byname',
      '--name', 'By Name', '--role', 'partner', '--organisation', leedsHousing);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /organisation-id/);
    const token = (await cli('users', 'token', '--db', server.db, '--username', 'namesake', '--label', 'leak test')).stdout.trim();

    const namesakeInbox = await api(server, 'GET', '/api/v1/referrals', { token });
    assert.equal(namesakeInbox.status, 200, namesakeInbox.text);
    assert.ok(!namesakeInbox.json.items.some((item) => item.id === referral.id));
    assert.equal((await api(server, 'GET', `/api/v1/referrals/${referral.id}`, { token })).status, 404);

    const ownInbox = await as('partner', 'GET', '/api/v1/referrals');
    assert.ok(ownInbox.json.items.some((item) => item.id === referral.id));
    const read = await as('partner', 'GET', `/api/v1/referrals/${referral.id}`);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.json.person_id, null);  // never a reference to the person's record
    const timeline = await as('manager', 'GET', `/api/v1/people/${person.id}/timeline`);
    assert.ok(timeline.json.items.some((event) => event.kind === 'referral.read_by_partner'), timeline.text);
  });

  test('colleagues see that access is limited, never who is excluded or why', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const reason = 'Lives next door to the victim';
    const limited = await as('manager', 'POST', `/api/v1/people/${person.id}/limited-access`, { list: 'exclusion', username: 'keyworker', reason });
    assert.equal(limited.status, 201, limited.text);
    const timeline = await as('pom', 'GET', `/api/v1/people/${person.id}/timeline`);
    assert.equal(timeline.status, 200, timeline.text);
    assert.ok(!timeline.text.includes(reason), timeline.text);
    assert.ok(!timeline.text.includes('Kim Walsh'), timeline.text);
    assert.ok(timeline.json.items.some((event) => event.summary === 'Access to this case was limited'));
    const browser = new Browser(server);
    await browser.signIn('pom');
    const page = await browser.get(`/people/${person.id}/timeline`);
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes(reason) && !page.text.includes('Kim Walsh'));
    assert.match(page.text, /Access to this case was limited/);
    const managers = await as('manager', 'GET', `/api/v1/people/${person.id}/timeline`);
    assert.ok(managers.text.includes(reason));
  });

  test('a case moves prison or PDU only through a transfer, and is added only in your own unit', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const moved = await as('pom', 'PATCH', `/api/v1/people/${person.id}`, { prison_code: 'HAI' }, { 'If-Match': '"1"' });
    assert.equal(moved.status, 422, moved.text);
    assert.deepEqual(moved.json.errors.map((error) => error.field), ['prison_code']);
    const elsewhere = await as('pom', 'POST', '/api/v1/people', uniquePerson({ prison_code: 'HAI', pdu_code: null }));
    assert.equal(elsewhere.status, 422, elsewhere.text);
    const nowhere = await as('manager', 'POST', '/api/v1/people', uniquePerson({ prison_code: null, pdu_code: null }));
    assert.equal(nowhere.status, 422, nowhere.text);
    assert.equal((await as('admin', 'POST', '/api/v1/people', uniquePerson({ prison_code: 'HAI', pdu_code: null }))).status, 201);
    assert.equal((await as('pom', 'GET', `/api/v1/people/${person.id}`)).json.prison_code, 'LEI');
  });

  test('a list read is logged once with the address and token, and an administrator sees and exports it', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const list = await as('pom', 'GET', '/api/v1/people?limit=200');
    assert.ok(list.json.items.some((item) => item.id === person.id));
    const tokenDigest = createHash('sha256').update(server.tokens.pom).digest('hex').slice(0, 16);
    assert.equal((await as('manager', 'GET', `/api/v1/people/${person.id}/access-log`)).status, 403);
    const log = await as('admin', 'GET', `/api/v1/people/${person.id}/access-log`);
    assert.equal(log.status, 200, log.text);
    const listed = log.json.items.find((read) => read.in_list && read.token === `api token ${tokenDigest}`);
    assert.ok(listed, log.text);
    assert.equal(listed.address, '127.0.0.1');
    assert.equal(listed.what, 'people list');

    const browser = new Browser(server);
    await browser.signIn('admin');
    const page = await browser.get(`/people/${person.id}/access-log`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Who has seen this record/);
    assert.match(page.text, new RegExp(`api token ${tokenDigest}`));
    const csv = await browser.get(`/people/${person.id}/access-log.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    // The last column is the person's account, empty for a read by staff.
    assert.match(csv.text, new RegExp(`,Priya Shah,people list,true,true,127\\.0\\.0\\.1,api token ${tokenDigest},\r\n`));
  });

  test('resettle verify finds an edit or a cut-off tail made straight in the database', async () => {
    const anchor = path.join(dir, 'heads.txt');
    const intact = await cli('verify', '--db', server.db, '--anchor', anchor);
    assert.equal(intact.code, 0, intact.stdout + intact.stderr);
    assert.match(intact.stdout, /journal: \d+ rows, chain intact/);
    assert.match(intact.stdout, /access log: \d+ rows, chain intact/);
    // Someone with the database deletes the newest access-log row: the chain still holds, the anchor does not.
    sql(server.db, dropTrigger('access_log_person_is_append_only_delete', 'access_log_person') +
      dropTrigger('access_log_is_append_only_delete', 'access_log') +
      'DELETE FROM access_log_person WHERE access_id = (SELECT max(id) FROM access_log); ' +
      'DELETE FROM access_log WHERE id = (SELECT max(id) FROM access_log);');
    const cut = await cli('verify', '--db', server.db, '--anchor', anchor);
    assert.equal(cut.code, 1, cut.stdout);
    assert.match(cut.stdout, /access log: row \d+ recorded at .* is missing/);
    // And an edit in the middle of the journal breaks the chain where it was made.
    sql(server.db, `${dropTrigger('event_is_append_only_update', 'event')} UPDATE event SET summary = 'Nothing happened' WHERE id = 2;`);
    const edited = await cli('verify', '--db', server.db);
    assert.equal(edited.code, 1, edited.stdout);
    assert.match(edited.stdout, /journal: \d+ rows, chain broken at row 2/);
  });
});
