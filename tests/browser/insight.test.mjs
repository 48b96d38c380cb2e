// Insight in a real Chromium: a manager opens the insight view (tables, bar charts with titles, CSV
// links, the cases behind a number, the units within on a chosen measure), asks for a period that ends before it starts (named in the error summary), and records a demo
// person's equality information (Marcus Bennett has none in the demo), first without consent. Every
// page is checked with axe-core and saved as a screenshot.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkPage, collectPageErrors, demoPersonPath, heading, serverAndBrowserForThisFile, signIn, submitAndWait } from './support.mjs'

const shared = serverAndBrowserForThisFile()

test('the insight view and a person\'s equality information, with axe on every page', async () => {
  const page = await shared.browser.newPage()
  const visit = { page, errors: collectPageErrors(page) }
  await signIn(page, 'manager')

  await page.getByRole('link', { name: 'Insight', exact: true }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Insight')
  assert.ok(await page.locator('table.govuk-table').count() >= 9, 'a table per measure and the lateness table')
  assert.ok(await page.getByRole('link', { name: /Download this table as CSV/ }).count() >= 9)
  await checkPage(visit, 'insight')
  const drill = page.locator('a[href*="/insight/cases?"]')
  assert.ok(await drill.count() > 0, 'shown counts link to the cases behind them')
  await page.goto(await drill.first().getAttribute('href'))
  assert.equal(await heading(page), 'Cases behind the number')
  await checkPage(visit, 'insight-cases')
  await page.getByRole('link', { name: 'Back to insight' }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Insight')
  assert.match(await page.locator('main').innerText(), /Need lowered: accommodation[\s\S]*Changes of lead officer per person per six months/)
  await page.getByLabel('Compare the units within it on').selectOption('referral_accepted')
  await submitAndWait(page, page.getByRole('button', { name: 'Show' }))
  const units = page.locator('section[aria-labelledby="units-heading"]')
  assert.match(await units.locator('h2').innerText(), /Units within, on: Referrals accepted/)
  assert.match(await units.innerText(), /Leeds central probation team/)
  assert.equal(await units.getByRole('link', { name: 'Leeds central probation team' }).count(), 0,
    'a PDU manager sees their teams\' figures but may not open a team\'s own view')
  await checkPage(visit, 'insight-units')
  await page.goto('/insight')
  await page.getByLabel('Split by').selectOption('ethnicity')
  await submitAndWait(page, page.getByRole('button', { name: 'Show' }))
  assert.match(await page.locator('main').innerText(), /Asian, Asian British or Asian Welsh/)
  await checkPage(visit, 'insight-ethnicity')

  await page.goto('/insight?from=2026-03-01&to=2026-02-01')
  assert.match(await page.locator('.govuk-error-summary').innerText(), /The end of the period must be on or after its start/)
  await checkPage(visit, 'insight-bad-period')

  const personPath = await demoPersonPath(page, 'Bennett', 'Marcus Bennett')
  await page.goto(personPath)
  await page.getByRole('link', { name: 'Equality information' }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Equality information')
  await checkPage(visit, 'equality')
  await page.getByLabel('White: Roma').check()
  await submitAndWait(page, page.getByRole('button', { name: 'Save equality information' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Consent is required/)
  await checkPage(visit, 'equality-errors')
  await page.getByLabel('Yes, they agreed').check()
  const today = new Date()
  await page.getByLabel('Day', { exact: true }).fill(`${today.getDate()}/${today.getMonth() + 1}/${today.getFullYear()}`)
  await page.getByLabel('Male', { exact: true }).check()
  for (const name of ['gender_identity', 'disability', 'religion', 'sexual_orientation', 'nationality', 'care_experience', 'armed_forces'])
    await page.locator(`input[name="${name}"][value="not_stated"]`).check()
  await submitAndWait(page, page.getByRole('button', { name: 'Save equality information' }))
  assert.equal(await page.locator('.govuk-error-summary').count(), 0)
  assert.match(await page.locator('main').innerText(), /White: Roma/)
  await checkPage(visit, 'equality-recorded')
})
