// The manager's allocation pages in a real Chromium: the view of unallocated cases and team
// workload (with its SVG chart), and allocating from ranked choices with one action. Each page
// is checked with axe-core, loaded without script errors, and saved as a screenshot.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()

async function openSignedIn (username = 'manager') {
  const page = await shared.browser.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, username)
  return { page, errors }
}

test('the manager view shows unallocated cases and a workload chart with its figures in a table', async () => {
  const tab = await openSignedIn()
  const { page } = tab
  await page.getByRole('link', { name: 'Allocations' }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Allocations and workload')
  assert.equal(await page.locator('svg[role="img"] rect').count() > 0, true)
  const table = page.locator('table', { hasText: 'Workload by practitioner' })
  assert.match(await table.innerText(), /Grace Adeyemi/)
  assert.match(await table.innerText(), /Leeds offender management unit/)
  assert.match(await page.locator('main').innerText(), /Overdue handovers/)
  assert.match(await page.locator('main').innerText(), /on average \d+\.\d changes of lead practitioner per six months/)
  await checkPage(tab, 'manage')
  await page.close()
})

test('a manager allocates the first-ranked POM with one action, and the person page shows them', async () => {
  const tab = await openSignedIn()
  const { page } = tab
  await page.goto('/manage')
  const allocateLink = page.locator('table', { hasText: 'Without a prison offender manager' }).getByRole('link', { name: 'Allocate' }).first()
  const href = await allocateLink.getAttribute('href')
  const personPath = href.split('/allocate')[0]
  await allocateLink.click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Allocate a prison offender manager')
  const first = page.locator('.govuk-radios__item').first()
  const chosen = (await first.locator('label').innerText()).replace(/ \(.*\)$/, '')
  assert.ok(await first.locator('input').isChecked(), 'the best match is chosen already')
  assert.match(await first.locator('.govuk-hint').innerText(), /points/)
  await checkPage(tab, 'allocate')
  await page.getByLabel('Note for the record (optional)').fill('x'.repeat(1001))
  await submitAndWait(page, page.getByRole('button', { name: 'Allocate' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Note/)
  await checkPage(tab, 'allocate-error')
  await page.getByLabel('Note for the record (optional)').fill('agreed at team meeting')
  await submitAndWait(page, page.getByRole('button', { name: 'Allocate' }))
  assert.equal(new URL(page.url()).pathname, personPath)
  assert.match(await page.locator('.govuk-summary-list', { hasText: 'Prison offender manager' }).last().innerText(), new RegExp(chosen))
  await checkPage(tab, 'person-after-allocation')
  await page.close()
})

test('a manager records a practitioner\'s absence from the workload table, with errors naming the field', async () => {
  const tab = await openSignedIn()
  const { page } = tab
  await page.goto('/manage')
  await page.locator('table', { hasText: 'Workload by practitioner' }).getByRole('link', { name: 'Rhys Evans' }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Working pattern')
  assert.ok(await page.getByLabel('Welsh speaker').isChecked())
  await checkPage(tab, 'working-pattern')
  await page.getByLabel('First day away (optional)').fill('2030-01-10')
  await page.getByLabel('Last day away (optional)').fill('2030-01-09')
  await submitAndWait(page, page.getByRole('button', { name: 'Save' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Away until must be on or after the first day away/)
  await checkPage(tab, 'working-pattern-error')
  await page.getByLabel('Last day away (optional)').fill('2030-01-20')
  await page.getByLabel('Share of a full-time post (%)').fill('80')
  await submitAndWait(page, page.getByRole('button', { name: 'Save' }))
  assert.equal(new URL(page.url()).pathname, '/manage')
  const row = page.locator('tr', { hasText: 'Rhys Evans' })
  assert.match(await row.innerText(), /of 192/)
  await page.close()
})

test('staff who are not managers cannot open the allocation pages', async () => {
  const tab = await openSignedIn('pom')
  const { page } = tab
  const response = await page.goto('/manage')
  assert.equal(response.status(), 403)
  assert.equal(await page.getByRole('link', { name: 'Allocations' }).count(), 0)
  await page.close()
})
