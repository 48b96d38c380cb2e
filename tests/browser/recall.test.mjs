// Recall in a real Chromium: the COM records Ben Lewis's release (a demo case), starts a recall
// consideration (first without saying what changed), recommends, and a manager decides not to recall
// (first without a rationale); then the recall report and the letter in English and Welsh. Every
// page is checked with axe-core and saved as a screenshot.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, demoPersonPath, recordTheRelease, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()

test('a recall consideration walked to a decision not to recall, with axe on every page', async () => {
  const page = await shared.browser.newPage()
  const visit = { page, errors: collectPageErrors(page) }
  await signIn(page, 'com')
  const personPath = await demoPersonPath(page, 'Lewis', 'Ben Lewis')
  await recordTheRelease(page, personPath)

  await page.goto(personPath)
  await page.getByRole('link', { name: 'Recall', exact: true }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Recall')
  await checkPage(visit, 'recalls-none')
  await page.getByRole('link', { name: 'Start a recall consideration' }).click()
  await page.waitForLoadState('load')
  await checkPage(visit, 'recall-form')
  await page.getByLabel('Risk has increased', { exact: true }).check()
  await page.getByLabel('Warning', { exact: true }).check()
  await page.getByLabel('Drug or alcohol testing').check()
  await submitAndWait(page, page.getByRole('button', { name: 'Start the consideration' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /What changed in risk|Risk change/i)
  await checkPage(visit, 'recall-form-errors')
  await page.getByLabel('What has changed in their risk').fill('Seen outside the former victim\'s home')
  await submitAndWait(page, page.getByRole('button', { name: 'Start the consideration' }))
  assert.equal(await heading(page), 'Recall consideration')
  assert.match(await page.locator('main').innerText(), /Warning; Drug or alcohol testing/)
  await checkPage(visit, 'recall-considering')
  const recallPath = new URL(page.url()).pathname
  await page.getByLabel('No recall').check()
  await page.getByLabel('Your reasons').fill('He came in the same day and explained; no further contact')
  await submitAndWait(page, page.getByRole('button', { name: 'Send to a manager' }))
  await checkPage(visit, 'recall-recommended')

  await signIn(page, 'manager')
  await page.goto(recallPath)
  await page.getByLabel('No recall').check()
  await submitAndWait(page, page.getByRole('button', { name: 'Record the decision' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Rationale/)
  await checkPage(visit, 'recall-decision-errors')
  await page.getByLabel('Rationale').fill('The contact was by chance and he reported it himself')
  await submitAndWait(page, page.getByRole('button', { name: 'Record the decision' }))
  assert.match(await page.locator('main').innerText(), /Decided/)
  await checkPage(visit, 'recall-decided')

  await page.getByRole('link', { name: 'Recall report for the recall team' }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Recall report')
  await checkPage(visit, 'recall-report')
  await page.goto(recallPath)
  await page.getByRole('link', { name: 'Letter explaining the decision, in Welsh (Cymraeg)' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.locator('main').innerText(), /Annwyl Ben Lewis/)
  await checkPage(visit, 'recall-letter-welsh')
  await page.getByRole('link', { name: 'English' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.locator('main').innerText(), /you will not be recalled/)
  await checkPage(visit, 'recall-letter-english')
})
