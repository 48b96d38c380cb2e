// Supervision in a real Chromium: the COM records Ben Lewis's release (a demo case), records how he
// hears from us and when he works, books a weekly series (first with a bad end time, then confirming
// a clash with his work), records that he failed to attend the first, which sends him a warning,
// cancels the next (without a reason first), and reads the messages and the diary, adds an
// appointment to a calendar and subscribes to the diary and stops the feed. Every page is checked with axe-core and saved as a screenshot.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, demoPersonPath, fillDate, recordTheRelease, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()
const today = new Date().toISOString().slice(0, 10)
const inDays = (days) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)

test('a series booked, an outcome recorded through to a warning, with axe on every page', async () => {
  const page = await shared.browser.newPage()
  const com = { page, errors: collectPageErrors(page) }
  await signIn(page, 'com')
  const personPath = await demoPersonPath(page, 'Lewis', 'Ben Lewis')
  await recordTheRelease(page, personPath)

  await page.goto(`${personPath}/appointments`)
  assert.equal(await heading(page), 'Appointments')
  await checkPage(com, 'appointments-none')
  await page.getByRole('link', { name: 'Change contact details' }).click()
  await page.waitForLoadState('load')
  await page.getByLabel('Text message').check()
  await page.getByLabel('Cymraeg (Welsh)').check()
  await page.getByLabel('Mobile number (for texts)').fill('07700 900123')
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])
    await page.getByLabel(`${day} (optional)`).fill('00:00-00:10')
  await checkPage(com, 'contact-form')
  await submitAndWait(page, page.getByRole('button', { name: 'Save' }))
  assert.match(await page.locator('main').innerText(), /Text message, in Welsh/)

  await page.getByLabel('Type of appointment').selectOption('supervision')
  await fillDate(page, 'Date', today)
  await page.getByLabel('Start time').fill('00:00')
  await page.getByLabel('End time').fill('25:00')
  await page.getByLabel('Probation office').selectOption('LDS')
  await page.getByLabel('Every week').check()
  await fillDate(page, 'Repeats until (for a series)', inDays(14))
  await submitAndWait(page, page.getByRole('button', { name: 'Book', exact: true }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Ends at/)
  await checkPage(com, 'appointments-booking-errors')
  await page.getByLabel('End time').fill('00:30')
  await submitAndWait(page, page.getByRole('button', { name: 'Book', exact: true }))
  assert.match(await page.locator('main').innerText(), /Clashes with their work/)
  await checkPage(com, 'appointments-booking-warnings')
  await submitAndWait(page, page.getByRole('button', { name: 'Book anyway' }))
  const rows = page.locator('a[href^="/appointments/"]')
  assert.equal(await rows.count(), 3)
  await checkPage(com, 'appointments-booked')

  await rows.first().click()
  await page.waitForLoadState('load')
  await checkPage(com, 'appointment')
  const calendarFile = await page.request.get(new URL(await page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href'), page.url()).href)
  assert.match(calendarFile.headers()['content-type'], /^text\/calendar/)
  assert.match(await calendarFile.text(), /SUMMARY:Supervision with Ben Lewis/)
  await page.getByLabel('Failed to comply').check()
  await submitAndWait(page, page.getByRole('button', { name: 'Save outcome' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Reason/)
  await checkPage(com, 'appointment-outcome-errors')
  await page.getByLabel('Why').fill('Did not attend and did not get in touch')
  await submitAndWait(page, page.getByRole('button', { name: 'Save outcome' }))
  assert.match(await page.locator('main').innerText(), /Did not attend and did not get in touch/)

  await page.goto(`${personPath}/appointments`)
  assert.match(await page.locator('main').innerText(), /Failures to comply in 12 months\s+1/)
  await page.locator('a[href^="/appointments/"]').nth(1).click()
  await page.waitForLoadState('load')
  await checkPage(com, 'appointment-to-change')
  await submitAndWait(page, page.getByRole('button', { name: 'Cancel appointment' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Cancellation reason/)
  await checkPage(com, 'appointment-cancel-errors')
  await page.getByLabel('Reason for cancelling').fill('Office closed for training')
  await submitAndWait(page, page.getByRole('button', { name: 'Cancel appointment' }))
  assert.match(await page.locator('h1').innerText(), /Cancelled/)
  await page.goto(`${personPath}/appointments`)
  await page.getByRole('link', { name: 'Messages sent to them' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.locator('main').innerText(), /Warning/)
  await checkPage(com, 'messages')
  await page.goto('/diary')
  assert.match(await page.locator('main').innerText(), /Ben Lewis/)
  await checkPage(com, 'diary')

  await submitAndWait(page, page.getByRole('button', { name: 'Make a feed address' }))
  assert.equal(await heading(page), 'Calendar feed made')
  const feedPath = new URL(await page.getByLabel('Feed address').inputValue()).pathname
  assert.match(feedPath, /^\/calendars\/[A-Za-z0-9_-]{43}\.ics$/)
  await checkPage(com, 'diary-feed-made')
  assert.equal((await page.request.get(new URL(feedPath, page.url()).href)).status(), 200)
  await page.getByRole('link', { name: 'Back to your diary' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.locator('main').innerText(), /A feed has been in use since/)
  await checkPage(com, 'diary-with-feed')
  await submitAndWait(page, page.getByRole('button', { name: 'Stop the feed' }))
  assert.doesNotMatch(await page.locator('main').innerText(), /A feed has been in use since/)
  assert.equal((await page.request.get(new URL(feedPath, page.url()).href)).status(), 404)
})
