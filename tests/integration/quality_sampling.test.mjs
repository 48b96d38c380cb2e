// Quality sampling over HTTP: a unit's monthly sample drawn reproducibly and seen only by the unit's
// managers and administrators; bad units and months named; a sampled case reviewed against the checklist
// (every bad answer named, versions checked, each version on the case's timeline); the month's themes as
// JSON, a page and a CSV parsed back.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { api, binary, Browser, createPerson, csrfToken, parseCsv, startServer } from './support.mjs';

let server;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'pom', 'com', 'keyworker', 'partner', 'admin'] });
});
after(() => server?.stop());

const call = (method, path, token, body, headers) => api(server, method, path, { token: server.tokens[token], body, headers });
const errorFields = (response) => response.json.errors.map((error) => error.field);
const ifMatch = (version) => ({ 'If-Match': `"${version}"` });
const thisMonth = () => new Date().toISOString().slice(0, 7);
const lastMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
};
const unit = () => `scope=pdu&code=LDS&month=${thisMonth()}`;
const questions = ['plan_agreed', 'own_words', 'checklist_before_release', 'handover_meeting_held', 'referrals_followed_up'];

function answers(overrides = {}) {
  const all = Object.fromEntries(questions.map((question) => [question, { finding: 'met', note: '' }]));
  return { answers: { ...all, ...overrides } };
}

describe('the monthly sample', () => {
  test('is the same on every request, holds no case twice and no more than the size', async () => {
    const first = await call('GET', `/api/v1/insight/quality-sample?${unit()}`, 'manager');
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.scope, 'pdu');
    assert.equal(first.json.month, thisMonth());
    assert.equal(first.json.size, 5);
    assert.ok(first.json.eligible > 5, 'the demo PDU has more active cases than the sample holds');
    const ids = first.json.cases.map((c) => c.person_id);
    assert.equal(ids.length, 5);
    assert.equal(new Set(ids).size, ids.length, 'no case twice');
    for (let i = 0; i < 3; i += 1) {
      const again = await call('GET', `/api/v1/insight/quality-sample?${unit()}`, 'admin');
      assert.deepEqual(again.json.cases.map((c) => c.person_id), ids, 'the same unit and month give the same sample');
    }
    const byDefault = await call('GET', '/api/v1/insight/quality-sample', 'manager');
    assert.equal(byDefault.status, 200, byDefault.text);
    assert.equal(byDefault.json.month, lastMonth(), 'last month when left out');
    assert.equal(byDefault.json.code, 'LDS', "a manager's sample opens on their PDU");
  });

  test('only the unit\'s managers and administrators see it', async () => {
    assert.equal((await call('GET', `/api/v1/insight/quality-sample?scope=prison&code=LEI&month=${thisMonth()}`, 'manager')).status, 200);
    assert.equal((await call('GET', `/api/v1/insight/quality-sample?scope=team&code=LDS-CENTRAL&month=${thisMonth()}`, 'manager')).status, 403,
      'a team the manager does not manage');
    assert.equal((await call('GET', `/api/v1/insight/quality-sample?scope=pdu&code=ELSEWHERE`, 'manager')).status, 403);
    for (const who of ['pom', 'com', 'keyworker', 'partner'])
      assert.equal((await call('GET', `/api/v1/insight/quality-sample?${unit()}`, who)).status, 403, who);
    assert.equal((await call('GET', `/api/v1/insight/quality-sample?scope=team&code=LDS-CENTRAL&month=${thisMonth()}`, 'admin')).status, 200);
    assert.equal((await api(server, 'GET', `/api/v1/insight/quality-sample?${unit()}`)).status, 401);
  });

  test('bad units and months are named', async () => {
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight/quality-sample?scope=galaxy&code=X', 'admin')), ['scope']);
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight/quality-sample?scope=region&code=NE', 'admin')), ['scope']);
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight/quality-sample?scope=national', 'admin')), ['scope']);
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight/quality-sample?scope=pdu', 'admin')), ['code']);
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight/quality-sample?scope=pdu&code=NOWHERE', 'admin')), ['code']);
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight/quality-sample?scope=pdu&code=LDS&month=2999-01', 'admin')), ['month']);
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight/quality-sample?scope=pdu&code=LDS&month=March', 'admin')), ['month']);
    assert.deepEqual(errorFields(await call('GET', '/api/v1/insight/quality-sample?scope=galaxy&month=2026-13', 'admin')), ['scope', 'month']);
  });
});

describe('the sample size', () => {
  test('is set by whoever runs the server, and a bad one stops it starting', async () => {
    const small = await startServer({ tokensFor: ['manager'], launcher: ['env', 'RESETTLE_QUALITY_SAMPLE_SIZE=2'] });
    try {
      const sample = await api(small, 'GET', `/api/v1/insight/quality-sample?${unit()}`, { token: small.tokens.manager });
      assert.equal(sample.status, 200, sample.text);
      assert.equal(sample.json.size, 2);
      assert.equal(sample.json.cases.length, 2);
    } finally {
      await small.stop();
    }
    for (const size of ['0', 'five', '']) {
      const refused = await new Promise((resolve) => {
        execFile(binary, ['serve', '--db', server.db, '--port', '0'],
          { env: { ...process.env, RESETTLE_QUALITY_SAMPLE_SIZE: size }, timeout: 60_000 },
          (error, stdout, stderr) => resolve({ code: error?.code ?? 0, stderr }));
      });
      assert.equal(refused.code, 1, `size "${size}"`);
      assert.match(refused.stderr, /RESETTLE_QUALITY_SAMPLE_SIZE: must be a whole number from 1/);
    }
  });
});

describe('reviewing a sampled case', () => {
  test('answers checked, versions kept, each version on the timeline, nothing saved when refused', async () => {
    const sample = await call('GET', `/api/v1/insight/quality-sample?${unit()}`, 'manager');
    const reviewed = sample.json.cases.findIndex((c) => !c.restricted);
    const personId = sample.json.cases[reviewed].person_id;
    const path = `/api/v1/insight/quality-sample/people/${personId}?${unit()}`;
    const before = await call('GET', path, 'manager');
    assert.equal(before.status, 200, before.text);
    assert.equal(before.json.review, null);
    assert.equal(before.headers.get('etag'), '"0"');
    assert.ok(before.json.record.plan_agreed.says, 'what the record says about the plan');
    assert.ok(before.json.record.handover_meeting_held.says);
    for (const question of questions) assert.equal(typeof before.json.record[question].says, 'string', question);

    assert.equal((await call('PUT', path, 'manager', answers())).status, 428);
    const bad = await call('PUT', path, 'manager', answers({ plan_agreed: { finding: 'perhaps' }, own_words: { finding: 'not_met', note: ' ' },
      referrals_followed_up: undefined }), ifMatch(0));
    assert.equal(bad.status, 422, bad.text);
    assert.deepEqual(errorFields(bad), ['plan_agreed', 'own_words_note', 'referrals_followed_up']);
    assert.equal((await call('PUT', path, 'manager', { answers: 'all good' }, ifMatch(0))).status, 422);
    assert.equal((await call('PUT', path, 'manager', '{not json', ifMatch(0))).status, 400);
    assert.equal((await call('GET', path, 'manager')).json.review, null, 'nothing saved');
    assert.equal((await call('PUT', path, 'pom', answers(), ifMatch(0))).status, 403);

    const saved = await call('PUT', path, 'manager', answers({ own_words: { finding: 'not_met', note: 'Goals written by the officer' } }), ifMatch(0));
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.headers.get('etag'), '"1"');
    assert.deepEqual(saved.json.review.answers.own_words, { finding: 'not_met', note: 'Goals written by the officer' });
    assert.equal((await call('PUT', path, 'manager', answers(), ifMatch(0))).status, 412, 'reviewed meanwhile');
    const changed = await call('PUT', path, 'admin', answers({ handover_meeting_held: { finding: 'not_applicable', note: 'Short sentence' } }), ifMatch(1));
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.json.review.version, 2);
    assert.equal(changed.json.review.answers.own_words.finding, 'met');

    const timeline = await call('GET', `/api/v1/people/${personId}/timeline`, 'admin');
    const events = timeline.json.items.filter((event) => event.kind === 'quality_review.recorded');
    assert.equal(events.length, 2, 'each version journalled');
    assert.equal(events[1].data.answers.own_words.note, 'Goals written by the officer', 'the earlier version kept on the timeline');
    assert.equal(events[0].data.version, 2);

    const listed = await call('GET', `/api/v1/insight/quality-sample?${unit()}`, 'manager');
    assert.equal(listed.json.cases[reviewed].review.version, 2);
  });

  test('a case outside the sample cannot be reviewed', async () => {
    const outsider = await createPerson(server, server.tokens.manager);
    const path = `/api/v1/insight/quality-sample/people/${outsider.id}?${unit()}`;
    assert.equal((await call('GET', path, 'manager')).status, 404);
    assert.equal((await call('PUT', path, 'manager', answers(), ifMatch(0))).status, 404);
    assert.equal((await call('GET', `/api/v1/insight/quality-sample/people/999999?${unit()}`, 'manager')).status, 404);
  });
});

describe('pages and themes', () => {
  test('the worklist, the review form with its error summary, and the themes as page, JSON and CSV', async () => {
    const manager = new Browser(server);
    await manager.signIn('manager');
    const query = `scope=pdu&code=LDS&month=${lastMonth()}`;
    const worklist = await manager.get(`/insight/quality?${query}`);
    assert.equal(worklist.status, 200, worklist.text);
    const month = new Date(`${lastMonth()}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    assert.ok(worklist.text.includes(`Cases sampled for ${month}`), 'the month the GOV.UK way');
    const link = worklist.text.match(/href="(\/insight\/quality\/people\/(\d+)\?[^"]*)"/);
    assert.ok(link, 'a link to review a sampled case');
    const href = link[1].replaceAll('&amp;', '&');

    const form = await manager.get(href);
    assert.equal(form.status, 200, form.text);
    assert.match(form.text, /What the record says: /);
    const csrf = csrfToken(form.text);
    const refused = await manager.post(href, { _csrf: csrf, version: '0', plan_agreed: 'met', own_words: 'not_met' });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /govuk-error-summary/);
    for (const field of ['own_words_note', 'checklist_before_release', 'handover_meeting_held', 'referrals_followed_up'])
      assert.match(refused.text, new RegExp(`href="#${field}"`), field);
    assert.match(refused.text, /name="plan_agreed" type="radio" value="met" checked/, 'answers kept');

    const fields = { _csrf: csrf, version: '0', own_words_note: 'No views in the plan, "as usual"' };
    for (const question of questions) fields[question] = question === 'own_words' ? 'not_met' : 'met';
    const done = await manager.post(href, fields);
    assert.equal(done.status, 303, done.text);
    assert.equal(done.headers.get('location'), `/insight/quality?${query}`);
    assert.match((await manager.get(`/insight/quality?${query}`)).text, /Reviewed/);

    const themes = await call('GET', `/api/v1/insight/quality-themes?${query}`, 'manager');
    assert.equal(themes.status, 200, themes.text);
    assert.equal(themes.json.reviewed, 1);
    const ownWords = themes.json.questions.find((q) => q.question === 'own_words');
    assert.deepEqual([ownWords.met, ownWords.not_met, ownWords.not_applicable], [0, 1, 0]);
    assert.deepEqual(ownWords.notes, ['No views in the plan, "as usual"']);

    const page = await manager.get(`/insight/quality/themes?${query}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /No views in the plan, &quot;as usual&quot;|No views in the plan, "as usual"/);
    const csv = await manager.get(`/insight/quality/themes.csv?${query}`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /text\/csv/);
    const records = parseCsv(csv.text);
    assert.deepEqual(records[0], ['question_code', 'question', 'met', 'not_met', 'not_applicable', 'reviewed', 'notes']);
    assert.deepEqual(records.slice(1).map((r) => r[0]), questions);
    assert.deepEqual(records[2].slice(2), ['0', '1', '0', '1', 'No views in the plan, "as usual"']);

    const com = new Browser(server);
    await com.signIn('com');
    assert.equal((await com.get(`/insight/quality?${query}`)).status, 403);
    assert.equal((await com.get(`/insight/quality/themes.csv?${query}`)).status, 403);
    const old = await manager.get('/insight/quality?scope=pdu&code=LDS&month=2024-02');
    assert.equal(old.status, 200);
    assert.match(old.text, /<option value="2024-02" selected>February 2024<\/option>/, 'an earlier month shown as chosen');
    const admin = new Browser(server);
    await admin.signIn('admin');
    const choose = await admin.get('/insight/quality');
    assert.equal(choose.status, 200, 'an administrator is asked to choose a unit');
    assert.doesNotMatch(choose.text, /govuk-error-summary/);
    const badMonth = await manager.get('/insight/quality?scope=pdu&code=LDS&month=2999-01');
    assert.equal(badMonth.status, 422);
    assert.match(badMonth.text, /href="#month"/);
  });
});
