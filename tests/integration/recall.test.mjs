// Recall through the API and the pages: a consideration started, recommended and decided (If-Match
// at each step, every step on the timeline), bad input named with nothing half-saved, the
// recommender kept from deciding, the recall type with the rule that decided it, the recall report,
// the letter explaining a decision not to recall, in English and Welsh, and the return to custody
// that puts the person back in prison with a post-recall release date.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, Browser, createPerson, csrfToken, determinateSentence, startServer } from './support.mjs';

let server;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'pom', 'com'] });
});
after(() => server?.stop());

const call = (method, path, token, body, headers) => api(server, method, path, { token: server.tokens[token], body, headers });
const errorFields = (response) => response.json.errors.map((error) => error.field);
const iso = (date) => date.toISOString().slice(0, 10);
const ifMatch = (version) => ({ 'If-Match': `"${version}"` });

// A person in Leeds (the demo COM's PDU) released today, on a 120-day sentence.
async function releasedPerson() {
  const person = await createPerson(server, server.tokens.manager);
  const start = iso(new Date(Date.now() - 60 * 24 * 60 * 60 * 1000));
  const sentence = await call('POST', `/api/v1/people/${person.id}/sentences`, 'manager',
    determinateSentence({ sentence_start_date: start, sentence_length_days: 120 }));
  assert.equal(sentence.status, 201, sentence.text);
  const released = await call('POST', `/api/v1/people/${person.id}/release`, 'com',
    { released_on: iso(new Date()), released_at: '09:30', prison_code: person.prison_code, tonight: 'settled', address: '4 Park Lane, Leeds' });
  assert.equal(released.status, 201, released.text);
  return person;
}

const riskIncreased = { trigger: 'risk_increased', risk_change: 'Contact with a former victim', alternatives_tried: ['warning', 'testing'] };

// A consideration recommended by the COM, waiting for a manager's decision.
async function recommended(person, recommendation) {
  const started = await call('POST', `/api/v1/people/${person.id}/recalls`, 'com', riskIncreased);
  assert.equal(started.status, 201, started.text);
  const sent = await call('POST', `/api/v1/recalls/${started.json.id}/recommendation`, 'com',
    { recommendation, recommendation_reasons: 'Risk to the former victim' }, ifMatch(1));
  assert.equal(sent.status, 200, sent.text);
  return sent.json;
}

describe('recall through the API', () => {
  test('a consideration is recommended and decided, each step journalled, with the rule that decided the type', async () => {
    const person = await releasedPerson();
    const base = `/api/v1/people/${person.id}/recalls`;
    assert.equal((await call('POST', base, 'pom', riskIncreased)).status, 403);
    const bad = await call('POST', base, 'com',
      { trigger: 'compliance_broken_down', conditions_breached: ['curfew_address'], alternatives_tried: ['prayer'] });
    assert.equal(bad.status, 422);
    assert.deepEqual(errorFields(bad), ['conditions_breached', 'alternatives_tried']);
    assert.deepEqual(errorFields(await call('POST', base, 'com', {})), ['trigger']);
    assert.equal((await call('GET', base, 'com')).json.recalls.length, 0, 'nothing saved');

    const started = await call('POST', base, 'com', riskIncreased);
    assert.equal(started.status, 201, started.text);
    assert.equal(started.headers.get('etag'), '"1"');
    assert.deepEqual(started.json.alternatives_tried, ['warning', 'testing']);
    const path = `/api/v1/recalls/${started.json.id}`;
    const reasons = { recommendation: 'recall', recommendation_reasons: 'Risk to the former victim' };
    assert.equal((await call('POST', `${path}/recommendation`, 'com', reasons)).status, 428);
    const sent = await call('POST', `${path}/recommendation`, 'com', reasons, ifMatch(1));
    assert.equal(sent.status, 200, sent.text);
    assert.equal(sent.json.status, 'recommended');

    const noRationale = await call('POST', `${path}/decision`, 'manager', { decision: 'recall' }, ifMatch(2));
    assert.equal(noRationale.status, 422);
    assert.deepEqual(errorFields(noRationale), ['rationale']);
    const unchanged = await call('GET', path, 'manager');
    assert.equal(unchanged.json.status, 'recommended', 'nothing half-saved');
    assert.equal(unchanged.json.version, 2);
    const decision = { decision: 'recall', rationale: 'Cannot be managed safely in the community' };
    assert.equal((await call('POST', `${path}/decision`, 'com', decision, ifMatch(2))).status, 403, 'a manager decides');
    assert.equal((await call('POST', `${path}/decision`, 'manager', decision, ifMatch(1))).status, 412);
    const decided = await call('POST', `${path}/decision`, 'manager', decision, ifMatch(2));
    assert.equal(decided.status, 200, decided.text);
    assert.equal(decided.json.decision, 'recall');
    assert.equal(decided.json.recall_type.type, '56');
    assert.equal(decided.json.recall_type.rule, 'adult_fixed_term_56');
    assert.match(decided.json.recall_type.reason, /56-day fixed-term recall/);

    const timeline = await call('GET', `/api/v1/people/${person.id}/timeline?limit=200`, 'manager');
    const kinds = timeline.json.items.map((event) => event.kind);
    for (const kind of ['recall.started', 'recall.recommended', 'recall.decided']) assert.ok(kinds.includes(kind), kind);
  });

  test('an exclusion makes it a standard recall, and the recommender may not decide', async () => {
    const person = await releasedPerson();
    const recall = await recommended(person, 'recall');
    const path = `/api/v1/recalls/${recall.id}/decision`;
    const mine = await api(server, 'POST', `/api/v1/recalls/${recall.id}`, { token: server.tokens.com });
    assert.equal(mine.status, 405);
    const decided = await call('POST', path, 'manager',
      { decision: 'recall', rationale: 'Charged with burglary', exclusions: ['charged_with_new_offence'] }, ifMatch(2));
    assert.equal(decided.status, 200, decided.text);
    assert.equal(decided.json.recall_type.type, 'standard');
    assert.equal(decided.json.recall_type.rule, 'charged_with_new_offence');

    const byManager = await call('POST', `/api/v1/people/${person.id}/recalls`, 'manager', riskIncreased);
    const own = await call('POST', `/api/v1/recalls/${byManager.json.id}/recommendation`, 'manager',
      { recommendation: 'recall', recommendation_reasons: 'Risk' }, ifMatch(1));
    assert.equal(own.status, 200, own.text);
    const refused = await call('POST', `/api/v1/recalls/${byManager.json.id}/decision`, 'manager',
      { decision: 'recall', rationale: 'Risk' }, ifMatch(2));
    assert.equal(refused.status, 403, refused.text);
  });
});

describe('the return to custody', () => {
  const addDays = (days) => iso(new Date(Date.now() + days * 24 * 60 * 60 * 1000));

  test('gives the post-recall release date, in custody at the prison named, refused when out of turn or wrong', async () => {
    const person = await releasedPerson();
    const recall = await recommended(person, 'recall');
    const path = `/api/v1/recalls/${recall.id}/return-to-custody`;
    const back = { returned_on: iso(new Date()), prison_code: person.prison_code };
    assert.equal((await call('POST', path, 'com', back, ifMatch(2))).status, 409, 'not decided yet');
    const decided = await call('POST', `/api/v1/recalls/${recall.id}/decision`, 'manager',
      { decision: 'recall', rationale: 'Risk to the former victim' }, ifMatch(2));
    assert.equal(decided.status, 200, decided.text);

    assert.equal((await call('POST', path, 'com', back)).status, 428);
    assert.equal((await call('POST', path, 'pom', back, ifMatch(3))).status, 403);
    const wrong = await call('POST', path, 'com', { returned_on: addDays(1), prison_code: 'NOPE' }, ifMatch(3));
    assert.equal(wrong.status, 422, wrong.text);
    assert.deepEqual(errorFields(wrong), ['returned_on']);
    const unknownPrison = await call('POST', path, 'com', { ...back, prison_code: 'XXX' }, ifMatch(3));
    assert.equal(unknownPrison.status, 422, unknownPrison.text);
    assert.deepEqual(errorFields(unknownPrison), ['prison_code']);
    assert.equal((await call('GET', `/api/v1/people/${person.id}`, 'com')).json.stage, 'on_licence', 'nothing saved');

    const returned = await call('POST', path, 'com', back, ifMatch(3));
    assert.equal(returned.status, 200, returned.text);
    assert.equal(returned.json.returned_on, back.returned_on);
    assert.equal(returned.json.returned_to, person.prison_code);
    assert.equal((await call('POST', path, 'com', back, ifMatch(4))).status, 409, 'returned once only');

    const now = await call('GET', `/api/v1/people/${person.id}`, 'com');
    assert.equal(now.json.stage, 'in_custody');
    assert.equal(now.json.prison_code, person.prison_code);
    const sentences = await call('GET', `/api/v1/people/${person.id}/sentences`, 'com');
    const sentence = sentences.json.items[0];
    assert.deepEqual(sentence.recall_served, { type: '56', revoked_on: back.returned_on, returned_on: back.returned_on });
    const release = sentence.key_dates.post_recall_release_date;
    assert.equal(release.rule_code, 'fixed_term_recall');
    const sled = sentence.key_dates.sentence_and_licence_expiry_date.date;
    assert.equal(release.date, [addDays(55), sled].sort()[0], '56 days counting the day back, never past the end');

    const timeline = await call('GET', `/api/v1/people/${person.id}/timeline?limit=200`, 'com');
    assert.ok(timeline.json.items.some((event) => event.kind === 'recall.returned'));
  });

  test('is recorded on the recall page by the COM', async () => {
    const person = await releasedPerson();
    const recall = await recommended(person, 'recall');
    const decided = await call('POST', `/api/v1/recalls/${recall.id}/decision`, 'manager',
      { decision: 'recall', rationale: 'Risk to the former victim' }, ifMatch(2));
    assert.equal(decided.status, 200, decided.text);
    const com = new Browser(server);
    await com.signIn('com');
    const page = await com.get(`/recalls/${recall.id}`);
    assert.match(page.text, /Record the return/);
    const csrf = csrfToken(page.text);
    const missing = await com.post(`/recalls/${recall.id}/return-to-custody`, { _csrf: csrf, version: '3' });
    assert.equal(missing.status, 422);
    assert.match(missing.text, /href="#returned_on/);
    assert.match(missing.text, /href="#prison_code"/);
    const [year, month, day] = iso(new Date()).split('-');
    const recorded = await com.post(`/recalls/${recall.id}/return-to-custody`, {
      _csrf: csrf, version: '3', 'returned_on-day': day, 'returned_on-month': month, 'returned_on-year': year,
      prison_code: person.prison_code
    });
    assert.equal(recorded.status, 303, recorded.text);
    const after = await com.get(`/recalls/${recall.id}`);
    assert.match(after.text, /Back in custody/);
    assert.doesNotMatch(after.text, /Record the return/);
  });
});

describe('recall pages and documents', () => {
  test('the COM starts and recommends, the manager decides, and the letter goes out in Welsh', async () => {
    const person = await releasedPerson();
    const com = new Browser(server);
    await com.signIn('com');
    const list = await com.get(`/people/${person.id}/recalls`);
    assert.equal(list.status, 200);
    assert.match(list.text, /Start a recall consideration/);
    const form = await com.get(`/people/${person.id}/recalls/new`);
    assert.equal(form.status, 200);
    const csrf = csrfToken(form.text);
    const wrong = await com.post(`/people/${person.id}/recalls`, { _csrf: csrf, trigger: 'both' });
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, /href="#risk_change"/);
    assert.match(wrong.text, /href="#conditions_breached"/);
    const started = await com.post(`/people/${person.id}/recalls`, [['_csrf', csrf], ['trigger', 'risk_increased'],
      ['risk_change', 'Contact with a former victim'], ['alternatives_tried', 'warning'], ['alternatives_tried', 'testing']]);
    assert.equal(started.status, 303, started.text);
    const recallPath = started.headers.get('location');
    const page = await com.get(recallPath);
    assert.match(page.text, /Warning; Drug or alcohol testing/);
    const version = page.text.match(/name="version" value="(\d+)"/)[1];
    const sent = await com.post(`${recallPath}/recommendation`,
      { _csrf: csrf, version, recommendation: 'no_recall', recommendation_reasons: 'Engaging again since the warning' });
    assert.equal(sent.status, 303, sent.text);

    const manager = new Browser(server);
    await manager.signIn('manager');
    const toDecide = await manager.get(recallPath);
    assert.match(toDecide.text, /Record the decision/);
    const managerCsrf = csrfToken(toDecide.text);
    const decisionVersion = toDecide.text.match(/name="version" value="(\d+)"/)[1];
    const noRationale = await manager.post(`${recallPath}/decision`, { _csrf: managerCsrf, version: decisionVersion, decision: 'no_recall' });
    assert.equal(noRationale.status, 422);
    assert.match(noRationale.text, /href="#rationale"/);
    const decided = await manager.post(`${recallPath}/decision`,
      { _csrf: managerCsrf, version: decisionVersion, decision: 'no_recall', rationale: 'Back in touch and keeping his curfew' });
    assert.equal(decided.status, 303, decided.text);

    const report = await manager.get(`${recallPath}/report`);
    assert.equal(report.status, 200);
    for (const text of ['Recall report', 'Contact with a former victim', 'Engaging again since the warning', 'Burglary'])
      assert.ok(report.text.includes(text), text);
    const english = await manager.get(`${recallPath}/letter?language=en`);
    assert.match(english.text, /you will not be recalled/);
    assert.match(english.text, /Back in touch and keeping his curfew/);
    const welsh = await manager.get(`${recallPath}/letter?language=cy`);
    assert.equal(welsh.status, 200);
    assert.match(welsh.text, /lang="cy"/);
    assert.match(welsh.text, /Annwyl/);
    assert.match(welsh.text, /na fyddwch chi&apos;n cael eich galw&apos;n ôl/);
  });

  test('the letter is only for a decision not to recall', async () => {
    const person = await releasedPerson();
    const recall = await recommended(person, 'recall');
    const decided = await call('POST', `/api/v1/recalls/${recall.id}/decision`, 'manager',
      { decision: 'recall', rationale: 'Risk to the former victim' }, ifMatch(2));
    assert.equal(decided.status, 200, decided.text);
    const manager = new Browser(server);
    await manager.signIn('manager');
    assert.equal((await manager.get(`/recalls/${recall.id}/letter?language=cy`)).status, 409);
    const report = await manager.get(`/recalls/${recall.id}/report`);
    assert.match(report.text, /56-day fixed-term recall/);
  });
});
