// Accounts in a real Chromium: the sign-in code page, an admin's accounts pages, resetting two-factor
// sign-in and setting it up again from the QR code page, and "Your account". Every page is checked
// with axe-core and saved as a screenshot.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { freshCode } from '../integration/totp.mjs'
import {
  DEMO_PASSWORD, checkPage, collectPageErrors, heading, serverAndBrowserForThisFile, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()

async function passwordStep (page, username) {
  await page.context().clearCookies()
  await page.goto('/sign-in')
  await page.getByLabel('Username', { exact: true }).fill(username)
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
  await submitAndWait(page, page.getByRole('button', { name: 'Sign in', exact: true }))
}

test('an admin gives a code, manages accounts, resets their own two-factor sign-in and sets it up again', async () => {
  const page = await shared.browser.newPage()
  const errors = collectPageErrors(page)
  const tab = { page, errors }
  await passwordStep(page, 'admin')
  assert.equal(await heading(page), 'Enter your sign-in code')
  await checkPage(tab, 'sign-in-code')
  await submitAndWait(page, page.getByRole('button', { name: 'Continue' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the 6-digit code/)
  await checkPage(tab, 'sign-in-code-error')
  await page.getByLabel('Code from your authenticator app').fill(await freshCode(`${shared.server.baseUrl} admin`))
  await submitAndWait(page, page.getByRole('button', { name: 'Continue' }))
  assert.equal(new URL(page.url()).pathname, '/caseload')

  await submitAndWait(page, page.getByRole('link', { name: 'Accounts', exact: true }))
  assert.equal(await heading(page), 'Accounts')
  await checkPage(tab, 'admin-accounts')
  const adminRow = page.locator('table tbody tr').filter({ has: page.locator('td', { hasText: /^admin$/ }) })
  const adminHref = await adminRow.locator('a').first().getAttribute('href')
  await page.goto(adminHref)
  await checkPage(tab, 'admin-account')

  await submitAndWait(page, page.getByRole('button', { name: 'Reset two-factor sign-in' }))
  assert.equal(new URL(page.url()).pathname, '/sign-in', 'resetting ends the sessions, this one included')
  await passwordStep(page, 'admin')
  assert.equal(await heading(page), 'Set up two-factor sign-in')
  assert.equal(await page.locator('svg.app-qr-code').count(), 1)
  await checkPage(tab, 'sign-in-set-up-code')
  const key = (await page.locator('.app-totp-key').innerText()).replaceAll(' ', '')
  await page.getByLabel('Code from your authenticator app').fill(await freshCode(`${shared.server.baseUrl} admin`, key))
  await submitAndWait(page, page.getByRole('button', { name: 'Continue' }))
  assert.equal(new URL(page.url()).pathname, '/caseload')

  await page.goto('/account')
  assert.equal(await heading(page), 'Your account')
  await checkPage(tab, 'your-account')
  await submitAndWait(page, page.getByRole('button', { name: 'Sign out of every device' }))
  assert.equal(new URL(page.url()).pathname, '/sign-in')
  await page.close()
})
