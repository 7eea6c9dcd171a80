import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActorContext } from '../../src/domain/actor.js'
import { addDependent } from '../../src/domain/dependents/service.js'
import { createLinkCode, redeemLinkCode } from '../../src/domain/families/links.js'
import { channelIdentities, members } from '../../src/domain/families/schema.js'
import { familyChannels } from '../../src/domain/family-channel/schema.js'
import { inbox } from '../../src/domain/inbox/schema.js'
import { FakeSlack } from '../fakes/slack.js'
import { joinedMember, ownerOfNewFamily } from '../support/family.js'
import { channelMessage, dm, type SlackTestApp, startSlackTestApp, TEAM } from '../support/slack.js'

const ANA = '+15551230001'
const ANA_SLACK = 'U0ANA0001'
const MARIA = 'U0MARIA01'
const NEWCOMER = 'U0NEW0001'
const FAMILY = 'C0FAMILY1'

let t: SlackTestApp
let owner: ActorContext

async function link(actor: ActorContext, memberName: string, user: string) {
  await t.app.mednanny.db.transaction(async (tx) => {
    const { code } = await createLinkCode(tx, actor, t.clock.now(), { memberName, kind: 'slack' })
    await redeemLinkCode(tx, t.clock.now(), { kind: 'slack', address: `${TEAM}:${user}`, channel: 'slack' }, code)
  })
}
const slackInbox = () => t.app.mednanny.db.read((tx) => tx.select().from(inbox).where(eq(inbox.channel, 'slack')))

beforeEach(async () => {
  t = await startSlackTestApp() // Tue 2026-03-10 11:00 in New York
  owner = await ownerOfNewFamily(t.app.mednanny.db, t.clock.now(), { phone: ANA })
  await joinedMember(t.app.mednanny.db, t.clock.now(), owner, { role: 'caregiver', phone: '+15551234567' })
  await link(owner, 'Ana', ANA_SLACK)
  await link(owner, 'Maria', MARIA)
  await t.app.mednanny.db.transaction((tx) =>
    addDependent(tx, owner, t.clock.now(), { name: 'Leo', birthDate: '2025-09-01' }),
  )
})
afterEach(async () => {
  await t.close()
})

describe('/nanny here and the family channel', () => {
  it('a parent makes the channel the family’s', async () => {
    const res = await t.command('/nanny', ANA_SLACK, 'here', { channel: FAMILY })
    expect(res.body).toMatch(/now your family channel/)
    const rows = await t.app.mednanny.db.read((tx) => tx.select().from(familyChannels))
    expect(rows).toMatchObject([{ familyId: owner.familyId, key: `${TEAM}:${FAMILY}` }])
  })

  it('a caregiver is refused', async () => {
    const res = await t.command('/nanny', MARIA, 'here', { channel: FAMILY })
    expect(res.body).toMatch(/Only a parent/)
    expect(await t.app.mednanny.db.read((tx) => tx.select().from(familyChannels))).toEqual([])
  })

  it('answers a member’s message in the family channel in a thread, one conversation per thread', async () => {
    await t.command('/nanny', ANA_SLACK, 'here', { channel: FAMILY })
    const first = channelMessage(FAMILY, MARIA, 'who am i')
    await t.event(first)
    await t.event(channelMessage(FAMILY, ANA_SLACK, 'who am i', first.ts))
    await t.settle()
    expect(t.slack.posted).toEqual([
      { channel: FAMILY, thread_ts: first.ts, text: expect.stringMatching(/^You’re Maria/) },
      { channel: FAMILY, thread_ts: first.ts, text: expect.stringMatching(/^You’re Ana/) },
    ])
    const keys = (await slackInbox()).map((r) => r.conversationKey)
    expect(new Set(keys)).toEqual(new Set([`slack:${TEAM}:${FAMILY}:${first.ts}`]))
  })

  it('leaves alone other channels, strangers, and mentions (the app_mention event answers those)', async () => {
    await t.command('/nanny', ANA_SLACK, 'here', { channel: FAMILY })
    await t.event(channelMessage('C0RANDOM1', MARIA, 'who am i'))
    await t.event(channelMessage(FAMILY, 'U0STRANGER1', 'who am i'))
    await t.event(channelMessage(FAMILY, MARIA, '<@U0BOT0001> who am i'))
    expect(await slackInbox()).toEqual([])
  })

  it('answers a mention in the family channel once (Slack sends it as a message and as a mention)', async () => {
    await t.command('/nanny', ANA_SLACK, 'here', { channel: FAMILY })
    const message = channelMessage(FAMILY, MARIA, '<@U0BOT0001> who am i')
    await t.event(message)
    await t.event({ ...message, type: 'app_mention', channel_type: undefined })
    await t.settle()
    expect(t.slack.posted).toEqual([
      { channel: FAMILY, thread_ts: message.ts, text: expect.stringMatching(/^You’re Maria/) },
    ])
  })

  it('posts the daily digest to the family channel at 8 pm', async () => {
    await t.command('/nanny', ANA_SLACK, 'here', { channel: FAMILY })
    await t.event(dm(MARIA, 'fed Leo 120 ml at 10:30'))
    await t.settle()
    t.clock.set('2026-03-11T00:00:00Z') // 8 pm in New York
    await t.app.mednanny.scheduler.tick()
    await t.settle()
    const digests = t.slack.posted.filter((p) => p.channel === FAMILY)
    expect(digests).toEqual([
      { channel: FAMILY, text: expect.stringMatching(/^🌙 Daily digest[\s\S]*Leo\n• Feeds: 1 \(120 ml\)/) },
    ])
    // Laid out as Block Kit: the heading, a section per child, the way to stop it as context.
    const [posted] = t.slack.messages.filter((p) => p.channel === FAMILY)
    expect(posted?.blocks?.[0]).toMatchObject({
      type: 'header',
      text: { text: expect.stringMatching(/^🌙 Daily digest/) },
    })
    expect(posted?.blocks).toContainEqual(
      expect.objectContaining({
        type: 'section',
        text: expect.objectContaining({ text: expect.stringMatching(/^\*Leo\*\n• Feeds: 1 \(120 ml\)/) }),
      }),
    )
    // Once a day, however many times the scheduler looks.
    await t.app.mednanny.scheduler.tick()
    await t.settle()
    expect(t.slack.posted.filter((p) => p.channel === FAMILY)).toHaveLength(1)
  })

  it('a parent chooses the channel digest’s time, or none; an unclear time changes nothing', async () => {
    const here = async (text: string, user = ANA_SLACK, channel = FAMILY) =>
      (await t.command('/nanny', user, text, { channel })).body
    expect(await here('here 7:30pm')).toMatch(/post the daily digest here at 7:30 PM \(`\/nanny here 7pm` changes it\)/)
    await t.event(dm(MARIA, 'fed Leo 120 ml at 10:30'))
    await t.settle()
    const channelPosts = async (iso: string, channel = FAMILY) => {
      t.clock.set(iso)
      await t.app.mednanny.scheduler.tick()
      await t.settle()
      return t.slack.posted.filter((p) => p.channel === channel).length
    }
    expect(await channelPosts('2026-03-10T23:29:00Z')).toBe(0) // 7:29 pm in New York
    expect(await channelPosts('2026-03-10T23:30:00Z')).toBe(1)
    // "7" alone: morning or evening? Asked, nothing changes: the 7:30 pm digest still comes the next day.
    expect(await here('here 7')).toMatch(/^Nothing is set yet: what time should the family channel’s digest come\?/)
    expect(await channelPosts('2026-03-11T23:30:00Z')).toBe(2)
    // A caregiver is refused before any question about the time.
    expect(await here('here 7', MARIA)).toMatch(/Only a parent/)
    // Moving the channel with a plain `/nanny here` keeps the chosen time; polite words change nothing.
    expect(await here('here please', ANA_SLACK, 'C0FAMILY2')).toMatch(/at 7:30 PM/)
    // Words that are not about the channel are a message, not a setting: to the pipeline, nothing moved.
    expect(await here('here is the rash', ANA_SLACK, 'C0FAMILY3')).toBe('On it — I’ll answer in our direct messages.')
    const where = await t.app.mednanny.db.read((tx) => tx.select().from(familyChannels))
    expect(where.map((r) => r.key)).toEqual([`${TEAM}:C0FAMILY2`])
    expect(await here('here 7:30 p.m.', ANA_SLACK, 'C0FAMILY2')).toMatch(/at 7:30 PM/)
    expect(await here('here: 7pm', ANA_SLACK, 'C0FAMILY2')).toMatch(/at 7:00 PM/)
    for (const text of ['here.', 'here now', 'here for the family']) {
      expect(await here(text, ANA_SLACK, 'C0FAMILY2')).toMatch(/at 7:00 PM/)
    }
    expect(await here('here no digest', ANA_SLACK, 'C0FAMILY2')).toMatch(
      /post no daily digest here \(`\/nanny here 8pm` starts one\)/,
    )
    expect(await here('here', ANA_SLACK, 'C0FAMILY2')).toMatch(/post no daily digest here/)
    expect(await channelPosts('2026-03-12T23:30:00Z', 'C0FAMILY2')).toBe(0) // no digest the next evening
    const digests = await t.app.mednanny.db.read((tx) =>
      tx.query.schedules.findMany({ where: (s, { eq: is }) => is(s.kind, 'digest') }),
    )
    expect(digests.filter((d) => d.detail?.familyChannel && d.status === 'active')).toEqual([])
  })
})

describe('/nanny add @user as caregiver', () => {
  it('invites the Slack user, who becomes a member only once they say YES', async () => {
    const res = await t.command('/nanny', ANA_SLACK, `add <@${NEWCOMER}|Rosa> as caregiver`)
    expect(res.body).toMatch(/Invited Rosa as caregiver/)
    await t.settle()
    expect(t.slack.posted).toEqual([
      {
        channel: FakeSlack.dmOf(NEWCOMER),
        text: expect.stringMatching(/^Hi Rosa, Ana invited you .* Reply YES to join/),
      },
    ])
    const rosa = async () =>
      (await t.app.mednanny.db.read((tx) => tx.select().from(members).where(eq(members.name, 'Rosa'))))[0]
    expect((await rosa())?.status).toBe('invited')
    // Before consenting, Rosa sees nothing of the family.
    await t.event(dm(NEWCOMER, 'when did Leo last eat?'))
    await t.settle()
    expect(t.slack.posted.at(-1)?.text).not.toMatch(/Leo/)
    expect((await rosa())?.status).toBe('invited')

    await t.command('/nanny', NEWCOMER, 'join')
    await t.settle()
    expect(await rosa()).toMatchObject({ status: 'active', role: 'caregiver' })
    const identities = await t.app.mednanny.db.read((tx) =>
      tx
        .select()
        .from(channelIdentities)
        .where(eq(channelIdentities.address, `${TEAM}:${NEWCOMER}`)),
    )
    expect(identities).toMatchObject([{ kind: 'slack', memberId: (await rosa())?.id }])
    expect(t.slack.posted.at(-1)?.text).toMatch(/^Welcome to The Garcias, Rosa/)
  })

  it('without consent there is no member, and a caregiver cannot add anyone', async () => {
    const refused = await t.command('/nanny', MARIA, `add <@${NEWCOMER}|Rosa> as caregiver`)
    expect(refused.body).toMatch(/Only a parent/)
    await t.command('/nanny', ANA_SLACK, `add <@${NEWCOMER}|Rosa> as caregiver`)
    await t.event(dm(NEWCOMER, 'no'))
    await t.settle()
    const rosa = await t.app.mednanny.db.read((tx) => tx.select().from(members).where(eq(members.name, 'Rosa')))
    expect(rosa).toMatchObject([{ status: 'declined' }])
    const ids = await t.app.mednanny.db.read((tx) =>
      tx
        .select()
        .from(channelIdentities)
        .where(eq(channelIdentities.address, `${TEAM}:${NEWCOMER}`)),
    )
    expect(ids).toEqual([])
  })

  it('/nanny join from someone already in the family stores nothing', async () => {
    const res = await t.command('/nanny', MARIA, 'join')
    expect(res.body).toMatch(/already in your family/)
    expect(await slackInbox()).toEqual([])
  })

  it('explains itself when the mention or the role is missing', async () => {
    const res = await t.command('/nanny', ANA_SLACK, 'add Rosa')
    expect(res.body).toMatch(/^Usage: `\/nanny add @person as caregiver`/)
  })
})
