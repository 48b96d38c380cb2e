// The needs, plan, checklist and outcomes pages in a real Chromium: each checked with axe-core,
// loaded without script errors, and saved as a screenshot in test-results/.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, fillDate, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()
let personPath

async function openSignedIn () {
  const page = await shared.browser.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, 'pom')
  if (!personPath) personPath = await page.locator('table a[href^="/people/"]').first().getAttribute('href')
  return { page, errors }
}

test('recording a reception screening through the form, then the needs page', async () => {
  const tab = await openSignedIn()
  const { page } = tab
  await page.goto(`${personPath}/needs/new`)
  assert.equal(await heading(page), 'Record a needs assessment')
  await checkPage(tab, 'needs-form')
  await submitAndWait(page, page.getByRole('button', { name: 'Save assessment' }))
  assert.equal(await page.locator('.govuk-error-summary').count(), 1)
  await checkPage(tab, 'needs-form-errors')
  await page.getByLabel('Completed by').fill('Priya Shah')
  for (const select of await page.locator('select[name$=".need_level"]').all()) await select.selectOption('medium')
  for (const select of await page.locator('select[name$=".source"]').all()) await select.selectOption('self_report')
  await page.locator('textarea[name="accommodation.own_words"]').fill('I need somewhere to live')
  await submitAndWait(page, page.getByRole('button', { name: 'Save assessment' }))
  assert.equal(new URL(page.url()).pathname, `${personPath}/needs`)
  assert.match(await page.content(), /I need somewhere to live/)
  await checkPage(tab, 'needs')
  await page.close()
})

test('adding an objective and an action, then the plan page', async () => {
  const tab = await openSignedIn()
  const { page } = tab
  await page.goto(`${personPath}/plan`)
  assert.equal(await heading(page), 'Resettlement plan')
  await page.getByRole('link', { name: 'Add an objective' }).click()
  await page.waitForLoadState('load')
  await checkPage(tab, 'plan-objective-form')
  await page.getByLabel('Pathway').selectOption('accommodation')
  await page.getByLabel('Their goal, in their words').fill('A flat near my sister')
  await submitAndWait(page, page.getByRole('button', { name: 'Add objective' }))
  await page.locator('a[href$="/actions/new"]').first().click()
  await page.waitForLoadState('load')
  await page.getByLabel('What will be done').fill('Fill in the housing form')
  await page.getByLabel('The person', { exact: true }).check()
  await page.getByRole('group', { name: 'Due date' }).getByLabel('Day').fill('1/1/2020')  // typed whole, day first
  await submitAndWait(page, page.getByRole('button', { name: 'Add action' }))
  assert.equal(new URL(page.url()).pathname, `${personPath}/plan`)
  assert.match(await page.content(), /A flat near my sister/)
  assert.match(await page.content(), /Overdue/)
  await checkPage(tab, 'plan')
  await page.close()
})

test('the checklist and outcomes pages', async () => {
  const tab = await openSignedIn()
  const { page } = tab
  await page.goto(`${personPath}/checklist`)
  assert.equal(await heading(page), 'Pre-release checklist')
  await checkPage(tab, 'checklist')
  await page.goto(`${personPath}/outcomes/new`)
  await page.getByLabel('Milestone').selectOption('sentence_start')
  await page.locator('select[name="accommodation.level"]').selectOption('struggling')
  await submitAndWait(page, page.getByRole('button', { name: 'Save outcomes' }))
  assert.equal(await heading(page), 'Outcomes')
  await checkPage(tab, 'outcomes')
  // At a laptop's width the outcomes table fits whole: it does not even scroll inside its region.
  await page.setViewportSize({ width: 1280, height: 800 })
  const snapshots = page.locator('.app-table-region', { has: page.locator('caption', { hasText: 'Snapshots' }) })
  assert.ok(await snapshots.evaluate(region => region.scrollWidth <= region.clientWidth), 'the outcomes table fits at 1280 px')
  await page.close()
})
