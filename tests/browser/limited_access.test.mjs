// Who may see a case, in a real Chromium: a manager excludes a member of staff, sees the error
// summary for a bad entry, ends the exclusion, starts a restriction list and sees the Limited
// access tag on the person page. Every page is checked with axe-core and saved as a screenshot.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()

test('a manager limits who may see a case and ends an entry with a reason', async () => {
  const page = await shared.browser.newPage()
  const errors = collectPageErrors(page)
  const tab = { page, errors }
  await signIn(page, 'manager')
  await page.goto('/caseload?view=unit')
  const personPath = await page.locator('table a[href^="/people/"]').first().getAttribute('href')
  await page.goto(personPath)
  await submitAndWait(page, page.getByRole('link', { name: 'Who may see this case' }))
  assert.equal(await heading(page), 'Who may see this case')
  assert.match(await page.content(), /Access to this case is not limited/)
  await checkPage(tab, 'limited-access')

  await submitAndWait(page, page.getByRole('button', { name: 'Limit access' }))
  const summary = page.locator('.govuk-error-summary')
  assert.equal(await summary.count(), 1)
  assert.match(await summary.innerText(), /List is required/)
  assert.match(await summary.innerText(), /Username is required/)
  await checkPage(tab, 'limited-access-errors')

  await page.getByLabel('Exclude them: they must not see this case').check()
  await page.getByLabel('Username of the member of staff').fill('pom')
  await page.getByLabel('Reason').fill('Knows the victim')
  await submitAndWait(page, page.getByRole('button', { name: 'Limit access' }))
  assert.equal(await heading(page), 'Who may see this case')
  const excluded = page.locator('table', { hasText: 'Excluded from this case' })
  assert.match(await excluded.innerText(), /Priya Shah \(pom\)/)
  assert.match(await excluded.innerText(), /Knows the victim/)
  await checkPage(tab, 'limited-access-excluded')

  await page.goto(personPath)
  assert.match(await page.locator('.govuk-tag', { hasText: 'Limited access' }).innerText(), /Limited access/)
  await checkPage(tab, 'person-limited-access')

  await page.goto(`${personPath}/limited-access`)
  await submitAndWait(page, excluded.getByRole('link', { name: 'End' }))
  assert.equal(await heading(page), "End Priya Shah's exclusion")
  await checkPage(tab, 'limited-access-end')
  await submitAndWait(page, page.getByRole('button', { name: 'End this entry' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Reason is required/)
  await checkPage(tab, 'limited-access-end-errors')
  await page.getByLabel('Reason').fill('Moved to another wing')
  await submitAndWait(page, page.getByRole('button', { name: 'End this entry' }))
  assert.equal(await heading(page), 'Who may see this case')
  assert.match(await page.content(), /Access to this case is not limited/)

  await page.getByLabel('Add them to the restriction list: only staff on it may see this case').check()
  await page.getByLabel('Username of the member of staff').fill('com')
  await page.getByLabel('Reason').fill('High-profile case')
  await submitAndWait(page, page.getByRole('button', { name: 'Limit access' }))
  const restricted = page.locator('table', { hasText: 'Only these staff may see this case' })
  assert.match(await restricted.innerText(), /Morgan Ellis \(manager\)/)
  assert.match(await restricted.innerText(), /Callum Reid \(com\)/)
  assert.match(await restricted.innerText(), /Another member of staff on the list can take you off it/)
  await checkPage(tab, 'limited-access-restricted')
  await page.close()
})
