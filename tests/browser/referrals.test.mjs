// Finding support and referring in a real Chromium: search, service page, the Refer form with
// its consent check, the referral page's next moves, and the partner's list. Every page is
// checked with axe-core and saved as a screenshot in test-results/.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()

test('a POM finds a service, refers someone with their consent, and the partner picks it up', async () => {
  const page = await shared.browser.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, 'pom')
  const personPath = await page.locator('table a[href^="/people/"]').first().getAttribute('href')
  const personId = personPath.split('/').pop()

  await page.goto(`/find-support?person=${personId}`)
  assert.equal(await heading(page), 'Find support')
  await page.getByLabel('Pathway').selectOption('accommodation')
  await page.getByLabel('Words to search for').fill('duty refer leeds')
  await submitAndWait(page, page.getByRole('button', { name: 'Search', exact: true }))
  const first = page.locator('.app-service-results a').first()
  assert.equal((await first.innerText()).trim(), 'Duty to Refer: Leeds')
  await checkPage({ page, errors }, 'find-support')

  await submitAndWait(page, first)
  assert.equal(await heading(page), 'Duty to Refer: Leeds')
  await checkPage({ page, errors }, 'service')

  await submitAndWait(page, page.getByRole('button', { name: 'Refer to this service' }))
  assert.match(await heading(page), /^Refer to Duty to Refer: Leeds/)
  await page.getByLabel('Local authority', { exact: true }).fill('Leeds City Council')
  await page.getByLabel('Why they are at risk of homelessness').fill('No address to go to on release')
  await checkPage({ page, errors }, 'referral-form')

  await submitAndWait(page, page.getByRole('button', { name: 'Save and send' }))
  assert.equal(await page.locator('.govuk-error-summary').count(), 1)
  assert.match(await page.locator('.govuk-error-summary').innerText(), /agrees to share their details/)
  await checkPage({ page, errors }, 'referral-form-error')

  await page.getByLabel(/agrees to share these details/).check()
  await page.getByLabel('What they agreed may be shared').fill('Name, date of birth and housing need')
  await submitAndWait(page, page.getByRole('button', { name: 'Save and send' }))
  assert.match(new URL(page.url()).pathname, /^\/referrals\/\d+$/)
  const referralPath = new URL(page.url()).pathname
  assert.match(await page.locator('main .govuk-tag').first().innerText(), /Sent/i)
  assert.equal(await page.getByRole('button', { name: 'Withdrawn' }).count(), 1)
  assert.equal(await page.getByRole('button', { name: 'Accepted' }).count(), 0, 'accepting is for the provider')
  await checkPage({ page, errors }, 'referral')

  await signIn(page, 'partner')
  assert.equal(new URL(page.url()).pathname, '/partner/referrals')
  assert.equal(await heading(page), 'Referrals to my organisation')
  await checkPage({ page, errors }, 'partner-referrals')
  await submitAndWait(page, page.locator(`table a[href="${referralPath}"]`))
  await submitAndWait(page, page.getByRole('button', { name: 'Declined' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Reason/)
  await checkPage({ page, errors }, 'referral-error')
  await submitAndWait(page, page.getByRole('button', { name: 'Accepted' }))
  assert.match(await page.locator('main .govuk-tag').first().innerText(), /Accepted/i)
  assert.equal(await page.getByRole('button', { name: 'First appointment' }).count(), 1)
  await page.close()
})
