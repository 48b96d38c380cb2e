// The licence in a real Chromium: the COM drafts Ben Lewis's licence (a demo case released in a few
// weeks), adds a curfew (first with a bad time), sends it for approval; the manager approves it; the
// COM books the induction (first with a bad time) and records the release on the release day page;
// at the induction the COM goes through every condition with him and he acknowledges the licence,
// which takes it off the worklist of licences to go through; then the COM varies the curfew with a
// reason and the manager approves the variation. The licence document is read in English and
// Welsh. Every page is checked with axe-core and saved as a screenshot in test-results/.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, demoPersonPath, fillDate, fillTheRelease, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()
const today = new Date().toISOString().slice(0, 10)
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December']

// "5 February 2027" as "2027-02-05".
function isoOf (longDate) {
  const [day, month, year] = longDate.split(' ')
  return `${year}-${String(months.indexOf(month) + 1).padStart(2, '0')}-${day.padStart(2, '0')}`
}

async function openSignedIn (username) {
  const page = await shared.browser.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, username)
  return { page, errors }
}

async function licencePath (page) {
  return `${await demoPersonPath(page, 'Lewis', 'Ben Lewis')}/licence`
}

async function addCurfew (page, hours) {
  await page.getByLabel('Curfew address').fill('12 Chapel Street, Leeds LS6 3AA')
  await page.getByLabel('Curfew hours').fill(hours)
  await page.getByLabel('The risk or need on the plan it addresses').selectOption('risk_to_known_adult')
  await page.getByLabel('Why it is necessary and proportionate').fill('The offences happened late at night')
  await submitAndWait(page, page.getByRole('button', { name: 'Save condition' }))
}

test('a licence from draft to a variation, with axe on every page', async () => {
  const com = await openSignedIn('com')
  const path = await licencePath(com.page)
  await com.page.goto(path)
  assert.equal(await heading(com.page), 'Licence')
  await checkPage(com, 'licence-none')
  await submitAndWait(com.page, com.page.getByRole('button', { name: 'Start a licence' }))
  assert.match(await com.page.locator('main').innerText(), /Licence 1/)
  await checkPage(com, 'licence-draft')

  await com.page.getByRole('link', { name: 'Add a condition' }).click()
  await com.page.waitForLoadState('load')
  await checkPage(com, 'licence-choose-condition')
  await com.page.getByLabel('Condition').selectOption('curfew_address')
  await submitAndWait(com.page, com.page.getByRole('button', { name: 'Continue' }))
  await checkPage(com, 'licence-condition-form')
  await addCurfew(com.page, '19:00-25:00')
  assert.match(await com.page.locator('.govuk-error-summary').innerText(), /end must be a time of day/)
  await checkPage(com, 'licence-condition-form-errors')
  await addCurfew(com.page, '19:00-07:00')
  assert.match(await com.page.locator('main').innerText(), /between 19:00 and 07:00/)
  await submitAndWait(com.page, com.page.getByRole('button', { name: 'Send for approval' }))
  assert.match(await com.page.locator('main').innerText(), /Waiting for approval/)
  await checkPage(com, 'licence-submitted')

  const manager = await openSignedIn('manager')
  await manager.page.goto(path)
  await checkPage(manager, 'licence-decision')
  await manager.page.getByLabel('Approve', { exact: true }).check()
  await submitAndWait(manager.page, manager.page.getByRole('button', { name: 'Save decision' }))
  assert.match(await manager.page.locator('main').innerText(), /Approved/)

  await com.page.goto(path)
  assert.match(await com.page.locator('main').innerText(), /No induction booked/)
  await com.page.getByRole('link', { name: 'Book the induction' }).click()
  await com.page.waitForLoadState('load')
  await checkPage(com, 'induction-form')
  const window = (await com.page.locator('main').innerText()).match(/next working day, (\d+ \w+ \d{4}),/)
  assert.ok(window, 'the form names the days the induction may fall on')
  await fillDate(com.page, 'Date', isoOf(window[1]))
  await com.page.getByLabel('Start time').fill('10:00')
  await com.page.getByLabel('End time').fill('25:00')
  await com.page.getByLabel('Probation office').selectOption('LDS')
  await submitAndWait(com.page, com.page.getByRole('button', { name: 'Save the induction' }))
  assert.match(await com.page.locator('.govuk-error-summary').innerText(), /Ends at must be a time on the 24-hour clock/)
  await checkPage(com, 'induction-form-errors')
  await com.page.getByLabel('End time').fill('11:00')
  await com.page.getByLabel('What to bring or know (optional)').fill('Bring this licence and your ID')
  await submitAndWait(com.page, com.page.getByRole('button', { name: 'Save the induction' }))
  assert.match(await com.page.locator('main').innerText(), new RegExp(`${window[1]}, 10am to 11am`))
  await checkPage(com, 'licence-induction-booked')

  // The release, recorded on the release day page, puts the approved licence in force.
  const personPath = path.replace(/\/licence$/, '')
  await fillTheRelease(com.page, personPath)
  await checkPage(com, 'release-day-form')
  await submitAndWait(com.page, com.page.getByRole('button', { name: 'Record the release' }))
  await checkPage(com, 'release-day-recorded')
  await com.page.goto(path)
  assert.match(await com.page.locator('main').innerText(), /Active/)
  await checkPage(com, 'licence-active')

  // The worklist shows the licence until every condition is gone through and acknowledged.
  await com.page.goto('/worklists/licences-to-explain')
  assert.match(await com.page.locator('main').innerText(), /Ben Lewis/)
  await checkPage(com, 'worklist-licences-to-explain')
  await com.page.goto(path)
  await com.page.getByRole('link', { name: 'Go through it (condition 9)' }).click()
  await com.page.waitForLoadState('load')
  await checkPage(com, 'licence-understanding')
  await com.page.getByLabel('Partly').check()
  await submitAndWait(com.page, com.page.getByRole('button', { name: 'Save' }))
  assert.match(await com.page.locator('.govuk-error-summary').innerText(), /Say what the person did not understand/)
  await com.page.getByLabel('Notes').fill('Thought the curfew ended at 06:00; went through it again')
  await submitAndWait(com.page, com.page.getByRole('button', { name: 'Save' }))
  assert.match(await com.page.locator('main').innerText(), /Understood: Partly/)
  for (let key = 1; key <= 8; key++) {
    await com.page.getByRole('link', { name: `Go through it (condition ${key})` }).click()
    await com.page.waitForLoadState('load')
    await com.page.getByLabel('Yes').check()
    await submitAndWait(com.page, com.page.getByRole('button', { name: 'Save' }))
  }
  await submitAndWait(com.page, com.page.getByRole('button', { name: 'The person acknowledges this licence' }))
  assert.match(await com.page.locator('main').innerText(), /Acknowledged by the person on/)
  await checkPage(com, 'licence-acknowledged')
  await com.page.goto('/worklists/licences-to-explain')
  assert.doesNotMatch(await com.page.locator('main').innerText(), /Ben Lewis/)
  await com.page.goto(path)

  for (const [link, language, text] of [['Easy-read licence in English', 'en', 'What this means for you'],
    ['Easy-read licence in Welsh (Cymraeg)', 'cy', 'Beth mae hyn yn ei olygu i chi']]) {
    await com.page.goto(await com.page.getByRole('link', { name: link, exact: true }).getAttribute('href'))
    assert.match(await com.page.locator('main').innerText(), new RegExp(text))
    await checkPage(com, `licence-easy-read-${language}`)
    await com.page.goto(path)
  }

  await submitAndWait(com.page, com.page.getByRole('button', { name: 'Vary this licence' }))
  assert.match(await com.page.locator('main').innerText(), /Licence 2 \(variation\)/)
  await com.page.getByRole('link', { name: 'Change condition 9' }).click()
  await com.page.waitForLoadState('load')
  await addCurfew(com.page, '21:00-06:00')
  await com.page.getByLabel('Yes').first().check()
  await com.page.getByLabel('No').last().check()
  await com.page.getByLabel(/Why condition 9/).fill('Working late shifts; no concerns in three weeks')
  await checkPage(com, 'licence-variation-draft')
  await submitAndWait(com.page, com.page.getByRole('button', { name: 'Send for approval' }))
  assert.match(await com.page.locator('main').innerText(), /What this variation changes/)

  await manager.page.goto(path)
  await manager.page.getByLabel('Approve', { exact: true }).check()
  await submitAndWait(manager.page, manager.page.getByRole('button', { name: 'Save decision' }))
  const text = await manager.page.locator('main').innerText()
  assert.match(text, /Licence 2 \(variation\)/)
  assert.match(text, /Earlier versions/)
  await checkPage(manager, 'licence-varied')
})
