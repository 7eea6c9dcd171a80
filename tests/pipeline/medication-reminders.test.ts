import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import type { ActorContext } from '../../src/domain/actor.js'
import { addDependentTool } from '../../src/domain/dependents/tools.js'
import { resolveActor } from '../../src/domain/families/queries.js'
import { addAllergyTool, logImmunizationTool } from '../../src/domain/medical/tools.js'
import {
  addMedicationTool,
  logDoseTool,
  recordRefillTool,
  stopMedicationTool,
} from '../../src/domain/medications/tools.js'
import { runTool, type Tool } from '../../src/domain/tools.js'
import { ManualClock } from '../../src/lib/clock.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

const ANA = '+15551230001' // owner (a parent), New York
const MARIA = '+15551230003' // the nanny
const JOE = '+15551230004' // grandpa, a member who takes his own pills
const apps: TestApp[] = []
afterEach(async () => {
  for (const a of apps.splice(0).reverse()) await a.close()
})

async function app(opts: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const t = await startTestApp({ clock: new ManualClock('2026-11-24T12:00:00Z'), ...opts }) // Tue 7:00 am NY
  apps.push(t)
  return t
}

async function say(t: TestApp, from: string, body: string): Promise<string[]> {
  const before = t.inboxOf(from).length
  await t.sms(from, body)
  await t.settle()
  return t.inboxOf(from).slice(before)
}

/** Moves the clock, ticks the scheduler, sends what it wrote; returns what each phone received. */
async function at(t: TestApp, iso: string): Promise<Record<string, string[]>> {
  const before = Object.fromEntries([ANA, MARIA, JOE].map((p) => [p, t.inboxOf(p).length]))
  t.clock.set(iso)
  await t.app.mednanny.scheduler.tick()
  await t.settle()
  return Object.fromEntries([ANA, MARIA, JOE].map((p) => [p, t.inboxOf(p).slice(before[p])]))
}

/** Runs a tool as the member with this phone, in one transaction, as the fast path would. */
async function as<I extends z.ZodType, O>(t: TestApp, phone: string, tool: Tool<I, O>, input: unknown): Promise<O> {
  return await t.app.mednanny.db.transaction(async (tx) => {
    const actor = (await resolveActor(tx, { kind: 'phone', address: phone, channel: 'sms' })) as ActorContext
    return await runTool(tool, { tx, actor, clock: t.clock }, input)
  })
}

/** Ana's family with Maria (nanny) and grandpa Joe (a member, and a dependent who is himself). */
async function family(t: TestApp): Promise<void> {
  await onboardFamily(t, ANA)
  await say(t, ANA, 'add Maria +1 555 123 0003 as nanny')
  await say(t, MARIA, 'yes')
  await say(t, ANA, 'add Joe +1 555 123 0004 as family member')
  await say(t, JOE, 'yes')
  const joe = await t.app.mednanny.db.read(async (tx) =>
    resolveActor(tx, { kind: 'phone', address: JOE, channel: 'sms' }),
  )
  await as(t, ANA, addDependentTool, {
    name: 'Joe',
    nicknames: ['Grandpa'],
    birthDate: '1948-05-02',
    memberId: joe?.memberId,
  })
  await say(t, ANA, 'add Leo, born March 2 2023, 15 kg')
}

const metformin = (extra: Record<string, unknown> = {}) => ({
  dependent: 'Joe',
  name: 'Metformin',
  strength: '500 mg',
  doseAmount: 1,
  doseUnit: 'tablet',
  schedule: { kind: 'times', times: ['08:00', '20:00'] },
  ...extra,
})

/** Leo's amoxicillin at 8:00, given by whoever `responsible` names (Maria by default), through the tool. */
async function amoxicillin(t: TestApp, responsible: 'maria' | 'nobody' = 'maria', extra: Record<string, unknown> = {}) {
  return await as(t, ANA, addMedicationTool, {
    dependent: 'Leo',
    name: 'Amoxicillin',
    strength: '250 mg/5 mL',
    doseAmount: 5,
    doseUnit: 'ml',
    schedule: { kind: 'times', times: ['08:00'] },
    ...(responsible === 'maria' ? { responsible: 'Maria' } : {}),
    ...extra,
  })
}

function query<T>(t: TestApp, sql: string, ...params: unknown[]): T[] {
  const raw = new Database(t.dbPath, { readonly: true })
  const rows = raw.prepare(sql).all(...params) as T[]
  raw.close()
  return rows
}

describe('dose reminders from a regimen', () => {
  it('reminds grandpa himself at 8:00 and 20:00, and TAKEN logs the dose at the reply time', async () => {
    const t = await app()
    await family(t)
    await as(t, ANA, addMedicationTool, metformin({ quantityOnHand: 60 }))
    expect((await at(t, '2026-11-24T12:59:59Z'))[JOE]).toEqual([])
    const eight = await at(t, '2026-11-24T13:00:03Z')
    expect(eight[JOE]).toEqual(['⏰ Time for your Metformin 500 mg (1 tablet) — reply TAKEN when done'])
    expect(eight[ANA]).toEqual([])
    t.clock.set('2026-11-24T13:04:00Z')
    expect(await say(t, JOE, 'TAKEN')).toEqual(['✅ Logged: your Metformin 500 mg (1 tablet), taken Tue 8:04 AM.'])
    const doses = query<{ drug_key: string; at: number; name: string }>(
      t,
      'SELECT d.drug_key, d.at, m.name FROM doses d JOIN members m ON m.id = d.given_by',
    )
    expect(doses).toEqual([{ drug_key: 'metformin', at: Date.parse('2026-11-24T13:04:00Z'), name: 'Joe' }])
    expect(query(t, 'SELECT quantity_on_hand AS q FROM medications')).toEqual([{ q: 59 }])
    expect(query(t, "SELECT count(*) AS n FROM audit_log WHERE action = 'dose.log'")).toEqual([{ n: 1 }])
    // Logged: no nudge at 8:30, nothing to the parents at 9:00; the evening dose comes at 20:00.
    expect(await at(t, '2026-11-24T13:30:01Z')).toEqual({ [ANA]: [], [MARIA]: [], [JOE]: [] })
    expect(await at(t, '2026-11-24T14:00:01Z')).toEqual({ [ANA]: [], [MARIA]: [], [JOE]: [] })
    expect((await at(t, '2026-11-25T01:00:02Z'))[JOE]).toEqual([
      '⏰ Time for your Metformin 500 mg (1 tablet) — reply TAKEN when done',
    ])
  })

  it('goes to the responsible member when there is one, else to the parents', async () => {
    const t = await app()
    await family(t)
    await amoxicillin(t, 'maria')
    await as(t, ANA, addMedicationTool, {
      dependent: 'Leo',
      name: 'Vitamin D',
      doseAmount: 1,
      doseUnit: 'drop',
      schedule: { kind: 'times', times: ['08:00'] },
    })
    const eight = await at(t, '2026-11-24T13:00:01Z')
    expect(eight[MARIA]).toEqual(["⏰ Time for Leo's Amoxicillin 250 mg/5 mL (5 ml) — reply TAKEN when done"])
    expect(eight[ANA]).toEqual(["⏰ Time for Leo's Vitamin D (1 drop) — reply TAKEN when done"])
    expect(eight[JOE]).toEqual([])
  })

  it('keeps 8:00 at 8:00 local through the spring-forward change', async () => {
    const t = await app({ clock: new ManualClock('2026-03-06T12:00:00Z') })
    await family(t)
    await as(t, ANA, addMedicationTool, metformin({ schedule: { kind: 'times', times: ['08:00'] } }))
    const sentAt: string[] = []
    for (let h = 0; h < 4 * 24; h++) {
      const iso = new Date(Date.parse('2026-03-07T00:00:00Z') + h * 3_600_000).toISOString()
      if ((await at(t, iso))[JOE]?.some((m) => m.startsWith('⏰'))) sentAt.push(iso)
    }
    // EST (UTC−5) until 8 March, EDT (UTC−4) from then: 13:00Z, then 12:00Z.
    expect(sentAt).toEqual([
      '2026-03-07T13:00:00.000Z',
      '2026-03-08T12:00:00.000Z',
      '2026-03-09T12:00:00.000Z',
      '2026-03-10T12:00:00.000Z',
    ])
  })

  it('stops after the regimen’s end date, and stopping a regimen cancels its reminders', async () => {
    const t = await app()
    await family(t)
    await as(
      t,
      ANA,
      addMedicationTool,
      metformin({ schedule: { kind: 'times', times: ['08:00'] }, endDate: '2026-11-25' }),
    )
    await amoxicillin(t, 'nobody')
    expect((await at(t, '2026-11-24T13:00:01Z'))[JOE]).toHaveLength(1)
    expect((await at(t, '2026-11-25T13:00:01Z'))[JOE]).toEqual([
      '⏰ Time for your Metformin 500 mg (1 tablet) — reply TAKEN when done',
    ])
    const stopped = await as(t, ANA, stopMedicationTool, { dependent: 'Leo', drug: 'amoxicillin' })
    expect(stopped).toMatchObject({ medication: 'Amoxicillin', removed: true })
    // Ana's 8:00 nudge for the amoxicillin (not logged) was pending: cancelled with the regimen.
    const later = await at(t, '2026-11-26T13:00:01Z')
    const after = await at(t, '2026-11-27T14:00:01Z')
    expect({ later, after }).toEqual({
      later: { [ANA]: [], [MARIA]: [], [JOE]: [] },
      after: { [ANA]: [], [MARIA]: [], [JOE]: [] },
    })
    expect(query(t, "SELECT count(*) AS n FROM schedules WHERE kind = 'dose' AND status = 'active'")).toEqual([
      { n: 0 },
    ])
  })
})

describe('a plan an allergy rules out (docs/decisions/0036)', () => {
  const WARNING =
    '⚠️ Leo has an allergy to penicillin on record (amoxicillin is a penicillin). Watch for hives, swelling of the lips, face or tongue, wheezing or trouble breathing: if you see any, call 911 now. Otherwise call your doctor or pharmacist.'

  it('an allergy recorded while a plan runs says so at once; TAKEN then flags the dose and tells the parent', async () => {
    const t = await app()
    await family(t)
    await amoxicillin(t)
    expect(await say(t, ANA, 'Leo is allergic to penicillin (hives)')).toEqual([
      [
        'Recorded: Leo has an allergy to penicillin (hives).',
        '⚠️ Leo’s Amoxicillin is one this allergy rules out: check with the doctor before the next dose.',
        'It is on the visit summary, and I’ll warn anyone who logs or asks about a medicine it rules out.',
      ].join('\n'),
    ])
    expect((await at(t, '2026-11-24T13:00:01Z'))[MARIA]).toHaveLength(1) // the 8:00 reminder still goes out
    t.clock.set('2026-11-24T13:04:00Z')
    expect(await say(t, MARIA, 'taken')).toEqual([
      `Logged and flagged: Leo's Amoxicillin 250 mg/5 mL (5 ml), taken Tue 8:04 AM.\n${WARNING.replace('penicillin on record', 'penicillin (hives) on record')} I’ve told the parents.`,
    ])
    expect(t.inboxOf(ANA).at(-1)).toBe(
      'Leo: Amoxicillin was given. Leo has an allergy to penicillin (hives) on record (amoxicillin is a penicillin).',
    )
    expect(query(t, 'SELECT flagged, flag_rule FROM doses')).toEqual([{ flagged: 1, flag_rule: 'DOSE-ALLERGY' }])
  })

  it('"morning meds" names no drug, and is still checked, dose by dose', async () => {
    const t = await app()
    await family(t)
    await amoxicillin(t)
    await as(t, ANA, addAllergyTool, { dependent: 'Leo', substance: 'penicillin' })
    t.clock.set('2026-11-24T13:10:00Z') // 8:10 am
    const replies = await say(t, MARIA, 'Leo had his morning meds')
    expect(replies).toEqual([
      `Logged: Leo, morning medicines (Amoxicillin) at 8:10 AM.\n${WARNING} I’ve told the parents.`,
    ])
    expect(query(t, 'SELECT flagged, flag_rule FROM doses')).toEqual([{ flagged: 1, flag_rule: 'DOSE-ALLERGY' }])
  })

  it('the agent’s log_dose carries the warning whatever the drug, when no gate judged it', async () => {
    const t = await app()
    await family(t)
    await as(t, ANA, addAllergyTool, { dependent: 'Leo', substance: 'ibuprofen' })
    const out = await as(t, MARIA, logDoseTool, { dependent: 'Leo', drug: 'Motrin', amount: 5, unit: 'ml' })
    expect(out.allergyWarning).toMatch(/^⚠️ Leo has an allergy to ibuprofen on record\. Watch for hives/)
    expect(out.parentsTold).toBe(1)
  })
})

describe('missed-dose nudges', () => {
  const nudge1 =
    "🔔 Not logged yet: Leo's Amoxicillin 250 mg/5 mL (5 ml), due Tue 8:00 AM. Reply TAKEN once it’s taken."
  const nudge2 =
    "🔔 Still not logged: Leo's Amoxicillin 250 mg/5 mL (5 ml), due Tue 8:00 AM. Maria was reminded. Reply TAKEN if it was taken."

  it('nudges the nanny after 30 minutes, then a parent after another 30, each once; the parent’s TAKEN logs it', async () => {
    const t = await app()
    await family(t)
    await amoxicillin(t)
    expect((await at(t, '2026-11-24T13:00:01Z'))[MARIA]).toHaveLength(1)
    expect(await at(t, '2026-11-24T13:29:59Z')).toEqual({ [ANA]: [], [MARIA]: [], [JOE]: [] })
    expect(await at(t, '2026-11-24T13:30:02Z')).toEqual({ [ANA]: [], [MARIA]: [nudge1], [JOE]: [] })
    expect(await at(t, '2026-11-24T13:30:07Z')).toEqual({ [ANA]: [], [MARIA]: [], [JOE]: [] })
    expect(await at(t, '2026-11-24T14:00:03Z')).toEqual({ [ANA]: [nudge2], [MARIA]: [], [JOE]: [] })
    expect(await at(t, '2026-11-24T15:00:00Z')).toEqual({ [ANA]: [], [MARIA]: [], [JOE]: [] })
    t.clock.set('2026-11-24T15:05:00Z')
    expect(await say(t, ANA, 'taken')).toEqual(["✅ Logged: Leo's Amoxicillin 250 mg/5 mL (5 ml), taken Tue 10:05 AM."])
    expect(await say(t, MARIA, 'taken')).toEqual([
      "Already logged: Leo's Amoxicillin 250 mg/5 mL (5 ml), at Tue 10:05 AM.",
    ])
    expect(query(t, 'SELECT count(*) AS n FROM doses')).toEqual([{ n: 1 }])
  })

  it('a dose logged in the meantime stops the chain', async () => {
    const t = await app()
    await family(t)
    await amoxicillin(t)
    await at(t, '2026-11-24T13:00:01Z')
    t.clock.set('2026-11-24T13:10:00Z')
    expect(await say(t, MARIA, 'gave leo amoxicillin 5 ml')).toEqual([
      expect.stringMatching(/^Logged: Leo, amoxicillin/),
    ])
    expect(await at(t, '2026-11-24T13:30:01Z')).toEqual({ [ANA]: [], [MARIA]: [], [JOE]: [] })
    expect(await at(t, '2026-11-24T14:00:01Z')).toEqual({ [ANA]: [], [MARIA]: [], [JOE]: [] })
  })

  it('DOSE_NUDGE_MINUTES sets the window', async () => {
    const t = await app({ env: { DOSE_NUDGE_MINUTES: '10' } })
    await family(t)
    await amoxicillin(t)
    await at(t, '2026-11-24T13:00:01Z')
    expect((await at(t, '2026-11-24T13:10:01Z'))[MARIA]).toEqual([nudge1])
    expect((await at(t, '2026-11-24T13:20:01Z'))[ANA]).toEqual([nudge2])
  })

  it('survives a restart on the same database file without repeating a step', async () => {
    const clock = new ManualClock('2026-11-24T12:00:00Z')
    const first = await app({ clock })
    await family(first)
    await amoxicillin(first)
    await at(first, '2026-11-24T13:00:01Z')
    expect((await at(first, '2026-11-24T13:30:01Z'))[MARIA]).toEqual([nudge1])
    await first.app.close()
    const second = await app({ clock, dbPath: first.dbPath, fake: first.fake })
    expect(await at(second, '2026-11-24T13:30:30Z')).toEqual({ [ANA]: [], [MARIA]: [], [JOE]: [] })
    expect(await at(second, '2026-11-24T14:00:02Z')).toEqual({ [ANA]: [nudge2], [MARIA]: [], [JOE]: [] })
    expect(await at(second, '2026-11-24T14:30:00Z')).toEqual({ [ANA]: [], [MARIA]: [], [JOE]: [] })
    expect(
      query(second, "SELECT kind, count(*) AS n FROM outbox WHERE kind LIKE 'dose%' GROUP BY kind ORDER BY kind"),
    ).toEqual([
      { kind: 'dose_nudge', n: 2 },
      { kind: 'dose_reminder', n: 1 },
    ])
  })
})

describe('refill reminders', () => {
  const refill = '💊 Refill soon: your Metformin 500 mg has about 7 days left. 2 refills left on the prescription.'

  it('reminds grandpa and the parents once when the supply crosses 7 days, and again after a refill runs low', async () => {
    const t = await app()
    await family(t)
    await as(t, ANA, addMedicationTool, metformin({ quantityOnHand: 16, refillsLeft: 2 })) // 8 days at 2 a day
    expect(await at(t, '2026-11-24T12:00:05Z')).toEqual({ [ANA]: [], [MARIA]: [], [JOE]: [] })
    await at(t, '2026-11-24T13:00:01Z')
    t.clock.set('2026-11-24T13:02:00Z')
    await say(t, JOE, 'taken') // 15 tablets: 7 days
    const low = await at(t, '2026-11-24T13:02:05Z')
    expect(low[JOE]).toEqual([refill])
    expect(low[ANA]).toEqual([expect.stringMatching(/^💊 Refill soon: Joe's Metformin 500 mg has about 7 days left/)])
    await as(t, JOE, logDoseTool, { dependent: 'Joe', drug: 'metformin' }) // 14: still 7 days, same crossing
    expect(await at(t, '2026-11-24T13:05:00Z')).toEqual({ [ANA]: [], [MARIA]: [], [JOE]: [] })
    await as(t, ANA, recordRefillTool, { dependent: 'Joe', drug: 'metformin', quantity: 4 }) // 18: 9 days
    expect(await at(t, '2026-11-24T13:06:00Z')).toEqual({ [ANA]: [], [MARIA]: [], [JOE]: [] })
    for (let i = 0; i < 3; i++) await as(t, JOE, logDoseTool, { dependent: 'Joe', drug: 'metformin' }) // 15: 7 days
    expect((await at(t, '2026-11-24T13:07:00Z'))[JOE]).toEqual([
      '💊 Refill soon: your Metformin 500 mg has about 7 days left. 1 refill left on the prescription.',
    ])
  })

  it('REFILL_REMINDER_DAYS sets the threshold, and a regimen added already low reminds once', async () => {
    const t = await app({ env: { REFILL_REMINDER_DAYS: '10' } })
    await family(t)
    await as(t, ANA, addMedicationTool, metformin({ quantityOnHand: 20 })) // 10 days
    expect((await at(t, '2026-11-24T12:00:05Z'))[JOE]).toEqual([
      '💊 Refill soon: your Metformin 500 mg has about 10 days left.',
    ])
    expect(await at(t, '2026-11-24T12:10:00Z')).toEqual({ [ANA]: [], [MARIA]: [], [JOE]: [] })
  })
})

describe('immunizations', () => {
  it('answers “shots due for Maya?” from her birth date and recorded shots', async () => {
    const t = await app()
    await onboardFamily(t, ANA)
    await say(t, ANA, 'add Maya, born 2026-07-24')
    for (const [vaccine, givenOn] of [
      ['Hep B', '2026-07-25'],
      ['Pediarix', '2026-09-24'],
      ['Hib', '2026-09-24'],
      ['Prevnar 20', '2026-09-24'],
      ['Rotavirus', '2026-09-24'],
    ]) {
      await as(t, ANA, logImmunizationTool, { dependent: 'Maya', vaccine, givenOn })
    }
    expect(await say(t, ANA, 'shots due for Maya?')).toEqual([
      [
        'Maya (4 months):',
        'Due now: rotavirus 2, DTaP 2, Hib 2, pneumococcal (PCV) 2, polio (IPV) 2',
        'Done: Hep B 1, Hep B 2, rotavirus 1, DTaP 1, Hib 1, pneumococcal (PCV) 1, polio (IPV) 1',
        'Next, at 6 months (from 2027-01-24): Hep B 3, rotavirus 3 (RotaTeq only), DTaP 3, Hib 3 (depends on the brand), pneumococcal (PCV) 3, polio (IPV) 3',
        'From the CDC schedule; your pediatrician has the final plan (catch-up doses included).',
      ].join('\n'),
    ])
  })

  it('lists overdue doses for every child when no name is given', async () => {
    const t = await app()
    await onboardFamily(t, ANA)
    await say(t, ANA, 'add Maya, born 2026-07-24')
    const [reply] = await say(t, ANA, 'what shots are due?')
    expect(reply).toMatch(
      /^Maya \(4 months\):\nOverdue: Hep B 1, Hep B 2, rotavirus 1, DTaP 1, Hib 1, pneumococcal \(PCV\) 1, polio \(IPV\) 1\nDue now: rotavirus 2/,
    )
  })

  it('reminds the parents a week before the next visit, naming the doses not yet recorded', async () => {
    const t = await app()
    await onboardFamily(t, ANA)
    await say(t, ANA, 'add Maya, born 2026-07-24')
    await as(t, ANA, logImmunizationTool, { dependent: 'Maya', vaccine: 'Hep B', givenOn: '2026-12-01' })
    await as(t, ANA, logImmunizationTool, { dependent: 'Maya', vaccine: 'Hep B', givenOn: '2026-12-02' })
    await as(t, ANA, logImmunizationTool, { dependent: 'Maya', vaccine: 'Hep B', givenOn: '2026-12-03' })
    expect((await at(t, '2027-01-17T13:59:00Z'))[ANA]).toEqual([])
    expect((await at(t, '2027-01-17T14:00:01Z'))[ANA]).toEqual([
      "💉 Maya's 6-month shots are due around Sun Jan 24 (CDC schedule): rotavirus 3 (RotaTeq only), DTaP 3, Hib 3 (depends on the brand), pneumococcal (PCV) 3, polio (IPV) 3. Book the visit if it isn’t booked yet; your pediatrician decides the final plan.",
    ])
    expect((await at(t, '2027-01-17T14:05:00Z'))[ANA]).toEqual([])
  })
})
