// Contact plans in a real Chromium: the COM opens Ben Lewis's contact plan from his appointments,
// sets a plan that started a month ago (first leaving out the first stage's length and the reason),
// sees him overdue under it, and finds him on the contact worklist. Every page is checked with
// axe-core and saved as a screenshot.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, demoPersonPath, fillDate, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()
const inDays = (days) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)

test('a contact plan set after an error, then the person on the contact worklist, with axe on every page', async () => {
  const page = await shared.browser.newPage()
  const com = { page, errors: collectPageErrors(page) }
  await signIn(page, 'com')
  const personPath = await demoPersonPath(page, 'Lewis', 'Ben Lewis')

  await page.goto(`${personPath}/appointments`)
  await page.getByRole('link', { name: 'Contact plan: how often they are seen' }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Contact plan')
  assert.match(await page.locator('main').innerText(), /No contact plan has been set/)
  await checkPage(com, 'contact-plan-none')

  await fillDate(page, 'Plan starts on', inDays(-30))
  await page.getByLabel('Stage 1: every how many days').fill('7')
  await page.getByLabel('Stage 2: every how many days').fill('14')
  await fillDate(page, 'Review by', inDays(60))
  await submitAndWait(page, page.getByRole('button', { name: 'Save contact plan' }))
  const summary = await page.locator('.govuk-error-summary').innerText()
  assert.match(summary, /Stage 1: for how many weeks is required/)
  assert.match(summary, /The reason is required/)
  await checkPage(com, 'contact-plan-errors')

  await page.getByLabel('Stage 1: for how many weeks').fill('4')
  await page.getByLabel('Why this frequency').fill('Settling in: high need in the first month')
  await submitAndWait(page, page.getByRole('button', { name: 'Save contact plan' }))
  const main = await page.locator('main').innerText()
  assert.match(main, /weekly for 4 weeks, then fortnightly/)
  assert.match(main, /Yes, by 23 days/)
  await checkPage(com, 'contact-plan-set')

  await page.goto('/worklists')
  await page.getByRole('link', { name: 'Contact overdue and reviews due' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.locator('main').innerText(), /Ben Lewis/)
  await checkPage(com, 'worklist-contact')
})
