import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NANNY_USAGE } from '../../src/channels/slack/bolt.js'
import { runCli } from '../../src/cli/run.js'
import type { ActorContext } from '../../src/domain/actor.js'
import { createLinkCode, redeemLinkCode } from '../../src/domain/families/links.js'
import { channelIdentities } from '../../src/domain/families/schema.js'
import { inbox } from '../../src/domain/inbox/schema.js'
import { sosIncidents } from '../../src/domain/sos/schema.js'
import { SLACK_UNLINKED } from '../../src/pipeline/onboarding.js'
import { FakeSlack } from '../fakes/slack.js'
import { joinedMember, ownerOfNewFamily } from '../support/family.js'
import {
  dm,
  postSlack,
  SIGNING_SECRET,
  type SlackTestApp,
  slackSignature,
  startSlackTestApp,
  TEAM,
} from '../support/slack.js'

const ANA = '+15551230001'
const MARIA_PHONE = '+15551234567'
/** Maria's Slack user id, linked to her member in the tests that need it. */
const MARIA = 'U0MARIA01'
const STRANGER = 'U0STRANGER1'
const ANA_SLACK = 'U0ANA0001'

let t: SlackTestApp
let owner: ActorContext

beforeEach(async () => {
  t = await startSlackTestApp()
  owner = await ownerOfNewFamily(t.app.mednanny.db, t.clock.now(), { phone: ANA })
  await joinedMember(t.app.mednanny.db, t.clock.now(), owner, { role: 'caregiver', phone: MARIA_PHONE })
})
afterEach(async () => {
  await t.close()
})

/** Links Maria's Slack account the way `/nanny link CODE` does, without the round trip. */
async function linkMaria() {
  const now = t.clock.now()
  await t.app.mednanny.db.transaction(async (tx) => {
    const { code } = await createLinkCode(tx, owner, now, { memberName: 'Maria', kind: 'slack' })
    await redeemLinkCode(tx, now, { kind: 'slack', address: `${TEAM}:${MARIA}`, channel: 'slack' }, code)
  })
}

const inboxRows = () => t.app.mednanny.db.read((tx) => tx.select().from(inbox).where(eq(inbox.channel, 'slack')))

async function cli(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(argv, {
    env: { DATABASE_PATH: t.dbPath },
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    clock: t.clock,
  })
  return { code, out, err }
}

describe('POST /slack/events: Bolt inside the Fastify server', () => {
  it('answers url_verification with the challenge', async () => {
    const body = JSON.stringify({
      token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
      challenge: '3eZbrw1aBm2rZgRNFdxV',
      type: 'url_verification',
    })
    const res = await postSlack(t.app, body, 'application/json')
    expect(res.statusCode).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV' })
  })

  it('rejects a forged signature with 401 and stores nothing', async () => {
    await linkMaria()
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: TEAM,
      event_id: 'Ev1',
      event: dm(MARIA, 'who am i'),
    })
    const res = await postSlack(t.app, body, 'application/json', slackSignature(body, undefined, 'not-the-secret-123'))
    expect(res.statusCode).toBe(401)
    expect(await inboxRows()).toEqual([])
  })

  it('rejects a correctly signed request older than 5 minutes', async () => {
    await linkMaria()
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: TEAM,
      event_id: 'Ev2',
      event: dm(MARIA, 'who am i'),
    })
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60
    const res = await postSlack(t.app, body, 'application/json', slackSignature(body, sixMinutesAgo, SIGNING_SECRET))
    expect(res.statusCode).toBe(401)
    expect(await inboxRows()).toEqual([])
  })

  it('acknowledges an event with an empty 200 once it is stored', async () => {
    await linkMaria()
    const res = await t.event(dm(MARIA, 'who am i'))
    expect(res).toEqual({ statusCode: 200, body: '' })
    expect(await inboxRows()).toHaveLength(1)
  })
})

describe('Slack messages', () => {
  it('answers a DM from a linked member in the same DM', async () => {
    await linkMaria()
    await t.event(dm(MARIA, 'who am i'))
    await t.settle()
    expect(t.slack.posted).toEqual([
      { channel: FakeSlack.dmOf(MARIA), text: expect.stringMatching(/^You’re Maria, .* in The Garcias/) },
    ])
    expect(t.slack.calls.map((c) => c.method)).not.toContain('conversations.open')
    expect(t.slack.calls[0]?.auth).toBe('Bearer xoxb-test-0000-token')
  })

  it('answers a mention in a thread under it', async () => {
    await linkMaria()
    const ts = '1789560200.000100'
    await t.event({
      type: 'app_mention',
      channel: 'C0FAMILY1',
      user: MARIA,
      text: '<@U0BOT0001> who am i',
      ts,
      event_ts: ts,
    })
    await t.settle()
    expect(t.slack.posted).toEqual([
      { channel: 'C0FAMILY1', thread_ts: ts, text: expect.stringMatching(/^You’re Maria/) },
    ])
  })

  it('handles a retried event (same event_id, X-Slack-Retry-Num: 1) once', async () => {
    await linkMaria()
    const event = dm(MARIA, 'who am i')
    expect((await t.event(event, { eventId: 'Ev0RETRY1' })).statusCode).toBe(200)
    expect((await t.event(event, { eventId: 'Ev0RETRY1', retryNum: 1 })).statusCode).toBe(200)
    await t.settle()
    expect(await inboxRows()).toHaveLength(1)
    expect(t.slack.posted).toHaveLength(1)
  })

  it('ignores messages from bots, its own posts included, and edits', async () => {
    await linkMaria()
    await t.event(dm(MARIA, 'You’re Maria…', { bot_id: 'B0BOT0001', subtype: 'bot_message' }))
    await t.event(dm(MARIA, 'who am i', { subtype: 'message_changed' }))
    await t.settle()
    expect(await inboxRows()).toEqual([])
    expect(t.slack.calls).toEqual([])
  })

  it('gives an unlinked Slack user instructions and no family data', async () => {
    await t.settle() // the set-up's invitation and notice go out first
    const smsBefore = t.fake.messages.length
    await t.event(dm(STRANGER, 'when did she last eat?'))
    expect((await t.command('/nanny', STRANGER, 'who am i')).statusCode).toBe(200)
    expect((await t.command('/sos', STRANGER, 'help')).statusCode).toBe(200)
    await t.settle()
    expect(t.slack.posted.map((p) => p.text)).toEqual(
      [SLACK_UNLINKED, SLACK_UNLINKED, SLACK_UNLINKED].map(slackEscaped),
    )
    expect(JSON.stringify(t.slack.calls)).not.toMatch(/Garcia|Maria|Ana/)
    expect(t.fake.messages.length).toBe(smsBefore) // nobody was alerted
  })
})

describe('slash commands', () => {
  it('/nanny who am i is acknowledged at once and answered by DM', async () => {
    await linkMaria()
    const res = await t.command('/nanny', MARIA, 'who am i')
    expect(res.statusCode).toBe(200)
    expect(res.body).toMatch(/On it/)
    await t.settle()
    const open = t.slack.calls.find((c) => c.method === 'conversations.open')
    expect(open?.args.users).toBe(MARIA)
    expect(t.slack.posted).toEqual([{ channel: FakeSlack.dmOf(MARIA), text: expect.stringMatching(/^You’re Maria/) }])
  })

  it('/nanny when did she last eat? answers from the record, like a text', async () => {
    await linkMaria()
    await t.sms(ANA, 'add Maya, born Sept 20, 5.1 kg')
    await t.settle()
    await t.command('/nanny', MARIA, 'fed 120ml at 9')
    await t.settle()
    await t.command('/nanny', MARIA, 'when did she last eat?')
    await t.settle()
    expect(t.slack.posted.map((p) => p.text)).toEqual([
      expect.stringMatching(/^Logged: Maya, bottle .*120 ml.* at 9:00 AM/),
      expect.stringMatching(/^Maya last ate at 9:00 AM \(2 h ago\)/),
    ])
  })

  it('/nanny with nothing after it explains itself and stores nothing', async () => {
    const res = await t.command('/nanny', MARIA, '  ')
    expect(res.body).toBe(NANNY_USAGE)
    expect(await inboxRows()).toEqual([])
  })

  it('/sos opens an SOS that alerts the family’s other members on Slack, SMS and WhatsApp', async () => {
    await linkMaria()
    // Ana links Slack too: her alert goes by SMS and by Slack DM at once.
    await t.app.mednanny.db.transaction(async (tx) => {
      const { code } = await createLinkCode(tx, owner, t.clock.now(), { memberName: 'Ana', kind: 'slack' })
      await redeemLinkCode(
        tx,
        t.clock.now(),
        { kind: 'slack', address: `${TEAM}:${ANA_SLACK}`, channel: 'slack' },
        code,
      )
    })
    // Ana has written on WhatsApp too (inside its 24-hour window), so her alert goes there as well.
    await t.whatsapp(ANA, 'hi')
    await t.settle()
    const res = await t.command('/sos', MARIA, 'I fell on the stairs')
    expect(res.statusCode).toBe(200)
    expect(res.body).toMatch(/SOS/)
    await t.settle()
    const incidents = await t.app.mednanny.db.read((tx) => tx.select().from(sosIncidents))
    expect(incidents).toHaveLength(1)
    expect(incidents[0]?.status).toBe('open')
    // Ana, the owner and emergency contact, is alerted by SMS; Maria hears back on Slack.
    expect(t.inboxOf(ANA).some((body) => /SOS/.test(body) && /Maria/.test(body))).toBe(true)
    expect(t.slack.posted.map((p) => p.channel)).toContain(FakeSlack.dmOf(MARIA))
    const toAna = t.slack.posted.filter((p) => p.channel === FakeSlack.dmOf(ANA_SLACK))
    expect(toAna.some((p) => /SOS/.test(p.text) && /fell on the stairs/.test(p.text))).toBe(true)
    const whatsapp = t.fake.messages.filter((m) => m.to === `whatsapp:${ANA}`)
    expect(whatsapp.some((m) => /SOS/.test(m.body) && /fell on the stairs/.test(m.body))).toBe(true)
    const sms = t.fake.messages.filter((m) => m.to === ANA)
    expect(sms.some((m) => /SOS/.test(m.body))).toBe(true)
  })
})

describe('linking a Slack account', () => {
  it('slack link prints a one-time code; /nanny link CODE attaches the Slack user to that member', async () => {
    const r = await cli('slack', 'link', '--family', 'The Garcias', '--member', 'Maria', '--json')
    expect(r.code).toBe(0)
    const { code } = JSON.parse(r.out) as { code: string }
    expect(code).toMatch(/^[A-Z2-9]{10}$/)

    await t.command('/nanny', MARIA, `link ${code.toLowerCase()}`)
    await t.settle()
    expect(t.slack.posted.at(-1)?.text).toMatch(/^Linked: you’re Maria in The Garcias/)

    await t.command('/nanny', MARIA, 'who am i')
    await t.settle()
    expect(t.slack.posted.at(-1)?.text).toMatch(/^You’re Maria/)
    const identities = await t.app.mednanny.db.read((tx) =>
      tx.select().from(channelIdentities).where(eq(channelIdentities.kind, 'slack')),
    )
    expect(identities.map((i) => i.address)).toEqual([`${TEAM}:${MARIA}`])
  })

  it('stores only a hash of the code, and a code works once', async () => {
    const { code } = JSON.parse(
      (await cli('slack', 'link', '--family', 'The Garcias', '--member', 'Maria', '--json')).out,
    )
    const stored = JSON.stringify(await t.app.mednanny.db.read((tx) => tx.query.linkCodes.findMany()))
    expect(stored).not.toContain(code)
    await t.command('/nanny', MARIA, `link ${code}`)
    await t.settle()
    await t.command('/nanny', STRANGER, `link ${code}`)
    await t.settle()
    expect(t.slack.posted).toEqual([
      { channel: FakeSlack.dmOf(MARIA), text: expect.stringMatching(/^Linked/) },
      { channel: FakeSlack.dmOf(STRANGER), text: expect.stringMatching(/^That link code didn’t work/) },
    ])
  })

  it('an expired code links nobody', async () => {
    const { code } = JSON.parse(
      (await cli('slack', 'link', '--family', 'The Garcias', '--member', 'Maria', '--json')).out,
    )
    t.clock.advance(16 * 60_000)
    await t.command('/nanny', MARIA, `link ${code}`)
    await t.settle()
    expect(t.slack.posted.map((p) => p.text)).toEqual([expect.stringMatching(/^That link code didn’t work/)])
  })

  it('slack link refuses a member who has not joined, in one line', async () => {
    await cli('member', 'add', '--family', 'The Garcias', '--name', 'Sam', '--role', 'nanny', '--phone', '+15551239999')
    const r = await cli('slack', 'link', '--family', 'The Garcias', '--member', 'Sam')
    expect(r.code).toBe(1)
    expect(r.err).toBe('mednanny: Sam hasn’t joined yet: they answer their invitation first.\n')
  })
})

describe('Slack sender', () => {
  it('honours a 429: retried after Retry-After, not before, and not lost', async () => {
    await linkMaria()
    t.slack.failNext('chat.postMessage', { status: 429, retryAfter: 30 })
    await t.event(dm(MARIA, 'who am i'))
    await t.settle()
    expect(t.slack.posted).toEqual([])
    t.clock.advance(29_000)
    await t.settle()
    expect(t.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1)
    t.clock.advance(1_000)
    await t.settle()
    expect(t.slack.posted).toHaveLength(1)
    const [reply] = (await t.outboxRows()).filter((r) => r.channel === 'slack')
    expect(reply).toMatchObject({ status: 'delivered', attempts: 2 })
  })

  it('falls back to the member’s next channel when Slack refuses for good', async () => {
    await linkMaria()
    t.slack.failNext('chat.postMessage', { error: 'channel_not_found' })
    await t.command('/nanny', MARIA, 'who am i')
    await t.settle()
    const rows = (await t.outboxRows()).filter((r) => r.kind === 'reply')
    expect(rows.map((r) => [r.channel, r.status, r.errorCode])).toEqual([
      ['slack', 'failed', 'channel_not_found'],
      ['sms', 'sent', null],
    ])
    expect(t.inboxOf(MARIA_PHONE).at(-1)).toMatch(/^You’re Maria/)
  })
})

describe('privacy', () => {
  it('logs no Slack user ids and no message text at info level', async () => {
    await linkMaria()
    await t.event(dm(MARIA, 'who am i'))
    await t.command('/sos', MARIA, 'I fell on the stairs')
    await t.settle()
    expect(t.logs.text).toContain('inbound accepted')
    expect(t.logs.text).not.toMatch(/U0MARIA01|who am i|fell on the stairs/)
  })
})

/** What the fake receives: the sender escapes &, < and > for Slack. */
function slackEscaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
