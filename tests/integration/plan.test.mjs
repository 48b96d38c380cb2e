// One person from reception to release through their resettlement plan: needs screening and a
// fuller assessment prefilled from it, one plan with objectives, actions, reviews and agreement,
// the pre-release checklist 12 weeks before release, and outcome snapshots with distance travelled.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Browser, api, createPerson, csrfToken, determinateSentence, startServer } from './support.mjs';

let server;
let pom;  // Priya Shah, HMP Leeds
let keyworker;  // may see people at HMP Leeds and record needs, but not shape their plan
let person;

const pathways = [
  'accommodation', 'education_training_employment', 'health', 'drugs_alcohol',
  'finance_benefits_debt', 'children_families_relationships', 'attitudes_thinking_behaviour',
];

function isoDay(offsetDays) {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + offsetDays);
  return day.toISOString().slice(0, 10);
}
const today = isoDay(0);
const releaseDate = isoDay(40);  // inside the 12-week window

const get = (target, token = pom) => api(server, 'GET', target, { token });
const post = (target, body, token = pom, headers = {}) => api(server, 'POST', target, { token, body, headers });
const patch = (target, body, etag) =>
  api(server, 'PATCH', target, { token: pom, body, headers: etag === undefined ? {} : { 'If-Match': etag } });

function assertProblem(response, status) {
  assert.equal(response.status, status, response.text);
  assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
  return response.json;
}

function screening() {
  const entries = {};
  for (const code of pathways) entries[code] = { need_level: 'low', source: 'self_report', strengths: [], own_words: '' };
  entries.accommodation = { need_level: 'high', source: 'self_report', strengths: ['Sister nearby'], own_words: 'I lost my flat' };
  entries.finance_benefits_debt = { need_level: 'medium', source: 'self_report', strengths: [], own_words: 'No bank card' };
  return { kind: 'reception_screening', assessed_on: today, assessed_by: 'Kim Walsh', pathways: entries };
}

before(async () => {
  server = await startServer({ tokensFor: ['pom', 'keyworker', 'partner'] });
  pom = server.tokens.pom;
  keyworker = server.tokens.keyworker;
  person = await createPerson(server, pom);
  const sentence = await post(`/api/v1/people/${person.id}/sentences`,
    determinateSentence({ sentence_start_date: isoDay(-300), conditional_release_date: releaseDate }));
  assert.equal(sentence.status, 201, sentence.text);
});
after(() => server?.stop());

const base = () => `/api/v1/people/${person.id}`;

describe('needs', () => {
  test('reception screening, then a full assessment prefilled from it that reports what changed', async () => {
    const first = await post(`${base()}/needs-assessments`, screening());
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.kind, 'reception_screening');
    assert.deepEqual(first.json.changes, []);
    assert.equal(first.json.prefilled_from, null);
    assert.deepEqual(first.json.pathways.accommodation.strengths, ['Sister nearby']);

    // Only what changed is sent; everything else carries over from the screening.
    const full = await post(`${base()}/needs-assessments`, {
      kind: 'resettlement_assessment', assessed_on: today, assessed_by: 'Priya Shah',
      pathways: { accommodation: { need_level: 'medium', strengths: ['Sister nearby', 'On the housing list'] } },
    });
    assert.equal(full.status, 201, full.text);
    assert.equal(full.json.prefilled_from, first.json.id);
    assert.equal(full.json.pathways.finance_benefits_debt.own_words, 'No bank card');
    assert.equal(full.json.changes.length, 1);
    const [change] = full.json.changes;
    assert.equal(change.pathway, 'accommodation');
    assert.equal(change.need_before, 'high');
    assert.equal(change.need_after, 'medium');
    assert.deepEqual(change.strengths_added, ['On the housing list']);
    assert.deepEqual(change.changed_fields.sort(), ['accommodation.need_level', 'accommodation.strengths']);

    const list = await get(`${base()}/needs-assessments`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.items.map((a) => a.kind), ['resettlement_assessment', 'reception_screening']);
  });

  test('bad input names each bad pathway field', async () => {
    const body = screening();
    body.pathways.accommodation.need_level = 'dire';
    body.pathways.health.source = '';
    const problem = assertProblem(await post(`${base()}/needs-assessments`, body), 422);
    assert.deepEqual(problem.errors.map((e) => e.field).sort(), ['accommodation.need_level', 'health.source']);
    const misnamed = assertProblem(await post(`${base()}/needs-assessments`, { ...screening(), pathways: { health: { colour: 'blue' } } }), 422);
    assert.deepEqual(misnamed.errors.map((e) => e.field), ['health.colour']);
    const unknown = assertProblem(await post(`${base()}/needs-assessments`, { ...screening(), pathways: { housing: {} } }), 422);
    assert.deepEqual(unknown.errors.map((e) => e.field), ['pathways.housing']);
  });

  test('a key worker may record needs but not add objectives; a partner cannot see them at all', async () => {
    const other = `/api/v1/people/${(await createPerson(server, pom)).id}`;  // this person's story stays as told
    assert.equal((await post(`${other}/needs-assessments`, screening(), keyworker)).status, 201);
    assert.equal((await get(`${other}/needs-assessments`, keyworker)).status, 200);
    const objective = assertProblem(await post(`${other}/plan/objectives`, { pathway: 'health', goal: 'See a GP' }, keyworker), 403);
    assert.match(objective.detail, /Key workers cannot add objectives/);
    assertProblem(await get(`${base()}/needs-assessments`, server.tokens.partner), 404);
  });
});

describe('the plan', () => {
  let plan;
  let etag;

  test('one plan, started on first use, the same on every read', async () => {
    const first = await get(`${base()}/plan`);
    assert.equal(first.status, 200, first.text);
    const again = await get(`${base()}/plan`);
    assert.equal(again.json.id, first.json.id);
    assert.equal(again.headers.get('etag'), first.headers.get('etag'));
    assert.equal(first.json.release_date, releaseDate);
    assert.equal(first.json.offer, 'core');
    ({ json: plan } = first);
    etag = first.headers.get('etag');
  });

  test('objectives in their words and actions with an owner and a due date', async () => {
    const objective = await post(`${base()}/plan/objectives`, { pathway: 'accommodation', goal: 'A place of my own near my sister' }, pom, { 'If-Match': etag });
    assert.equal(objective.status, 201, objective.text);
    const [added] = objective.json.objectives;
    assert.equal(added.goal, 'A place of my own near my sister');
    const done = await post(`${base()}/plan/objectives/${added.id}/actions`,
      { description: 'Fill in the housing form', owner_kind: 'person', due_date: isoDay(7) });
    assert.equal(done.status, 201, done.text);
    const late = await post(`${base()}/plan/objectives/${added.id}/actions`,
      { description: 'Send the Duty to Refer', owner_kind: 'practitioner', owner_name: 'Priya Shah', due_date: isoDay(-2) });
    assert.equal(late.status, 201, late.text);
    plan = late.json;
    etag = late.headers.get('etag');
    assert.equal(plan.version, 4);
    const actions = plan.objectives[0].actions;
    assert.deepEqual(actions.map((a) => a.overdue), [false, true]);
    assert.equal(plan.overdue_actions, 1);

    const bad = assertProblem(await post(`${base()}/plan/objectives`, { pathway: 'housing', goal: '' }), 422);
    assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['goal', 'pathway']);
    assertProblem(await post(`${base()}/plan/objectives/999999/actions`,
      { description: 'x', owner_kind: 'person', due_date: today }), 404);
  });

  test('status changes follow the rules; stale versions are refused', async () => {
    const [first] = plan.objectives[0].actions;
    const target = `${base()}/plan/actions/${first.id}`;
    assertProblem(await patch(target, { status: 'done' }), 428);
    const finished = await patch(target, { status: 'done' }, etag);
    assert.equal(finished.status, 200, finished.text);
    assert.equal(finished.json.objectives[0].actions[0].status, 'done');
    assertProblem(await patch(target, { status: 'in_progress' }, etag), 412);  // the old ETag
    etag = finished.headers.get('etag');
    assertProblem(await patch(target, { status: 'cancelled', reason: 'Changed my mind' }, etag), 409);
    const needsReason = assertProblem(await patch(target, { status: 'in_progress' }, etag), 422);
    assert.deepEqual(needsReason.errors.map((e) => e.field), ['reason']);
    assertProblem(await patch(`${base()}/plan/actions/999999`, { status: 'done' }, etag), 404);
  });

  test('reviews and their agreement, recorded with dates', async () => {
    const review = await post(`${base()}/plan/reviews`, { kind: 'scheduled', held_on: today, notes: 'Went through the plan together' });
    assert.equal(review.status, 201, review.text);
    assert.equal(review.json.reviews[0].held_on, today);
    const agreed = await post(`${base()}/plan/agreement`, { agreed_on: today, in_their_words: 'This is my plan' });
    assert.equal(agreed.status, 201, agreed.text);
    assert.deepEqual(agreed.json.agreement, { agreed_on: today, in_their_words: 'This is my plan' });
    assert.equal(agreed.json.agreement_current, true);
    assertProblem(await post(`${base()}/plan/agreement`, { agreed_on: isoDay(3) }), 422);
  });

  test('every change is on the person\'s timeline', async () => {
    const timeline = await get(`${base()}/timeline`);
    const kinds = timeline.json.items.map((e) => e.kind);
    for (const kind of ['needs.assessed', 'plan.started', 'plan.objective_added', 'plan.action_added',
      'plan.action_status_changed', 'plan.reviewed', 'plan.agreed'])
      assert.ok(kinds.includes(kind), `${kind} missing from ${kinds}`);
  });
});

describe('pre-release checklist and outcomes', () => {
  test('generated from the release date and needs, with due dates and overdue items flagged', async () => {
    const before = await get(`${base()}/checklist`);
    assert.equal(before.status, 200);
    assert.equal(before.json.checklist, null);
    assert.equal(before.json.release_date, releaseDate);
    const generated = await post(`${base()}/checklist`, {});
    assert.equal(generated.status, 200, generated.text);
    const { checklist } = generated.json;
    const item = (kind) => checklist.items.find((i) => i.kind === kind);
    assert.equal(checklist.items.length, 9);
    assert.equal(item('duty_to_refer').due_date, isoDay(40 - 56));
    assert.equal(item('duty_to_refer').overdue, true);
    assert.equal(item('first_night_accommodation').due_date, isoDay(40 - 28));
    assert.equal(item('first_night_accommodation').overdue, false);
    assert.ok(checklist.summary.overdue >= 1);

    const etag = generated.headers.get('etag');
    const updated = await patch(`${base()}/checklist/items/duty_to_refer`, { status: 'done', completed_on: today }, etag);
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.json.checklist.items.find((i) => i.kind === 'duty_to_refer').overdue, false);
    assertProblem(await patch(`${base()}/checklist/items/duty_to_refer`, { status: 'to_do' }, etag), 412);
    const reasonMissing = assertProblem(await patch(`${base()}/checklist/items/gp_registration`, { status: 'not_needed' },
      updated.headers.get('etag')), 422);
    assert.deepEqual(reasonMissing.errors.map((e) => e.field), ['reason']);
    assertProblem(await patch(`${base()}/checklist/items/passport`, { status: 'done' }, updated.headers.get('etag')), 404);
  });

  test('no checklist outside the 12-week window', async () => {
    const later = await createPerson(server, pom);
    await post(`/api/v1/people/${later.id}/sentences`, determinateSentence({ sentence_start_date: isoDay(-10), conditional_release_date: isoDay(200) }));
    assertProblem(await post(`/api/v1/people/${later.id}/checklist`, {}), 409);
  });

  test('outcome snapshots show distance travelled per pathway', async () => {
    const start = await post(`${base()}/outcomes`, {
      milestone: 'sentence_start', recorded_on: isoDay(-300),
      outcomes: { accommodation: { level: 'in_crisis', detail: 'Rough sleeping' }, health: { level: 'getting_by' } },
    });
    assert.equal(start.status, 201, start.text);
    const release = await post(`${base()}/outcomes`, {
      milestone: 'release_first_night', recorded_on: today,
      outcomes: { accommodation: { level: 'settled', detail: 'CAS3 placement' }, health: { level: 'struggling' } },
    });
    assert.equal(release.status, 201, release.text);
    const outcomes = await get(`${base()}/outcomes`);
    assert.equal(outcomes.json.snapshots.length, 2);
    const moved = Object.fromEntries(outcomes.json.distance_travelled.map((d) => [d.pathway, d]));
    assert.deepEqual([moved.accommodation.direction, moved.accommodation.steps], ['improved', 3]);
    assert.deepEqual([moved.health.direction, moved.health.steps], ['worse', 1]);
    const bad = assertProblem(await post(`${base()}/outcomes`, { milestone: 'sentence_start', recorded_on: today,
      outcomes: { accommodation: { level: 'fine' } } }), 422);
    assert.deepEqual(bad.errors.map((e) => e.field), ['accommodation.level']);
  });
});

describe('pages', () => {
  let browser;

  before(async () => {
    browser = new Browser(server);
    const signedIn = await browser.signIn('pom');
    assert.equal(signedIn.status, 303);
  });

  test('the person page links to needs and the plan, and the pages show them', async () => {
    const personPage = await browser.get(`/people/${person.id}`);
    assert.match(personPage.text, new RegExp(`href="/people/${person.id}/plan"`));
    assert.match(personPage.text, new RegExp(`href="/people/${person.id}/needs"`));
    const needs = await browser.get(`/people/${person.id}/needs`);
    assert.equal(needs.status, 200);
    assert.match(needs.text, /On the housing list/);
    assert.match(needs.text, /Moved from High need to Medium need/);
    const plan = await browser.get(`/people/${person.id}/plan`);
    assert.match(plan.text, /A place of my own near my sister/);
    assert.match(plan.text, /Overdue/);
    const checklist = await browser.get(`/people/${person.id}/checklist`);
    assert.match(checklist.text, /Overdue/);
    const outcomes = await browser.get(`/people/${person.id}/outcomes`);
    assert.match(outcomes.text, /Improved/);
  });

  test('a form prefilled from the last assessment, with an error summary on bad input', async () => {
    const form = await browser.get(`/people/${person.id}/needs/new`);
    assert.equal(form.status, 200);
    assert.match(form.text, /No bank card/);
    const refused = await browser.post(`/people/${person.id}/needs/new`,
      { _csrf: csrfToken(form.text), kind: 'resettlement_assessment', assessed_on: today, assessed_by: '' });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /govuk-error-summary/);
    assert.match(refused.text, /href="#assessed_by"/);
  });

  test('adding an objective through the form, and a stale form refused', async () => {
    const form = await browser.get(`/people/${person.id}/plan/objectives/new`);
    const version = form.text.match(/name="version" value="(\d+)"/)[1];
    const added = await browser.post(`/people/${person.id}/plan/objectives/new`,
      { _csrf: csrfToken(form.text), version, pathway: 'education_training_employment', goal: 'Get my forklift licence' });
    assert.equal(added.status, 303, added.text);
    assert.equal(added.headers.get('location'), `/people/${person.id}/plan`);
    const stale = await browser.post(`/people/${person.id}/plan/objectives/new`,
      { _csrf: csrfToken(form.text), version, pathway: 'health', goal: 'See a dentist' });
    assert.equal(stale.status, 409);
    const plan = await browser.get(`/people/${person.id}/plan`);
    assert.match(plan.text, /Get my forklift licence/);
    assert.doesNotMatch(plan.text, /See a dentist/);
  });
});
