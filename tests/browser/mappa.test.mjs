// MAPPA and information sharing in a real Chromium: the COM records Owen Ward (a demo case near
// release) at category 2, level 2 (first without a category), records a pre-release meeting held
// today with the police, adds a police action, records a police address check and its answer, and
// reads the MAPPA worklist; then releases him under IOM: a fixed cohort, a police officer named on the
// case, a joint home visit with them and another with a social care worker named too; the social care
// worker (signing in with a code for the first time) sees only their visit, in the shared view and the
// diary, and the officer reads the shared view with their action, the address check and the visit.
// Every page is checked with axe-core and saved as a screenshot.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { test } from 'node:test'
import { totpCode, totpStep } from '../integration/totp.mjs'
import {
  checkPage, collectPageErrors, demoPersonPath, fillDate, heading, recordTheRelease, serverAndBrowserForThisFile, signIn,
  submitAndWait
} from './support.mjs'

const run = promisify(execFile)

const shared = serverAndBrowserForThisFile()
const today = new Date().toISOString().slice(0, 10)
const inDays = (days) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)

// A police force and a children's services department in the directory, and an account in each (a police
// officer, a social care worker), made as an administrator would with the command line.
async function riskPartners (db) {
  const folder = await mkdtemp(join(tmpdir(), 'resettle-police-'))
  try {
    const directory = JSON.parse(await readFile('data/services-demo.hsds.json', 'utf8'))
    const services = Array.isArray(directory) ? directory : directory.contents
    const serviceOf = (id, organisationId, name, organisation) => {
      const service = JSON.parse(JSON.stringify(services.find(found => found.id === 'svc-leeds-dtr'))
        .replaceAll('svc-leeds-dtr', id).replaceAll('org-leeds-housing-options', organisationId))
      service.name = name
      service.organization.name = organisation
      return service
    }
    const file = join(folder, 'partners.json')
    await writeFile(file, JSON.stringify([
      serviceOf('svc-wyp-iom', 'org-west-yorkshire-police', 'Integrated offender management team', 'West Yorkshire Police'),
      serviceOf('svc-leeds-children', 'org-leeds-childrens-services', 'Children\'s social work', 'Leeds Children\'s Services')]))
    await run(process.env.RESETTLE_BIN, ['import', '--db', db, '--hsds-json', file])
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
  for (const [username, name, role, organisation] of [['iomofficer', 'DC Rees', 'police', 'org-west-yorkshire-police'],
    ['socialworker', 'Jo Carer', 'social_care', 'org-leeds-childrens-services']]) {
    const add = run(process.env.RESETTLE_BIN, ['users', 'add', '--db', db, '--username', username, '--name', name,
      '--role', role, '--organisation-id', organisation])
    add.child.stdin.end('Amber-Falcon-Harbour-17\n')
    await add
  }
}

// A risk partner's first sign-in in their own page: password, then setting up a code; they open on
// their shared cases.
async function signInWithNewCode (page, username) {
  await page.context().clearCookies()
  await page.goto('/sign-in')
  await page.getByLabel('Username', { exact: true }).fill(username)
  await page.getByLabel('Password', { exact: true }).fill('Amber-Falcon-Harbour-17')
  await submitAndWait(page, page.getByRole('button', { name: 'Sign in', exact: true }))
  const key = (await page.locator('code.app-totp-key').innerText()).replaceAll(' ', '')
  await page.locator('input[name="code"]').fill(totpCode(key, totpStep()))
  await submitAndWait(page, page.getByRole('button', { name: 'Continue', exact: true }))
  assert.equal(new URL(page.url()).pathname, '/iom/cases')
}

// A joint home visit on the person's appointments page, late in the day so that it is still ahead.
async function bookJointVisit (page, personPath, startsAt, endsAt, secondWorker) {
  await page.goto(`${personPath}/appointments`)
  await page.getByLabel('Type of appointment').selectOption('home_visit')
  await fillDate(page, 'Date', today)
  await page.getByLabel('Start time').fill(startsAt)
  await page.getByLabel('End time').fill(endsAt)
  await page.getByLabel('Probation office').selectOption('LDS')
  await page.getByLabel('Second worker (joint home visits only)').selectOption({ label: secondWorker })
}

test('a level 2 case through a pre-release meeting, a police action, an address check and release under IOM with a joint home visit, with axe on every page', async () => {
  const page = await shared.browser.newPage()
  const visit = { page, errors: collectPageErrors(page) }
  await signIn(page, 'com')
  const personPath = await demoPersonPath(page, 'Ward', 'Owen Ward')

  await page.goto(personPath)
  await page.getByRole('link', { name: 'MAPPA', exact: true }).click()
  await page.waitForLoadState('load')
  assert.equal(await heading(page), 'MAPPA')
  await checkPage(visit, 'mappa-none')

  await page.getByRole('link', { name: 'Record category and level' }).click()
  await page.waitForLoadState('load')
  await page.getByLabel('Level 2: multi-agency panel').check()
  await fillDate(page, 'Date decided', today)
  await page.getByLabel('Who decided').fill('Level 2 panel, chair A Khan')
  await submitAndWait(page, page.getByRole('button', { name: 'Record the decision' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /MAPPA level/)
  await checkPage(visit, 'mappa-decision-errors')
  await page.getByLabel('Category 2: violent offender').check()
  await submitAndWait(page, page.getByRole('button', { name: 'Record the decision' }))
  assert.equal(await heading(page), 'MAPPA')
  assert.match(await page.locator('main').innerText(), /Level 2: multi-agency panel/)

  await page.getByRole('link', { name: 'Record a meeting' }).click()
  await page.waitForLoadState('load')
  await checkPage(visit, 'mappa-meeting-form')
  await page.getByLabel('Pre-release meeting').check()
  await fillDate(page, 'Meeting date', today)
  await page.getByLabel('Held', { exact: true }).check()
  await page.getByLabel('Attendee 1: agency').selectOption('police')
  await page.getByLabel('Attendee 1: name').fill('DC Rees')
  await page.getByLabel('Attendee 2: agency').selectOption('probation')
  await page.getByLabel('Attendee 2: name').fill('Sam Officer')
  await submitAndWait(page, page.getByRole('button', { name: 'Record the meeting' }))
  await checkPage(visit, 'mappa-with-meeting')

  await page.getByRole('link', { name: new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) }).first().click()
  await page.waitForLoadState('load')
  await page.getByLabel('What is to be done').fill('Visit the proposed address')
  await fillDate(page, 'Due by', inDays(14))
  await submitAndWait(page, page.getByRole('button', { name: 'Add the action' }))
  assert.match(await page.locator('.govuk-error-summary').innerText(), /owner/)
  await checkPage(visit, 'mappa-meeting-errors')
  await page.getByLabel("Owner's agency").selectOption('police')
  await submitAndWait(page, page.getByRole('button', { name: 'Add the action' }))
  assert.match(await page.locator('main').innerText(), /Visit the proposed address/)
  await checkPage(visit, 'mappa-meeting')

  await page.goto(`${personPath}/information-sharing`)
  await checkPage(visit, 'sharing-none')
  await page.getByRole('link', { name: 'Record a request or disclosure' }).click()
  await page.waitForLoadState('load')
  await page.getByLabel('Request we made').check()
  await page.getByLabel('The other agency').selectOption('police')
  await page.getByLabel('What was asked or shared').fill('Police check of the proposed address')
  await page.getByLabel('Lawful basis').selectOption('mappa_duty_to_cooperate')
  await fillDate(page, 'Date sent or received', today)
  await fillDate(page, 'Answer due by', inDays(10))
  await submitAndWait(page, page.getByRole('button', { name: 'Record it' }))
  assert.match(await page.locator('main').innerText(), /Awaiting answer/)
  await checkPage(visit, 'sharing-record')
  await page.getByLabel('The answer').fill('No concerns at the address')
  await fillDate(page, 'Date answered', today)
  await submitAndWait(page, page.getByRole('button', { name: 'Record the answer' }))
  assert.match(await page.locator('main').innerText(), /No concerns at the address/)
  await checkPage(visit, 'sharing-answered')

  await page.goto('/worklists/mappa?pdu_code=LDS')
  assert.equal(await heading(page), 'MAPPA and information sharing')
  await checkPage(visit, 'mappa-worklist')

  // Released under IOM: a fixed cohort and the police officer named on the case, the COM unchanged.
  await riskPartners(shared.server.db)
  await recordTheRelease(page, personPath)
  const manager = await shared.browser.newPage()
  await signIn(manager, 'manager')
  await manager.goto(`${personPath}/allocate?role=com`)
  await manager.locator('.govuk-radios__item', { hasText: 'Callum Reid' }).locator('input').check()
  await submitAndWait(manager, manager.getByRole('button', { name: 'Allocate' }))
  await manager.close()
  await signIn(page, 'com')  // the pages share one browser, whose cookies the manager's sign-in cleared
  await page.goto(`${personPath}/iom`)
  assert.equal(await heading(page), 'Integrated offender management')
  await checkPage(visit, 'iom-none')
  await page.getByLabel('Fixed: managed by IOM for as long as they are on the scheme').check()
  await fillDate(page, 'From', today)
  await submitAndWait(page, page.getByRole('button', { name: 'Set the cohort' }))
  await page.getByLabel('Police officer, social care worker or MAPPA coordinator')
    .selectOption({ label: 'DC Rees (Police officer (IOM and public protection), West Yorkshire Police)' })
  await fillDate(page, 'Named from', today)
  await submitAndWait(page, page.getByRole('button', { name: 'Name the co-worker' }))
  assert.match(await page.locator('main').innerText(), /Fixed: managed by IOM/)
  assert.match(await page.locator('main').innerText(), /DC Rees/)
  await checkPage(visit, 'iom-named')

  // A joint home visit with the officer.
  await bookJointVisit(page, personPath, '23:00', '23:45', 'DC Rees (police)')
  await checkPage(visit, 'iom-joint-visit-form')
  await submitAndWait(page, page.getByRole('button', { name: 'Book', exact: true }))
  const bookAnyway = page.getByRole('button', { name: 'Book anyway' })
  if (await bookAnyway.count()) await submitAndWait(page, bookAnyway)
  assert.match(await page.locator('main').innerText(), /DC Rees \(police\)/)
  await checkPage(visit, 'iom-joint-visit-booked')

  // A social care worker named on the case too, and an earlier joint home visit with them.
  await page.goto(`${personPath}/iom`)
  await page.getByLabel('Police officer, social care worker or MAPPA coordinator')
    .selectOption({ label: 'Jo Carer (Social care worker (children\'s or adult), Leeds Children\'s Services)' })
  await fillDate(page, 'Named from', today)
  await submitAndWait(page, page.getByRole('button', { name: 'Name the co-worker' }))
  await bookJointVisit(page, personPath, '22:00', '22:30', 'Jo Carer (social care)')
  await submitAndWait(page, page.getByRole('button', { name: 'Book', exact: true }))
  if (await bookAnyway.count()) await submitAndWait(page, bookAnyway)
  assert.match(await page.locator('main').innerText(), /Callum Reid and Jo Carer \(social care\)/)
  await checkPage(visit, 'iom-joint-visit-social-care-booked')

  // The social care worker signs in for the first time and sees that visit alone, in their shared view
  // and their diary.
  const carer = await shared.browser.newPage()
  const socialCare = { page: carer, errors: collectPageErrors(carer) }
  await signInWithNewCode(carer, 'socialworker')
  await carer.getByRole('link', { name: 'Owen Ward' }).click()
  await carer.waitForLoadState('load')
  const theirView = await carer.locator('main').innerText()
  assert.match(theirView, /Joint home visits/)
  assert.match(theirView, /22:00\s+Home visit, joint with you/)
  assert.doesNotMatch(theirView, /23:00|Outcome/, 'not the police officer\'s visit, and no compliance')
  await checkPage(socialCare, 'iom-social-care-shared-view')
  await carer.getByRole('link', { name: 'Diary' }).click()
  await carer.waitForLoadState('load')
  assert.match(await carer.locator('main').innerText(), /Owen Ward/)
  await checkPage(socialCare, 'iom-social-care-diary')
  await carer.close()

  // The officer signs in for the first time, setting up a code, and reads their shared view.
  const officer = await shared.browser.newPage()
  const police = { page: officer, errors: collectPageErrors(officer) }
  await signInWithNewCode(officer, 'iomofficer')
  await checkPage(police, 'iom-police-cases')
  await officer.getByRole('link', { name: 'Owen Ward' }).click()
  await officer.waitForLoadState('load')
  const shown = await officer.locator('main').innerText()
  assert.match(shown, /Visit the proposed address/)
  assert.match(shown, /Police check of the proposed address/)
  assert.match(shown, /No concerns at the address/)
  assert.match(shown, /Home visit, joint with you/)
  await checkPage(police, 'iom-police-shared-view')
  await officer.close()
})
