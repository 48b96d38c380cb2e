// The manager's allocation pages in a real Chromium: the view of unallocated cases and team
// workload (with its SVG chart), and allocating from ranked choices with one action. Each page
// is checked with axe-core, loaded without script errors, and saved as a screenshot.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, fillDate, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()

async function openSignedIn (username = 'manager') {
  const page = await shared.browser.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, username)
  return { page, errors }
}

test('the manager views come one at a time: unallocated cases, overdue handovers, continuity and a workload chart', async () => {
  const tab = await openSignedIn()
  const { page } = tab
  const main = () => page.locator('main').innerText()
  const openSection = async (name) => {
    await page.getByRole('navigation', { name: 'Manager views' }).getByRole('link', { name }).click()
    await page.waitForLoadState('load')
    assert.equal(await heading(page), 'Allocations and workload')
    assert.equal(await page.locator('.moj-sub-navigation [aria-current="page"]').innerText(), name)
  }
  await page.getByRole('link', { name: 'Allocations' }).click()
  await page.waitForLoadState('load')
  assert.equal(await page.locator('.moj-sub-navigation [aria-current="page"]').innerText(), 'Without a POM')
  assert.match(await page.locator('table').innerText(), /Without a prison offender manager/)
  assert.equal(await page.locator('table').count(), 1, 'one view at a time')
  assert.equal(await page.locator('svg[role="img"]').count(), 0)
  await checkPage(tab, 'manage')

  await openSection('Team workload')
  assert.equal(await page.locator('svg[role="img"] rect').count() > 0, true)
  const table = page.locator('table', { hasText: 'Workload by practitioner' })
  assert.match(await table.innerText(), /Grace Adeyemi/)
  assert.match(await table.innerText(), /Leeds offender management unit/)
  await checkPage(tab, 'manage-workload')

  const teams = page.getByLabel('Team')
  assert.equal(await teams.inputValue(), '', 'all teams at first')
  await teams.selectOption({ label: 'Leeds offender management unit' })
  await submitAndWait(page, page.getByRole('button', { name: 'Show' }))
  assert.equal(new URL(page.url()).searchParams.get('team'), 'LEI-OMU')
  const teamCells = await page.locator('table', { hasText: 'Workload by practitioner' }).locator('tbody tr td:first-of-type').allInnerTexts()
  assert.ok(teamCells.length > 0)
  assert.deepEqual([...new Set(teamCells)], ['Leeds offender management unit'])
  await checkPage(tab, 'manage-workload-team')
  const badTeam = await page.goto('/manage/workload?team=NOPE')
  assert.equal(badTeam.status(), 422)
  assert.match(await main(), /Team must be one of the teams in this unit/)
  await page.goto('/manage/workload')

  await openSection('Overdue handovers')
  assert.match(await main(), /Overdue handovers/)
  await checkPage(tab, 'manage-overdue-handovers')

  await openSection('Continuity')
  assert.match(await main(), /on average \d+\.\d changes of lead practitioner per six months/)
  await checkPage(tab, 'manage-continuity')

  for (const [name, caption] of [['COM due', /Community offender manager due/], ['Without a COM', /community offender manager/]]) {
    await openSection(name)
    assert.match(await main(), caption)
  }
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
  await page.goto('/manage/workload')
  await page.locator('table', { hasText: 'Workload by practitioner' }).getByRole('link', { name: 'Rhys Evans' }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Working pattern')
  assert.ok(await page.getByLabel('Welsh speaker').isChecked())
  await checkPage(tab, 'working-pattern')
  await fillDate(page, 'First day away (optional)', '2030-01-10')
  await fillDate(page, 'Last day away (optional)', '2030-01-09')
  await submitAndWait(page, page.getByRole('button', { name: 'Save' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Away until must be on or after the first day away/)
  await checkPage(tab, 'working-pattern-error')
  await fillDate(page, 'Last day away (optional)', '2030-01-20')
  await page.getByLabel('Share of a full-time post (%)').fill('80')
  await submitAndWait(page, page.getByRole('button', { name: 'Save' }))
  assert.equal(new URL(page.url()).pathname, '/manage/workload')
  const row = page.locator('tr', { hasText: 'Rhys Evans' })
  assert.match(await row.innerText(), /of 192/)
  await page.close()
})

test('staff who are not managers cannot open the allocation pages', async () => {
  const tab = await openSignedIn('pom')
  const { page } = tab
  for (const path of ['/manage', '/manage/overdue-handovers', '/manage/com-due', '/manage/continuity']) {
    const response = await page.goto(path)
    assert.equal(response.status(), 403, path)
  }
  assert.equal(await page.getByRole('link', { name: 'Allocations' }).count(), 0)
  await page.close()
})
