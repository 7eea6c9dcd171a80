import twilio from 'twilio'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listInbox } from '../../src/domain/inbox/service.js'
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  nextSid,
  PUBLIC_BASE_URL,
  SMS_FROM,
  signedHeaders,
  startTestApp,
  type TestApp,
  WHATSAPP_FROM,
} from '../support/harness.js'

const ANA = '+15551230001'
let t: TestApp

beforeEach(async () => {
  t = await startTestApp()
})
afterEach(async () => {
  await t.close()
})

const inboxRows = () => t.app.mednanny.db.read((tx) => listInbox(tx))

function inbound(params: Record<string, string>, headers: Record<string, string>, url = '/webhooks/twilio/messages') {
  return t.app.inject({ method: 'POST', url, headers, payload: new URLSearchParams(params).toString() })
}

const baseParams = (body = 'help') => ({
  MessageSid: nextSid(),
  AccountSid: ACCOUNT_SID,
  From: ANA,
  To: SMS_FROM,
  Body: body,
  NumMedia: '0',
})

describe('Twilio inbound webhook', () => {
  it('answers a signed SMS with empty TwiML, then replies by SMS from our number', async () => {
    const res = await t.sms(ANA, 'help')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<Response/>')
    await t.settle()
    expect(t.fake.messages).toHaveLength(1)
    expect(t.fake.messages[0]).toMatchObject({ to: ANA, from: SMS_FROM, accountSid: ACCOUNT_SID })
    expect(t.fake.messages[0]?.body).toMatch(/care record/)
    expect(t.fake.messages[0]?.statusCallback).toBe(`${PUBLIC_BASE_URL}/webhooks/twilio/status`)
    expect(t.fake.messages[0]?.auth).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`)
  })

  it('answers a signed WhatsApp message on WhatsApp, with whatsapp: addresses', async () => {
    expect((await t.whatsapp(ANA, 'hi')).statusCode).toBe(200)
    await t.settle()
    expect(t.fake.messages).toHaveLength(1)
    expect(t.fake.messages[0]).toMatchObject({ to: `whatsapp:${ANA}`, from: `whatsapp:${WHATSAPP_FROM}` })
    expect(t.fake.messages[0]?.body).toMatch(/What’s your first name/)
  })

  it('rejects a missing signature with 403 and stores nothing', async () => {
    const params = baseParams()
    const res = await inbound(params, { 'content-type': 'application/x-www-form-urlencoded' })
    expect(res.statusCode).toBe(403)
    expect(await inboxRows()).toHaveLength(0)
  })

  it('rejects a forged signature with 403 and stores nothing', async () => {
    const params = baseParams()
    const forged = twilio.getExpectedTwilioSignature(
      'not-the-token',
      `${PUBLIC_BASE_URL}/webhooks/twilio/messages`,
      params,
    )
    const res = await inbound(params, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': forged,
    })
    expect(res.statusCode).toBe(403)
    expect(await inboxRows()).toHaveLength(0)
  })

  it('rejects a signature made for another URL with 403 and stores nothing', async () => {
    const params = baseParams()
    const res = await inbound(params, signedHeaders('https://elsewhere.example.com/webhooks/twilio/messages', params))
    expect(res.statusCode).toBe(403)
    expect(await inboxRows()).toHaveLength(0)
  })

  it('rejects a body altered after signing with 403', async () => {
    const params = baseParams('help')
    const headers = signedHeaders(`${PUBLIC_BASE_URL}/webhooks/twilio/messages`, params)
    const res = await inbound({ ...params, Body: 'STOP' }, headers)
    expect(res.statusCode).toBe(403)
  })

  it('answers 400 to a signed body without a MessageSid, and stores nothing', async () => {
    const { MessageSid: _, ...params } = baseParams()
    const res = await inbound(params, signedHeaders(`${PUBLIC_BASE_URL}/webhooks/twilio/messages`, params))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ error: 'malformed' })
    expect(await inboxRows()).toHaveLength(0)
  })

  it('answers 400 to a signed body whose From is not a phone number', async () => {
    const params = { ...baseParams(), From: 'not-a-number' }
    const res = await inbound(params, signedHeaders(`${PUBLIC_BASE_URL}/webhooks/twilio/messages`, params))
    expect(res.statusCode).toBe(400)
  })

  it('answers 4xx to a body that is not a form', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/webhooks/twilio/messages',
      headers: { 'content-type': 'application/json', 'x-twilio-signature': 'x' },
      payload: '{"MessageSid":',
    })
    expect(res.statusCode).toBeGreaterThanOrEqual(400)
    expect(res.statusCode).toBeLessThan(500)
  })

  it('stores media and a WhatsApp location with the message', async () => {
    await t.whatsapp(ANA, '', {
      NumMedia: '1',
      MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
      MediaContentType0: 'image/jpeg',
      Latitude: '51.5074',
      Longitude: '-0.1278',
      Address: '10 Downing St',
      Label: 'Home',
    })
    const [row] = await inboxRows()
    expect(row?.media).toEqual([
      { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', contentType: 'image/jpeg' },
    ])
    expect(row?.location).toEqual({ latitude: 51.5074, longitude: -0.1278, address: '10 Downing St', label: 'Home' })
  })

  it('handles the same MessageSid delivered three times once, also when the deliveries are concurrent', async () => {
    const params = baseParams('help')
    const headers = signedHeaders(`${PUBLIC_BASE_URL}/webhooks/twilio/messages`, params)
    const first = await inbound(params, headers)
    const [second, third] = await Promise.all([inbound(params, headers), inbound(params, headers)])
    expect([first.statusCode, second?.statusCode, third?.statusCode]).toEqual([200, 200, 200])
    await t.settle()
    expect(await inboxRows()).toHaveLength(1)
    expect(t.fake.messages).toHaveLength(1)
  })

  it('handles three concurrent first deliveries of one MessageSid once', async () => {
    const params = baseParams('help')
    const headers = signedHeaders(`${PUBLIC_BASE_URL}/webhooks/twilio/messages`, params)
    const results = await Promise.all([inbound(params, headers), inbound(params, headers), inbound(params, headers)])
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200])
    await t.settle()
    expect(await inboxRows()).toHaveLength(1)
    expect(t.fake.messages).toHaveLength(1)
  })
})
