// Insight over HTTP: a person's equality facts recorded with consent, seen only by the roles that may
// (every read and refusal in the access log, the answers kept out of the timeline); the measures for a
// scope and period through the API and the page, bad periods, scopes and characteristics named, access
// by role and unit, small numbers hidden, and each table's CSV parsed back.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import {
  api, binary, Browser, createPerson, csrfToken, parseCsv, releasedPerson, startServer,
} from './support.mjs';

let server;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'pom', 'com', 'keyworker', 'partner', 'admin'] });
});
after(() => server?.stop());

const call = (method, path, token, body, headers) => api(server, method, path, { token: server.tokens[token], body, headers });
const errorFields = (response) => response.json.errors.map((error) => error.field);
const ifMatch = (version) => ({ 'If-Match': `"${version}"` });
const today = () => new Date().toISOString().slice(0, 10);

// Every asked characteristic answered, with consent given today.
function facts(overrides = {}) {
  return {
    consent: true, consent_given_on: today(), sex: 'female', gender_identity: 'same_as_sex_registered_at_birth',
    ethnicity: 'black_caribbean', disability: 'not_disabled', religion: 'prefers_not_to_say',
    sexual_orientation: 'not_stated', nationality: 'british', care_experience: 'care_experienced',
    armed_forces: 'not_served', ...overrides,
  };
}

describe('equality facts', () => {
  test('recorded with consent by a manager, each bad field named, versions checked, answers kept off the timeline', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const path = `/api/v1/people/${person.id}/equality-facts`;
    const none = await call('GET', path, 'manager');
    assert.equal(none.status, 200, none.text);
    assert.equal(none.json.recorded, false);
    assert.equal(none.headers.get('etag'), '"0"');

    assert.equal((await call('PUT', path, 'manager', facts())).status, 428);
    const bad = await call('PUT', path, 'manager', facts({ consent: false, ethnicity: 'martian', consent_given_on: '2999-01-01' }), ifMatch(0));
    assert.equal(bad.status, 422);
    assert.deepEqual(errorFields(bad), ['consent', 'consent_given_on', 'ethnicity']);
    const missing = await call('PUT', path, 'manager', { consent: true, consent_given_on: today() }, ifMatch(0));
    assert.equal(missing.status, 422);
    assert.equal(errorFields(missing).length, 9, 'every question must be answered, if only as not stated');
    assert.equal((await call('GET', path, 'manager')).json.recorded, false, 'nothing saved');

    const saved = await call('PUT', path, 'manager', facts(), ifMatch(0));
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.headers.get('etag'), '"1"');
    assert.equal(saved.json.answers.ethnicity, 'black_caribbean');
    assert.equal(saved.json.consent_given_on, today());
    assert.equal((await call('PUT', path, 'manager', facts({ sex: 'male' }), ifMatch(0))).status, 412);
    const changed = await call('PUT', path, 'manager', facts({ religion: 'muslim' }), ifMatch(1));
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.json.answers.religion, 'muslim');

    const timeline = await call('GET', `/api/v1/people/${person.id}/timeline`, 'manager');
    const events = timeline.json.items.filter((event) => event.kind === 'equality_facts.recorded');
    assert.equal(events.length, 2);
    assert.deepEqual(events[0].data.changed, ['religion']);
    assert.ok(!timeline.text.includes('black_caribbean') && !timeline.text.includes('muslim'), 'answers stay off the timeline');
  });

  test('only the offender managers allocated and managers see them; reads and refusals are in the access log', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const path = `/api/v1/people/${person.id}/equality-facts`;
    assert.equal((await call('PUT', path, 'manager', facts(), ifMatch(0))).status, 200);
    assert.equal((await call('GET', path, 'keyworker')).status, 403, 'a key worker in the same prison');
    assert.equal((await call('GET', path, 'pom')).status, 403, 'a POM not allocated to the case');
    assert.equal((await call('PUT', path, 'pom', facts(), ifMatch(1))).status, 403);
    assert.equal((await call('GET', path, 'admin')).status, 403, 'administrators see only counts');
    assert.equal((await call('GET', path, 'partner')).status, 404, 'a partner does not see the person at all');

    const workload = await call('GET', '/api/v1/workload', 'manager');
    const pomId = workload.json.teams.flatMap((team) => team.practitioners).find((p) => p.name === 'Priya Shah')?.staff_id;
    assert.ok(pomId, 'the demo POM');
    const allocated = await call('POST', `/api/v1/people/${person.id}/allocations`, 'manager',
      { staff_id: pomId, role: 'pom', note: 'Insight test' });
    assert.equal(allocated.status, 201, allocated.text);
    assert.equal((await call('GET', path, 'pom')).status, 200, 'the POM allocated to the case');

    const log = await call('GET', `/api/v1/people/${person.id}/access-log`, 'admin');
    assert.equal(log.status, 200, log.text);
    const reads = log.json.items.filter((read) => read.what === 'equality facts');
    assert.ok(reads.some((read) => read.allowed), 'allowed reads are logged');
    assert.ok(reads.filter((read) => !read.allowed).length >= 4, 'each refusal is logged');
  });

  test('the page shows the form to a manager, names bad fields, saves and refuses a key worker', async () => {
    const person = await createPerson(server, server.tokens.manager);
    const manager = new Browser(server);
    await manager.signIn('manager');
    const form = await manager.get(`/people/${person.id}/equality`);
    assert.equal(form.status, 200);
    assert.match(form.text, /class="govuk-radios__input"[^>]*name="ethnicity"[^>]*value="white_roma"/);
    const csrf = csrfToken(form.text);
    const refused = await manager.post(`/people/${person.id}/equality`, { _csrf: csrf, version: '0', sex: 'male' });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /govuk-error-summary/);
    assert.match(refused.text, /consent/);
    const fields = { _csrf: csrf, version: '0', consent: 'yes', consent_given_on: today() };
    for (const [name, value] of Object.entries(facts())) if (!['consent', 'consent_given_on'].includes(name)) fields[name] = value;
    const saved = await manager.post(`/people/${person.id}/equality`, fields);
    assert.equal(saved.status, 303, saved.text);
    const shown = await manager.get(`/people/${person.id}/equality`);
    assert.match(shown.text, /Black, Black British, Black Welsh, Caribbean or African: Caribbean/);

    const keyworker = new Browser(server);
    await keyworker.signIn('keyworker');
    assert.equal((await keyworker.get(`/people/${person.id}/equality`)).status, 403);
    assert.match((await manager.get(`/people/${person.id}`)).text, /\/equality">Equality information</);
    const keyworkerPage = await keyworker.get(`/people/${person.id}`);
    assert.equal(keyworkerPage.status, 200);
    assert.doesNotMatch(keyworkerPage.text, /Equality information/, 'no link to a page they may not open');
  });
});

describe('insight', () => {
  let released = [];
  before(async () => {
    for (let i = 0; i < 6; i += 1) {
      const person = await releasedPerson(server);
      const recorded = await call('PUT', `/api/v1/people/${person.id}/equality-facts`, 'manager', facts({ sex: 'male' }), ifMatch(0));
      assert.equal(recorded.status, 200, recorded.text);
      released.push(person);
    }
  });

  test('the API gives every measure split by a characteristic, with totals, unknowns and small numbers hidden', async () => {
    const report = await call('GET', `/api/v1/insight?scope=pdu&code=LDS&characteristic=sex&to=${today()}`, 'manager');
    assert.equal(report.status, 200, report.text);
    assert.equal(report.json.scope.kind, 'pdu');
    assert.equal(report.json.suppression_threshold, 5);
    assert.equal(report.json.measures.length, 8);
    const settled = report.json.measures.find((measure) => measure.measure === 'settled_first_night');
    assert.ok(settled.definition.length > 40);
    const male = settled.rows.find((row) => row.group === 'male');
    assert.ok(male.people >= 6, JSON.stringify(male));
    assert.ok(male.met >= 6);
    assert.deepEqual(settled.rows.map((row) => row.group), ['female', 'male', 'not_stated', 'prefers_not_to_say', 'not_recorded']);
    for (const measure of report.json.measures)
      for (const row of [...measure.rows, measure.total]) {
        if (row.suppressed) assert.equal(row.people, null, 'a hidden count is never sent');
        else assert.ok(row.people === 0 || row.people >= 5, `${measure.measure} ${row.group}: ${row.people}`);
      }
    const byDefault = await call('GET', '/api/v1/insight', 'manager');
    assert.equal(byDefault.status, 200);
    assert.equal(byDefault.json.characteristic, 'sex');
    assert.equal(byDefault.json.scope.code, 'LDS', "a manager's view opens on their PDU");
  });

  test('bad input is named: a period ending before it starts, an unknown scope, unit or characteristic', async () => {
    const backwards = await call('GET', '/api/v1/insight?from=2026-03-01&to=2026-02-01', 'manager');
    assert.equal(backwards.status, 422);
    assert.deepEqual(errorFields(backwards), ['to']);
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight?scope=galaxy', 'admin')), ['scope']);
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight?scope=pdu&code=NOWHERE', 'admin')), ['code']);
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight?scope=pdu', 'admin')), ['code']);
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight?characteristic=shoe_size', 'manager')), ['characteristic']);
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight?from=2026-02-30', 'manager')), ['from']);
  });

  test('managers see their own unit, administrators any scope, and practitioners and partners none', async () => {
    assert.equal((await call('GET', '/api/v1/insight?scope=national', 'manager')).status, 403);
    assert.equal((await call('GET', '/api/v1/insight?scope=pdu&code=NOWHERE', 'manager')).status, 403);
    assert.equal((await call('GET', '/api/v1/insight?scope=prison&code=LEI', 'manager')).status, 200);
    for (const who of ['com', 'pom', 'keyworker', 'partner'])
      assert.equal((await call('GET', '/api/v1/insight?scope=pdu&code=LDS', who)).status, 403, who);
    const national = await call('GET', '/api/v1/insight?scope=national&characteristic=ethnicity', 'admin');
    assert.equal(national.status, 200, national.text);
    assert.equal(national.json.scope.name, 'England and Wales');
    assert.equal(national.json.measures[0].rows.length, 8, 'five census groups and three unknowns');
  });

  test('the page shows each measure as a table with a chart, and each CSV parses back to the same numbers', async () => {
    const manager = new Browser(server);
    await manager.signIn('manager');
    const page = await manager.get(`/insight?scope=pdu&code=LDS&characteristic=sex&to=${today()}`);
    assert.equal(page.status, 200, page.text);
    assert.match(page.text, /Settled accommodation on the first night/);
    assert.match(page.text, /<svg class="app-chart" role="img"/);
    assert.match(page.text, /<title id="chart-settled_first_night-title">/);
    const link = page.text.match(/href="(\/insight\/csv\/settled_first_night\?[^"]+)"/);
    assert.ok(link, 'a CSV link for the table');
    const csv = await manager.get(link[1].replaceAll('&amp;', '&'));
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    const records = parseCsv(csv.text);
    assert.deepEqual(records[0], ['group_code', 'group', 'people', 'met', 'share_percent', 'difference_points', 'flagged']);
    const report = await call('GET', `/api/v1/insight?scope=pdu&code=LDS&characteristic=sex&to=${today()}`, 'manager');
    const settled = report.json.measures.find((measure) => measure.measure === 'settled_first_night');
    for (const row of settled.rows) {
      const record = records.find((r) => r[0] === row.group);
      assert.equal(record[2], row.suppressed ? '[c]' : String(row.people), row.group);
    }
    assert.equal(records.at(-1)[0], 'total');

    const ethnicity = await manager.get(`/insight/csv/recalled?scope=pdu&code=LDS&characteristic=ethnicity`);
    const rows = parseCsv(ethnicity.text);
    assert.ok(rows.some((r) => r[1] === 'Black, Black British, Black Welsh, Caribbean or African'), 'a label with commas survives');
    assert.ok(rows.every((r) => r.length === 7));
    const lateness = parseCsv((await manager.get('/insight/csv/com_lateness?scope=pdu&code=LDS')).text);
    assert.deepEqual(lateness[0], ['band_code', 'band', 'people']);
    assert.equal((await manager.get('/insight/csv/no_such_table?scope=pdu&code=LDS')).status, 404);

    const backwards = await manager.get('/insight?from=2026-03-01&to=2026-02-01');
    assert.equal(backwards.status, 422);
    assert.match(backwards.text, /The end of the period must be on or after its start/);

    const com = new Browser(server);
    await com.signIn('com');
    assert.equal((await com.get('/insight')).status, 403);
    assert.equal((await com.get('/insight/csv/recalled?scope=pdu&code=LDS')).status, 403);
  });

  test('progress measures: distance travelled, referrals to first contact and officer changes, through the API, page and CSV', async () => {
    const daysAgo = (days) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    for (const person of released) {
      for (const [assessedOn, need] of [[daysAgo(30), 'high'], [today(), 'low']]) {
        const assessed = await call('POST', `/api/v1/people/${person.id}/needs-assessments`, 'manager', {
          kind: 'reception_screening', assessed_on: assessedOn, assessed_by: 'Insight test',
          pathways: { accommodation: { need_level: need, source: 'practitioner' } },
        });
        assert.equal(assessed.status, 201, assessed.text);
      }
      const referral = await call('POST', `/api/v1/people/${person.id}/referrals`, 'manager',
        { service_id: 'svc-riverside-debt', kind: 'service', reason_for_referral: 'Debts from before custody' });
      assert.equal(referral.status, 201, referral.text);
      const moves = `/api/v1/referrals/${referral.json.id}`;
      assert.equal((await call('POST', `${moves}/consent`, 'manager', { consent_given: true, consent_scope: 'Name and debts' })).status, 200);
      for (const to of ['sent', 'accepted', 'first_appointment']) {
        const moved = await call('POST', `${moves}/transitions`, 'manager', { to, told_by: 'Sam Green, adviser', date: today() });
        assert.equal(moved.status, 200, `${to}: ${moved.text}`);
      }
    }

    const query = `scope=pdu&code=LDS&characteristic=sex&to=${today()}`;
    const report = await call('GET', `/api/v1/insight?${query}`, 'manager');
    assert.equal(report.status, 200, report.text);
    const progress = (code) => report.json.progress_measures.find((measure) => measure.measure === code);
    assert.equal(report.json.progress_measures.length, 16);
    const lowered = progress('need_lowered_accommodation');
    const male = lowered.rows.find((row) => row.group === 'male');
    assert.ok(male.people >= 6 && male.met >= 6, JSON.stringify(male));
    assert.ok(lowered.definition.startsWith('Distance travelled'));
    const accepted = progress('referral_accepted').rows.find((row) => row.group === 'male');
    assert.ok(accepted.people >= 6 && accepted.met >= 6, JSON.stringify(accepted));
    assert.equal(progress('referral_started').rows.find((row) => row.group === 'male').met, 0, 'none started');
    assert.equal(progress('referral_completed').rows.find((row) => row.group === 'male').met, 0, 'none completed');
    assert.ok(progress('referral_completed').rows.find((row) => row.group === 'male').people >= 6);
    assert.ok(progress('gp_registered_on_release').total.people >= 6, 'released people count, GP not recorded');
    assert.equal(progress('settled_accommodation_6_weeks').total.people, 0, 'six weeks have not come for anyone released today');
    const contact = report.json.referral_first_contact;
    assert.ok(contact.buckets.find((bucket) => bucket.band === 'within_7_days').people >= 6, JSON.stringify(contact));
    assert.equal(contact.buckets.at(-1).band, 'no_contact_yet');
    const changes = report.json.officer_changes;
    assert.ok(Array.isArray(changes.rows) && changes.rows.length === 5, JSON.stringify(changes));
    for (const measure of report.json.progress_measures)
      for (const row of [...measure.rows, measure.total])
        if (row.suppressed) assert.equal(row.people, null, `${measure.measure}: a hidden count is never sent`);
    for (const row of [...changes.rows, changes.total])
      if (row.suppressed) assert.deepEqual([row.people, row.changes, row.per_six_months], [null, null, null]);
      else if (row.people > 0) assert.ok(row.people >= 5 && row.per_six_months >= 0, JSON.stringify(row));

    const manager = new Browser(server);
    await manager.signIn('manager');
    const page = await manager.get(`/insight?${query}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Need lowered: accommodation/);
    assert.match(page.text, /<title id="chart-need_lowered_accommodation-title">/);
    assert.match(page.text, /Days from referral to first contact/);
    assert.match(page.text, /Changes of lead officer per person per six months/);
    const needCsv = parseCsv((await manager.get(`/insight/csv/need_lowered_accommodation?${query}`)).text);
    assert.deepEqual(needCsv[0], ['group_code', 'group', 'people', 'met', 'share_percent', 'difference_points', 'flagged']);
    assert.equal(needCsv.find((r) => r[0] === 'male')[2], String(male.people));
    const contactCsv = parseCsv((await manager.get(`/insight/csv/referral_first_contact?${query}`)).text);
    assert.deepEqual(contactCsv.map((r) => r[0]), ['band_code', ...contact.buckets.map((b) => b.band), 'total']);
    const changesCsv = parseCsv((await manager.get(`/insight/csv/officer_changes?${query}`)).text);
    assert.deepEqual(changesCsv[0], ['group_code', 'group', 'people', 'changes', 'days_with_lead_officer', 'changes_per_six_months']);
    assert.equal(changesCsv.length, 7, 'five groups, the header and the total');
    assert.ok(changesCsv.every((r) => r.length === 6));
  });

  test('referrals by service and by pathway, for everyone or one group: API, page, CSV and the cases behind a count', async () => {
    const query = `scope=pdu&code=LDS&characteristic=sex&to=${today()}`;  // after the referrals of the test above
    const report = await call('GET', `/api/v1/insight?${query}`, 'manager');
    assert.equal(report.status, 200, report.text);
    const { referrals } = report.json;
    assert.equal(referrals.group, 'total');
    const debt = referrals.by_service.rows.find((row) => row.code === 'svc-riverside-debt');
    assert.equal(debt.label, 'Debt and budgeting advice');
    assert.ok(debt.people.sent >= 6 && debt.people.accepted >= 6, JSON.stringify(debt));
    assert.deepEqual([debt.people.started, debt.people.completed], [0, 0]);
    const finance = referrals.by_pathway.rows.find((row) => row.code === 'finance_benefits_debt');
    assert.deepEqual(finance.people, debt.people, 'the service\'s pathway, from the directory');
    assert.equal(referrals.by_pathway.rows.length, 7);
    for (const row of [...referrals.by_service.rows, ...referrals.by_pathway.rows])
      if (row.suppressed) assert.equal(row.people.sent, null, 'a hidden count is never sent');
    const men = await call('GET', `/api/v1/insight?${query}&referrals_group=male`, 'manager');
    assert.equal(men.json.referrals.group, 'male');
    assert.ok(men.json.referrals.by_service.rows.find((row) => row.code === 'svc-riverside-debt').people.sent >= 6);
    assert.deepEqual(errorFields(await call('GET', `/api/v1/insight?${query}&referrals_group=martian`, 'manager')), ['referrals_group']);

    const cases = await call('GET', `/api/v1/insight/cases?${query}&measure=referrals_by_pathway&row=finance_benefits_debt&stage=accepted`, 'manager');
    assert.equal(cases.status, 200, cases.text);
    assert.equal(cases.json.people_counted, finance.people.accepted);
    assert.deepEqual(errorFields(await call('GET', `/api/v1/insight/cases?${query}&measure=referrals_by_pathway&row=hope&stage=ended`, 'manager')),
      ['row', 'stage']);

    const manager = new Browser(server);
    await manager.signIn('manager');
    const page = await manager.get(`/insight?${query}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Referrals by service and by pathway/);
    assert.match(page.text, /Referrals completed/);
    const groupLink = page.text.match(/href="(\/insight\?[^"]*referrals_group=male[^"]*)"/);
    assert.ok(groupLink, 'each group of the characteristic has a link of its own');
    const ofMen = await manager.get(groupLink[1].replaceAll('&amp;', '&'));
    assert.equal(ofMen.status, 200);
    assert.match(ofMen.text, /Referrals by service: Male/);
    const countLink = page.text.match(/href="(\/insight\/cases\?[^"]*measure=referrals_by_service&amp;row=svc-riverside-debt&amp;stage=accepted)"/);
    assert.ok(countLink, 'each shown count links to the cases behind it');
    const list = await manager.get(countLink[1].replaceAll('&amp;', '&'));
    assert.equal(list.status, 200, list.text);
    assert.match(list.text, /Debt and budgeting advice, Accepted/);
    const csv = parseCsv((await manager.get(`/insight/csv/referrals_by_pathway?${query}`)).text);
    assert.deepEqual(csv[0], ['code', 'name', 'sent', 'accepted', 'started', 'completed']);
    assert.equal(csv.length, 8, 'the header and every pathway');
    assert.equal(csv.find((row) => row[0] === 'finance_benefits_debt')[2], String(finance.people.sent));
    const byService = parseCsv((await manager.get(`/insight/csv/referrals_by_service?${query}`)).text);
    assert.ok(byService.some((row) => row[0] === 'svc-riverside-debt' && row[1] === 'Debt and budgeting advice'));
  });

  test('the units within a scope are compared on the officer change rate: API, page and CSV', async () => {
    const query = `scope=region&code=YH&characteristic=sex&to=${today()}&compare=officer_changes`;
    const report = await call('GET', `/api/v1/insight?${query}`, 'admin');
    assert.equal(report.status, 200, report.text);
    assert.equal(report.json.units.measure, 'officer_changes');
    assert.equal(report.json.units.compared_on, 'changes_per_six_months');
    assert.ok(report.json.units.rows.length > 0);
    for (const row of report.json.units.rows) {
      assert.ok(!('share' in row), 'compared on a rate, not a share');
      if (row.suppressed) assert.deepEqual([row.people, row.changes, row.per_six_months], [null, null, null]);
      else if (row.people > 0) assert.ok(row.per_six_months >= 0, JSON.stringify(row));
    }
    const admin = new Browser(server);
    await admin.signIn('admin');
    const page = await admin.get(`/insight?${query}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<option value="officer_changes" selected>/);
    assert.match(page.text, /Units within Region YH: Changes of lead officer per person per six months/);
    const csv = parseCsv((await admin.get(`/insight/csv/units?${query}`)).text);
    assert.deepEqual(csv[0], ['kind', 'code', 'name', 'people', 'changes', 'changes_per_six_months', 'against_range']);
    assert.equal(csv.length, report.json.units.rows.length + 1);
  });

  test('drilling down: national to regions to PDUs and prisons to teams, links kept, same suppression, the range marked', async () => {
    const national = await call('GET', '/api/v1/insight?scope=national&compare=settled_first_night', 'admin');
    assert.equal(national.status, 200, national.text);
    assert.equal(national.json.units.measure, 'settled_first_night');
    assert.ok(national.json.units.rows.length >= 1 && national.json.units.rows.every((row) => row.kind === 'region'));
    const region = national.json.units.rows[0].code;
    const regional = await call('GET', `/api/v1/insight?scope=region&code=${region}&compare=settled_first_night`, 'admin');
    assert.equal(regional.status, 200, regional.text);
    assert.ok(regional.json.units.rows.some((row) => row.kind === 'pdu'), JSON.stringify(regional.json.units));
    for (const row of [...national.json.units.rows, ...regional.json.units.rows]) {
      if (row.suppressed) assert.deepEqual([row.people, row.met, row.share], [null, null, null]);
      else assert.ok(row.people === 0 || row.people >= 5, JSON.stringify(row));
      assert.ok(['below', 'within', 'above'].includes(row.against_range));
      if (regional.json.units.quartiles === null) assert.equal(row.against_range, 'within');
    }
    const pdu = await call('GET', '/api/v1/insight?scope=pdu&code=LDS', 'manager');
    assert.equal(pdu.json.units.measure, 'continuity_across_gate', 'compared on continuity when not chosen');
    assert.ok(pdu.json.units.rows.every((row) => row.kind === 'team'));
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight?compare=nonsense', 'manager')), ['compare']);

    const admin = new Browser(server);
    await admin.signIn('admin');
    const page = await admin.get('/insight?scope=national&compare=need_lowered_accommodation');
    assert.equal(page.status, 200);
    assert.match(page.text, /Units within, on: Need lowered: accommodation/);
    const link = page.text.match(/href="(\/insight\?scope=region&amp;code=[^"]+)"/);
    assert.ok(link, 'each region links to its own view');
    const drilled = await admin.get(link[1].replaceAll('&amp;', '&'));
    assert.equal(drilled.status, 200);
    assert.match(drilled.text, /compare=need_lowered_accommodation/, 'the choice of measure is kept');
    const units = parseCsv((await admin.get(`/insight/csv/units?scope=region&code=${region}`)).text);
    assert.deepEqual(units[0], ['kind', 'code', 'name', 'people', 'met', 'share_percent', 'against_range']);
    assert.equal(units.length, regional.json.units.rows.length + 1);
  });

  test('the cases behind a number: the same counts and suppression as the table, within the viewer\'s access, page and API', async () => {
    const query = `scope=pdu&code=LDS&characteristic=sex&to=${today()}`;
    const report = await call('GET', `/api/v1/insight?${query}`, 'manager');
    assert.ok(!Number.isNaN(Date.parse(report.json.worked_out_at)), report.json.worked_out_at);
    assert.equal(report.json.changed_since, false);
    const settled = report.json.measures.find((measure) => measure.measure === 'settled_first_night');
    for (const row of [...settled.rows, { ...settled.total, group: 'total' }]) {
      const cases = await call('GET', `/api/v1/insight/cases?${query}&measure=settled_first_night&group=${row.group}`, 'manager');
      assert.equal(cases.status, 200, cases.text);
      assert.equal(cases.json.suppressed, row.suppressed, row.group);
      assert.equal(cases.json.people_counted, row.people, row.group);
      if (row.suppressed) assert.deepEqual(cases.json.people, [], 'a hidden number lists no one');
      else assert.equal(cases.json.people.length + cases.json.not_named, row.people, row.group);
    }
    const met = await call('GET', `/api/v1/insight/cases?${query}&measure=settled_first_night&group=male&met=yes`, 'manager');
    const listed = met.json.people.map((person) => person.id);
    for (const person of released) assert.ok(listed.includes(person.id), `${person.id} settled on the first night`);
    assert.equal(met.json.people_counted, settled.rows.find((row) => row.group === 'male').met);

    assert.equal((await call('GET', `/api/v1/insight/cases?${query}&measure=settled_first_night`, 'com')).status, 403);
    assert.equal((await call('GET', '/api/v1/insight/cases?scope=pdu&code=BRD&measure=recalled', 'manager')).status, 403);
    assert.deepEqual(errorFields(await call('GET', `/api/v1/insight/cases?${query}`, 'manager')), ['measure']);
    assert.deepEqual(errorFields(await call('GET', `/api/v1/insight/cases?${query}&measure=happiness`, 'manager')), ['measure']);
    assert.deepEqual(errorFields(await call('GET', `/api/v1/insight/cases?${query}&measure=recalled&group=martian`, 'manager')), ['group']);

    const manager = new Browser(server);
    await manager.signIn('manager');
    const page = await manager.get(`/insight?${query}`);
    assert.match(page.text, /Worked out at \d\d:\d\d on \d+ \w+ \d{4}/);
    const link = page.text.match(/href="(\/insight\/cases\?[^"]*measure=settled_first_night&amp;group=male&amp;met=yes)"/);
    assert.ok(link, 'the number of men who met it links to them');
    const list = await manager.get(link[1].replaceAll('&amp;', '&'));
    assert.equal(list.status, 200, list.text);
    assert.match(list.text, /Cases behind the number/);
    for (const person of released) assert.match(list.text, new RegExp(`href="/people/${person.id}"`));
    const com = new Browser(server);
    await com.signIn('com');
    assert.equal((await com.get(link[1].replaceAll('&amp;', '&'))).status, 403);
  });

  test('the bands of the distributions and the units within a scope link to the cases behind them', async () => {
    const query = `scope=pdu&code=LDS&characteristic=sex&to=${today()}`;
    const report = await call('GET', `/api/v1/insight?${query}`, 'manager');
    const distributions = [['com_lateness', report.json.handover_lateness], ['referral_first_contact', report.json.referral_first_contact]];
    for (const [measure, distribution] of distributions) {
      for (const bucket of distribution.buckets) {
        const cases = await call('GET', `/api/v1/insight/cases?${query}&measure=${measure}&band=${bucket.band}`, 'manager');
        assert.equal(cases.status, 200, cases.text);
        assert.equal(cases.json.suppressed, bucket.suppressed, `${measure} ${bucket.band}`);
        assert.equal(cases.json.people_counted, bucket.people, `${measure} ${bucket.band}`);
      }
      assert.deepEqual(errorFields(await call('GET', `/api/v1/insight/cases?${query}&measure=${measure}&band=soon`, 'manager')), ['band']);
      assert.deepEqual(errorFields(await call('GET', `/api/v1/insight/cases?${query}&measure=${measure}`, 'manager')), ['band']);
    }
    const rates = report.json.officer_changes;
    for (const row of [...rates.rows, rates.total]) {
      const group = row.group ?? 'total';
      const cases = await call('GET', `/api/v1/insight/cases?${query}&measure=officer_changes&group=${group}`, 'manager');
      assert.equal(cases.status, 200, cases.text);
      assert.equal(cases.json.suppressed, row.suppressed, `officer changes ${group}`);
      assert.equal(cases.json.people_counted, row.people, `officer changes ${group}: the rates' people`);
    }

    const admin = new Browser(server);
    await admin.signIn('admin');
    const regional = await admin.get(`/insight?scope=region&code=YH&characteristic=sex&to=${today()}&compare=settled_first_night`);
    assert.equal(regional.status, 200, regional.text);
    const unitLink = regional.text.match(/href="(\/insight\/cases\?scope=(?:pdu|prison)&amp;code=[A-Z]+&amp;[^"]*measure=settled_first_night)"/);
    assert.ok(unitLink, 'the units table links a unit\'s count to its cases');
    const unitCases = await admin.get(unitLink[1].replaceAll('&amp;', '&'));
    assert.equal(unitCases.status, 200, unitCases.text);
    assert.match(unitCases.text, /Cases behind the number/);
    const managerBrowser = new Browser(server);
    await managerBrowser.signIn('manager');
    const own = await managerBrowser.get(`/insight?${query}`);
    const ratesLink = own.text.match(/href="(\/insight\/cases\?[^"]*measure=officer_changes&amp;group=total)"/);
    assert.ok(ratesLink, 'the officer change rates link their people to the cases behind them');
    const rateCases = await managerBrowser.get(ratesLink[1].replaceAll('&amp;', '&'));
    assert.equal(rateCases.status, 200, rateCases.text);
    assert.match(rateCases.text, /Changes of lead officer per person per six months/);
    const bandLink = regional.text.match(/href="(\/insight\/cases\?[^"]*measure=com_lateness&amp;band=[a-z0-9_]+)"/);
    if (bandLink) assert.equal((await admin.get(bandLink[1].replaceAll('&amp;', '&'))).status, 200);
  });

  test('a threshold for small numbers that is not a whole number from 1 stops the server starting', async () => {
    for (const threshold of ['3x', '0', '']) {
      const refused = await new Promise((resolve) => {
        execFile(binary, ['serve', '--db', server.db, '--port', '0'],
          { env: { ...process.env, RESETTLE_INSIGHT_THRESHOLD: threshold }, timeout: 60_000 },
          (error, stdout, stderr) => resolve({ code: error?.code ?? 0, stderr }));
      });
      assert.equal(refused.code, 1, `threshold "${threshold}"`);
      assert.match(refused.stderr, /RESETTLE_INSIGHT_THRESHOLD: must be a whole number from 1/);
    }
  });

  test('the server makes every case\'s figures ahead of the requests at start-up; a bad --insight-every stops it', async () => {
    const child = spawn(binary, ['serve', '--db', server.db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    let seen = '';
    child.stdout.setEncoding('utf8');
    const made = await new Promise((resolve) => {
      child.stdout.on('data', (chunk) => {
        seen += chunk;
        if (/Insight's figures made ahead in [\d.e-]+ s/.test(seen)) resolve(true);
      });
      child.once('exit', () => resolve(false));
    });
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.ok(made, seen);

    const refused = await new Promise((resolve) => {
      execFile(binary, ['serve', '--db', server.db, '--port', '0', '--insight-every', '-1'], { timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error?.code ?? 0, stderr }));
    });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /--insight-every must be 0 or more/);
  });

  test('an allowed age for kept figures that is not a whole number of seconds stops the server starting', async () => {
    for (const age of ['5m', '-1', '']) {
      const refused = await new Promise((resolve) => {
        execFile(binary, ['serve', '--db', server.db, '--port', '0'],
          { env: { ...process.env, RESETTLE_INSIGHT_ALLOWED_AGE: age }, timeout: 60_000 },
          (error, stdout, stderr) => resolve({ code: error?.code ?? 0, stderr }));
      });
      assert.equal(refused.code, 1, `age "${age}"`);
      assert.match(refused.stderr, /RESETTLE_INSIGHT_ALLOWED_AGE: must be a whole number from 0/);
    }
  });
});
