// The main pages in a real Chromium against a real server with the demo data. Every page visited
// is checked with axe-core, must load without script errors or blocked assets, and is saved as a
// screenshot in test-results/.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, heading, serverAndBrowserForThisFile, signIn, submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()

// A page with its error list, so every test ends with the same checks.
async function openPage () {
  const page = await shared.browser.newPage()
  return { page, errors: collectPageErrors(page) }
}

async function firstPersonPath (page) {
  await signIn(page, 'pom')
  const href = await page.locator('table a[href^="/people/"]').first().getAttribute('href')
  assert.match(href, /^\/people\/\d+$/)
  return href
}

test('the sign-in page has labelled username and password inputs and a Sign in button', async () => {
  const tab = await openPage()
  const { page } = tab
  await page.context().clearCookies()
  const response = await page.goto('/sign-in')
  assert.equal(response.status(), 200)
  // The checks for blocked scripts and styles only mean something under the strict policy.
  assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/)
  assert.equal(await page.getByLabel('Username', { exact: true }).count(), 1)
  assert.equal(await page.getByLabel('Password', { exact: true }).getAttribute('type'), 'password')
  assert.equal(await page.getByRole('button', { name: 'Sign in', exact: true }).count(), 1)
  assert.ok(await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported')),
    'app.js ran and marked the page as supported by GOV.UK Frontend')
  await checkPage(tab, 'sign-in')
  await page.close()
})

test('a wrong password keeps you on the sign-in page with an error summary', async () => {
  const tab = await openPage()
  const { page } = tab
  await signIn(page, 'pom', 'not-the-password')
  assert.equal(new URL(page.url()).pathname, '/sign-in')
  assert.equal(await page.locator('.govuk-error-summary').count(), 1)
  assert.match(await page.title(), /^Error: /)
  await checkPage(tab, 'sign-in-error')
  await page.close()
})

test('signing in as a POM leads to My caseload with links to each person', async () => {
  const tab = await openPage()
  const { page } = tab
  await signIn(page, 'pom')
  assert.equal(new URL(page.url()).pathname, '/caseload')
  assert.equal(await heading(page), 'My caseload')
  const links = page.locator('table a[href^="/people/"]')
  assert.ok(await links.count() > 0, 'the demo POM has people on their caseload')
  for (const href of await links.evaluateAll(anchors => anchors.map(a => a.getAttribute('href')))) {
    assert.match(href, /^\/people\/\d+$/)
  }
  await checkPage(tab, 'caseload')
  await page.close()
})

test('a person page shows their name, sentence, key dates and who works with them', async () => {
  const tab = await openPage()
  const { page } = tab
  await signIn(page, 'pom')
  const link = page.locator('table a[href^="/people/"]').first()
  const name = (await link.innerText()).trim()
  await submitAndWait(page, link)
  assert.match(new URL(page.url()).pathname, /^\/people\/\d+$/)
  assert.equal(await heading(page), name)
  const sections = await page.locator('h2').allInnerTexts()
  for (const section of ['Sentence', 'Key dates', 'Who works with them']) {
    assert.ok(sections.map(s => s.trim()).includes(section), `a "${section}" section among ${JSON.stringify(sections)}`)
  }
  await checkPage(tab, 'person')
  await page.close()
})

test('a person timeline page', async () => {
  const tab = await openPage()
  const { page } = tab
  const person = await firstPersonPath(page)
  const response = await page.goto(`${person}/timeline`)
  assert.equal(response.status(), 200)
  assert.equal(await heading(page), 'Timeline')
  await checkPage(tab, 'timeline')
  await page.close()
})

test('adding a person with nothing filled in shows the error summary linked to each field', async () => {
  const tab = await openPage()
  const { page } = tab
  await signIn(page, 'pom')
  const response = await page.goto('/people/new')
  assert.equal(response.status(), 200)
  await checkPage(tab, 'person-new')

  await submitAndWait(page, page.locator('main form[method="post"] button[type="submit"]').last())
  assert.match(await page.title(), /^Error: /)
  const summary = page.locator('.govuk-error-summary')
  assert.equal(await summary.count(), 1)
  const targets = await summary.locator('a').evaluateAll(anchors => anchors.map(a => a.getAttribute('href')))
  assert.ok(targets.length > 0, 'the summary lists at least one problem')
  for (const target of targets) {
    assert.match(target, /^#.+/)
    assert.equal(await page.locator(target).count(), 1, `${target} links to a field on the page`)
  }
  await checkPage(tab, 'person-new-errors')
  await page.close()
})

for (const username of ['pom', 'keyworker', 'com', 'prerelease', 'manager', 'partner', 'admin']) {
  test(`the demo ${username} can sign in and their first page is accessible`, async () => {
    const tab = await openPage()
    const { page } = tab
    await signIn(page, username)
    assert.notEqual(new URL(page.url()).pathname, '/sign-in', `${username} signed in`)
    assert.equal(await page.locator('.govuk-error-summary').count(), 0)
    assert.ok((await heading(page)).length > 0)
    await checkPage(tab, `home-${username}`)
    await page.close()
  })
}
