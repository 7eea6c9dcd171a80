import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/client.js'
import type { ActorContext } from '../../src/domain/actor.js'
import { addNote, logDiaper, logFeed, logSleepRange, logTemperature } from '../../src/domain/care-log/service.js'
import { addDependent } from '../../src/domain/dependents/service.js'
import { resolveActor } from '../../src/domain/families/queries.js'
import { logDose } from '../../src/domain/medications/service.js'
import { ManualClock } from '../../src/lib/clock.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

const ANA = '+15551230001' // owner, New York
const BEN = '+15551230002' // a parent
let t: TestApp
afterEach(async () => {
  await t.close()
})

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

async function start(iso: string): Promise<ActorContext> {
  t = await startTestApp({ clock: new ManualClock(iso) })
  await onboardFamily(t, ANA)
  return await t.app.mednanny.db.transaction(
    async (tx) => (await resolveActor(tx, { kind: 'phone', address: ANA, channel: 'sms' })) as ActorContext,
  )
}

const inDb = <T>(db: Db, fn: Parameters<Db['transaction']>[0]) => db.transaction(fn) as Promise<T>

describe('the daily digest', () => {
  it('sums each child’s last 24 hours at 8 pm: feeds, sleep, diapers, doses and what was flagged', async () => {
    const ana = await start('2026-11-18T15:00:00Z') // Wednesday 10:00 am in New York
    expect(ana.timezone).toBe('America/New_York')
    const db = t.app.mednanny.db
    const now = () => t.clock.now()
    const h = (local: string) => new Date(`${local}-05:00`) // New York wall clock in November (EST)
    const [mia, leo] = await inDb<{ id: string }[]>(db, async (tx) => [
      await addDependent(tx, ana, now(), { name: 'Mia', birthDate: '2026-09-20' }),
      await addDependent(tx, ana, now(), { name: 'Leo', birthDate: '2023-03-02' }),
    ])
    const miaId = mia?.id ?? ''
    const leoId = leo?.id ?? ''
    await inDb(db, async (tx) => {
      // Before the period (Tuesday 7:30 pm) and after it (Wednesday 8:30 pm): left out.
      await logFeed(tx, ana, now(), { dependentId: miaId, at: h('2026-11-17T19:30'), method: 'bottle', amountMl: 90 })
      await logFeed(tx, ana, now(), { dependentId: miaId, at: h('2026-11-18T20:30'), method: 'bottle', amountMl: 60 })
      // Inside it.
      await logFeed(tx, ana, now(), { dependentId: miaId, at: h('2026-11-17T23:00'), method: 'bottle', amountMl: 120 })
      await logFeed(tx, ana, now(), { dependentId: miaId, at: h('2026-11-18T07:00'), method: 'bottle', amountMl: 150 })
      await logFeed(tx, ana, now(), { dependentId: miaId, at: h('2026-11-18T11:00'), method: 'breast', minutes: 15 })
      // Overnight sleep from Tuesday 7 pm counts from 8 pm (the period's start); a nap at noon.
      await logSleepRange(tx, ana, now(), {
        dependentId: miaId,
        at: h('2026-11-17T19:00'),
        endAt: h('2026-11-18T06:00'),
      })
      await logSleepRange(tx, ana, now(), {
        dependentId: miaId,
        at: h('2026-11-18T12:00'),
        endAt: h('2026-11-18T13:30'),
      })
      await logDiaper(tx, ana, now(), { dependentId: miaId, at: h('2026-11-18T06:10'), wet: true, dirty: false })
      await logDiaper(tx, ana, now(), { dependentId: miaId, at: h('2026-11-18T09:00'), wet: true, dirty: true })
      await logDose(tx, ana, now(), {
        dependentId: miaId,
        drugName: 'Tylenol',
        amount: 2.5,
        unit: 'ml',
        at: h('2026-11-18T08:00'),
      })
      await logDose(tx, ana, now(), {
        dependentId: miaId,
        drugName: 'Tylenol',
        amount: 2.5,
        unit: 'ml',
        at: h('2026-11-18T10:00'),
        flagged: true,
        flagRule: 'DOSE-INTERVAL',
      })
      await logTemperature(tx, ana, now(), { dependentId: miaId, at: h('2026-11-18T14:00'), value: 38.6, unit: 'C' })
      await logTemperature(tx, ana, now(), { dependentId: miaId, at: h('2026-11-18T16:00'), value: 37.2, unit: 'C' })
      await logDiaper(tx, ana, now(), { dependentId: leoId, at: h('2026-11-18T10:00'), wet: false, dirty: true })
      await logDose(tx, ana, now(), { dependentId: leoId, drugName: 'Motrin', at: h('2026-11-18T09:00') })
      await logDose(tx, ana, now(), { dependentId: leoId, drugName: 'amoxicillin', at: h('2026-11-18T09:05') })
      await logDose(tx, ana, now(), { dependentId: leoId, drugName: 'amoxicillin', at: h('2026-11-18T19:05') })
      const note = await addNote(tx, ana, now(), {
        dependentId: leoId,
        at: h('2026-11-18T15:00'),
        body: 'rash on his arms',
      })
      // Nothing in the app flags a note yet (the gate flags doses); the digest shows any that are.
      await tx.run(`UPDATE care_notes SET flagged = 1 WHERE id = '${note.id}'`)
    })
    expect(await say(ANA, 'digest on')).toEqual([
      'Okay — your daily digest comes every day at 8:00 PM. First one Wed 8:00 PM. Reply DIGEST OFF to stop it.',
    ])
    expect(await at('2026-11-19T00:59:00Z')).toEqual([])
    expect(await at('2026-11-19T01:00:03Z')).toEqual([
      [
        '🌙 Daily digest — the 24 hours to Wed 8:00 PM',
        'Mia',
        '• Feeds: 3 (270 ml)',
        '• Sleep: 11h 30m (2 naps)',
        '• Diapers: 2 wet, 1 dirty',
        '• Doses: Tylenol ×2',
        '⚠️ Tylenol dose at Wed 10:00 AM was flagged by the dose check',
        '⚠️ temperature 38.6 °C at Wed 2:00 PM',
        'Leo',
        '• Diapers: 0 wet, 1 dirty',
        '• Doses: amoxicillin ×2, Motrin ×1',
        '⚠️ note at Wed 3:00 PM: rash on his arms',
        'Reply DIGEST OFF to stop these.',
      ].join('\n'),
    ])
    expect(await at('2026-11-19T01:00:08Z')).toEqual([])
    const next = await at('2026-11-20T01:00:00Z')
    expect(next).toEqual([
      [
        '🌙 Daily digest — the 24 hours to Thu 8:00 PM',
        'Mia',
        '• Feeds: 1 (60 ml)',
        'Leo',
        '• Nothing logged.',
        'Reply DIGEST OFF to stop these.',
      ].join('\n'),
    ])
  })

  it('goes only to members who opted in, until they opt out; “digest at 9pm” moves it, once a day', async () => {
    await start('2026-11-18T15:00:00Z')
    await say(ANA, 'add Ben +1 555 123 0002 as parent')
    await say(BEN, 'yes')
    expect(await say(BEN, 'digest')).toEqual([
      'Daily digest: off (DIGEST ON to get one at 8 PM, or DIGEST AT 9PM).\nQuiet hours: none (e.g. QUIET HOURS 10PM-7AM).',
    ])
    await say(ANA, 'digest on')
    expect(await at('2026-11-19T01:00:00Z', BEN)).toEqual([])
    expect(t.inboxOf(ANA).at(-1)).toMatch(/^🌙 Daily digest/)
    // After tonight's digest, Ana moves it to 9 pm: not a second one tonight; tomorrow at 9.
    expect(await say(ANA, 'digest at 9pm')).toEqual([
      'Okay — your daily digest comes every day at 9:00 PM. First one Wed 9:00 PM. Reply DIGEST OFF to stop it.',
    ])
    expect(await at('2026-11-19T02:00:00Z')).toEqual([])
    expect(await at('2026-11-20T01:00:00Z')).toEqual([])
    expect(await at('2026-11-20T02:00:00Z')).toEqual([
      expect.stringMatching(/^🌙 Daily digest — the 24 hours to Thu 9:00 PM/),
    ])
    expect(await say(ANA, 'digest off')).toEqual(['Okay — no more daily digests. Reply DIGEST ON to start them again.'])
    expect(await at('2026-11-21T02:00:00Z')).toEqual([])
    expect(await at('2026-11-22T02:00:00Z')).toEqual([])
    // Not a reminder: “my reminders” does not list it, and DONE does not answer it.
    expect(await say(ANA, 'my reminders')).toEqual([expect.stringMatching(/^You have no reminders/)])
  })

  it('comes at 8 pm local on the days around spring-forward, once each, covering the 23-hour day', async () => {
    const ana = await start('2026-03-06T15:00:00Z') // Friday 10:00 am EST
    await say(ANA, 'digest on')
    const [mia] = await inDb<{ id: string }[]>(t.app.mednanny.db, async (tx) => [
      await addDependent(tx, ana, t.clock.now(), { name: 'Mia', birthDate: '2026-01-20' }),
    ])
    await inDb(t.app.mednanny.db, async (tx) => {
      // Saturday 8:30 pm EST: in Sunday's digest, the 23 hours from Saturday 8 pm EST to Sunday 8 pm EDT.
      await logFeed(tx, ana, t.clock.now(), {
        dependentId: mia?.id ?? '',
        at: new Date('2026-03-08T01:30:00Z'),
        method: 'bottle',
        amountMl: 100,
      })
    })
    const sent: { at: string; text: string }[] = []
    for (let m = 0; m < 4 * 24 * 4; m++) {
      const iso = new Date(Date.parse('2026-03-07T00:00:00Z') + m * 15 * 60_000).toISOString()
      for (const text of await at(iso)) sent.push({ at: iso, text })
    }
    expect(sent.map((s) => s.at)).toEqual([
      '2026-03-07T01:00:00.000Z', // Fri 8 pm EST
      '2026-03-08T01:00:00.000Z', // Sat 8 pm EST
      '2026-03-09T00:00:00.000Z', // Sun 8 pm EDT (clocks went forward at 2 am)
      '2026-03-10T00:00:00.000Z', // Mon 8 pm EDT
    ])
    expect(sent.map((s) => s.text.split('\n')[2])).toEqual([
      '• Nothing logged.',
      '• Nothing logged.',
      '• Feeds: 1 (100 ml)',
      '• Nothing logged.',
    ])
  })
})
