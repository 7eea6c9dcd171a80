import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/lib/clock.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

const ANA = '+15551230001' // owner, New York
const MARIA = '+15551230003' // the nanny
const REPLY_HINT = '\nReply DONE when it’s done, or SNOOZE 15.'
let t: TestApp

async function say(from: string, body: string): Promise<string[]> {
  const before = t.inboxOf(from).length
  await t.sms(from, body)
  await t.settle()
  return t.inboxOf(from).slice(before)
}

/** Moves the clock, lets the scheduler fire and the outbox send; returns what `who` received. */
async function at(iso: string, who = ANA): Promise<string[]> {
  const before = t.inboxOf(who).length
  t.clock.set(iso)
  await t.app.mednanny.scheduler.tick()
  await t.settle()
  return t.inboxOf(who).slice(before)
}

beforeEach(async () => {
  t = await startTestApp({ clock: new ManualClock('2026-11-24T20:00:00Z') }) // Tuesday 3:00 pm in New York
  await onboardFamily(t, ANA)
})
afterEach(async () => {
  await t.close()
})

describe('reminders by text', () => {
  it('“remind me Thursday to …” fires Thursday 9 am, and DONE closes it', async () => {
    expect(await say(ANA, 'remind me Thursday to call in my medication')).toEqual([
      'Okay — I’ll remind you Thu 9:00 AM (no time given, so 9 AM; reply CANCEL and set it again to change it): call in my medication.',
    ])
    expect(await at('2026-11-26T13:59:00Z')).toEqual([])
    expect(await at('2026-11-26T14:00:02Z')).toEqual([`⏰ Reminder: call in my medication${REPLY_HINT}`])
    expect(await say(ANA, 'done')).toEqual(['👍 Done: call in my medication.'])
    expect(await say(ANA, 'my reminders')).toEqual([
      'You have no reminders. Try “remind me tomorrow at 9 to call the pharmacy”.',
    ])
  })

  it('a daily reminder: listed, snoozed, cancelled by its words', async () => {
    expect(await say(ANA, 'every day at 7pm remind me to pump')).toEqual([
      'Okay — every day at 7:00 PM I’ll remind you: pump. First one Tue 7:00 PM.',
    ])
    await say(ANA, 'remind me tomorrow at 9 to call the pharmacy')
    expect(await say(ANA, 'my reminders')).toEqual([
      'Your reminders:\n1. every day at 7:00 PM, next Tue 7:00 PM — pump\n2. Wed 9:00 AM — call the pharmacy\nReply CANCEL and a number to cancel one.',
    ])
    expect(await at('2026-11-25T00:00:01Z')).toEqual([`⏰ Reminder: pump${REPLY_HINT}`])
    expect(await say(ANA, 'snooze 15')).toEqual(['Snoozed: pump. I’ll remind you again Tue 7:15 PM.'])
    expect(await at('2026-11-25T00:14:00Z')).toEqual([])
    expect(await at('2026-11-25T00:15:03Z')).toEqual([`⏰ Reminder: pump${REPLY_HINT}`])
    expect(await say(ANA, 'cancel the pump reminder')).toEqual(['Cancelled: pump (every day at 7:00 PM).'])
    expect(await say(ANA, 'cancel 5')).toEqual(['You have one reminder; reply MY REMINDERS to see them.'])
    expect(await at('2026-11-25T14:00:01Z')).toEqual([`⏰ Reminder: call the pharmacy${REPLY_HINT}`])
    expect(await at('2026-11-26T00:00:01Z')).toEqual([])
  })

  it('a parent reminds the nanny, who gets it from her; the nanny cannot set one for a parent', async () => {
    await say(ANA, 'add Maria +1 555 123 0003 as nanny')
    await say(MARIA, 'yes')
    expect(await say(ANA, 'remind Maria at 4pm to give amoxicillin')).toEqual([
      'Okay — I’ll remind Maria Tue 4:00 PM: give amoxicillin.',
    ])
    expect(await at('2026-11-24T21:00:00Z', MARIA)).toEqual([`⏰ Reminder from Ana: give amoxicillin${REPLY_HINT}`])
    expect(await say(MARIA, 'remind Ana at 5pm to buy formula')).toEqual([
      'Only a parent can set reminders for someone else.',
    ])
    expect(await say(ANA, 'remind Zed at 5pm to buy formula')).toEqual([expect.stringMatching(/Zed/)])
  })

  it('asks for a time instead of guessing one', async () => {
    expect(await say(ANA, 'remind me about the 4-month shots')).toEqual([
      'When should I remind you? Say it with a time, e.g. “remind me Friday at 10 about the 4-month shots”.',
    ])
    expect(await say(ANA, 'my reminders')).toEqual([expect.stringMatching(/^You have no reminders/)])
  })

  it('“done” with no reminder just sent is not taken as one', async () => {
    const replies = await say(ANA, 'done')
    expect(replies).toHaveLength(1)
    expect(replies[0]).not.toMatch(/Done:/)
  })
})
