import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMediaFetcher } from '../../src/channels/media/fetch.js'
import { sniffImage } from '../../src/channels/media/sniff.js'
import { FakeSlack } from '../fakes/slack.js'
import { FakeTwilio } from '../fakes/twilio.js'
import { PNG } from '../support/photos.js'

const SID = `AC${'b'.repeat(32)}`
const TOKEN = 'media-test-token-0123456789'
const MB = 1024 * 1024

let twilio: FakeTwilio
beforeEach(async () => {
  twilio = await new FakeTwilio().start()
})
afterEach(async () => {
  await twilio.stop()
})

const fetcher = (over: { authToken?: string; timeoutMs?: number; baseUrl?: string } = {}) =>
  createMediaFetcher({
    twilio: { accountSid: SID, authToken: over.authToken ?? TOKEN, baseUrl: over.baseUrl ?? twilio.url },
    maxBytes: MB,
    timeoutMs: over.timeoutMs ?? 5_000,
  })

describe('the media fetcher', () => {
  it('fetches Twilio media through the redirect and returns the bytes and their real type', async () => {
    const url = twilio.addMedia(SID, TOKEN, { bytes: PNG, contentType: 'image/png' })
    const got = await fetcher()({ channel: 'whatsapp', url, contentType: 'image/png' })
    expect(got).toEqual({ ok: true, bytes: PNG, mediaType: 'image/png' })
  })

  it('refuses another account’s media path and URLs with credentials in them, without a request', async () => {
    const other = twilio.addMedia(`AC${'c'.repeat(32)}`, TOKEN, { bytes: PNG, contentType: 'image/png' })
    const withUser = twilio
      .addMedia(SID, TOKEN, { bytes: PNG, contentType: 'image/png' })
      .replace('http://', 'http://x:y@')
    for (const url of [other, withUser, 'not a url']) {
      expect(await fetcher()({ channel: 'sms', url, contentType: 'image/png' })).toEqual({
        ok: false,
        rejected: { kind: 'not_allowed' },
      })
    }
    expect(twilio.mediaRequests).toEqual([])
  })

  it('reports a refused login (401) as unavailable, not as a photo', async () => {
    const url = twilio.addMedia(SID, TOKEN, { bytes: PNG, contentType: 'image/png' })
    expect(
      await fetcher({ authToken: 'wrong-token-0000000000' })({ channel: 'sms', url, contentType: 'image/png' }),
    ).toEqual({
      ok: false,
      rejected: { kind: 'unavailable', detail: 'status 401' },
    })
  })

  it('gives up after its timeout when the provider does not answer', async () => {
    const silent: Server = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
    try {
      const got = await fetcher({ baseUrl: base, timeoutMs: 100 })({
        channel: 'sms',
        url: `${base}/2010-04-01/Accounts/${SID}/Messages/MM1/Media/ME1`,
        contentType: 'image/jpeg',
      })
      expect(got).toMatchObject({ ok: false, rejected: { kind: 'unavailable' } })
    } finally {
      silent.closeAllConnections()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    }
  })

  it('reads Slack’s sign-in page (what a bad token gets) as not an image', async () => {
    const slack = await new FakeSlack().start()
    try {
      const file = slack.addFile(PNG, 'image/png')
      const fetch = createMediaFetcher({
        slack: { botToken: 'not-a-bot-token', filesUrl: slack.filesUrl },
        maxBytes: MB,
        timeoutMs: 5_000,
      })
      expect(await fetch({ channel: 'slack', url: file.url_private, contentType: 'image/png' })).toEqual({
        ok: false,
        rejected: { kind: 'not_an_image', declared: 'text/html' },
      })
    } finally {
      await slack.stop()
    }
  })

  it('knows the four image signatures and nothing else', () => {
    const b = (s: string) => Buffer.from(s, 'latin1')
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg')
    expect(sniffImage(PNG)).toBe('image/png')
    expect(sniffImage(b('GIF89a....'))).toBe('image/gif')
    expect(sniffImage(b('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp')
    expect(sniffImage(b('RIFF\u0000\u0000\u0000\u0000WAVEfmt '))).toBeUndefined()
    expect(sniffImage(b('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined()
  })
})
