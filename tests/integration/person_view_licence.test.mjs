// The person's own licence, support and messages pages (issue 23): each licence condition in plain
// words with "I understand" or a question, stored, journalled and shown to the officer; support near
// them for their recorded needs; the messages sent to them with codes never shown; and the same pages
// printed by a practitioner. Isolation: each page shows only the signed-in person's own record, a
// person's session opens no staff page, and a staff session opens none of these.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, Browser, createPerson, csrfToken, determinateSentence, sql as sqlOn, startServer } from './support.mjs';

let server;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'pom', 'com', 'admin'] });
});
after(() => server?.stop());

const call = (method, path, token, body, headers) => api(server, method, path, { token: server.tokens[token], body, headers });
const sql = (statement) => sqlOn(server.db, statement);
const iso = (date) => date.toISOString().slice(0, 10);
let mobiles = 0;
const newMobile = () => `07700 8${String(++mobiles).padStart(5, '0')}`;

const curfew = {
  code: 'curfew_address',
  purpose: 'risk_to_known_adult',
  reason: 'STAFF-ONLY REASON: the offences were at night',
  inputs: { address: '4 Park Lane, Leeds LS1 1AA', hours: '19:00-07:00' },
};

// A person in custody in Leeds, released in about 100 days, with a needs assessment (somewhere to live,
// money) and, unless `licence` is false, an approved licence: the 8 standard conditions and a curfew.
async function personWithLicence({ licence = true } = {}) {
  const person = await createPerson(server, server.tokens.manager);
  const base = `/api/v1/people/${person.id}`;
  const start = iso(new Date(Date.now() - 20 * 24 * 60 * 60 * 1000));
  const sentence = await call('POST', `${base}/sentences`, 'manager', determinateSentence({ sentence_start_date: start, sentence_length_days: 240 }));
  assert.equal(sentence.status, 201, sentence.text);
  const needs = await call('POST', `${base}/needs-assessments`, 'pom', {
    kind: 'resettlement_assessment', assessed_on: iso(new Date()), assessed_by: 'Priya Shah',
    pathways: {
      accommodation: { need_level: 'high', source: 'self_report', own_words: 'STAFF-ONLY WORDS' },
      finance_benefits_debt: { need_level: 'medium', source: 'practitioner' },
      ...Object.fromEntries(['education_training_employment', 'health', 'drugs_alcohol', 'children_families_relationships',
        'attitudes_thinking_behaviour'].map((code) => [code, { need_level: 'no_need', source: 'practitioner' }])),
    },
  });
  assert.equal(needs.status, 201, needs.text);
  let licenceId;
  if (licence) {
    const started = await call('POST', `${base}/licences`, 'com');
    assert.equal(started.status, 201, started.text);
    licenceId = started.json.id;
    const added = await call('POST', `/api/v1/licences/${licenceId}/conditions`, 'com', curfew, { 'If-Match': started.headers.get('etag') });
    assert.equal(added.status, 200, added.text);
    const submitted = await call('POST', `/api/v1/licences/${licenceId}/submit`, 'com', {}, { 'If-Match': added.headers.get('etag') });
    const approved = await call('POST', `/api/v1/licences/${licenceId}/decision`, 'manager', { decision: 'approve' },
      { 'If-Match': submitted.headers.get('etag') });
    assert.equal(approved.json.status, 'approved', approved.text);
  }
  const mobile = newMobile();
  const invited = await call('POST', `${base}/invitation`, 'com', { contact: mobile });
  assert.equal(invited.status, 201, invited.text);
  return { person, mobile, licenceId };
}

// Signs the person in with the newest code sent to them, read from the database (staff never see codes).
async function signedIn({ person, mobile }) {
  const browser = new Browser(server);
  assert.equal((await browser.post('/my/sign-in', { contact: mobile })).status, 303);
  const body = sql(`SELECT body FROM outbox_message WHERE person_id = ${person.id} AND kind = 'sign_in_code' ORDER BY id DESC LIMIT 1`);
  const done = await browser.post('/my/sign-in/code', { code: body.match(/\b(\d{6})\b/)[1] });
  assert.equal(done.status, 303, done.text);
  assert.equal(done.headers.get('location'), '/my');
  return browser;
}

function errorLinks(html) {
  return [...html.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a><\/li>/g)].map((match) => [match[1], match[2]]);
}

describe('my licence', () => {
  test('shows each condition in plain words, with the curfew filled in, and nothing staff-only', async () => {
    const subject = await personWithLicence();
    const browser = await signedIn(subject);
    const home = await browser.get('/my');
    assert.match(home.text, /href="\/my\/licence"/);
    assert.match(home.text, /href="\/my\/support"/);
    assert.match(home.text, /href="\/my\/messages"/);
    const page = await browser.get('/my/licence');
    assert.equal(page.status, 200, page.text);
    assert.match(page.text, /<h1 class="govuk-heading-l">Your licence conditions<\/h1>/);
    assert.equal([...page.text.matchAll(/<li id="condition-/g)].length, 9);
    assert.match(page.text, /4 Park Lane, Leeds LS1 1AA/);
    assert.match(page.text, /19:00|7pm/);
    assert.doesNotMatch(page.text, /STAFF-ONLY|risk_to_known_adult|Risk to a known adult/);
    assert.match(page.text, /href="\/my\/licence\/conditions\/9"/);
  });

  test('"I understand" and a question are stored, journalled, kept and shown to the officer', async () => {
    const subject = await personWithLicence();
    const browser = await signedIn(subject);
    const form = await browser.get('/my/licence/conditions/1');
    assert.equal(form.status, 200, form.text);
    assert.match(form.text, /<h1 class="govuk-heading-l">Condition 1<\/h1>/);
    const _csrf = csrfToken(form.text);

    const none = await browser.post('/my/licence/conditions/1', { _csrf });
    assert.equal(none.status, 422);
    assert.deepEqual(errorLinks(none.text), [['response', 'Choose I understand or I have a question']]);
    const empty = await browser.post('/my/licence/conditions/9', { _csrf, response: 'question', question: '   ' });
    assert.equal(empty.status, 422);
    assert.deepEqual(errorLinks(empty.text), [['question', 'Enter your question']]);
    const long = await browser.post('/my/licence/conditions/9', { _csrf, response: 'question', question: 'a'.repeat(501) });
    assert.equal(long.status, 422);
    assert.deepEqual(errorLinks(long.text), [['question', 'Your question must be 500 characters or fewer']]);
    assert.match(long.text, /a{501}<\/textarea>/, 'what they typed is kept');
    assert.equal(sql(`SELECT count(*) FROM licence_condition_response WHERE licence_id = ${subject.licenceId}`).trim(), '0');

    const understood = await browser.post('/my/licence/conditions/1', { _csrf, response: 'understood' });
    assert.equal(understood.status, 303, understood.text);
    assert.match(understood.headers.get('location'), /^\/my\/licence\?sent=1/);
    const asked = await browser.post('/my/licence/conditions/9', { _csrf, response: 'question', question: 'Can I go to my sister\'s after 7pm?' });
    assert.equal(asked.status, 303, asked.text);
    const forged = await browser.post('/my/licence/conditions/1', { response: 'understood' });
    assert.equal(forged.status, 403, 'a POST needs the CSRF token');

    const page = await browser.get('/my/licence?sent=9');
    assert.match(page.text, /govuk-notification-banner--success/);
    assert.match(page.text, /You told us you understand this\./);
    assert.match(page.text, /You asked a question\. Your probation officer will answer it\./);
    const condition = await browser.get('/my/licence/conditions/9');
    assert.match(condition.text, /Can I go to my sister&apos;s after 7pm\?/);

    const rows = sql(`SELECT condition_key, response, question FROM licence_condition_response WHERE licence_id = ${subject.licenceId} ORDER BY id`);
    assert.deepEqual(rows.trim().split('\n'), ['1|understood|', "9|question|Can I go to my sister's after 7pm?"]);
    const events = sql(`SELECT kind FROM event WHERE person_id = ${subject.person.id} AND kind LIKE 'licence.%_person' ORDER BY id`);
    assert.deepEqual(events.trim().split('\n'), ['licence.understood_by_person', 'licence.question_from_person']);
    assert.throws(() => sql(`DELETE FROM licence_condition_response WHERE licence_id = ${subject.licenceId}`), /stays on the record/);
    assert.throws(() => sql(`UPDATE licence_condition_response SET question = 'x' WHERE licence_id = ${subject.licenceId}`), /as they said it/);

    const staff = new Browser(server);
    await staff.signIn('com');
    const officer = await staff.get(`/people/${subject.person.id}/licence`);
    assert.equal(officer.status, 200);
    assert.match(officer.text, /The person says they understand this/);
    assert.match(officer.text, /The person's open questions/);
    assert.match(officer.text, /Can I go to my sister/);

    // A later "I understand" closes the question.
    await browser.post('/my/licence/conditions/9', { _csrf, response: 'understood' });
    const after = await staff.get(`/people/${subject.person.id}/licence`);
    assert.doesNotMatch(after.text, /Can I go to my sister/);
  });

  test('is in Welsh once chosen, and the language switch comes back to the same page', async () => {
    const subject = await personWithLicence();
    const browser = await signedIn(subject);
    const page = await browser.get('/my/licence');
    const switched = await browser.post('/my/language', { _csrf: csrfToken(page.text), language: 'cy', return_to: '/my/licence' });
    assert.equal(switched.status, 303);
    assert.equal(switched.headers.get('location'), '/my/licence');
    const welsh = await browser.get('/my/licence');
    assert.match(welsh.text, /<html lang="cy"/);
    assert.match(welsh.text, /Amodau eich trwydded/);
    assert.match(welsh.text, /swyddog prawf/);
    const form = await browser.get('/my/licence/conditions/2');
    const bad = await browser.post('/my/licence/conditions/2', { _csrf: csrfToken(form.text) });
    assert.deepEqual(errorLinks(bad.text).map(([field]) => field), ['response']);
    assert.match(errorLinks(bad.text)[0][1], /^Dewiswch Rwy&apos;n deall neu Mae gen i gwestiwn$/);
    for (const back of ['https://evil.example/', '//evil.example/my', '/caseload', '/my/../caseload', '/my/x?y']) {
      const elsewhere = await browser.post('/my/language', { _csrf: csrfToken(page.text), language: 'en', return_to: back });
      assert.equal(elsewhere.headers.get('location'), '/my', back);
    }
  });

  test('says plainly when there is no licence yet (a draft is not shown)', async () => {
    const subject = await personWithLicence({ licence: false });
    const started = await call('POST', `/api/v1/people/${subject.person.id}/licences`, 'com');
    assert.equal(started.status, 201);
    const browser = await signedIn(subject);
    const page = await browser.get('/my/licence');
    assert.equal(page.status, 200);
    assert.match(page.text, /You do not have a licence on Resettle yet/);
    assert.equal((await browser.get('/my/licence/conditions/1')).status, 404);
  });
});

describe('support near me', () => {
  test("lists services in the person's area for their recorded needs, with how to reach them", async () => {
    const subject = await personWithLicence({ licence: false });
    const browser = await signedIn(subject);
    const page = await browser.get('/my/support');
    assert.equal(page.status, 200, page.text);
    assert.match(page.text, /Services in Leeds that can help you\./);
    assert.match(page.text, /Somewhere to live/);
    assert.match(page.text, /Money, benefits and debt/);
    assert.doesNotMatch(page.text, /<li>Health<\/li>/, 'no need, no pathway');
    assert.match(page.text, /Duty to Refer: Leeds/);
    assert.doesNotMatch(page.text, /Duty to Refer: Wakefield/, 'not in their area');
    assert.match(page.text, /govuk-summary-card/);
    assert.doesNotMatch(page.text, /STAFF-ONLY/);
  });
});

describe('messages', () => {
  test('lists what was sent to them, newest first, never a code', async () => {
    const subject = await personWithLicence({ licence: false });
    const browser = await signedIn(subject);
    const code = sql(`SELECT body FROM outbox_message WHERE person_id = ${subject.person.id} AND kind = 'sign_in_code'`).match(/\b(\d{6})\b/)[1];
    const page = await browser.get('/my/messages');
    assert.equal(page.status, 200, page.text);
    const titles = [...page.text.matchAll(/<h2 class="govuk-summary-card__title">([^<]+)<\/h2>/g)].map((match) => match[1]);
    assert.deepEqual(titles, ['A sign-in code', 'Invitation to Resettle'], 'newest first');
    assert.doesNotMatch(page.text, new RegExp(code));
    assert.match(page.text, /We do not show sign-in codes again/);
    assert.match(page.text, /Text message/);
  });

  test("never shows another person's messages", async () => {
    const first = await personWithLicence({ licence: false });
    const second = await personWithLicence({ licence: false });
    sql(`UPDATE outbox_message SET body = 'SECOND PERSON ONLY' WHERE person_id = ${second.person.id} AND kind = 'invitation'`);
    const browser = await signedIn(first);
    const page = await browser.get(`/my/messages?person=${second.person.id}`);
    assert.doesNotMatch(page.text, /SECOND PERSON ONLY/);
  });
});

describe('printed for someone in custody', () => {
  test('the practitioner prints the pages in English or Welsh, with nothing staff-only', async () => {
    const subject = await personWithLicence();
    const staff = new Browser(server);
    await staff.signIn('com');
    const licencePage = await staff.get(`/people/${subject.person.id}/licence`);
    assert.match(licencePage.text, new RegExp(`/people/${subject.person.id}/print-for-person\\?lang=cy`));
    const english = await staff.get(`/people/${subject.person.id}/print-for-person?lang=en`);
    assert.equal(english.status, 200, english.text);
    assert.match(english.text, /<html lang="en"/);
    assert.match(english.text, /What happens next/);
    assert.match(english.text, /Your licence conditions/);
    assert.match(english.text, /4 Park Lane, Leeds LS1 1AA/);
    assert.match(english.text, /Support near you/);
    assert.match(english.text, /app-print-for-person__section/);
    assert.doesNotMatch(english.text, /STAFF-ONLY|moj-primary-navigation|Sign out/);
    const welsh = await staff.get(`/people/${subject.person.id}/print-for-person?lang=cy`);
    assert.match(welsh.text, /<html lang="cy"/);
    assert.match(welsh.text, /Amodau eich trwydded/);
    const events = sql(`SELECT count(*) FROM event WHERE person_id = ${subject.person.id} AND kind = 'person_account.printed'`);
    assert.equal(events.trim(), '2');
  });
});

describe('isolation', () => {
  test("a person reaches only their own record on every new page; sessions stay apart", async () => {
    const first = await personWithLicence();
    const second = await personWithLicence({ licence: false });
    const browser = await signedIn(second);
    // The second person has no licence: the first person's condition keys are not theirs.
    for (const key of [1, 9, 999999])
      assert.equal((await browser.get(`/my/licence/conditions/${key}`)).status, 404, String(key));
    const form = await browser.get('/my/licence');
    const posted = await browser.post('/my/licence/conditions/9', { _csrf: csrfToken(form.text), response: 'understood' });
    assert.equal(posted.status, 404);
    assert.equal(sql(`SELECT count(*) FROM licence_condition_response WHERE licence_id = ${first.licenceId}`).trim(), '0');
    for (const path of ['/my/licence', `/my/licence?licence=${first.licenceId}`, '/my/support', '/my/messages'])
      assert.doesNotMatch((await browser.get(path)).text, /4 Park Lane/, path);

    const token = browser.cookies.get('resettle_person_session');
    for (const path of [`/people/${first.person.id}/print-for-person`, `/people/${second.person.id}/print-for-person?lang=cy`,
      `/people/${first.person.id}/licence`]) {
      const response = await fetch(server.baseUrl + path, { headers: { Cookie: `resettle_person_session=${token}` }, redirect: 'manual' });
      assert.equal(response.status, 303, path);
      assert.equal(response.headers.get('location'), '/sign-in', path);
    }

    const staff = new Browser(server);
    await staff.signIn('com');
    for (const path of ['/my/licence', '/my/licence/conditions/1', '/my/support', '/my/messages']) {
      const response = await staff.get(path);
      assert.equal(response.status, 303, path);
      assert.equal(response.headers.get('location'), '/my/sign-in', path);
    }
  });
});
