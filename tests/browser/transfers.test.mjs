// Transfers and the handover to the community in a real Chromium: the person page's continuity
// and handover sections, the transfer form (pre-filled handover record, error summary), the
// transfer page (withdraw, acknowledge), the inbox of transfers awaiting me, the handover meeting
// forms and the overdue handovers worklist. Every page is checked with axe-core and saved as a
// screenshot in test-results/.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, fillDate, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()
const today = new Date().toISOString().slice(0, 10)
let personPath  // Liam Carter, a demo case at HMP Leeds whose handover is about 11 weeks away

async function openSignedIn (username) {
  const page = await shared.browser.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, username)
  return { page, errors }
}

async function openTransferForm (page) {
  await page.goto(`${personPath}/transfers`)
  await submitAndWait(page, page.getByRole('button', { name: 'Transfer the case' }))
  assert.equal(await heading(page), 'Transfer the case')
}

test('a POM asks another prison to take a case, then withdraws; then asks a COM to take it on', async () => {
  const tab = await openSignedIn('pom')
  const { page } = tab
  await page.goto('/caseload?view=unit&q=Carter')
  personPath = await page.getByRole('link', { name: 'Liam Carter' }).getAttribute('href')
  await page.goto(personPath)
  assert.match(await page.content(), /Continuity/)
  assert.match(await page.content(), /Handover to the community/)
  await checkPage(tab, 'person-continuity-handover')

  await page.goto(`${personPath}/transfers`)
  assert.match(await heading(page), /^Transfers of Liam Carter/)
  await checkPage(tab, 'person-transfers')

  await openTransferForm(page)
  assert.match(await page.getByLabel('Current risks').inputValue(), /Risk of serious harm/)
  assert.notEqual(await page.getByLabel('Outstanding actions').inputValue(), '')
  await checkPage(tab, 'transfer-form')
  await submitAndWait(page, page.getByRole('button', { name: 'Ask them to take the case' }))
  const summary = await page.locator('.govuk-error-summary').innerText()
  assert.match(summary, /Kind/)
  assert.match(summary, /Summary/)
  await checkPage(tab, 'transfer-form-errors')

  await page.getByLabel('To another prison').check()
  await page.getByLabel('Prison or probation delivery unit it goes to').selectOption('HAI')
  await page.getByLabel('Summary of the case').fill('Moving nearer his family in Doncaster')
  await submitAndWait(page, page.getByRole('button', { name: 'Ask them to take the case' }))
  assert.equal(await heading(page), 'Transfer of the case')
  assert.match(await page.locator('main').innerText(), /Awaiting acknowledgement/)
  assert.equal(await page.getByRole('button', { name: 'Acknowledge and take the case' }).count(), 0)
  await checkPage(tab, 'transfer')

  await submitAndWait(page, page.getByRole('button', { name: 'Withdraw the transfer' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Reason is required/)
  await checkPage(tab, 'transfer-withdraw-error')
  await page.getByLabel('Why it is withdrawn').fill('Family moving to Leeds instead')
  await submitAndWait(page, page.getByRole('button', { name: 'Withdraw the transfer' }))
  assert.match(await page.locator('main').innerText(), /Withdrawn/)

  await openTransferForm(page)
  await page.getByLabel('To another practitioner').check()
  await page.getByLabel('Role whose lead practitioner changes').selectOption('com')
  const callum = await page.locator('#to_staff_id option', { hasText: 'Callum Reid' }).getAttribute('value')
  await page.getByLabel('Practitioner it goes to').selectOption(callum)
  await page.getByLabel('Summary of the case').fill('Handover start: please take him on as his COM')
  await submitAndWait(page, page.getByRole('button', { name: 'Ask them to take the case' }))
  assert.equal(await heading(page), 'Transfer of the case')
  await page.close()
})

test('the COM finds it awaiting them and acknowledges it', async () => {
  const tab = await openSignedIn('com')
  const { page } = tab
  await page.goto('/worklists')
  await submitAndWait(page, page.getByRole('link', { name: /Transfers awaiting my acknowledgement \(1\)/ }))
  assert.equal(await heading(page), 'Transfers awaiting my acknowledgement')
  await checkPage(tab, 'transfers-awaiting')
  await submitAndWait(page, page.getByRole('link', { name: 'Liam Carter' }))
  assert.match(await page.locator('main').innerText(), /Handover start: please take him on/)
  await checkPage(tab, 'transfer-to-acknowledge')
  await page.getByLabel('Note (optional)').fill('Will visit next week')
  await submitAndWait(page, page.getByRole('button', { name: 'Acknowledge and take the case' }))
  assert.match(await page.locator('main').innerText(), /Acknowledged/)
  await checkPage(tab, 'transfer-acknowledged')
  await page.close()
})

test('the POM schedules the three-way meeting and records it as held', async () => {
  const tab = await openSignedIn('pom')
  const { page } = tab
  await page.goto(personPath)
  await submitAndWait(page, page.getByRole('button', { name: 'Schedule the handover meeting' }))
  assert.equal(await heading(page), 'Schedule the handover meeting')
  await checkPage(tab, 'handover-meeting-form')
  await submitAndWait(page, page.getByRole('button', { name: 'Schedule' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Scheduled on is required/)
  await checkPage(tab, 'handover-meeting-form-errors')
  await fillDate(page, 'Date of the meeting', today)
  await submitAndWait(page, page.getByRole('button', { name: 'Schedule' }))
  assert.equal(await heading(page), 'Three-way handover meeting')
  await checkPage(tab, 'handover-meeting')

  await submitAndWait(page, page.getByRole('button', { name: 'Record as held' }))
  const errors = await page.locator('.govuk-error-summary').innerText()
  assert.match(errors, /Held on is required/)
  assert.match(errors, /Person attended is required/)
  await checkPage(tab, 'handover-meeting-errors')
  await fillDate(page, 'Date it was held', today)
  await page.getByLabel('Yes').check()
  await submitAndWait(page, page.getByRole('button', { name: 'Record as held' }))
  assert.equal(new URL(page.url()).pathname, personPath)
  assert.match(await page.locator('main').innerText(), /Held on .* with the person/)
  await page.close()
})

test('the worklists have an overdue handovers list', async () => {
  const tab = await openSignedIn('manager')
  const { page } = tab
  await page.goto('/worklists')
  await submitAndWait(page, page.getByRole('navigation', { name: 'Worklists' }).getByRole('link', { name: 'Overdue handovers' }))
  assert.equal(new URL(page.url()).pathname, '/worklists/overdue-handovers')
  assert.match(await page.content(), /Overdue handovers/)
  await checkPage(tab, 'worklists-overdue-handovers')
  await page.close()
})
