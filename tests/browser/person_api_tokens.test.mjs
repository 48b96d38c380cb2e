// The person's own API tokens page in a real Chromium. The COM invites Ben Lewis (a demo case); Ben,
// on a 320px-wide phone, signs in with the code from his messages, opens "Your API tokens", first
// sends the form with no name (to see the error), makes a token and sees it once, then reads the page
// in Welsh and revokes the token there. Every page is checked with axe-core at 320px and 1280px and
// saved as a screenshot.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { test } from 'node:test'
import { checkPage, collectPageErrors, demoPersonPath, heading, serverAndBrowserForThisFile, signIn, submitAndWait } from './support.mjs'

const shared = serverAndBrowserForThisFile()

test('Ben makes an API token, sees it once, reads the page in Welsh and revokes it there', async () => {
  const page = await shared.browser.newPage()
  await signIn(page, 'com')
  const personPath = await demoPersonPath(page, 'Lewis', 'Ben Lewis')
  await page.goto(`${personPath}/account`)
  await page.getByLabel('Their mobile number or email address').fill('07700 900557')
  await submitAndWait(page, page.getByRole('button', { name: 'Send invitation' }))

  const phone = await shared.browser.newPage()
  const ben = { page: phone, errors: collectPageErrors(phone) }
  await phone.setViewportSize({ width: 320, height: 640 })
  await phone.goto('/my/sign-in')
  await phone.getByLabel('Your mobile number or email address').fill('07700 900557')
  await submitAndWait(phone, phone.getByRole('button', { name: 'Send me a code' }))
  const newest = "SELECT body FROM outbox_message WHERE kind = 'sign_in_code' ORDER BY id DESC LIMIT 1"
  const code = execFileSync('sqlite3', [shared.server.db, newest], { encoding: 'utf8' }).match(/sign-in code is (\d{6})/)[1]
  await phone.getByLabel('Code').fill(code)
  await submitAndWait(phone, phone.getByRole('button', { name: 'Sign in' }))

  await phone.getByRole('link', { name: 'Your API tokens' }).click()
  await phone.waitForLoadState('load')
  assert.equal(await heading(phone), 'Your API tokens')
  await checkPage(ben, 'my-api-tokens')

  await phone.getByLabel('Name').fill('')
  await submitAndWait(phone, phone.getByRole('button', { name: 'Make a token' }))
  assert.match(await phone.locator('.govuk-error-summary').innerText(), /Enter a name for the token/)
  await checkPage(ben, 'my-api-tokens-error')

  await phone.getByLabel('Name').fill('My phone')
  await phone.getByLabel('Read your information and answer for you').check()
  await submitAndWait(phone, phone.getByRole('button', { name: 'Make a token' }))
  const token = (await phone.locator('#token-value').innerText()).trim()
  assert.match(token, /^[A-Za-z0-9_-]{20,}$/)
  await checkPage(ben, 'my-api-tokens-made')
  const answer = await phone.request.get('/api/v1/my', { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(answer.status(), 200)

  await phone.goto('/my/api-tokens')
  assert.equal(await phone.locator('#token-value').count(), 0, 'shown once only')
  await submitAndWait(phone, phone.getByRole('button', { name: 'Cymraeg' }))
  assert.equal(await heading(phone), 'Eich tocynnau API')
  assert.match(await phone.locator('main').innerText(), /My phone[\s\S]*Darllen eich gwybodaeth ac ateb ar eich rhan/)
  await checkPage(ben, 'my-api-tokens-cy')

  await submitAndWait(phone, phone.getByRole('button', { name: /Dirymu/ }))
  assert.match(await phone.locator('main').innerText(), /Wedi'i ddirymu/)
  await checkPage(ben, 'my-api-tokens-revoked-cy')
  const refused = await phone.request.get('/api/v1/my', { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(refused.status(), 401)
})
