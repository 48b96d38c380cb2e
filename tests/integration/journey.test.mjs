// One case from reception screening to release, each role doing its own part over the API: the key
// worker, POM, pre-release worker, COM, manager and a partner agency. Each is let do what its job
// needs and refused what it does not (docs/decisions.md, "Who may change needs and the plan").
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { api, createPerson, determinateSentence, startServer } from './support.mjs';

let server;
let person;
const as = (username, method, target, body, headers = {}) =>
  api(server, method, target, { token: server.tokens[username], body, headers });

function isoDay(offsetDays) {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + offsetDays);
  return day.toISOString().slice(0, 10);
}
const today = isoDay(0);

function allowed(response, status = [200, 201]) {
  assert.ok([].concat(status).includes(response.status), `${response.status}: ${response.text}`);
  return response;
}

// Refused because of the role: 403 with the reason in words.
function refused(response, reason) {
  assert.equal(response.status, 403, response.text);
  if (reason) assert.match(response.json.detail, reason);
}

const base = () => `/api/v1/people/${person.id}`;

before(async () => {
  server = await startServer();
  person = await createPerson(server, server.tokens.manager, { gender: 'male' });
  allowed(await as('manager', 'POST', `${base()}/sentences`,
    determinateSentence({ sentence_start_date: isoDay(-300), conditional_release_date: isoDay(40) })));
});
after(() => server?.stop());

test('the manager allocates: key work goes to a key worker first, and only managers allocate', async () => {
  const options = allowed(await as('manager', 'GET', `${base()}/allocation-options?role=key_worker`)).json.options;
  assert.equal(options[0].role, 'key_worker', JSON.stringify(options.map((o) => [o.name, o.role])));
  allowed(await as('manager', 'POST', `${base()}/allocations`, { staff_id: options[0].staff_id, role: 'key_worker' }));
  refused(await as('keyworker', 'POST', `${base()}/allocations`, { staff_id: options[0].staff_id, role: 'key_worker' }));
  refused(await as('pom', 'POST', `${base()}/allocations`, { staff_id: options[0].staff_id, role: 'key_worker' }));
});

test('the handover meeting, though late, is scheduled with its reason and held; the warning clears', async () => {
  const coms = allowed(await as('manager', 'GET', `${base()}/allocation-options?role=com`)).json.options;
  allowed(await as('manager', 'POST', `${base()}/allocations`,
    { staff_id: coms.find((o) => o.name === 'Callum Reid').staff_id, role: 'com' }));
  const before = allowed(await as('pom', 'GET', `${base()}/handover`)).json;
  assert.ok(before.handover_date < today, before.handover_date);
  assert.equal(before.overdue, true);
  const unexplained = await as('pom', 'POST', `${base()}/handover-meetings`, { scheduled_on: today });
  assert.equal(unexplained.status, 422, unexplained.text);
  assert.deepEqual(unexplained.json.errors.map((e) => e.field), ['late_reason']);
  const scheduled = allowed(await as('pom', 'POST', `${base()}/handover-meetings`,
    { scheduled_on: today, late_reason: 'Sentenced after the handover window opened' })).json;
  assert.equal(scheduled.late_reason, 'Sentenced after the handover window opened');
  refused(await as('keyworker', 'POST', `${base()}/handover-meeting/held`, { held_on: today, person_attended: 'yes' },
    { 'If-Match': `"${scheduled.version}"` }));
  allowed(await as('com', 'POST', `${base()}/handover-meeting/held`, { held_on: today, person_attended: 'yes' },
    { 'If-Match': `"${scheduled.version}"` }));
  const after = allowed(await as('pom', 'GET', `${base()}/handover`)).json;
  assert.equal(after.overdue, false);
  assert.deepEqual(after.flags, []);
});

test('the key worker records the reception screening, leaving what was not yet asked', async () => {
  const pathways = {
    accommodation: { need_level: 'high', source: 'self_report', own_words: 'I have nowhere to go' },
    finance_benefits_debt: { need_level: 'medium', source: 'self_report' },
  };
  const screening = allowed(await as('keyworker', 'POST', `${base()}/needs-assessments`,
    { kind: 'reception_screening', assessed_on: today, assessed_by: 'Kim Walsh', pathways }));
  assert.deepEqual(Object.keys(screening.json.pathways).sort(), ['accommodation', 'finance_benefits_debt']);
  // The plan's shape is the offender manager's.
  refused(await as('keyworker', 'POST', `${base()}/plan/objectives`, { pathway: 'accommodation', goal: 'A flat' }),
    /Key workers cannot add objectives/);
});

let objective;
test('the POM completes the assessment and shapes the plan; the key worker carries out actions', async () => {
  const rest = {};
  for (const code of ['education_training_employment', 'health', 'drugs_alcohol', 'children_families_relationships',
    'attitudes_thinking_behaviour']) rest[code] = { need_level: 'low', source: 'practitioner' };
  const full = allowed(await as('pom', 'POST', `${base()}/needs-assessments`,
    { kind: 'resettlement_assessment', assessed_on: today, assessed_by: 'Priya Shah', pathways: rest }));
  assert.equal(full.json.pathways.accommodation.own_words, 'I have nowhere to go');  // told once, carried over
  const plan = allowed(await as('pom', 'POST', `${base()}/plan/objectives`,
    { pathway: 'accommodation', goal: 'Somewhere to live near my mum' }));
  objective = plan.json.objectives[0];
  const action = allowed(await as('keyworker', 'POST', `${base()}/plan/objectives/${objective.id}/actions`,
    { description: 'Help fill in the housing form', owner_kind: 'practitioner', owner_name: 'Kim Walsh', due_date: isoDay(7) }));
  const [added] = action.json.objectives[0].actions;
  allowed(await as('keyworker', 'PATCH', `${base()}/plan/actions/${added.id}`, { status: 'in_progress' },
    { 'If-Match': action.headers.get('etag') }));
  refused(await as('keyworker', 'POST', `${base()}/plan/reviews`, { kind: 'scheduled', held_on: today }),
    /Key workers cannot record a plan review/);
  refused(await as('keyworker', 'POST', `${base()}/outcomes`,
    { milestone: 'sentence_start', recorded_on: today, outcomes: { accommodation: { level: 'in_crisis' } } }));
});

test('pre-release staff run the checklist; the key worker and the partner may not', async () => {
  const checklist = allowed(await as('prerelease', 'POST', `${base()}/checklist`, {}));
  const item = (checklist.json.checklist ?? checklist.json).items.find((i) => i.kind === 'duty_to_refer');
  assert.ok(item, 'a Duty to Refer item');
  refused(await as('keyworker', 'POST', `${base()}/checklist`, {}), /Key workers cannot change the pre-release checklist/);
  allowed(await as('prerelease', 'PATCH', `${base()}/checklist/items/gp_registration`,
    { status: 'done', completed_on: today }, { 'If-Match': checklist.headers.get('etag') }));
});

test('the COM reviews the plan with the person and records outcomes', async () => {
  allowed(await as('com', 'POST', `${base()}/plan/reviews`, { kind: 'release', held_on: today, notes: 'Before release' }));
  allowed(await as('com', 'POST', `${base()}/plan/agreement`, { agreed_on: today, in_their_words: 'This is my plan' }));
  allowed(await as('com', 'POST', `${base()}/outcomes`,
    { milestone: 'sentence_start', recorded_on: isoDay(-300), outcomes: { accommodation: { level: 'in_crisis' } } }));
});

test('the partner answers the referral sent to them and is refused everything else', async () => {
  const referral = allowed(await as('pom', 'POST', `${base()}/referrals`, {
    service_id: 'svc-leeds-dtr', kind: 'duty_to_refer', local_authority: 'Leeds City Council',
    homelessness_reason: 'No address on release', reason_for_referral: 'Somewhere to live',
  })).json;
  allowed(await as('pom', 'POST', `/api/v1/referrals/${referral.id}/consent`, { consent_given: true, consent_scope: 'Name and housing need' }));
  allowed(await as('pom', 'POST', `/api/v1/referrals/${referral.id}/transitions`, { to: 'sent' }));
  // Sending the Duty to Refer is the checklist's Duty to Refer item done.
  const checklist = allowed(await as('pom', 'GET', `${base()}/checklist`)).json.checklist;
  assert.equal(checklist.items.find((i) => i.kind === 'duty_to_refer').status, 'done');
  const accepted = allowed(await as('partner', 'POST', `/api/v1/referrals/${referral.id}/transitions`, { to: 'accepted' }));
  assert.equal(accepted.json.status, 'accepted');
  refused(await as('partner', 'POST', `${base()}/referrals`, { service_id: 'svc-leeds-dtr', kind: 'service' }));
  // A partner cannot know the person is there at all.
  assert.equal((await as('partner', 'GET', base())).status, 404);
  assert.equal((await as('partner', 'POST', `${base()}/needs-assessments`, { kind: 'reception_screening' })).status, 404);
});

test('a referral to an organisation with no account is sent by email and its answers recorded for it', async () => {
  // Riverside Money Advice has no partner account on Resettle.
  const referral = allowed(await as('pom', 'POST', `${base()}/referrals`,
    { service_id: 'svc-riverside-debt', kind: 'service', reason_for_referral: 'Debts from before custody' })).json;
  allowed(await as('pom', 'POST', `/api/v1/referrals/${referral.id}/consent`, { consent_given: true, consent_scope: 'Name and debts' }));
  const sent = allowed(await as('pom', 'POST', `/api/v1/referrals/${referral.id}/transitions`, { to: 'sent', sent_by: 'email' })).json;
  assert.ok(sent.next_moves.includes('accepted'), `the referrer may record the answer: ${sent.next_moves}`);
  const unnamed = await as('pom', 'POST', `/api/v1/referrals/${referral.id}/transitions`, { to: 'accepted' });
  assert.equal(unnamed.status, 422, unnamed.text);
  assert.deepEqual(unnamed.json.errors.map((e) => e.field), ['told_by']);
  const accepted = allowed(await as('pom', 'POST', `/api/v1/referrals/${referral.id}/transitions`,
    { to: 'accepted', told_by: 'Sam Green, adviser', date: today })).json;
  assert.equal(accepted.status, 'accepted');
  assert.match(accepted.history.at(-1).by, /^Priya Shah for Riverside Money Advice, told by Sam Green, adviser$/);
  assert.match(accepted.history.at(-2).by, /sent by email/);
});

test('eligibility rules: a CAS3 referral goes only to an accommodation service', async () => {
  const wrong = await as('com', 'POST', `${base()}/referrals`,
    { service_id: 'svc-riverside-debt', kind: 'cas3', nights_requested: 28, start_date: isoDay(50), property_area: 'Leeds' });
  assert.equal(wrong.status, 422, wrong.text);
  assert.deepEqual(wrong.json.errors.map((e) => e.field), ['kind']);
  assert.match(wrong.json.errors[0].message, /not an accommodation service/);
});

test('release: the COM records the release; the key worker may not, and nobody releases by changing details', async () => {
  const record = allowed(await as('com', 'GET', base()));
  const byEdit = await as('com', 'PATCH', base(), { stage: 'on_licence' }, { 'If-Match': record.headers.get('etag') });
  assert.equal(byEdit.status, 422, byEdit.text);
  assert.deepEqual(byEdit.json.errors.map((e) => e.field), ['stage']);
  assert.match(byEdit.json.errors[0].message, /release-day/);
  const release = { released_on: today, released_at: '09:30', prison_code: 'LEI' };
  refused(await as('keyworker', 'POST', `${base()}/release`, release));
  allowed(await as('com', 'POST', `${base()}/release`, release), 201);
  assert.equal(allowed(await as('com', 'GET', base())).json.stage, 'on_licence');
  allowed(await as('com', 'PATCH', base(), { communication_needs: 'Reading support' },
    { 'If-Match': allowed(await as('com', 'GET', base())).headers.get('etag') }));
  const events = allowed(await as('com', 'GET', `${base()}/timeline?limit=200`)).json.items;
  const kinds = events.map((e) => e.kind);
  // Review kinds are named once: "Review at release held on ...", never "... review review held".
  assert.ok(events.some((e) => /^Review at release held on \d{1,2} [A-Z][a-z]+ \d{4}$/.test(e.summary)),
    events.map((e) => e.summary).join('\n'));
  assert.ok(!events.some((e) => /review review/i.test(e.summary)));
  for (const kind of ['needs.assessed', 'plan.objective_added', 'plan.action_added', 'plan.action_status_changed',
    'checklist.generated', 'plan.reviewed', 'referral.accepted', 'person.released', 'person.updated'])
    assert.ok(kinds.includes(kind), `${kind} missing from ${kinds}`);
});
