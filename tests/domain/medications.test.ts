import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/client.js'
import type { ActorContext } from '../../src/domain/actor.js'
import { dependentTools } from '../../src/domain/dependents/tools.js'
import type { DomainError } from '../../src/domain/errors.js'
import { resolveActor } from '../../src/domain/families/queries.js'
import { acceptInvitation, createFamily, inviteMember } from '../../src/domain/families/service.js'
import { drugKey } from '../../src/domain/medications/drugs.js'
import { daysOfSupply } from '../../src/domain/medications/service.js'
import { medicationTools } from '../../src/domain/medications/tools.js'
import { runTool, type Tool } from '../../src/domain/tools.js'
import { ManualClock } from '../../src/lib/clock.js'
import { tempDb } from '../support/harness.js'

let db: Db
let cleanup: () => void
let clock: ManualClock
let owner: ActorContext
let nanny: ActorContext

const tools = [...medicationTools, ...dependentTools] as Tool[]
const run = (name: string, actor: ActorContext, input: unknown) =>
  db.transaction((tx) => runTool(tools.find((t) => t.name === name) as Tool, { tx, actor, clock }, input))
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: DomainError) => e.code,
  )

beforeEach(async () => {
  ;({ db, cleanup } = tempDb())
  clock = new ManualClock('2026-11-18T14:00:00Z') // 9:00 am in New York
  ;[owner, nanny] = await db.transaction(async (tx) => {
    await createFamily(tx, clock.now(), {
      name: 'The Garcias',
      timezone: 'America/New_York',
      locale: 'en-US',
      owner: { name: 'Ana', sender: { kind: 'phone', address: '+15551230001', channel: 'sms' } },
    })
    const o = (await resolveActor(tx, { kind: 'phone', address: '+15551230001', channel: 'sms' })) as ActorContext
    const { invitation } = await inviteMember(tx, o, clock.now(), {
      name: 'Maria',
      role: 'caregiver',
      emergencyContact: false,
      kind: 'phone',
      address: '+15551230002',
    })
    await acceptInvitation(tx, clock.now(), invitation, { response: 'YES', channel: 'sms' })
    const n = (await resolveActor(tx, { kind: 'phone', address: '+15551230002', channel: 'sms' })) as ActorContext
    return [o, n]
  })
  await run('add_dependent', owner, { name: 'Joe', birthDate: '1948-05-02' })
  await run('add_dependent', owner, { name: 'Maya', birthDate: '2026-07-20' })
  await run('add_medication', owner, {
    dependent: 'Joe',
    name: 'Metformin',
    strength: '500 mg',
    doseAmount: 1,
    doseUnit: 'tablet',
    schedule: { kind: 'times', times: ['08:00', '20:00'] },
    quantityOnHand: 30,
    refillsLeft: 2,
  })
  await run('add_medication', owner, {
    dependent: 'Joe',
    name: 'Lisinopril',
    strength: '10 mg',
    doseAmount: 1,
    doseUnit: 'tablet',
    schedule: { kind: 'times', times: ['08:00'] },
    quantityOnHand: 12,
  })
})
afterEach(() => cleanup())

describe('medications', () => {
  it('knows brands and product lines as one drug', () => {
    expect(drugKey('Infant Tylenol')).toBe('acetaminophen')
    expect(drugKey("children's motrin")).toBe('ibuprofen')
    expect(drugKey('Calpol 120mg/5ml')).toBe('acetaminophen')
    expect(drugKey('Metformin 500mg')).toBe('metformin')
  })

  it('counts the last dose of a drug by any brand and by anyone in the family', async () => {
    await run('log_dose', owner, {
      dependent: 'Maya',
      drug: 'infant tylenol',
      amount: 2.5,
      unit: 'ml',
      at: '2026-11-18T12:00:00Z',
    })
    await run('log_dose', nanny, { dependent: 'Maya', drug: 'Calpol', amount: 2.5, unit: 'ml' })
    const out = (await run('last_dose', owner, { dependent: 'Maya', drug: 'Tylenol' })) as {
      dose: { drugName: string; givenBy: string; at: Date }
    }
    expect(out.dose).toMatchObject({ drugName: 'Calpol', givenBy: nanny.memberId, at: clock.now() })
  })

  it('answers “have I taken my morning meds?” from today’s schedule', async () => {
    let out = (await run('adherence_today', owner, { dependent: 'Joe', slot: 'morning' })) as {
      doses: { medication: string; taken: boolean }[]
    }
    expect(out.doses).toEqual([
      {
        medication: 'Metformin',
        time: '08:00',
        scheduledAt: new Date('2026-11-18T13:00:00Z'),
        taken: false,
        takenAt: undefined,
      },
      {
        medication: 'Lisinopril',
        time: '08:00',
        scheduledAt: new Date('2026-11-18T13:00:00Z'),
        taken: false,
        takenAt: undefined,
      },
    ])
    await run('log_slot_doses', nanny, { dependent: 'Joe', slot: 'morning' })
    out = (await run('adherence_today', owner, { dependent: 'Joe', slot: 'morning' })) as typeof out
    expect(out.doses.map((d) => d.taken)).toEqual([true, true])
    // Said again: nothing more is logged.
    const again = (await run('log_slot_doses', nanny, { dependent: 'Joe', slot: 'morning' })) as { logged: string[] }
    expect(again.logged).toEqual([])
  })

  it('files “took his morning pills” said in the afternoon at the morning’s scheduled time', async () => {
    clock.set('2026-11-18T21:10:00Z') // 4:10 pm
    await run('log_slot_doses', nanny, { dependent: 'Joe', slot: 'morning' })
    const out = (await run('adherence_today', owner, { dependent: 'Joe', slot: 'morning' })) as {
      doses: { taken: boolean; takenAt: Date }[]
    }
    expect(out.doses.map((d) => [d.taken, d.takenAt])).toEqual([
      [true, new Date('2026-11-18T13:00:00Z')],
      [true, new Date('2026-11-18T13:00:00Z')],
    ])
  })

  it('draws the supply down with each dose and says how many days are left', async () => {
    expect(((await run('refill_days', owner, { dependent: 'Joe', drug: 'lisinopril' })) as { days: number }).days).toBe(
      12,
    )
    await run('log_dose', owner, { dependent: 'Joe', drug: 'lisinopril' })
    expect(((await run('refill_days', owner, { dependent: 'Joe', drug: 'lisinopril' })) as { days: number }).days).toBe(
      11,
    )
    expect(
      daysOfSupply({ schedule: { kind: 'times', times: ['08:00', '20:00'] }, quantityOnHand: 30, doseAmount: 1 }),
    ).toBe(15)
    expect(daysOfSupply({ schedule: { kind: 'as_needed' }, quantityOnHand: 30, doseAmount: 1 })).toBeUndefined()
  })

  it('answers the prescribed dose, and not_found for a drug not on record', async () => {
    const info = (await run('dose_info', nanny, { dependent: 'Joe', drug: 'metformin' })) as { strength: string }
    expect(info.strength).toBe('500 mg')
    expect(await codeOf(run('dose_info', nanny, { dependent: 'Joe', drug: 'amoxicillin' }))).toBe('not_found')
  })

  it('lets a caregiver give doses but not change the plan', async () => {
    expect(
      await codeOf(
        run('add_medication', nanny, { dependent: 'Joe', name: 'Aspirin', schedule: { kind: 'as_needed' } }),
      ),
    ).toBe('forbidden')
    expect(await codeOf(run('log_dose', nanny, { dependent: 'Joe', drug: 'metformin' }))).toBe('ok')
  })
})
