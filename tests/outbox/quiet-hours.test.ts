import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { quietUntil } from '../../src/domain/preferences/quiet-hours.js'
import { ManualClock } from '../../src/lib/clock.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

const ANA = '+15551230001' // owner, New York
const MARIA = '+15551230003' // the nanny, on WhatsApp
const REPLY_HINT = '\nReply DONE when it’s done, or SNOOZE 15.'
let t: TestApp

async function say(from: string, body: string, channel: 'sms' | 'whatsapp' = 'sms'): Promise<string[]> {
  const before = t.inboxOf(from).length
  await (channel === 'sms' ? t.sms(from, body) : t.whatsapp(from, body))
  await t.settle()
  return t.inboxOf(from).slice(before)
}

async function at(iso: string, who = ANA): Promise<string[]> {
  const before = t.inboxOf(who).length
  t.clock.set(iso)
  await t.app.mednanny.scheduler.tick()
  await t.settle()
  return t.inboxOf(who).slice(before)
}

describe('quiet hours', () => {
  beforeEach(async () => {
    t = await startTestApp({ clock: new ManualClock('2026-11-18T21:10:00Z') }) // Wednesday 4:10 pm in New York
    await onboardFamily(t, ANA)
    await say(ANA, 'add Maria +1 555 123 0003 as nanny')
    await say(MARIA, 'yes', 'whatsapp')
    await say(ANA, 'add Maya, born Sept 20')
  })
  afterEach(async () => {
    await t.close()
  })

  it('hold a reminder until 7 am, but not an urgent alert nor a reply to the member', async () => {
    expect(await say(ANA, 'quiet hours 10pm-7am')).toEqual([
      'Quiet hours set: 10:00 PM–7:00 AM. Reminders, digests and other non-urgent messages wait until 7:00 AM; urgent alerts still come at once. Reply QUIET HOURS OFF to end them.',
    ])
    await say(ANA, 'remind me at 11pm to pump')
    expect(await at('2026-11-19T04:00:02Z')).toEqual([]) // 11:00 pm
    const held = (await t.outboxRows()).find((r) => r.kind === 'reminder')
    expect(held).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: new Date('2026-11-19T12:00:00Z') })

    // 11:30 pm: the nanny reports an infant fever; the alert to Ana goes at once.
    t.clock.set('2026-11-19T04:30:00Z')
    await say(MARIA, 'temp 38.4', 'whatsapp')
    expect(t.inboxOf(ANA).filter((m) => /38\.4/.test(m))).toHaveLength(1)
    // Ana answers: she is awake, and the reply to her is not held.
    expect(await say(ANA, 'who am i')).toEqual([expect.stringMatching(/^You’re Ana/)])

    expect(await at('2026-11-19T11:59:00Z')).toEqual([]) // 6:59 am
    expect(await at('2026-11-19T12:00:00Z')).toEqual([`⏰ Reminder: pump${REPLY_HINT}`])
  })

  it('hold only the member who set them, and “quiet hours off” ends them', async () => {
    await say(MARIA, 'quiet hours 9pm-6am', 'whatsapp')
    await say(ANA, 'remind me at 11pm to pump')
    await say(ANA, 'remind Maria at 11pm to prep bottles')
    expect(await at('2026-11-19T04:00:00Z')).toEqual([`⏰ Reminder: pump${REPLY_HINT}`])
    expect(t.inboxOf(MARIA).some((m) => /prep bottles/.test(m))).toBe(false)
    expect(await say(MARIA, 'quiet hours off', 'whatsapp')).toEqual([
      'Quiet hours off: messages come whenever they’re due.',
    ])
    // Already held until 6 am: it keeps that time (the hold was decided when it came due).
    expect(await at('2026-11-19T10:59:00Z', MARIA)).toEqual([])
    expect(await at('2026-11-19T11:00:00Z', MARIA)).toEqual([`⏰ Reminder from Ana: prep bottles${REPLY_HINT}`])
    await say(ANA, 'remind Maria at 11:30pm to sterilize the pump')
    expect(await at('2026-11-20T04:30:00Z', MARIA)).toEqual([`⏰ Reminder from Ana: sterilize the pump${REPLY_HINT}`])
  })
})

describe('quietUntil', () => {
  const zone = 'America/New_York'
  const q = { start: '22:00', end: '07:00' }

  it('ends at the next 7:00 local, before or after midnight', () => {
    expect(quietUntil(new Date('2026-11-19T04:00:00Z'), q, zone)).toEqual(new Date('2026-11-19T12:00:00Z'))
    expect(quietUntil(new Date('2026-11-19T10:00:00Z'), q, zone)).toEqual(new Date('2026-11-19T12:00:00Z'))
  })

  it('is undefined outside quiet hours, whose end is not inside them', () => {
    expect(quietUntil(new Date('2026-11-19T17:00:00Z'), q, zone)).toBeUndefined()
    expect(quietUntil(new Date('2026-11-19T12:00:00Z'), q, zone)).toBeUndefined()
    expect(quietUntil(new Date('2026-11-19T03:00:00Z'), q, zone)).toEqual(new Date('2026-11-19T12:00:00Z'))
  })

  it('ends at 7:00 local on the night the clocks fall back (a 10-hour night)', () => {
    // Saturday 10:30 pm EDT → Sunday 7:00 am EST.
    expect(quietUntil(new Date('2026-11-01T02:30:00Z'), q, zone)).toEqual(new Date('2026-11-01T12:00:00Z'))
  })

  it('holds within a same-day window such as 1 pm to 3 pm', () => {
    const nap = { start: '13:00', end: '15:00' }
    expect(quietUntil(new Date('2026-11-19T18:30:00Z'), nap, zone)).toEqual(new Date('2026-11-19T20:00:00Z'))
    expect(quietUntil(new Date('2026-11-19T04:00:00Z'), nap, zone)).toBeUndefined()
  })
})
