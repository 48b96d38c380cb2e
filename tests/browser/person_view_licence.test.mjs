// The person's own licence, support and messages pages in a real Chromium: Liam Carter (a demo case in
// custody, with needs recorded) has a licence started by his COM and approved; on a 320px phone he reads
// his conditions, asks a question about one, reads support near him and his messages, in English and
// in Welsh; the COM sees his question and prints his pages for him in both languages. Every page is
// checked with axe-core at 320px and 1280px and saved as a screenshot.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, demoPersonPath, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()
const sql = statement => execFileSync('sqlite3', [shared.server.db, statement], { encoding: 'utf8' })

test('Liam reads his licence, asks a question, finds support and his messages, in English and Welsh', async () => {
  const page = await shared.browser.newPage()
  const com = { page, errors: collectPageErrors(page) }
  await signIn(page, 'com')
  const personPath = await demoPersonPath(page, 'Carter', 'Liam Carter')
  await page.goto(`${personPath}/licence`)
  await submitAndWait(page, page.getByRole('button', { name: 'Start a licence' }))
  // The manager's approval is the licence tests' subject; here it is set directly.
  const personId = personPath.match(/\d+$/)[0]
  sql(`UPDATE licence SET status = 'approved', approved_on = date('now') WHERE person_id = ${personId}`)
  await page.goto(`${personPath}/account`)
  await page.getByLabel('Their mobile number or email address').fill('07700 900777')
  await submitAndWait(page, page.getByRole('button', { name: 'Send invitation' }))

  const phone = await shared.browser.newPage()
  const liam = { page: phone, errors: collectPageErrors(phone) }
  await phone.setViewportSize({ width: 320, height: 640 })
  await phone.goto('/my/sign-in')
  await phone.getByLabel('Your mobile number or email address').fill('07700 900777')
  await submitAndWait(phone, phone.getByRole('button', { name: 'Send me a code' }))
  const code = sql(`SELECT body FROM outbox_message WHERE person_id = ${personId} AND kind = 'sign_in_code' ORDER BY id DESC LIMIT 1`)
    .match(/(\d{6})/)[1]
  await phone.getByLabel('Code').fill(code)
  await submitAndWait(phone, phone.getByRole('button', { name: 'Sign in' }))
  assert.equal(await heading(phone), 'What happens next')

  await phone.getByRole('link', { name: 'Your licence conditions' }).click()
  await phone.waitForLoadState('load')
  assert.equal(await heading(phone), 'Your licence conditions')
  assert.equal(await phone.locator('#conditions > li').count(), 8)
  await checkPage(liam, 'person-view-licence')

  await phone.getByRole('link', { name: 'Tell us if you understand this (condition 2)' }).click()
  await phone.waitForLoadState('load')
  assert.equal(await heading(phone), 'Condition 2')
  await checkPage(liam, 'person-view-condition')
  await submitAndWait(phone, phone.getByRole('button', { name: 'Send' }))
  assert.match(await phone.locator('.govuk-error-summary').innerText(), /Choose I understand or I have a question/)
  await checkPage(liam, 'person-view-condition-error')
  await phone.getByLabel('I have a question').check()
  await phone.getByLabel('Your question').fill('Can I visit my mum in Bradford?')
  await submitAndWait(phone, phone.getByRole('button', { name: 'Send' }))
  assert.match(await phone.locator('.govuk-notification-banner').innerText(), /Your probation officer can see what you told us/)
  assert.match(await phone.locator('#condition-2').innerText(), /You asked a question/)
  await checkPage(liam, 'person-view-licence-question-sent')

  await phone.goto('/my/support')
  assert.equal(await heading(phone), 'Support near you')
  assert.match(await phone.locator('#needs').innerText(), /Somewhere to live/)
  assert.ok(await phone.locator('#services .govuk-summary-card').count() >= 1)
  await checkPage(liam, 'person-view-support')
  await phone.goto('/my/messages')
  assert.equal(await heading(phone), 'Your messages')
  assert.doesNotMatch(await phone.locator('main').innerText(), new RegExp(code))
  await checkPage(liam, 'person-view-messages')

  await submitAndWait(phone, phone.getByRole('button', { name: 'Cymraeg' }))
  assert.equal(new URL(phone.url()).pathname, '/my/messages', 'the switch comes back to the same page')
  assert.equal(await heading(phone), 'Eich negeseuon')
  assert.equal(await phone.locator('html').getAttribute('lang'), 'cy')
  await checkPage(liam, 'person-view-messages-welsh')
  await phone.goto('/my/support')
  assert.equal(await heading(phone), 'Cymorth yn agos atoch')
  await checkPage(liam, 'person-view-support-welsh')
  await phone.goto('/my/licence')
  assert.equal(await heading(phone), 'Amodau eich trwydded')
  await checkPage(liam, 'person-view-licence-welsh')
  await phone.goto('/my/licence/conditions/1')
  assert.equal(await heading(phone), 'Amod 1')
  await checkPage(liam, 'person-view-condition-welsh')

  await page.goto(`${personPath}/licence`)
  assert.match(await page.locator('main').innerText(), /Can I visit my mum in Bradford\?/)
  await checkPage(com, 'person-view-licence-officer')
  await page.getByRole('link', { name: 'Print their pages in Welsh (Cymraeg)' }).click()
  await page.waitForLoadState('load')
  assert.equal(await page.locator('html').getAttribute('lang'), 'cy')
  assert.match(await page.locator('main').innerText(), /Amodau eich trwydded/)
  await checkPage(com, 'person-view-print-welsh')
  await page.goto(`${personPath}/print-for-person?lang=en`)
  assert.match(await page.locator('main').innerText(), /Your licence conditions/)
  await checkPage(com, 'person-view-print')
})
