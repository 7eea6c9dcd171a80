import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActorContext } from '../../src/domain/actor.js'
import { createLinkCode, redeemLinkCode } from '../../src/domain/families/links.js'
import { medications } from '../../src/domain/medications/schema.js'
import { FakeAnthropic } from '../fakes/anthropic.js'
import { FakeSlack } from '../fakes/slack.js'
import { ownerOfNewFamily } from '../support/family.js'
import { AMOXICILLIN, PNG, readingStep } from '../support/photos.js'
import { BOT_TOKEN, channelMessage, dm, type SlackTestApp, startSlackTestApp, TEAM } from '../support/slack.js'

const ANA_SLACK = 'U0ANA0001'

let anthropic: FakeAnthropic
let t: SlackTestApp
let owner: ActorContext

beforeEach(async () => {
  anthropic = await new FakeAnthropic().start()
  t = await startSlackTestApp({
    env: { ANTHROPIC_API_KEY: anthropic.apiKey, ANTHROPIC_BASE_URL: anthropic.url, ANTHROPIC_MODEL: 'claude-test' },
    deps: { visionLimits: { retryDelayMs: 1 } },
  })
  owner = await ownerOfNewFamily(t.app.mednanny.db, t.clock.now())
  const now = t.clock.now()
  await t.app.mednanny.db.transaction(async (tx) => {
    const { code } = await createLinkCode(tx, owner, now, { memberName: 'Ana', kind: 'slack' })
    await redeemLinkCode(tx, now, { kind: 'slack', address: `${TEAM}:${ANA_SLACK}`, channel: 'slack' }, code)
  })
  await t.event(dm(ANA_SLACK, 'add Grandpa, born 1950-04-02'))
  await t.settle()
})
afterEach(async () => {
  await t.close()
  await anthropic.stop()
})

const postedTo = (user: string) => t.slack.posted.filter((p) => p.channel === FakeSlack.dmOf(user)).map((p) => p.text)

describe('a prescription photo in the family channel', () => {
  it('is read and proposed in a thread under it, and YES in that thread adds it', async () => {
    const FAMILY = 'C0FAMILY1'
    expect((await t.command('/nanny', ANA_SLACK, 'here', { channel: FAMILY })).body).toMatch(/now your family channel/)
    const file = t.slack.addFile(PNG, 'image/png')
    anthropic.reply(readingStep(AMOXICILLIN))
    const photo = {
      ...channelMessage(FAMILY, ANA_SLACK, 'grandpa’s new prescription'),
      subtype: 'file_share',
      files: [file],
    }
    await t.event(photo)
    await t.settle()
    expect(t.slack.fileRequests).toHaveLength(1)
    const inThread = () => t.slack.posted.filter((p) => p.channel === FAMILY && p.thread_ts === photo.ts)
    expect(inThread().at(-1)?.text).toMatch(/^From the photo: reply YES to add Amoxicillin 250 mg\/5 mL/)
    // Her "yes" to something else in the channel is not the answer; the YES in the photo's thread is.
    anthropic.reply({ text: 'Great!' })
    await t.event(channelMessage(FAMILY, ANA_SLACK, 'yes'))
    await t.settle()
    expect(await t.app.mednanny.db.read((tx) => tx.select().from(medications))).toEqual([])
    await t.event(channelMessage(FAMILY, ANA_SLACK, 'yes', photo.ts))
    await t.settle()
    expect(inThread().at(-1)?.text).toBe('Added Amoxicillin 250 mg/5 mL for Grandpa. Reminders at 8am and 8pm.')
  })

  it('a family snapshot shared there is not for us: never fetched, never shown to the model; its words are a message', async () => {
    await t.command('/nanny', ANA_SLACK, 'here', { channel: 'C0FAMILY1' })
    const file = t.slack.addFile(PNG, 'image/png')
    const snapshot = { ...channelMessage('C0FAMILY1', ANA_SLACK, 'Grandpa at the beach!'), subtype: 'file_share' }
    anthropic.reply({ text: 'Lovely!' })
    await t.event({ ...snapshot, files: [file] })
    await t.settle()
    expect(t.slack.fileRequests).toEqual([])
    expect(anthropic.requests.map((_, i) => anthropic.images(i))).toEqual(anthropic.requests.map(() => []))
    expect(t.slack.posted.filter((p) => p.channel === 'C0FAMILY1' && p.thread_ts === snapshot.ts)).toEqual([
      expect.objectContaining({ text: 'Lovely!' }),
    ])
  })

  it('a proposal made in a DM is not answered by a "yes" in the family channel', async () => {
    await t.command('/nanny', ANA_SLACK, 'here', { channel: 'C0FAMILY1' })
    const file = t.slack.addFile(PNG, 'image/png')
    anthropic.reply(readingStep(AMOXICILLIN))
    await t.event(dm(ANA_SLACK, 'for grandpa', { subtype: 'file_share', files: [file] }))
    await t.settle()
    anthropic.reply({ text: 'Sure.' })
    await t.event(channelMessage('C0FAMILY1', ANA_SLACK, 'yes'))
    await t.settle()
    expect(await t.app.mednanny.db.read((tx) => tx.select().from(medications))).toEqual([])
    await t.event(dm(ANA_SLACK, 'yes'))
    await t.settle()
    expect(await t.app.mednanny.db.read((tx) => tx.select().from(medications))).toHaveLength(1)
  })

  it('a file share from someone outside the family is left alone', async () => {
    await t.command('/nanny', ANA_SLACK, 'here', { channel: 'C0FAMILY1' })
    const file = t.slack.addFile(PNG, 'image/png')
    await t.event({ ...channelMessage('C0FAMILY1', 'U0STRANGER1', ''), subtype: 'file_share', files: [file] })
    await t.settle()
    expect(t.slack.fileRequests).toEqual([])
    expect(anthropic.requests).toEqual([])
  })
})

describe('a prescription photo in a Slack DM', () => {
  it('is fetched with the bot token, read, proposed, and added on YES', async () => {
    const file = t.slack.addFile(PNG, 'image/png')
    anthropic.reply(readingStep(AMOXICILLIN))
    await t.event(dm(ANA_SLACK, 'for grandpa', { subtype: 'file_share', files: [file] }))
    await t.settle()
    expect(t.slack.fileRequests).toEqual([{ path: new URL(file.url_private).pathname, auth: `Bearer ${BOT_TOKEN}` }])
    expect(anthropic.images(0)[0]?.source).toEqual({
      type: 'base64',
      media_type: 'image/png',
      data: PNG.toString('base64'),
    })
    expect(postedTo(ANA_SLACK).at(-1)).toMatch(
      /^From the photo: reply YES to add Amoxicillin 250 mg\/5 mL, 5 mL twice a day for Grandpa, reminders at 8am and 8pm/,
    )

    await t.event(dm(ANA_SLACK, 'yes'))
    await t.settle()
    expect(postedTo(ANA_SLACK).at(-1)).toBe('Added Amoxicillin 250 mg/5 mL for Grandpa. Reminders at 8am and 8pm.')
    const meds = await t.app.mednanny.db.read((tx) => tx.select().from(medications))
    expect(meds).toEqual([expect.objectContaining({ familyId: owner.familyId, name: 'Amoxicillin' })])
  })

  it('refuses a file Slack says is too big without downloading it', async () => {
    const file = { ...t.slack.addFile(PNG, 'image/png'), size: 9 * 1024 * 1024 }
    await t.event(dm(ANA_SLACK, '', { subtype: 'file_share', files: [file] }))
    await t.settle()
    expect(postedTo(ANA_SLACK).at(-1)).toBe('That file is too big (9 MB); send a photo under 5 MB.')
    expect(t.slack.fileRequests).toEqual([])
    expect(anthropic.requests).toEqual([])
  })

  it('never sends the bot token to a url_private outside Slack’s file host', async () => {
    const elsewhere = await new FakeSlack().start()
    try {
      const file = elsewhere.addFile(PNG, 'image/png')
      await t.event(dm(ANA_SLACK, '', { subtype: 'file_share', files: [file] }))
      await t.settle()
      expect(postedTo(ANA_SLACK).at(-1)).toBe('I couldn’t open that photo. Please send it again.')
      expect(elsewhere.fileRequests).toEqual([])
      expect(anthropic.requests).toEqual([])
    } finally {
      await elsewhere.stop()
    }
  })
})
