import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HELP_STRANGER } from '../../src/pipeline/replies.js'
import { type ConsoleApp, launchChromium, startConsoleApp } from '../support/browser.js'

// The real app, real loops, a real browser: every step waits on the page, so allow for a slow machine.
const TEST_TIMEOUT = 60_000
/** How long one step (a reply reaching the page, which polls every second) may take. */
const STEP_TIMEOUT = 15_000
const SCREENSHOT = join(tmpdir(), 'mednanny-dev-console.png')

const ANA = '+1 555 010 0002'
const MARIA = '+15551234567'

let browser: Browser | undefined
let server: ConsoleApp | undefined
let context: BrowserContext | undefined
let page: Page
let pageErrors: string[] = []

afterAll(async () => {
  await browser?.close()
})

// Each test gets its own app, temp database and browser context. The browser is launched here, not
// in beforeAll, so a missing Chromium fails every test (counted as failed) instead of skipping them.
beforeEach(async () => {
  pageErrors = []
  browser ??= await launchChromium()
  server = await startConsoleApp()
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 900 } })
  page = await context.newPage()
  page.setDefaultTimeout(STEP_TIMEOUT)
  page.on('pageerror', (err) => pageErrors.push(err.message))
  await page.goto('/dev')
}, TEST_TIMEOUT)

afterEach(async () => {
  await context?.close()
  await server?.close()
  context = undefined
  server = undefined
  expect(pageErrors, 'uncaught errors in the page').toEqual([])
})

const senderField = () => page.getByLabel('Sender phone number')

/** Types a message and presses Send, as a person would; returns once the page accepted it (field cleared). */
async function send(body: string): Promise<void> {
  await page.getByLabel('Message').fill(body)
  await page.getByRole('button', { name: 'Send' }).click()
  // The submit handler clears the field, refreshes and re-enables Send: typing before it ends could be wiped.
  await page.waitForFunction(
    () =>
      (document.getElementById('body') as HTMLInputElement).value === '' &&
      !(document.getElementById('send') as HTMLButtonElement).disabled,
  )
}

/** Waits until the thread shows exactly one reply to the current sender containing `text`. */
async function reply(text: string | RegExp): Promise<Locator> {
  const bubble = page.locator('#thread .msg.out').filter({ hasText: text })
  await bubble.waitFor()
  return bubble
}

/** The message text of a bubble, without its meta line. */
const bodyOf = (bubble: Locator) => bubble.evaluate((el) => el.firstChild?.textContent ?? '')
const metaOf = async (bubble: Locator) => (await bubble.locator('.meta').textContent()) ?? ''

describe('dev console in a browser', () => {
  it(
    'answers HELP from a stranger, and shows the reply’s outbox status',
    async () => {
      await senderField().fill('+1 555 010 0001')
      await send('help')

      // The inbound bubble is there at once; the reply comes through worker → outbox → console sender.
      await page.locator('#thread .msg.in').filter({ hasText: 'help' }).waitFor()
      const answer = await reply('MedNanny keeps a family’s care record')
      expect(await bodyOf(answer)).toBe(HELP_STRANGER)

      // The console sender marks it delivered; the bubble follows the outbox row to that status.
      const settled = page
        .locator('#thread .msg.out:is([data-status="sent"], [data-status="delivered"])')
        .filter({ hasText: 'MedNanny keeps a family’s care record' })
      await settled.waitFor()
      expect(await metaOf(settled)).toMatch(/^sms · reply · .+ · (sent|delivered)$/)

      // The send normalised the number, and the reply is in the all-outbound feed too.
      expect(await senderField().inputValue()).toBe('+15550100001')
      await page.locator('#feed .msg').filter({ hasText: 'to +15550100001 ·' }).waitFor()
    },
    TEST_TIMEOUT,
  )

  it(
    'shows why a message was refused, and clears it on the next good send',
    async () => {
      await senderField().fill('abc')
      await page.getByLabel('Message').fill('help')
      await page.getByRole('button', { name: 'Send' }).click()
      await page.waitForFunction(() => document.getElementById('error')?.textContent !== '')
      expect(await page.locator('#error').textContent()).toBe('from: not a phone number (use +country code)')
      // Nothing was accepted, and the typed message is kept for a retry.
      expect(await page.getByLabel('Message').inputValue()).toBe('help')
      const feed = await server?.app.inject({ method: 'GET', url: '/dev/api/feed' })
      expect(feed?.json()).toMatchObject({ inbox: [], outbox: [] })

      await senderField().fill('+1 555 010 0001')
      await page.getByRole('button', { name: 'Send' }).click()
      await reply('MedNanny keeps a family’s care record')
      expect(await page.locator('#error').textContent()).toBe('')
    },
    TEST_TIMEOUT,
  )

  it(
    'lets a newcomer create a family and invite a nanny, who joins by replying YES',
    async () => {
      await senderField().fill(ANA)
      await send('hi')
      await reply('What’s your first name?')
      await send('Ana')
      await reply('Nice to meet you, Ana.')
      await send('Garcia')
      await reply('Great: “Garcia”. Your time zone looks like America/New_York.')
      await send('yes')
      await reply('Done! “Garcia” is set up (America/New_York) and you’re its owner.')

      await send('add Maria +1 555 123 4567 as nanny')
      await reply('Invitation sent to Maria (+1 555 123 4567) as caregiver.')
      const invitation = page
        .locator('#feed .msg')
        .filter({ hasText: `to ${MARIA} · sms · invitation ·` })
        .filter({ hasText: 'Hi Maria, Ana invited you to join the Garcia family on MedNanny as a caregiver.' })
      await invitation.waitFor()

      // Maria's phone: her thread shows the invitation, and YES makes her a member.
      await senderField().fill(MARIA)
      await reply('Ana invited you to join the Garcia family')
      await send('YES')
      const welcome = await reply(/Welcome to the .+ family, Maria/)
      expect(await bodyOf(welcome)).toBe(
        'Welcome to the Garcia family, Maria! You’re in as caregiver. Send HELP to see what I can do.',
      )
      await page
        .locator('#feed .msg')
        .filter({ hasText: 'to +15550100002 ·' })
        .filter({ hasText: 'Maria joined the Garcia family on MedNanny as caregiver.' })
        .waitFor()

      // Every outbound row reached the console sender; none is stuck or failed.
      await page.waitForFunction(() =>
        [...document.querySelectorAll<HTMLElement>('#feed .msg')].every((el) =>
          ['sent', 'delivered'].includes(el.dataset.status ?? ''),
        ),
      )
      expect(await page.locator('#error').textContent()).toBe('')
      await page.screenshot({ path: SCREENSHOT, fullPage: true })
    },
    TEST_TIMEOUT,
  )
})
