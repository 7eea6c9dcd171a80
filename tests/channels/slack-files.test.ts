import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSlackClient } from '../../src/channels/slack/client.js'
import { SlackSender } from '../../src/channels/slack/sender.js'
import type { OutboxRow } from '../../src/domain/outbox/service.js'
import { createLogger } from '../../src/lib/logger.js'
import { FakeSlack } from '../fakes/slack.js'
import { LogCapture } from '../support/harness.js'

let fake: FakeSlack
beforeEach(async () => {
  fake = await new FakeSlack().start()
})
afterEach(async () => {
  await fake.stop()
})

const at = new Date('2026-03-10T15:00:00Z')
const row = (over: Partial<OutboxRow>): OutboxRow => ({
  id: 'obx_1',
  idempotencyKey: 'reply:inb_1:0',
  familyId: 'fam_1',
  memberId: 'mem_1',
  channel: 'slack',
  toAddress: 'T0001:U0ANA0001@D0ANA0001/1789560000.000100',
  body: '📊 Maya’s sleep, last 7 days: 80 h in all.',
  kind: 'reply',
  inReplyTo: 'inb_1',
  urgent: false,
  status: 'sending',
  attempts: 0,
  nextAttemptAt: at,
  leaseUntil: null,
  providerMessageId: null,
  errorCode: null,
  errorMessage: null,
  templateId: null,
  mediaId: null,
  payload: null,
  editsMessage: null,
  fallbackOf: null,
  createdAt: at,
  updatedAt: at,
  ...over,
})

describe('Slack: a chart goes as a file through the Web API', () => {
  it('uploads the drawn file with the text as its comment, in the thread it answers', async () => {
    const client = createSlackClient({
      botToken: 'xoxb-test',
      apiUrl: fake.url,
      log: createLogger('silent', new LogCapture()),
    })
    const png = Buffer.from('89504e470d0a1a0a0000', 'hex')
    const asked: string[] = []
    const sender = new SlackSender(client, async (id) => {
      asked.push(id)
      return { bytes: png, filename: 'sleep-maya.png' }
    })
    const out = await sender.send(row({ mediaId: 'med_1' }))
    expect(asked).toEqual(['med_1'])
    expect(out).toMatchObject({ status: 'sent', delivered: true })
    expect(fake.uploads).toEqual([{ fileId: expect.stringMatching(/^F\d+$/), bytes: expect.any(Number) }])
    expect(fake.uploads[0]?.bytes).toBeGreaterThanOrEqual(png.length)
    const complete = fake.calls.find((c) => c.method === 'files.completeUploadExternal')
    expect(complete?.args).toMatchObject({
      channel_id: 'D0ANA0001',
      thread_ts: '1789560000.000100',
      initial_comment: '📊 Maya’s sleep, last 7 days: 80 h in all.',
    })
    expect(fake.posted).toEqual([])
  })

  it('a row without media is posted as text, as before', async () => {
    const client = createSlackClient({
      botToken: 'xoxb-test',
      apiUrl: fake.url,
      log: createLogger('silent', new LogCapture()),
    })
    const sender = new SlackSender(client, async () => {
      throw new Error('not asked')
    })
    expect(await sender.send(row({}))).toMatchObject({ status: 'sent' })
    expect(fake.posted).toHaveLength(1)
    expect(fake.uploads).toEqual([])
  })
})
