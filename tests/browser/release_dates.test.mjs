// A booking recorded on its pages in a real Chromium: the POM adds Tyler Brooks's first sentence
// (first with no term, which the error summary names), a second one consecutive to it, and remand
// to the first, then reads how each key date was worked out, and takes the second sentence out (the
// first is refused while the second runs after it); then records the custody history, the sex
// offenders register flag and liability to removal, and withdraws the movement. Every page is checked
// with axe-core.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, demoPersonPath, fillDate, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()

test('sentences and an adjustment recorded on the booking pages, with axe on every page', async () => {
  const page = await shared.browser.newPage()
  const pom = { page, errors: collectPageErrors(page) }
  await signIn(page, 'pom')
  const personPath = await demoPersonPath(page, 'Brooks', 'Tyler Brooks')

  await page.goto(personPath)
  await page.getByRole('link', { name: 'Sentences, adjustments and how each date was worked out' }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Sentences and release dates')
  await checkPage(pom, 'booking-empty')

  await page.getByRole('link', { name: 'Add a sentence' }).click()
  await page.waitForLoadState('load')
  await page.getByLabel('Kind of sentence').selectOption('standard')
  await fillDate(page, 'Sentence date', '2026-02-06')
  await submitAndWait(page, page.getByRole('button', { name: 'Save sentence' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /is required/)
  await checkPage(pom, 'booking-sentence-errors')
  await page.getByRole('group', { name: 'Term', exact: true }).getByLabel('Years').fill('2')
  await submitAndWait(page, page.getByRole('button', { name: 'Save sentence' }))
  assert.equal(await heading(page), 'Sentences and release dates')

  await page.getByRole('link', { name: 'Add a sentence' }).click()
  await page.waitForLoadState('load')
  await fillDate(page, 'Sentence date', '2026-02-06')
  await page.getByRole('group', { name: 'Term', exact: true }).getByLabel('Months').fill('6')
  await page.getByLabel('Served after another sentence').selectOption({ index: 1 })
  await checkPage(pom, 'booking-sentence-form')
  await submitAndWait(page, page.getByRole('button', { name: 'Save sentence' }))
  assert.match(await page.locator('main').innerText(), /Consecutive to Sentence 1/)

  await page.getByRole('link', { name: 'Add an adjustment' }).click()
  await page.waitForLoadState('load')
  await page.getByLabel('Type of adjustment').selectOption('remand')
  await page.getByLabel('Days').fill('30')
  await page.getByLabel(/^Sentence 1,/).check()
  await checkPage(pom, 'booking-adjustment-form')
  await submitAndWait(page, page.getByRole('button', { name: 'Save adjustment' }))
  const main = await page.locator('main').innerText()
  assert.match(main, /Time on remand\t30/)
  assert.match(main, /Conditional release date \(CRD\)/)
  await checkPage(pom, 'booking')

  // Sentence 1 cannot leave while sentence 2 runs after it; sentence 2 can.
  await page.getByRole('link', { name: 'Take out' }).first().click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Take Sentence 1 out of the booking')
  await checkPage(pom, 'booking-take-out')
  await submitAndWait(page, page.getByRole('button', { name: 'Take out of the booking' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /sentence 2 is served after it/)
  await checkPage(pom, 'booking-take-out-refused')
  await page.goto(page.url().replace(/\/sentences\/\d+\/take-out$/, ''))
  await page.getByRole('link', { name: 'Take out' }).nth(1).click()
  await page.waitForLoadState('load')
  await submitAndWait(page, page.getByRole('button', { name: 'Take out of the booking' }))
  assert.equal(await heading(page), 'Sentences and release dates')
  assert.doesNotMatch(await page.locator('main').innerText(), /Consecutive to Sentence 1|Sentence 2/)
})

test('the custody history, the register flag and liability to removal recorded on the booking pages, with axe on every page', async () => {
  const page = await shared.browser.newPage()
  const pom = { page, errors: collectPageErrors(page) }
  await signIn(page, 'pom')
  const personPath = await demoPersonPath(page, 'Brooks', 'Tyler Brooks')
  await page.goto(`${personPath}/booking`)

  await page.getByRole('link', { name: 'Add a movement' }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Add a movement')
  await submitAndWait(page, page.getByRole('button', { name: 'Save movement' }))
  const summary = await page.locator('.govuk-error-summary').innerText()
  assert.match(summary, /Movement date is required/)
  assert.match(summary, /Direction is required/)
  await checkPage(pom, 'booking-movement-errors')
  await fillDate(page, 'Movement date', '2026-02-06')
  await page.getByLabel('Into custody').check()
  await page.getByLabel('Reason (optional)').fill('sentenced')
  await checkPage(pom, 'booking-movement-form')
  await submitAndWait(page, page.getByRole('button', { name: 'Save movement' }))
  assert.equal(await heading(page), 'Sentences and release dates')
  assert.match(await page.locator('main').innerText(), /6 February 2026\tInto custody\tsentenced/)

  await page.getByRole('link', { name: 'Change whether they are on the sex offenders register' }).click()
  await page.waitForLoadState('load')
  assert.match(await heading(page), /on the sex offenders register\?$/)
  await checkPage(pom, 'booking-register-form')
  await page.getByLabel('Yes').check()
  await submitAndWait(page, page.getByRole('button', { name: 'Save' }))
  const main = await page.locator('main').innerText()
  assert.match(main, /On the sex offenders register\s+Yes/)
  await checkPage(pom, 'booking-with-custody-history')

  await page.getByRole('link', { name: 'Change whether they are a foreign national liable to removal' }).click()
  await page.waitForLoadState('load')
  assert.match(await heading(page), /a foreign national liable to removal\?$/)
  await checkPage(pom, 'booking-removal-form')
  await page.getByLabel('Yes').check()
  await submitAndWait(page, page.getByRole('button', { name: 'Save' }))
  assert.match(await page.locator('main').innerText(), /A foreign national liable to removal\s+Yes/)
  await checkPage(pom, 'booking-liable-to-removal')

  // The movement was recorded in error: withdrawn, asked first.
  await page.getByRole('link', { name: 'Withdraw' }).first().click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'Withdraw movement 1')
  await checkPage(pom, 'booking-withdraw-movement')
  await submitAndWait(page, page.getByRole('button', { name: 'Withdraw the movement' }))
  assert.equal(await heading(page), 'Sentences and release dates')
  assert.match(await page.locator('main').innerText(), /No movement into or out of custody is recorded/)
})
