// The person's own view in a real Chromium: the COM invites Ben Lewis (a demo case) from his page,
// first with a number that cannot take texts; then Ben, on a phone-sized screen, asks for a code,
// types a wrong one, then the one from his messages, and reads "What happens next" in English and
// in Welsh. Every page is checked with axe-core at 320px and 1280px and saved as a screenshot.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, demoPersonPath, heading, recordTheRelease, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()

test('invited by the COM, Ben signs in with a code and reads what happens next in English and Welsh', async () => {
  const page = await shared.browser.newPage()
  const com = { page, errors: collectPageErrors(page) }
  await signIn(page, 'com')
  const personPath = await demoPersonPath(page, 'Lewis', 'Ben Lewis')
  await recordTheRelease(page, personPath)

  await page.goto(personPath)
  await page.getByRole('link', { name: 'Their own view (invite them)' }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Their own view of their case')
  await checkPage(com, 'person-view-invite')
  await page.getByLabel('Their mobile number or email address').fill('0113 496 0000')
  await submitAndWait(page, page.getByRole('button', { name: 'Send invitation' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter a UK mobile number/)
  await checkPage(com, 'person-view-invite-error')
  await page.getByLabel('Their mobile number or email address').fill('07700 900555')
  await submitAndWait(page, page.getByRole('button', { name: 'Send invitation' }))
  assert.match(await page.locator('main').innerText(), /Invitation sent/)
  await checkPage(com, 'person-view-invited')

  // The same browser profile as the COM's: her staff session cookie is sent to /my too, and opens nothing there.
  const phone = await shared.browser.newPage()
  const ben = { page: phone, errors: collectPageErrors(phone) }
  await phone.setViewportSize({ width: 320, height: 640 })
  await phone.goto('/my/sign-in')
  assert.equal(await heading(phone), 'Sign in to see what happens next')
  await checkPage(ben, 'person-view-sign-in')
  await phone.getByLabel('Your mobile number or email address').fill('07700 900555')
  await submitAndWait(phone, phone.getByRole('button', { name: 'Send me a code' }))
  assert.equal(await heading(phone), 'Enter your code')
  await phone.getByLabel('Code').fill('000000')
  await submitAndWait(phone, phone.getByRole('button', { name: 'Sign in' }))
  assert.match(await phone.locator('.govuk-error-summary').innerText(), /not right|has been used|expired/)
  await checkPage(ben, 'person-view-code-error')

  await page.goto(`${personPath}/messages`)
  assert.match(await page.locator('main').innerText(), /A sign-in code \(never shown to staff\)/)
  const newest = "SELECT body FROM outbox_message WHERE kind = 'sign_in_code' ORDER BY id DESC LIMIT 1"
  const code = execFileSync('sqlite3', [shared.server.db, newest], { encoding: 'utf8' }).match(/sign-in code is (\d{6})/)[1]
  await phone.getByLabel('Code').fill(code)
  await submitAndWait(phone, phone.getByRole('button', { name: 'Sign in' }))
  assert.equal(await heading(phone), 'What happens next')
  assert.match(await phone.locator('main').innerText(), /Hello Ben/)
  await checkPage(ben, 'person-view-home')

  await submitAndWait(phone, phone.getByRole('button', { name: 'Cymraeg' }))
  assert.equal(await heading(phone), "Beth sy'n digwydd nesaf")
  assert.equal(await phone.locator('html').getAttribute('lang'), 'cy')
  await checkPage(ben, 'person-view-home-welsh')
  await submitAndWait(phone, phone.getByRole('button', { name: 'Allgofnodi' }))
  assert.equal(new URL(phone.url()).pathname, '/my/sign-in')
})
