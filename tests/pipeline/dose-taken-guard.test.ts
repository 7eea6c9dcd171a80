import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveActor } from '../../src/domain/families/queries.js'
import { doses } from '../../src/domain/medications/schema.js'
import { addMedicationTool } from '../../src/domain/medications/tools.js'
import { runTool } from '../../src/domain/tools.js'
import { ManualClock } from '../../src/lib/clock.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

/**
 * "taken" after a dose reminder runs the same dose guard as a texted dose (health-facts §2): a
 * scheduled acetaminophen dose 2½ hours after an extra one is recorded, flagged, and the parents told.
 */

const ANA = '+15551230001' // owner, New York
const BEN = '+15551230002' // the other parent
let t: TestApp

async function say(from: string, body: string): Promise<string[]> {
  const before = t.inboxOf(from).length
  await t.sms(from, body)
  await t.settle()
  return t.inboxOf(from).slice(before)
}

async function at(iso: string) {
  t.clock.set(iso)
  await t.app.mednanny.scheduler.tick()
  await t.settle()
}

beforeEach(async () => {
  t = await startTestApp({ clock: new ManualClock('2026-03-10T08:00:00Z') }) // Tue 4:00 am EDT
  await onboardFamily(t, ANA)
  await say(ANA, 'add Leo, born 2022-09-01, 15 kg')
  await say(ANA, 'add Ben +1 555 123 0002 as parent')
  await say(BEN, 'yes')
  const ana = await t.app.mednanny.db.read((tx) => resolveActor(tx, { kind: 'phone', address: ANA, channel: 'sms' }))
  if (!ana) throw new Error('no Ana')
  await t.app.mednanny.db.transaction((tx) =>
    runTool(
      addMedicationTool,
      { tx, actor: ana, clock: t.clock },
      {
        dependent: 'Leo',
        name: 'Tylenol',
        strength: '160 mg/5 mL',
        doseAmount: 5,
        doseUnit: 'ml',
        schedule: { kind: 'times', times: ['08:00', '20:00'] },
        responsible: 'Ana',
      },
    ),
  )
})
afterEach(async () => {
  await t.close()
})

describe('“taken” and the dose guard', () => {
  it('an on-time scheduled dose is simply logged', async () => {
    await at('2026-03-10T12:00:00Z') // the 8:00 reminder
    expect((await say(ANA, 'taken'))[0]).toMatch(/^✅ Logged: .*Tylenol/)
    const rows = await t.app.mednanny.db.read((tx) => tx.select().from(doses))
    expect(rows.map((r) => r.flagged)).toEqual([false])
  })

  it('a scheduled dose 2½ hours after an extra one is logged, flagged, and the parents alerted', async () => {
    t.clock.set('2026-03-10T09:30:00Z') // 5:30 am: an extra dose, not the 8:00 one
    await say(BEN, 'gave Leo tylenol 5 ml')
    await at('2026-03-10T12:00:00Z') // the 8:00 reminder to Ana
    const before = t.inboxOf(BEN).length
    const [reply] = await say(ANA, 'taken')
    expect(reply).toMatch(/Logged and flagged: .*Tylenol/)
    const rows = await t.app.mednanny.db.read((tx) => tx.select().from(doses))
    expect(rows).toHaveLength(2)
    expect(rows.filter((r) => r.flagged)).toHaveLength(1)
    expect(rows.find((r) => r.flagged)?.flagRule).toBeTruthy()
    // Ben, a parent, hears of it at once.
    expect(t.inboxOf(BEN).slice(before).join('\n')).toMatch(/Leo/)
  })
})
