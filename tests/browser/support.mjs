// Shared by the browser tests: a real `resettle serve` on a temporary database with the demo data,
// Debian's Chromium driven by playwright-core, sign-in, axe-core checks and screenshots.
import assert from 'node:assert/strict'
import { execFile, spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { promisify } from 'node:util'
import { AxeBuilder } from '@axe-core/playwright'
import { chromium } from 'playwright-core'
import { freshCode } from '../integration/totp.mjs'

const run = promisify(execFile)

export const DEMO_PASSWORD = 'resettle-demo-password'
export const SCREENSHOT_FOLDER = 'test-results'
const CHROMIUM = '/usr/bin/chromium'
// The sanitizer build starts slowly; allow for it.
const START_TIMEOUT_MS = 60_000

function resettleBinary () {
  const bin = process.env.RESETTLE_BIN
  if (!bin) throw new Error('Set RESETTLE_BIN to the path of the resettle binary (./dev test does this)')
  return bin
}

async function freePort () {
  const server = createServer()
  await new Promise((resolve, reject) => server.listen(0, '127.0.0.1', resolve).on('error', reject))
  const { port } = server.address()
  await new Promise(resolve => server.close(resolve))
  return port
}

async function waitForHealth (baseUrl, serve, output) {
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (serve.exitCode !== null) throw new Error(`resettle serve exited with ${serve.exitCode}:\n${output()}`)
    try {
      const response = await fetch(`${baseUrl}/health`)
      if (response.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 200))
  }
  throw new Error(`resettle serve did not answer /health within ${START_TIMEOUT_MS} ms:\n${output()}`)
}

// Migrates a fresh database, loads the demo data and serves it on a free port.
// Returns { baseUrl, stop() }.
export async function startServer () {
  const bin = resettleBinary()
  const folder = await mkdtemp(join(tmpdir(), 'resettle-browser-'))
  const db = join(folder, 'resettle.db')
  await run(bin, ['migrate', '--db', db])
  await run(bin, ['demo', '--db', db])
  const port = await freePort()
  const serve = spawn(bin, ['serve', '--db', db, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  serve.stdout.on('data', chunk => { log += chunk })
  serve.stderr.on('data', chunk => { log += chunk })
  const baseUrl = `http://127.0.0.1:${port}`
  const exited = new Promise(resolve => serve.once('exit', resolve))

  const stop = async () => {
    if (serve.exitCode === null) {
      serve.kill('SIGTERM')
      const timer = setTimeout(() => serve.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    await rm(folder, { recursive: true, force: true })
  }
  try {
    await waitForHealth(baseUrl, serve, () => log)
  } catch (error) {
    await stop()
    throw error
  }
  return { baseUrl, db, stop, log: () => log }
}

// Headless Chromium with a fresh profile; pages resolve paths against baseUrl.
// Returns { context, newPage(), close() }.
export async function launchBrowser (baseUrl) {
  const profile = await mkdtemp(join(tmpdir(), 'resettle-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    baseURL: baseUrl,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    }
  }
}

// Records console errors (a script or style blocked by the Content-Security-Policy shows up here),
// uncaught exceptions and failed subresources. Returns the live list. Pages themselves may
// answer 4xx on purpose (422 for a form with errors), so navigations are not counted, nor
// Chromium's console note about them.
export function collectPageErrors (page) {
  const errors = []
  page.on('console', message => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`)
    }
  })
  page.on('pageerror', error => errors.push(`uncaught: ${error.message}`))
  page.on('response', response => {
    if (response.status() >= 400 && !response.request().isNavigationRequest()) {
      errors.push(`${response.status()} ${response.url()}`)
    }
  })
  return errors
}

// Signs in through the form as a person would; the browser keeps the session cookie.
export async function signIn (page, username, password = DEMO_PASSWORD) {
  await page.context().clearCookies()
  await page.goto('/sign-in')
  await page.getByLabel('Username', { exact: true }).fill(username)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await submitAndWait(page, page.getByRole('button', { name: 'Sign in', exact: true }))
  if (new URL(page.url()).pathname === '/sign-in/code') {
    // The demo's admin and manager give a code from the demo key, as from an authenticator app.
    await page.getByLabel('Code from your authenticator app').fill(await freshCode(`${new URL(page.url()).origin} ${username}`))
    await submitAndWait(page, page.getByRole('button', { name: 'Continue', exact: true }))
  }
}

// Clicks a submit button and waits until the page it leads to (or the same form with errors) has loaded.
export async function submitAndWait (page, button) {
  const navigated = page.waitForEvent('framenavigated', frame => frame === page.mainFrame())
  await button.click()
  await navigated
  await page.waitForLoadState('load')
}

// Runs axe-core for WCAG 2.0, 2.1 and 2.2 A and AA; fails listing each violation and where.
export async function expectNoAxeViolations (page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze()
  if (results.violations.length === 0) return
  const lines = results.violations.map(violation =>
    `${violation.id} (${violation.impact}): ${violation.help}\n` +
    violation.nodes.map(node => `    at ${node.target.join(' ')}`).join('\n'))
  throw new Error(`Accessibility violations on ${page.url()}:\n${lines.join('\n')}`)
}

// Saves a full-page screenshot as test-results/<name>.png for people to look at.
export async function saveScreenshot (page, name) {
  await mkdir(SCREENSHOT_FOLDER, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOT_FOLDER, `${name}.png`), fullPage: true })
}

// One server and one browser for a whole test file: started before its tests, stopped after.
// Returns an object whose `server` and `browser` are set once the tests run.
export function serverAndBrowserForThisFile () {
  const shared = {}
  before(async () => {
    shared.server = await startServer()
    shared.browser = await launchBrowser(shared.server.baseUrl)
  })
  after(async () => {
    await shared.browser?.close()
    await shared.server?.stop()
  })
  return shared
}

// The widths every page must fit without scrolling sideways: a small phone and a laptop.
export const CHECKED_WIDTHS = [320, 1280]

// Fails when the page is wider than the window at any of CHECKED_WIDTHS, naming what sticks out.
// A table may be wider, inside its own scrolling region; the page itself may not.
export async function expectNoHorizontalOverflow (page) {
  const original = page.viewportSize()
  try {
    for (const width of CHECKED_WIDTHS) {
      await page.setViewportSize({ width, height: 800 })
      const overflow = await page.evaluate(() => {
        const root = document.documentElement
        if (root.scrollWidth <= root.clientWidth) return null
        const widest = [...document.querySelectorAll('body *')]
          .filter(element => element.getBoundingClientRect().right > root.clientWidth + 0.5)
          .filter(element => !element.closest('.app-table-region'))
          .slice(-3)
          .map(element => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`)
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest }
      })
      assert.equal(overflow, null, `${page.url()} scrolls sideways at ${width} px: ${JSON.stringify(overflow)}`)
    }
  } finally {
    if (original) await page.setViewportSize(original)
  }
}

// The checks every visited page ends with: a screenshot, no axe violations, no script errors, and
// no sideways scrolling at 320 px or 1280 px.
export async function checkPage ({ page, errors }, screenshotName) {
  await saveScreenshot(page, screenshotName)
  await expectNoAxeViolations(page)
  await expectNoHorizontalOverflow(page)
  assert.deepEqual(errors, [], `problems while loading ${page.url()}`)
}

// Types an ISO date into the GOV.UK date input whose legend is `legend`, box by box as a person would.
export async function fillDate (page, legend, isoDate) {
  const [year, month, day] = isoDate.split('-')
  const group = page.getByRole('group', { name: legend, exact: true })
  await group.getByLabel('Day', { exact: true }).fill(String(Number(day)))
  await group.getByLabel('Month', { exact: true }).fill(String(Number(month)))
  await group.getByLabel('Year', { exact: true }).fill(year)
}

export async function heading (page) {
  return (await page.locator('h1').innerText()).trim()
}

// The path of a demo person's page, found by name on the COM's whole-unit caseload.
export async function demoPersonPath (page, surname, name) {
  await page.goto(`/caseload?view=unit&q=${surname}`)
  return page.getByRole('link', { name }).getAttribute('href')
}

// Fills in the release day page's release (today, 09:30, from their prison) ready to record; the
// caller checks the page and presses "Record the release".
export async function fillTheRelease (page, personPath) {
  await page.goto(`${personPath}/release-day`)
  await fillDate(page, 'Date of release', new Date().toISOString().slice(0, 10))
  await page.getByLabel('Time of release').fill('09:30')
  if (!(await page.getByLabel('Released from').inputValue())) await page.getByLabel('Released from').selectOption({ index: 1 })
}

// Records the release of the person today, from the release day page.
export async function recordTheRelease (page, personPath) {
  await fillTheRelease(page, personPath)
  await submitAndWait(page, page.getByRole('button', { name: 'Record the release' }))
}
