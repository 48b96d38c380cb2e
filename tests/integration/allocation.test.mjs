// Allocation through the API: ranked options with reasons (continuity, then workload, then
// specialism), one-call allocation with the reasons journalled, deputies, team workload,
// unallocated cases, and who may do it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, createPerson, startServer } from './support.mjs';

let server;
let manager;  // Morgan Ellis: manager at HMP Leeds and the Leeds PDU

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'com', 'partner', 'admin'] });
  manager = server.tokens.manager;
});
after(() => server?.stop());

const options = (id, query, token = manager) => api(server, 'GET', `/api/v1/people/${id}/allocation-options?${query}`, { token });
const allocate = (id, body, token = manager) => api(server, 'POST', `/api/v1/people/${id}/allocations`, { token, body });
const fieldsOf = (response) => response.json.errors.map((error) => error.field);

async function optionNamed(id, query, name) {
  const response = await options(id, query);
  assert.equal(response.status, 200, response.text);
  const option = response.json.options.find((o) => o.name === name);
  assert.ok(option, `${name} is not an option: ${response.text}`);
  return option;
}

describe('allocation options', () => {
  test('a woman is offered the POM who works with women first, each option with its reasons', async () => {
    const person = await createPerson(server, manager, { gender: 'female' });
    const response = await options(person.id, 'role=pom');
    assert.equal(response.status, 200, response.text);
    const { options: ranked } = response.json;
    assert.deepEqual(ranked.map((o) => o.name).sort(), ['Grace Adeyemi', 'Priya Shah', 'Rhys Evans']);
    assert.equal(ranked[0].name, 'Grace Adeyemi');
    assert.deepEqual(ranked[0].matching_specialisms, ['women']);
    assert.equal(ranked[0].workload.capacity, 144, '60% of a full-time POM');
    assert.ok(ranked[0].reasons.includes('Specialism: Works with women'), ranked[0].reasons.join('; '));
    for (const option of ranked) assert.ok(option.reasons.length > 0 && option.role === 'pom');
    assert.equal(response.json.current, null);
  });

  test('key work may go to key workers and POMs; a COM is chosen from the probation delivery unit', async () => {
    const person = await createPerson(server, manager);
    const keyWork = await options(person.id, 'role=key_worker');
    assert.ok(keyWork.json.options.some((o) => o.role === 'key_worker'));
    assert.ok(keyWork.json.options.some((o) => o.role === 'pom'));
    const com = await options(person.id, 'role=com');
    assert.deepEqual(com.json.options.map((o) => o.name).sort(), ['Callum Reid', 'Jo Lindqvist']);
    const away = com.json.options.find((o) => o.name === 'Jo Lindqvist');
    assert.equal(away.available, false);
    assert.match(away.reasons[0], /^Away from \d{4}-\d{2}-\d{2} until \d{4}-\d{2}-\d{2}$/);
    assert.equal(com.json.options.at(-1).name, 'Jo Lindqvist', 'someone away comes last');
  });

  test('bad role or kind names the field; unknown people are 404', async () => {
    const person = await createPerson(server, manager);
    for (const [query, field] of [['role=manager', 'role'], ['', 'role'], ['role=pom&kind=boss', 'kind']]) {
      const response = await options(person.id, query);
      assert.equal(response.status, 422, `${query}: ${response.text}`);
      assert.deepEqual(fieldsOf(response), [field]);
    }
    assert.equal((await options(999999, 'role=pom')).status, 404);
  });

  test('only managers and administrators allocate', async () => {
    const person = await createPerson(server, manager);
    assert.equal((await options(person.id, 'role=pom', server.tokens.com)).status, 403);
    assert.equal((await options(person.id, 'role=pom', server.tokens.partner)).status, 403);
    assert.equal((await options(person.id, 'role=pom', server.tokens.admin)).status, 200);
    assert.equal((await allocate(person.id, { staff_id: 1, role: 'pom' }, server.tokens.com)).status, 403);
  });
});

describe('allocating', () => {
  test('one call allocates, journals the reasons and the note, and takes the practitioner off the options', async () => {
    const person = await createPerson(server, manager, { gender: 'female' });
    const grace = await optionNamed(person.id, 'role=pom', 'Grace Adeyemi');
    const response = await allocate(person.id, { staff_id: grace.staff_id, role: 'pom', note: 'met at induction' });
    assert.equal(response.status, 201, response.text);
    assert.equal(response.json.kind, 'lead');
    assert.match(response.json.reason, /Specialism: Works with women\. Note: met at induction$/);
    const timeline = await api(server, 'GET', `/api/v1/people/${person.id}/timeline`, { token: manager });
    const event = timeline.json.items.find((e) => e.kind === 'allocation.made');
    assert.equal(event.summary, 'Grace Adeyemi allocated as Prison offender manager');
    assert.equal(event.reason, response.json.reason);
    const after = await options(person.id, 'role=pom');
    assert.equal(after.json.current.staff_name, 'Grace Adeyemi');
    assert.ok(!after.json.options.some((o) => o.name === 'Grace Adeyemi'));
  });

  test('the practitioner a person knew comes first next time, with when they worked together', async () => {
    const person = await createPerson(server, manager);
    const rhys = await optionNamed(person.id, 'role=pom', 'Rhys Evans');
    assert.equal((await allocate(person.id, { staff_id: rhys.staff_id, role: 'pom' })).status, 201);
    const priya = await optionNamed(person.id, 'role=pom', 'Priya Shah');
    assert.equal((await allocate(person.id, { staff_id: priya.staff_id, role: 'pom' })).status, 201);
    const response = await options(person.id, 'role=pom');
    assert.equal(response.json.options[0].name, 'Rhys Evans');
    assert.equal(response.json.options[0].knows_person, true);
    assert.match(response.json.options[0].reasons[0], /^Knows Testa: was their prison offender manager from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/);
  });

  test('a deputy stands beside the lead and cannot be the lead', async () => {
    const person = await createPerson(server, manager);
    const priya = await optionNamed(person.id, 'role=pom', 'Priya Shah');
    assert.equal((await allocate(person.id, { staff_id: priya.staff_id, role: 'pom' })).status, 201);
    const deputies = await options(person.id, 'role=pom&kind=deputy');
    assert.ok(!deputies.json.options.some((o) => o.name === 'Priya Shah'), 'the lead is not offered as deputy');
    const asDeputy = await allocate(person.id, { staff_id: priya.staff_id, role: 'pom', kind: 'deputy' });
    assert.equal(asDeputy.status, 422);
    assert.deepEqual(fieldsOf(asDeputy), ['staff_id']);
    const rhys = deputies.json.options.find((o) => o.name === 'Rhys Evans');
    const made = await allocate(person.id, { staff_id: rhys.staff_id, role: 'pom', kind: 'deputy' });
    assert.equal(made.status, 201, made.text);
    assert.equal(made.json.kind, 'deputy');
  });

  test('bad input names the field and changes nothing', async () => {
    const person = await createPerson(server, manager);
    const callum = await optionNamed(person.id, 'role=com', 'Callum Reid');
    for (const [body, fields] of [
      [{ role: 'pom' }, ['staff_id']],
      [{ staff_id: 'x', role: 'pom' }, ['staff_id']],
      [{ staff_id: callum.staff_id, role: 'pom' }, ['staff_id']],
      [{ staff_id: callum.staff_id, role: 'admin' }, ['role']],
      [{ staff_id: callum.staff_id, role: 'com', kind: 'boss' }, ['kind']],
      [{ staff_id: callum.staff_id, role: 'com', note: 'n'.repeat(1001) }, ['note']],
    ]) {
      const response = await allocate(person.id, body);
      assert.equal(response.status, 422, `${JSON.stringify(body)}: ${response.text}`);
      assert.deepEqual(fieldsOf(response), fields, JSON.stringify(body));
    }
    const timeline = await api(server, 'GET', `/api/v1/people/${person.id}/timeline`, { token: manager });
    assert.ok(!timeline.json.items.some((e) => e.kind === 'allocation.made'));
  });
});

describe('manager views', () => {
  test('team workload counts lead cases against capacity by team', async () => {
    const response = await api(server, 'GET', '/api/v1/workload', { token: manager });
    assert.equal(response.status, 200, response.text);
    const team = response.json.teams.find((t) => t.team_name === 'Leeds offender management unit');
    const priya = team.practitioners.find((p) => p.name === 'Priya Shah');
    assert.ok(priya.workload.cases > 0);
    assert.equal(priya.workload.capacity, 240);
    assert.equal(priya.workload.percent, Math.round((priya.workload.points * 100) / 240));
    assert.equal((await api(server, 'GET', '/api/v1/workload', { token: server.tokens.com })).status, 403);
  });

  test('a new custody case is unallocated until a POM is allocated', async () => {
    const person = await createPerson(server, manager);
    const listed = async () => {
      const ids = [];
      for (let cursor = ''; ;) {
        const page = await api(server, 'GET', `/api/v1/unallocated?role=pom&limit=200${cursor}`, { token: manager });
        assert.equal(page.status, 200, page.text);
        ids.push(...page.json.items.map((p) => p.id));
        if (!page.json.next_cursor) return ids;
        cursor = `&cursor=${page.json.next_cursor}`;
      }
    };
    assert.ok((await listed()).includes(person.id));
    const priya = await optionNamed(person.id, 'role=pom', 'Priya Shah');
    await allocate(person.id, { staff_id: priya.staff_id, role: 'pom' });
    assert.ok(!(await listed()).includes(person.id));
    const missing = await api(server, 'GET', '/api/v1/unallocated', { token: manager });
    assert.equal(missing.status, 422);
  });
});
