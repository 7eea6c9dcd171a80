import { describe, expect, it } from 'vitest'
import { describePlan, reminders } from '../../../src/agent/photos/present.js'
import { pickDependent } from '../../../src/agent/photos/propose.js'
import {
  type DocumentReading,
  type ProposedMedication,
  planFromReading,
  scheduleOf,
} from '../../../src/agent/photos/reading.js'
import type { Dependent } from '../../../src/domain/dependents/service.js'

const reading = (r: Partial<DocumentReading>): DocumentReading => ({ kind: 'prescription', summary: '', ...r })

describe('a reading becomes a plan', () => {
  it('turns "twice daily" into 8am and 8pm, "every 8 hours" into three times from 8am', () => {
    expect(scheduleOf(reading({ timesPerDay: 2 }))).toEqual({ kind: 'times', times: ['08:00', '20:00'] })
    expect(scheduleOf(reading({ everyHours: 8 }))).toEqual({ kind: 'times', times: ['00:00', '08:00', '16:00'] })
    expect(scheduleOf(reading({ everyHours: 6, asNeeded: true }))).toEqual({
      kind: 'interval',
      hours: 6,
      asNeeded: true,
    })
    expect(scheduleOf(reading({ asNeeded: true }))).toEqual({ kind: 'as_needed' })
    expect(scheduleOf(reading({ timesPerDay: 6 }))).toEqual({ kind: 'interval', hours: 4, asNeeded: false })
    expect(scheduleOf(reading({}))).toBeUndefined()
  })

  it('says what is missing instead of guessing', () => {
    expect(planFromReading(reading({ timesPerDay: 2 }))).toEqual({ missing: 'drug' })
    expect(planFromReading(reading({ drug: 'Amoxicillin' }))).toEqual({ missing: 'frequency' })
  })

  it('keeps a quantity only in the dose’s unit, and bounds what the tool would refuse', () => {
    const { plan } = planFromReading(
      reading({
        drug: 'Metformin',
        strength: '500 mg',
        doseAmount: 1,
        doseUnit: 'tablets',
        timesPerDay: 2,
        quantity: 60,
        quantityUnit: 'tablets',
        refills: 3,
      }),
    ) as { plan: ProposedMedication }
    expect(plan).toMatchObject({ doseUnit: 'tablet', quantityOnHand: 60, refillsLeft: 3 })
    const other = planFromReading(
      reading({
        drug: 'Amoxicillin',
        doseAmount: 5,
        doseUnit: 'mL',
        timesPerDay: 2,
        quantity: 2,
        quantityUnit: 'bottles',
        refills: -1,
        prescriber: 'x'.repeat(200),
      }),
    )
    expect(other).toMatchObject({ plan: { quantityOnHand: undefined, refillsLeft: undefined, prescriber: undefined } })
  })

  it('words the plan as the confirmation says it', () => {
    const { plan } = planFromReading(
      reading({ drug: 'Amoxicillin', strength: '250 mg/5 mL', doseAmount: 5, doseUnit: 'ml', timesPerDay: 2 }),
    ) as {
      plan: Parameters<typeof describePlan>[0]
    }
    expect(describePlan(plan)).toBe('Amoxicillin 250 mg/5 mL, 5 mL twice a day')
    expect(reminders(plan.schedule)).toBe('reminders at 8am and 8pm')
    expect(reminders({ kind: 'times', times: ['08:00', '14:30'] })).toBe('reminders at 8am and 2:30pm')
  })
})

describe('whom a photo is for', () => {
  const dep = (id: string, name: string, nicknames: string[] = [], memberId: string | null = null) =>
    ({ id, name, nicknames, memberId }) as unknown as Dependent
  const family = [dep('d1', 'Grandpa Joe', ['Pops'], 'm_joe'), dep('d2', 'Maya Garcia'), dep('d3', 'Leo Garcia')]

  it('takes the one the caption names, by name, first name or nickname', () => {
    expect(pickDependent(family, 'm_ana', 'this is for pops', '')?.id).toBe('d1')
    expect(pickDependent(family, 'm_ana', "Maya's new meds", '')?.id).toBe('d2')
  })

  it('falls back to the label’s patient name, and asks when it names several or none', () => {
    expect(pickDependent(family, 'm_ana', '', 'GARCIA, LEO')?.id).toBe('d3')
    expect(pickDependent(family, 'm_ana', '', 'Garcia')).toBeUndefined()
    expect(pickDependent(family, 'm_ana', '', 'Someone Else')).toBeUndefined()
  })

  it('takes the sender when they are in the record and say it is theirs, and the only one when there is one', () => {
    expect(pickDependent(family, 'm_joe', 'my new pills', '')?.id).toBe('d1')
    // A name wins over "my": Joe sending his grandson's prescription.
    expect(pickDependent(family, 'm_joe', 'for my grandson Leo', '')?.id).toBe('d3')
    expect(pickDependent([dep('d9', 'Grandpa')], 'm_ana', '', 'John Smith')?.id).toBe('d9')
  })
})
