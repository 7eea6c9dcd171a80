import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../src/lib/logger.js'
import { formatPhone } from '../src/lib/phone.js'
import { LogCapture, startTestApp, type TestApp } from './support/harness.js'

const OWNER = '+15551230001'
const NANNY = '+15551234567'
const GRANDMA = '+447700900123'
let t: TestApp
afterEach(async () => {
  await t?.close()
})

describe('logs', () => {
  it('never contain a phone number, a message body or a name through a whole conversation', async () => {
    t = await startTestApp()
    const said: string[] = []
    const say = async (from: string, body: string) => {
      said.push(body)
      await t.sms(from, body)
      await t.settle()
    }
    await say(OWNER, 'hi')
    await say(OWNER, 'Zoraida')
    await say(OWNER, 'The Quintanillas')
    await say(OWNER, 'yes')
    await say(OWNER, 'add Maribel +1 555 123 4567 as nanny')
    await say(OWNER, 'add grandma +44 7700 900123 as emergency contact')
    await say(NANNY, 'YES')
    await say(NANNY, 'my family')
    await say(NANNY, 'my daughter has a fever of 38.4 and a rash')
    await say(NANNY, 'STOP')
    await say(NANNY, 'START')
    const sent = t.fake.messages.at(-1)
    await t.status(sent?.sid ?? '', 'undelivered', '30003')
    await t.settle()
    await t.whatsapp(GRANDMA, 'hello from whatsapp')
    await t.settle()

    // Timings are numbers that can happen to read "38.4" (a response time of 38.41 ms under load); they
    // are dropped from the text searched for health values, everything else is kept.
    const logs = t.logs.untimed
    expect(t.logs.lines.length).toBeGreaterThan(20) // the conversation was logged, just not its contents
    for (const phone of [OWNER, NANNY, GRANDMA]) {
      expect(logs).not.toContain(phone)
      expect(logs).not.toContain(phone.slice(1)) // digits without +
      expect(logs).not.toContain(formatPhone(phone)) // "+1 555 123 0001"
      // The local part on its own, not inside a longer run of digits (a response time like 1.2300017).
      expect(logs).not.toMatch(new RegExp(`(?<![\\d.])${phone.slice(-7)}(?!\\d)`))
    }
    for (const word of ['Zoraida', 'Quintanilla', 'Maribel', 'grandma', 'fever', '38.4', 'rash', 'whatsapp ']) {
      expect(logs).not.toContain(word)
    }
    for (const body of said.filter((b) => b.length > 3)) expect(logs).not.toContain(body)
    for (const reply of t.fake.messages) expect(logs).not.toContain(reply.body.slice(0, 30))
  })

  it('redacts a body, phone or name that slips into a log call, at the top level or one level down', () => {
    const capture = new LogCapture()
    const log = createLogger('info', capture)
    log.info({ body: 'secret text', from: '+15551230001', member: { name: 'Zoraida', phone: '+15551230001' } }, 'x')
    expect(capture.text).not.toMatch(/secret text|15551230001|Zoraida/)
    expect(capture.text).toContain('[redacted]')
  })
})
