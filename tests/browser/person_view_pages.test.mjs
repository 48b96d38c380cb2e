// The person's own plan, appointments and officer in a real Chromium. The COM records Ben Lewis's
// release (a demo case), writes an objective with an action into his plan, books an appointment and
// invites him. Ben, on a 320px-wide phone, signs in with the code from his messages, comments on his
// objective (first sending nothing, to see the error), reads the plan, his appointments and his
// officer in Welsh and in English, and tells his officer he cannot make his appointment. The COM
// then sees his comment on the plan page and his notice on the appointments page. Every page is
// checked with axe-core at 320px and 1280px and saved as a screenshot.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { test } from 'node:test'
import {
  checkPage, collectPageErrors, demoPersonPath, fillDate, heading, recordTheRelease, serverAndBrowserForThisFile, signIn,
  submitAndWait
} from './support.mjs'

const shared = serverAndBrowserForThisFile()

// A weekday a week or so ahead, as YYYY-MM-DD.
function weekdayAhead () {
  const date = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000)
  while ([0, 6].includes(date.getUTCDay())) date.setUTCDate(date.getUTCDate() + 1)
  return date.toISOString().slice(0, 10)
}

async function switchLanguage (phone, to) {
  await submitAndWait(phone, phone.getByRole('button', { name: to }))
}

test('Ben comments on his plan, reads his appointments and officer in Welsh and English, and the COM sees what he said', async () => {
  const page = await shared.browser.newPage()
  const com = { page, errors: collectPageErrors(page) }
  await signIn(page, 'com')
  const personPath = await demoPersonPath(page, 'Lewis', 'Ben Lewis')
  await recordTheRelease(page, personPath)

  await page.goto(`${personPath}/plan/objectives/new`)
  await page.getByLabel('Pathway').selectOption('accommodation')
  await page.getByLabel('Their goal, in their words').fill('A flat near my sister')
  await submitAndWait(page, page.getByRole('button', { name: 'Add objective' }))
  await page.locator('a[href$="/actions/new"]').first().click()
  await page.waitForLoadState('load')
  await page.getByLabel('What will be done').fill('Fill in the housing form')
  await page.getByLabel('The person', { exact: true }).check()
  await fillDate(page, 'Due date', weekdayAhead())
  await submitAndWait(page, page.getByRole('button', { name: 'Add action' }))

  await page.goto(`${personPath}/appointments`)
  await page.getByLabel('Type of appointment').selectOption('supervision')
  await fillDate(page, 'Date', weekdayAhead())
  await page.getByLabel('Start time').fill('14:30')
  await page.getByLabel('End time').fill('15:00')
  await page.getByLabel('Probation office').selectOption('LDS')
  await submitAndWait(page, page.getByRole('button', { name: 'Book', exact: true }))
  if (await page.getByRole('button', { name: 'Book anyway' }).count()) {
    await submitAndWait(page, page.getByRole('button', { name: 'Book anyway' }))
  }
  assert.equal(await page.locator('a[href^="/appointments/"]').count(), 1)

  await page.goto(`${personPath}/account`)
  await page.getByLabel('Their mobile number or email address').fill('07700 900556')
  await submitAndWait(page, page.getByRole('button', { name: 'Send invitation' }))

  const phone = await shared.browser.newPage()
  const ben = { page: phone, errors: collectPageErrors(phone) }
  await phone.setViewportSize({ width: 320, height: 640 })
  await phone.goto('/my/sign-in')
  await phone.getByLabel('Your mobile number or email address').fill('07700 900556')
  await submitAndWait(phone, phone.getByRole('button', { name: 'Send me a code' }))
  const newest = "SELECT body FROM outbox_message WHERE kind = 'sign_in_code' ORDER BY id DESC LIMIT 1"
  const code = execFileSync('sqlite3', [shared.server.db, newest], { encoding: 'utf8' }).match(/sign-in code is (\d{6})/)[1]
  await phone.getByLabel('Code').fill(code)
  await submitAndWait(phone, phone.getByRole('button', { name: 'Sign in' }))
  assert.equal(await heading(phone), 'What happens next')

  // My plan, and a comment on the objective.
  await phone.getByRole('link', { name: 'My plan' }).click()
  await phone.waitForLoadState('load')
  assert.equal(await heading(phone), 'My plan')
  assert.match(await phone.locator('main').innerText(), /A flat near my sister[\s\S]*Fill in the housing form[\s\S]*You/)
  await checkPage(ben, 'my-plan')
  await phone.getByRole('link', { name: /Tell us what you think/ }).click()
  await phone.waitForLoadState('load')
  await checkPage(ben, 'my-plan-respond')
  await submitAndWait(phone, phone.getByRole('button', { name: 'Send to my officer' }))
  assert.match(await phone.locator('.govuk-error-summary').innerText(), /Choose if you agree/)
  await checkPage(ben, 'my-plan-respond-error')
  await phone.getByLabel('I want to say something about it').check()
  await phone.getByLabel('Your comment').fill('Could it be near the bus to my work?')
  await submitAndWait(phone, phone.getByRole('button', { name: 'Send to my officer' }))
  assert.match(await phone.locator('main').innerText(), /Your officer will see what you said/)
  await checkPage(ben, 'my-plan-sent')

  await switchLanguage(phone, 'Cymraeg')
  assert.equal(await heading(phone), 'Fy nghynllun')
  assert.equal(await phone.locator('html').getAttribute('lang'), 'cy')
  await checkPage(ben, 'my-plan-welsh')
  await phone.getByRole('button', { name: /Dweud eich bod yn cytuno/ }).click()
  await phone.waitForLoadState('load')
  await checkPage(ben, 'my-plan-agree-welsh')

  // The comment arrives on the practitioner's side.
  await page.goto(`${personPath}/plan`)
  assert.match(await page.locator('main').innerText(), /What they said on their own pages[\s\S]*Could it be near the bus to my work\?/)
  await checkPage(com, 'plan-with-their-say')

  // My appointments, in Welsh, and "I can't make it".
  await phone.goto('/my/appointments')
  assert.equal(await heading(phone), 'Fy apwyntiadau')
  assert.match(await phone.locator('main').innerText(), /2:30yp/)
  await checkPage(ben, 'my-appointments-welsh')
  await phone.getByRole('link', { name: /Nid wyf yn gallu dod/ }).click()
  await phone.waitForLoadState('load')
  await checkPage(ben, 'my-cannot-come-welsh')
  await phone.getByLabel('Pam na allwch chi ddod?').fill('Mae gen i gyfweliad am swydd')
  await submitAndWait(phone, phone.getByRole('button', { name: 'Anfon at fy swyddog' }))
  assert.match(await phone.locator('main').innerText(), /Rydym wedi dweud wrth eich swyddog/)
  await switchLanguage(phone, 'English')
  assert.equal(await heading(phone), 'My appointments')
  assert.match(await phone.locator('main').innerText(), /at 2:30pm[\s\S]*You told your officer you cannot come/)
  await checkPage(ben, 'my-appointments')

  // My officer, in English and Welsh.
  await phone.goto('/my/officer')
  assert.equal(await heading(phone), 'My officer')
  await checkPage(ben, 'my-officer')
  await switchLanguage(phone, 'Cymraeg')
  assert.equal(await heading(phone), 'Fy swyddog')
  await checkPage(ben, 'my-officer-welsh')

  await page.goto(`${personPath}/appointments`)
  assert.match(await page.locator('main').innerText(), /They told you they cannot come[\s\S]*Mae gen i gyfweliad am swydd/)
  await checkPage(com, 'appointments-cannot-come')
})
