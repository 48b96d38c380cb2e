// The person's own view beyond "What happens next": My plan (their say on each objective, and agreeing
// with the whole plan, which reaches the practitioner's plan page and counts as the plan's agreement),
// My appointments (upcoming and past, a calendar file, "I can't make it", which tells the officer and
// moves nothing) and My officer (lead, deputy, a notice when the officer changed), in English and
// Welsh. Bad input names the field; another person's objective or appointment is 404; staff and
// person sessions stay on their own side.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { personViewHelpers } from './person_view_support.mjs';
import { api, Browser, csrfToken, startServer, weekdayIn } from './support.mjs';

let server;
let call, sql, invitedPerson, signIn;

before(async () => {
  server = await startServer({ tokensFor: ['manager', 'pom', 'com', 'admin'] });
  ({ call, sql, invitedPerson, signIn } = personViewHelpers(server));
});
after(() => server?.stop());

// An invited person, signed in on a browser of their own.
async function signedInPerson(options) {
  const invited = await invitedPerson(options);
  const browser = new Browser(server);
  await signIn(browser, invited.person, invited.mobile);
  return { ...invited, browser };
}

// A plan with one objective and two actions, one the person's own; returns the objective's id.
async function planFor(personId) {
  const base = `/api/v1/people/${personId}/plan`;
  const added = await call('POST', `${base}/objectives`, 'com', { pathway: 'accommodation', goal: 'Somewhere to live near my mum' });
  assert.equal(added.status, 201, added.text);
  const objectiveId = added.json.objectives.at(-1).id;
  for (const action of [
    { description: 'Help fill in the housing form', owner_kind: 'practitioner', owner_name: 'Kim Walsh', due_date: weekdayIn(7) },
    { description: 'Ring the council on Monday', owner_kind: 'person', due_date: weekdayIn(3) }]) {
    const made = await call('POST', `${base}/objectives/${objectiveId}/actions`, 'com', action);
    assert.equal(made.status, 201, made.text);
  }
  return objectiveId;
}

// Submits a form on `path` of the person's pages with the page's CSRF token and hidden version.
async function submit(browser, path, fields, { version } = {}) {
  const page = await browser.get(path);
  assert.equal(page.status, 200, page.text);
  const sent = { _csrf: csrfToken(page.text), ...fields };
  const hidden = page.text.match(/name="version" value="(\d+)"/);
  if (hidden) sent.version = version ?? hidden[1];
  return browser.post(path, sent);
}

async function switchTo(browser, language, returnTo) {
  const page = await browser.get(returnTo);
  const switched = await browser.post('/my/language', { _csrf: csrfToken(page.text), language, return_to: returnTo });
  assert.equal(switched.status, 303);
  assert.equal(switched.headers.get('location'), returnTo, 'back to the page the switch was on');
}

const journal = (personId) => sql(`SELECT kind FROM event WHERE person_id = ${personId} ORDER BY id`);
// The UTC day `days` before today as YYYY-MM-DD: a literal both stores' SQL takes.
const daysAgo = (days) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

describe('my plan', () => {
  test('shows each objective in their words with its actions and who does each, in English and Welsh', async () => {
    const { person, browser } = await signedInPerson();
    const empty = await browser.get('/my/plan');
    assert.equal(empty.status, 200, empty.text);
    assert.match(empty.text, /You do not have a plan yet/);
    assert.match((await browser.get('/my')).text, /href="\/my\/plan"/, 'linked from the home page');

    await planFor(person.id);
    const page = await browser.get('/my/plan');
    assert.match(page.text, /<h1 class="govuk-heading-l">My plan<\/h1>/);
    assert.match(page.text, /Somewhere to live near my mum/);
    assert.match(page.text, /Somewhere to live/);
    assert.match(page.text, /Help fill in the housing form[\s\S]*Kim Walsh/);
    assert.match(page.text, /Ring the council on Monday[\s\S]*<dd class="govuk-summary-list__value">You<\/dd>/);
    assert.match(page.text, /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/);
    assert.match(page.text, /You have not said you agree with your plan yet/);
    assert.doesNotMatch(page.text, /Overdue|Offer|moj-primary-navigation/, 'nothing of the staff plan page');

    await switchTo(browser, 'cy', '/my/plan');
    const welsh = await browser.get('/my/plan');
    assert.match(welsh.text, /<html lang="cy"/);
    assert.match(welsh.text, /Fy nghynllun/);
    assert.match(welsh.text, /Rhywle i fyw/);
    assert.match(welsh.text, /Somewhere to live near my mum/, 'their own words stay as they said them');
    assert.match(welsh.text, /<dd class="govuk-summary-list__value">Chi<\/dd>/);
    assert.match(journal(person.id), /person_account\.viewed/);
  });

  test("a comment on an objective is kept, journalled and arrives on the practitioner's plan page", async () => {
    const { person, browser } = await signedInPerson();
    const objectiveId = await planFor(person.id);
    const before = await call('GET', `/api/v1/people/${person.id}/plan`, 'com');
    const path = `/my/plan/objectives/${objectiveId}`;
    const form = await browser.get(path);
    assert.match(form.text, /What do you think about this goal\?/);
    const sent = await submit(browser, path, { response: 'comment', comment: 'Can my sister help with the form?' });
    assert.equal(sent.status, 303, sent.text);
    assert.equal(sent.headers.get('location'), '/my/plan?sent=1');
    const mine = await browser.get('/my/plan?sent=1');
    assert.match(mine.text, /Your officer will see what you said/);
    assert.match(mine.text, /What you said:<\/strong> I want to say something about it/);
    assert.match(mine.text, /Can my sister help with the form\?/);

    const staff = new Browser(server);
    await staff.signIn('com');
    const planPage = await staff.get(`/people/${person.id}/plan`);
    assert.equal(planPage.status, 200);
    assert.match(planPage.text, /What they said on their own pages/);
    assert.match(planPage.text, /I want to say something about it<\/strong> \([^)]+\): “Can my sister help with the form\?”/);

    const after = await call('GET', `/api/v1/people/${person.id}/plan`, 'com');
    assert.equal(after.json.version, before.json.version + 1, 'the plan moved on, so no one overwrites it unseen');
    assert.equal(after.json.responses.at(-1).comment, 'Can my sister help with the form?');
    assert.equal(after.json.responses.at(-1).response, 'comment');
    assert.match(journal(person.id), /plan\.response_given/);
    assert.throws(() => sql('DELETE FROM plan_response'), /kept as the person gave it/);
    assert.throws(() => sql("UPDATE plan_response SET comment = 'changed'"), /kept as the person gave it/);

    assert.equal((await submit(browser, path, { response: 'agree' })).status, 303, 'a later response stands after');
    assert.match((await browser.get('/my/plan')).text, /What you said:<\/strong> I agree/);
  });

  test('bad responses are refused naming the field, in the language chosen, and nothing is kept', async () => {
    const { person, browser } = await signedInPerson();
    const objectiveId = await planFor(person.id);
    const path = `/my/plan/objectives/${objectiveId}`;
    const none = await submit(browser, path, {});
    assert.equal(none.status, 422);
    assert.match(none.text, /href="#response">Choose if you agree, do not agree or want to say something/);
    const blank = await submit(browser, path, { response: 'comment', comment: '  ' });
    assert.equal(blank.status, 422);
    assert.match(blank.text, /href="#comment">Enter your comment/);
    const long = await submit(browser, path, { response: 'disagree', comment: 'a'.repeat(501) });
    assert.equal(long.status, 422);
    assert.match(long.text, /href="#comment">Your comment must be 500 characters or fewer/);
    assert.match(long.text, /checked/, 'what they chose is kept on the form');
    await switchTo(browser, 'cy', path);
    const welsh = await submit(browser, path, { response: 'comment', comment: 'ŵ'.repeat(501) });
    assert.equal(welsh.status, 422);
    assert.match(welsh.text, /href="#comment">Rhaid i(&apos;|&#39;|')ch sylw fod yn 500 nod neu lai/);
    assert.equal((await submit(browser, path, { response: 'agree' }, { version: '1' })).status, 409, 'a stale plan');
    assert.equal(sql(`SELECT COUNT(*) FROM plan_response r JOIN plan p ON p.id = r.plan_id WHERE p.person_id = ${person.id}`).trim(), '0');
  });

  test("agreeing with the whole plan is the plan's agreement, until staff change the plan", async () => {
    const { person, browser } = await signedInPerson();
    await planFor(person.id);
    assert.match((await browser.get('/my/plan')).text, /href="\/my\/plan\/agree"/);
    const tooLong = await submit(browser, '/my/plan/agree', { in_their_words: 'x'.repeat(501) });
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.text, /href="#in_their_words">What you say must be 500 characters or fewer/);
    const agreed = await submit(browser, '/my/plan/agree', { in_their_words: 'Yes, this is what we said' });
    assert.equal(agreed.status, 303, agreed.text);
    const plan = await call('GET', `/api/v1/people/${person.id}/plan`, 'com');
    assert.equal(plan.json.agreement.in_their_words, 'Yes, this is what we said');
    assert.equal(plan.json.agreement_current, true);
    const mine = await browser.get('/my/plan');
    assert.match(mine.text, /You agreed with your plan on \d{1,2} \w+ \d{4}\./);
    assert.doesNotMatch(mine.text, /href="\/my\/plan\/agree"/);
    assert.match(journal(person.id), /plan\.agreed/);

    // Agreed yesterday, changed today: agreeing on the day of a change counts for that change.
    sql(`UPDATE plan_agreement SET agreed_on = '${daysAgo(1)}' WHERE plan_id = (SELECT id FROM plan WHERE person_id = ${person.id})`);
    await call('POST', `/api/v1/people/${person.id}/plan/objectives`, 'com', { pathway: 'health', goal: 'See a dentist' });
    const changed = await browser.get('/my/plan');
    assert.match(changed.text, /It has changed since then/);
    assert.match(changed.text, /href="\/my\/plan\/agree"/);
    assert.equal((await call('GET', `/api/v1/people/${person.id}/plan`, 'com')).json.agreement_current, false);
  });
});

describe('my appointments', () => {
  test("upcoming with a calendar file; \"I can't make it\" tells the officer and leaves the appointment as booked", async () => {
    const { person, browser } = await signedInPerson();
    assert.match((await browser.get('/my')).text, /href="\/my\/appointments"/);
    const before = (await call('GET', `/api/v1/people/${person.id}/appointments`, 'com')).json.appointments
      .find((appointment) => appointment.starts_at === '14:30');
    const page = await browser.get('/my/appointments');
    assert.equal(page.status, 200, page.text);
    assert.match(page.text, /Coming up/);
    assert.match(page.text, /(Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} \w+ \d{4} at 2:30pm/);
    assert.match(page.text, /Meeting with your officer/);

    const file = await browser.get(`/my/appointments/${before.id}/calendar.ics`);
    assert.equal(file.status, 200);
    assert.match(file.headers.get('content-type'), /text\/calendar/);
    assert.match(file.headers.get('content-disposition'), /attachment/);
    assert.match(file.text, /BEGIN:VCALENDAR[\s\S]*DTSTART/);

    const path = `/my/appointments/${before.id}/cannot-come`;
    const blank = await submit(browser, path, { reason: '' });
    assert.equal(blank.status, 422);
    assert.match(blank.text, /href="#reason">Tell us why you cannot come/);
    const long = await submit(browser, path, { reason: 'b'.repeat(501) });
    assert.equal(long.status, 422);
    assert.match(long.text, /href="#reason">Why you cannot come must be 500 characters or fewer/);
    const sent = await submit(browser, path, { reason: 'I have a job interview that afternoon' });
    assert.equal(sent.status, 303, sent.text);
    const after = await browser.get('/my/appointments?sent=1');
    assert.match(after.text, /We have told your officer/);
    assert.match(after.text, /You told your officer you cannot come: “I have a job interview that afternoon”/);

    const still = (await call('GET', `/api/v1/people/${person.id}/appointments`, 'com')).json.appointments
      .find((appointment) => appointment.id === before.id);
    assert.deepEqual(still, before, 'the appointment is exactly as booked');
    const staff = new Browser(server);
    await staff.signIn('com');
    const officerSide = await staff.get(`/people/${person.id}/appointments`);
    assert.match(officerSide.text, /They told you they cannot come/);
    assert.match(officerSide.text, /“I have a job interview that afternoon”/);
    assert.match(officerSide.text, new RegExp(`href="/appointments/${before.id}"`));
    assert.match(journal(person.id), /appointment\.cannot_come/);
    assert.throws(() => sql('DELETE FROM absence_notice'), /kept as the person sent it/);

    await switchTo(browser, 'cy', '/my/appointments');
    const welsh = await browser.get('/my/appointments');
    assert.match(welsh.text, /Fy apwyntiadau/);
    assert.match(welsh.text, /(Dydd Llun|Dydd Mawrth|Dydd Mercher|Dydd Iau|Dydd Gwener) \d{1,2} \S+ \d{4} am 2:30yp|2:30yp/);

    const cancelled = await api(server, 'POST', `/api/v1/appointments/${before.id}/cancellation`,
      { token: server.tokens.com, body: { reason: 'Office closed for staff training' }, headers: { 'If-Match': `"${before.version}"` } });
    assert.equal(cancelled.status, 200, cancelled.text);
    const cancelledPage = await browser.get('/my/appointments');
    assert.match(cancelledPage.text, /Wedi(&apos;|&#39;|')i ganslo/);
    assert.doesNotMatch(cancelledPage.text, /Office closed for staff training/, "staff's reason is not shown to the person");
    assert.equal((await browser.get(path)).status, 409, 'too late once cancelled');
  });

  test('past appointments are listed latest first, and they cannot say they will not come to one', async () => {
    const { person, browser } = await signedInPerson();
    const [booked] = (await call('GET', `/api/v1/people/${person.id}/appointments`, 'com')).json.appointments;
    sql(`UPDATE appointment SET on_date = '${daysAgo(3)}' WHERE id = ${booked.id}`);
    const page = await browser.get('/my/appointments');
    assert.match(page.text, /You have no appointments booked/);
    assert.match(page.text, /Past appointments[\s\S]*at 2:30pm/);
    assert.doesNotMatch(page.text, /cannot-come/);
    const form = await browser.get(`/my/appointments/${booked.id}/cannot-come`);
    assert.equal(form.status, 409);
  });
});

describe('my officer', () => {
  test('the lead officer with how to contact them and their office, the deputy, and a notice when the officer changed', async () => {
    const { person, browser, com } = await signedInPerson();
    assert.match((await browser.get('/my')).text, /href="\/my\/officer"/);
    sql(`UPDATE staff SET email = 'officer.${com.staff_id}@example.gov.uk' WHERE id = ${com.staff_id}`);
    const page = await browser.get('/my/officer');
    assert.equal(page.status, 200, page.text);
    assert.match(page.text, /Your probation officer/);
    assert.match(page.text, new RegExp(com.name));
    assert.match(page.text, new RegExp(`href="mailto:officer\\.${com.staff_id}@example\\.gov\\.uk"`));
    assert.match(page.text, /Office<\/dt>\s*<dd class="govuk-summary-list__value">\S/);
    assert.doesNotMatch(page.text, /When your officer is away/, 'no deputy yet');
    assert.doesNotMatch(page.text, /officer-changed/, 'their first officer is no change');

    const base = `/api/v1/people/${person.id}`;
    const deputies = await call('GET', `${base}/allocation-options?role=com&kind=deputy`, 'manager');
    const deputy = deputies.json.options[0];
    assert.equal((await call('POST', `${base}/allocations`, 'manager', { staff_id: deputy.staff_id, role: 'com', kind: 'deputy' })).status, 201);
    const withDeputy = await browser.get('/my/officer');
    assert.match(withDeputy.text, /When your officer is away[\s\S]*id="deputy"/);
    assert.match(withDeputy.text, new RegExp(deputy.name));

    const leads = await call('GET', `${base}/allocation-options?role=com`, 'manager');
    const next = leads.json.options.find((option) => option.staff_id !== deputy.staff_id) ?? deputy;  // or the deputy steps up
    assert.equal((await call('POST', `${base}/allocations`, 'manager', { staff_id: next.staff_id, role: 'com' })).status, 201);
    const changed = await browser.get('/my/officer');
    assert.match(changed.text, new RegExp(`Your officer changed on \\d{1,2} \\w+ \\d{4}\\. ${next.name} is your officer now\\.`));

    await switchTo(browser, 'cy', '/my/officer');
    const welsh = await browser.get('/my/officer');
    assert.match(welsh.text, /Fy swyddog/);
    assert.match(welsh.text, new RegExp(`Newidiodd eich swyddog ar \\d{1,2} \\S+ \\d{4}\\. ${next.name} yw eich swyddog nawr\\.`));
  });
});

describe('isolation of the new pages', () => {
  test("another person's objective or appointment is 404 by every route, and nothing is written", async () => {
    const first = await signedInPerson();
    const second = await invitedPerson();
    const theirObjective = await planFor(second.person.id);
    sql(`UPDATE person SET given_name = 'Secondo' WHERE id = ${second.person.id}`);
    sql(`UPDATE plan_objective SET goal = 'Secondo goal' WHERE id = ${theirObjective}`);
    const [theirAppointment] = (await call('GET', `/api/v1/people/${second.person.id}/appointments`, 'com')).json.appointments;
    await planFor(first.person.id);
    const own = await first.browser.get('/my/plan');
    const token = csrfToken(own.text);

    for (const path of [`/my/plan/objectives/${theirObjective}`, `/my/appointments/${theirAppointment.id}/calendar.ics`,
      `/my/appointments/${theirAppointment.id}/cannot-come`, '/my/plan/objectives/999999', '/my/appointments/999999/cannot-come']) {
      const response = await first.browser.get(path);
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(response.text, /Secondo/, path);
    }
    const responded = await first.browser.post(`/my/plan/objectives/${theirObjective}`, { _csrf: token, response: 'disagree', comment: 'x' });
    assert.equal(responded.status, 404);
    const told = await first.browser.post(`/my/appointments/${theirAppointment.id}/cannot-come`, { _csrf: token, reason: 'x' });
    assert.equal(told.status, 404);
    assert.equal(sql(`SELECT COUNT(*) FROM plan_response WHERE objective_id = ${theirObjective}`).trim(), '0');
    assert.equal(sql(`SELECT COUNT(*) FROM absence_notice WHERE appointment_id = ${theirAppointment.id}`).trim(), '0');
    for (const path of ['/my/plan', '/my/appointments', '/my/officer'])
      assert.doesNotMatch((await first.browser.get(path)).text, /Secondo/, path);
    assert.equal((await first.browser.post('/my/plan/agree', { response: 'agree' })).status, 403, 'a form without the CSRF token');
  });

  test('the new pages need a person session: staff sessions and signed-out visitors go to the sign-in page', async () => {
    const { person, browser } = await signedInPerson();
    const staff = new Browser(server);
    await staff.signIn('com');
    const anyone = new Browser(server);
    for (const path of ['/my/plan', '/my/plan/agree', '/my/appointments', '/my/officer', '/my/plan/objectives/1',
      '/my/appointments/1/calendar.ics', '/my/appointments/1/cannot-come']) {
      for (const visitor of [staff, anyone]) {
        const response = await visitor.get(path);
        assert.equal(response.status, 303, path);
        assert.equal(response.headers.get('location'), '/my/sign-in', path);
      }
    }
    const token = browser.cookies.get('resettle_person_session');
    for (const path of [`/people/${person.id}/plan`, `/people/${person.id}/appointments`]) {
      const response = await fetch(server.baseUrl + path, { headers: { Cookie: `resettle_person_session=${token}` }, redirect: 'manual' });
      assert.ok([302, 303].includes(response.status), `${path} gave ${response.status}`);
      assert.match(response.headers.get('location'), /^\/sign-in/);
    }
  });

  test('the language switch only ever returns to one of the person\'s own pages', async () => {
    const { browser } = await signedInPerson();
    const page = await browser.get('/my/plan');
    for (const returnTo of ['https://example.com/', '//example.com/my', '/people/1', '/my/../people', '/myself'])  {
      const switched = await browser.post('/my/language', { _csrf: csrfToken(page.text), language: 'en', return_to: returnTo });
      assert.equal(switched.headers.get('location'), '/my', returnTo);
    }
  });
});
