import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActorContext } from '../../src/domain/actor.js'
import { calendarFeeds } from '../../src/domain/calendar/schema.js'
import { addDependent } from '../../src/domain/dependents/service.js'
import { createLinkCode, redeemLinkCode } from '../../src/domain/families/links.js'
import { FakeAnthropic } from '../fakes/anthropic.js'
import { joinedMember, ownerOfNewFamily } from '../support/family.js'
import { channelMessage, dm, type SlackTestApp, startSlackTestApp, TEAM } from '../support/slack.js'

/**
 * What must not be said where others read it (a Slack channel), and memory in a thread two members
 * share: each keeps their own (docs/decisions/0024, 0028, 0029).
 */

const ANA = '+15551230001'
const ANA_SLACK = 'U0ANA0001'
const MARIA = 'U0MARIA01'
const FAMILY = 'C0FAMILY1'

let t: SlackTestApp
let anthropic: FakeAnthropic
let owner: ActorContext

async function link(actor: ActorContext, memberName: string, user: string) {
  await t.app.mednanny.db.transaction(async (tx) => {
    const { code } = await createLinkCode(tx, actor, t.clock.now(), { memberName, kind: 'slack' })
    await redeemLinkCode(tx, t.clock.now(), { kind: 'slack', address: `${TEAM}:${user}`, channel: 'slack' }, code)
  })
}

beforeEach(async () => {
  anthropic = await new FakeAnthropic().start()
  t = await startSlackTestApp({
    env: { ANTHROPIC_API_KEY: anthropic.apiKey, ANTHROPIC_BASE_URL: anthropic.url, ANTHROPIC_MODEL: 'claude-test' },
    deps: { agentLimits: { retryDelayMs: 1, turnTimeoutMs: 10_000 } },
  })
  owner = await ownerOfNewFamily(t.app.mednanny.db, t.clock.now(), { phone: ANA })
  await joinedMember(t.app.mednanny.db, t.clock.now(), owner, { role: 'caregiver', phone: '+15551234567' })
  await link(owner, 'Ana', ANA_SLACK)
  await link(owner, 'Maria', MARIA)
  await t.app.mednanny.db.transaction((tx) =>
    addDependent(tx, owner, t.clock.now(), { name: 'Leo', birthDate: '2025-09-01' }),
  )
  await t.command('/nanny', ANA_SLACK, 'here', { channel: FAMILY })
  await t.settle()
  anthropic.requests.length = 0
})
afterEach(async () => {
  await t.close()
  await anthropic.stop()
})

describe('in the family channel', () => {
  it('a calendar link is refused (ask in a DM), and none is made', async () => {
    const asked = channelMessage(FAMILY, ANA_SLACK, 'calendar link')
    await t.event(asked)
    await t.settle()
    expect(t.slack.posted.at(-1)).toEqual({
      channel: FAMILY,
      thread_ts: asked.ts,
      text: 'A calendar link is private: ask me for it in a direct message.',
    })
    expect(await t.app.mednanny.db.read((tx) => tx.select().from(calendarFeeds))).toEqual([])
    // In a DM it is given.
    await t.event(dm(ANA_SLACK, 'calendar link'))
    await t.settle()
    expect(t.slack.posted.at(-1)?.text).toMatch(/^📅 Your private calendar link/)
  })

  it('the model is not offered cycle tracking there, and is in a DM', async () => {
    await t.event(channelMessage(FAMILY, ANA_SLACK, 'what should we pack for the beach?'))
    await t.settle()
    const inChannel = anthropic.requests.at(-1)?.body.tools?.map((x) => x.name) ?? []
    expect(inChannel).toContain('log_feed')
    expect(inChannel).not.toContain('log_period_start')
    await t.event(dm(ANA_SLACK, 'what should we pack for the beach?'))
    await t.settle()
    expect(anthropic.requests.at(-1)?.body.tools?.map((x) => x.name)).toContain('log_period_start')
  })

  it('a mention there from another family’s member or an unlinked user gets nothing posted', async () => {
    const bob = await ownerOfNewFamily(t.app.mednanny.db, t.clock.now(), {
      name: 'The Smiths',
      phone: '+15551239999',
      ownerName: 'Bob',
    })
    await link(bob, 'Bob', 'U0BOB0001')
    const before = t.slack.posted.length
    for (const user of ['U0BOB0001', 'U0STRANGER']) {
      const m = channelMessage(FAMILY, user, '<@UBOT> who am i')
      await t.event({ ...m, type: 'app_mention', channel_type: undefined })
    }
    await t.settle()
    expect(t.slack.posted.slice(before)).toEqual([])
    // Ana, of this family, is answered there.
    const mine = channelMessage(FAMILY, ANA_SLACK, '<@UBOT> who am i')
    await t.event({ ...mine, type: 'app_mention', channel_type: undefined })
    await t.settle()
    expect(t.slack.posted.at(-1)).toMatchObject({
      channel: FAMILY,
      thread_ts: mine.ts,
      text: expect.stringMatching(/^You’re Ana/),
    })
  })

  it('two members in one thread each have their own memory of it', async () => {
    anthropic.reply({ text: 'Noted.' }, { text: 'I can’t tell you what others said.' })
    const first = channelMessage(FAMILY, ANA_SLACK, 'our code word for the sitter is pineapple')
    await t.event(first)
    await t.settle()
    await t.event(channelMessage(FAMILY, MARIA, 'what did Ana just say?', first.ts))
    await t.settle()
    const maria = anthropic.requests.at(-1)?.body
    expect(JSON.stringify(maria?.messages)).not.toContain('pineapple')
    expect(JSON.stringify(maria?.messages)).toContain('what did Ana just say?')
  })
})
