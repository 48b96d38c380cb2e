// MAPPA and information sharing in a real Chromium: the COM records Owen Ward (a demo case near
// release) at category 2, level 2 (first without a category), records a pre-release meeting held
// today with the police, adds a police action, records a police address check and its answer, and
// reads the MAPPA worklist. Every page is checked with axe-core and saved as a screenshot.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, demoPersonPath, fillDate, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()
const today = new Date().toISOString().slice(0, 10)
const inDays = (days) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)

test('a level 2 case through a pre-release meeting, a police action and an address check, with axe on every page', async () => {
  const page = await shared.browser.newPage()
  const visit = { page, errors: collectPageErrors(page) }
  await signIn(page, 'com')
  const personPath = await demoPersonPath(page, 'Ward', 'Owen Ward')

  await page.goto(personPath)
  await page.getByRole('link', { name: 'MAPPA', exact: true }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'MAPPA')
  await checkPage(visit, 'mappa-none')

  await page.getByRole('link', { name: 'Record category and level' }).click()
  await page.waitForLoadState('load')
  await page.getByLabel('Level 2: multi-agency panel').check()
  await fillDate(page, 'Date decided', today)
  await page.getByLabel('Who decided').fill('Level 2 panel, chair A Khan')
  await submitAndWait(page, page.getByRole('button', { name: 'Record the decision' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /MAPPA level/)
  await checkPage(visit, 'mappa-decision-errors')
  await page.getByLabel('Category 2: violent offender').check()
  await submitAndWait(page, page.getByRole('button', { name: 'Record the decision' }))
  assert.equal(await heading(page), 'MAPPA')
  assert.match(await page.locator('main').innerText(), /Level 2: multi-agency panel/)

  await page.getByRole('link', { name: 'Record a meeting' }).click()
  await page.waitForLoadState('load')
  await checkPage(visit, 'mappa-meeting-form')
  await page.getByLabel('Pre-release meeting').check()
  await fillDate(page, 'Meeting date', today)
  await page.getByLabel('Held', { exact: true }).check()
  await page.getByLabel('Attendee 1: agency').selectOption('police')
  await page.getByLabel('Attendee 1: name').fill('DC Rees')
  await page.getByLabel('Attendee 2: agency').selectOption('probation')
  await page.getByLabel('Attendee 2: name').fill('Sam Officer')
  await submitAndWait(page, page.getByRole('button', { name: 'Record the meeting' }))
  await checkPage(visit, 'mappa-with-meeting')

  await page.getByRole('link', { name: new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) }).first().click()
  await page.waitForLoadState('load')
  await page.getByLabel('What is to be done').fill('Visit the proposed address')
  await fillDate(page, 'Due by', inDays(14))
  await submitAndWait(page, page.getByRole('button', { name: 'Add the action' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /owner/)
  await checkPage(visit, 'mappa-meeting-errors')
  await page.getByLabel("Owner's agency").selectOption('police')
  await submitAndWait(page, page.getByRole('button', { name: 'Add the action' }))
  assert.match(await page.locator('main').innerText(), /Visit the proposed address/)
  await checkPage(visit, 'mappa-meeting')

  await page.goto(`${personPath}/information-sharing`)
  await checkPage(visit, 'sharing-none')
  await page.getByRole('link', { name: 'Record a request or disclosure' }).click()
  await page.waitForLoadState('load')
  await page.getByLabel('Request we made').check()
  await page.getByLabel('The other agency').selectOption('police')
  await page.getByLabel('What was asked or shared').fill('Police check of the proposed address')
  await page.getByLabel('Lawful basis').selectOption('mappa_duty_to_cooperate')
  await fillDate(page, 'Date sent or received', today)
  await fillDate(page, 'Answer due by', inDays(10))
  await submitAndWait(page, page.getByRole('button', { name: 'Record it' }))
  assert.match(await page.locator('main').innerText(), /Awaiting answer/)
  await checkPage(visit, 'sharing-record')
  await page.getByLabel('The answer').fill('No concerns at the address')
  await fillDate(page, 'Date answered', today)
  await submitAndWait(page, page.getByRole('button', { name: 'Record the answer' }))
  assert.match(await page.locator('main').innerText(), /No concerns at the address/)
  await checkPage(visit, 'sharing-answered')

  await page.goto('/worklists/mappa?pdu_code=LDS')
  assert.equal(await heading(page), 'MAPPA and information sharing')
  await checkPage(visit, 'mappa-worklist')
})
