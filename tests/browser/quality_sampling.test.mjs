// Quality sampling in a real Chromium: a manager opens their PDU's sample for last month from the insight
// page, reviews a sampled case (first with answers missing, named in the error summary), sees it marked
// reviewed, and reads the month's themes. Every page is checked with axe-core and saved as a screenshot.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkPage, collectPageErrors, heading, serverAndBrowserForThisFile, signIn, submitAndWait } from './support.mjs'

const shared = serverAndBrowserForThisFile()

test('the sample, a review and the themes, with axe on every page', async () => {
  const page = await shared.browser.newPage()
  const visit = { page, errors: collectPageErrors(page) }
  await signIn(page, 'manager')

  await page.goto('/insight')
  await page.getByRole('link', { name: 'Quality sampling' }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Quality sampling')
  const sampled = page.locator('table.govuk-table a[href^="/insight/quality/people/"]')
  assert.ok(await sampled.count() >= 1, 'cases sampled from the demo PDU')
  await checkPage(visit, 'quality-sample')

  await sampled.first().click()
  await page.waitForLoadState('load')
  assert.match(await heading(page), /^Review the case of /)
  assert.match(await page.locator('main').innerText(), /What the record says: /)
  await checkPage(visit, 'quality-review')
  const question = (name) => page.getByRole('group', { name })
  await question(/Was the plan made with the person/).getByLabel('Met', { exact: true }).check()
  await question(/Are the person's own words/).getByLabel('Not met', { exact: true }).check()
  await submitAndWait(page, page.getByRole('button', { name: 'Save review' }))
  const summary = await page.locator('.govuk-error-summary').innerText()
  assert.match(summary, /Say what was missing/)
  assert.match(summary, /Handover meeting held/)
  await checkPage(visit, 'quality-review-errors')

  await page.getByLabel("Notes on: The person's own words present").fill('Goals written by the officer')
  await question(/Was the pre-release checklist complete/).getByLabel('Not applicable', { exact: true }).check()
  await question(/Was a handover meeting held/).getByLabel('Met', { exact: true }).check()
  await question(/Were the referrals made followed up/).getByLabel('Met', { exact: true }).check()
  await submitAndWait(page, page.getByRole('button', { name: 'Save review' }))
  assert.equal(await heading(page), 'Quality sampling')
  assert.ok(await page.locator('.govuk-tag', { hasText: /^Reviewed$/ }).count() >= 1)

  await page.getByRole('link', { name: "See the themes of this month's reviews" }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Quality sampling themes')
  assert.match(await page.locator('main').innerText(), /Goals written by the officer/)
  await checkPage(visit, 'quality-themes')
})
