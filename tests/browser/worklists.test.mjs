// The worklists, who leads a case on the person page, and the risk and responsibility form in a
// real Chromium: each checked with axe-core, loaded without script errors, and saved as a
// screenshot in test-results/.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()

async function openSignedIn () {
  const page = await shared.browser.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, 'manager')
  return { page, errors }
}

test('the worklists show handovers, releases and cases without a COM, one list at a time', async () => {
  const tab = await openSignedIn()
  const { page } = tab
  await page.goto('/worklists')
  assert.equal(await heading(page), 'Worklists')
  const lists = page.getByRole('navigation', { name: 'Worklists' })
  assert.equal(await lists.getByRole('link', { name: 'Handovers due' }).getAttribute('aria-current'), 'page')
  assert.match(await page.content(), /Handovers due in the next 8 weeks/)
  await checkPage(tab, 'worklists')
  await page.getByLabel('Show handovers due in the next (weeks)').fill('26')
  await submitAndWait(page, page.getByRole('button', { name: 'Show' }))
  assert.equal(new URL(page.url()).searchParams.get('weeks'), '26')
  assert.match(await page.content(), /Handovers due in the next 26 weeks/)
  await checkPage(tab, 'worklists-26-weeks')

  for (const [name, path, caption] of [
    ['Releases due', '/worklists/releases', /Releases in the next 12 weeks/],
    ['No COM allocated', '/worklists/without-com', /No community offender manager allocated after the start date/],
    ['Cannot come', '/worklists/cannot-come', /People who told an officer in your unit they cannot come to an appointment/]]) {
    await submitAndWait(page, lists.getByRole('link', { name }))
    assert.equal(new URL(page.url()).pathname, path)
    assert.equal(await lists.getByRole('link', { name }).getAttribute('aria-current'), 'page')
    assert.match(await page.content(), caption)
    assert.equal(await page.getByLabel('Show handovers due in the next (weeks)').count(), 0, 'weeks belong to handovers')
    await checkPage(tab, `worklists${path.slice('/worklists'.length).replace('/', '-')}`)
  }
  await page.close()
})

test('the person page says who leads the case; the risk form refuses a manual decision without a reason', async () => {
  const tab = await openSignedIn()
  const { page } = tab
  await page.goto('/worklists?weeks=52')
  const personLink = page.locator('table a[href^="/people/"]').first()
  const personName = (await personLink.innerText()).trim()
  const personPath = await personLink.getAttribute('href')
  await page.goto(personPath)
  assert.equal(await heading(page), personName)
  assert.equal(await page.getByRole('heading', { name: 'Who leads their case', level: 2 }).count(), 1)
  await checkPage(tab, 'person-responsibility')

  await page.getByRole('link', { name: 'Risk and responsibility' }).click()
  await page.waitForLoadState('load')
  assert.equal(new URL(page.url()).pathname, `${personPath}/risk`)
  assert.equal(await heading(page), 'Risk and responsibility')
  await checkPage(tab, 'risk-profile-form')

  await page.getByLabel('Responsibility set by hand (optional)').selectOption('probation')
  await submitAndWait(page, page.getByRole('button', { name: 'Save' }))
  assert.equal(new URL(page.url()).pathname, `${personPath}/risk`)
  const summary = page.locator('.govuk-error-summary')
  assert.equal(await summary.count(), 1)
  assert.match(await summary.innerText(), /Manual responsibility reason is required when responsibility is set by hand/)
  assert.equal(await summary.locator('a[href="#manual_responsibility_reason"]').count(), 1)
  assert.equal(await page.getByLabel('Responsibility set by hand (optional)').inputValue(), 'probation', 'the choice is kept')
  assert.match(await page.title(), /^Error: /)
  await checkPage(tab, 'risk-profile-form-errors')

  await page.getByLabel('Why responsibility is set by hand').fill('Agreed at the case conference')
  await submitAndWait(page, page.getByRole('button', { name: 'Save' }))
  assert.equal(new URL(page.url()).pathname, personPath)
  assert.match(await page.content(), /Set by hand: probation is responsible/)
  await checkPage(tab, 'person-responsibility-manual')
  await page.close()
})
