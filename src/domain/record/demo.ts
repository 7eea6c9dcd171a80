import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../actor.js'
import { addNote, logDiaper, logFeed, logSleepRange, logTemperature } from '../care-log/service.js'
import { addDependent } from '../dependents/service.js'
import { resolveActor } from '../families/queries.js'
import { createFamily, seedDemoMember } from '../families/service.js'
import { addAllergy, addCondition, addProvider, logImmunization, logVisit } from '../medical/service.js'
import { addMedication, logDose } from '../medications/service.js'
import { clockIn, clockOut, createShift } from '../nanny/service.js'

/** The demo family's phones: the fictional +1 555 01xx range (no real person holds these numbers). */
export const DEMO_PHONES = {
  ana: '+15550100101',
  ben: '+15550100102',
  maria: '+15550100103',
  joe: '+15550100104',
} as const

/**
 * A family a newcomer can try every feature with, a minute after `npm start`: two parents (Ana, the
 * owner, and Ben), a nanny (Maria), a 4-month-old (Maya) and a preschooler (Leo) with three days of
 * history, and grandpa Joe on metformin and lisinopril. Everything goes through the domain services.
 */
export async function seedDemoFamily(tx: Tx, now: Date, timezone = 'America/New_York') {
  const { family } = await createFamily(tx, now, {
    name: 'The Demo Family',
    timezone,
    locale: 'en-US',
    owner: { name: 'Ana', sender: { kind: 'phone', address: DEMO_PHONES.ana, channel: 'sms' } },
  })
  await seedDemoMember(tx, now, family.id, {
    name: 'Ben',
    role: 'admin',
    phone: DEMO_PHONES.ben,
    emergencyContact: true,
  })
  await seedDemoMember(tx, now, family.id, { name: 'Maria', role: 'caregiver', phone: DEMO_PHONES.maria })
  const joeMember = await seedDemoMember(tx, now, family.id, { name: 'Joe', role: 'member', phone: DEMO_PHONES.joe })
  const ana = (await resolveActor(tx, { kind: 'phone', address: DEMO_PHONES.ana, channel: 'sms' })) as ActorContext
  const maria = (await resolveActor(tx, { kind: 'phone', address: DEMO_PHONES.maria, channel: 'sms' })) as ActorContext
  const local = DateTime.fromJSDate(now, { zone: timezone })
  const date = (d: DateTime) => d.toISODate() ?? ''

  const maya = await addDependent(tx, ana, now, {
    name: 'Maya',
    nicknames: ['May'],
    birthDate: date(local.minus({ months: 4 })),
    sex: 'female',
    weightKg: 6.4,
  })
  const leo = await addDependent(tx, ana, now, {
    name: 'Leo',
    birthDate: date(local.minus({ years: 3, months: 6 })),
    weightKg: 15.2,
  })
  const joe = await addDependent(tx, ana, now, {
    name: 'Joe',
    nicknames: ['Grandpa'],
    birthDate: '1948-05-02',
    memberId: joeMember.id,
  })
  const rivera = await addProvider(tx, ana, now, { name: 'Dr. Rivera', role: 'pediatrician', phone: '+15550100199' })
  await addAllergy(tx, ana, now, { dependentId: leo.id, substance: 'peanuts', reaction: 'hives', severity: 'moderate' })
  await addMedication(tx, ana, now, {
    dependentId: joe.id,
    name: 'Metformin',
    strength: '500 mg',
    doseAmount: 1,
    doseUnit: 'tablet',
    schedule: { kind: 'times', times: ['08:00', '20:00'] },
    quantityOnHand: 40,
    refillsLeft: 2,
  })
  await addMedication(tx, ana, now, {
    dependentId: joe.id,
    name: 'Lisinopril',
    strength: '10 mg',
    doseAmount: 1,
    doseUnit: 'tablet',
    schedule: { kind: 'times', times: ['08:00'] },
    quantityOnHand: 9,
    refillsLeft: 0,
  })
  await addMedication(tx, ana, now, {
    dependentId: maya.id,
    name: 'Infant Tylenol',
    strength: '160 mg/5 mL',
    schedule: { kind: 'interval', hours: 4, asNeeded: true },
  })

  // Three days of Maya: a bottle every three hours, diapers, two naps a day; Joe's doses on time.
  for (let day = 3; day >= 1; day--) {
    const start = local.minus({ days: day }).startOf('day')
    for (const hour of [1, 4, 7, 10, 13, 16, 19, 22]) {
      const at = start.plus({ hours: hour }).toJSDate()
      await logFeed(tx, maria, now, {
        dependentId: maya.id,
        at,
        method: 'bottle',
        amountMl: 120,
        unit: 'ml',
        milk: 'formula',
      })
      await logDiaper(tx, maria, now, { dependentId: maya.id, at, wet: true, dirty: hour % 6 === 1 })
    }
    for (const [from, to] of [
      [9, 10.5],
      [14, 15.75],
    ] as const) {
      await logSleepRange(tx, maria, now, {
        dependentId: maya.id,
        at: start.plus({ hours: from }).toJSDate(),
        endAt: start.plus({ hours: to }).toJSDate(),
      })
    }
    for (const hour of [8, 20]) {
      await logDose(tx, ana, now, {
        dependentId: joe.id,
        drugName: 'Metformin',
        at: start.plus({ hours: hour }).toJSDate(),
      })
    }
    await logDose(tx, ana, now, {
      dependentId: joe.id,
      drugName: 'Lisinopril',
      at: start.plus({ hours: 8 }).toJSDate(),
    })
  }
  await logTemperature(tx, ana, now, {
    dependentId: leo.id,
    at: local.minus({ days: 1 }).set({ hour: 18 }).toJSDate(),
    value: 37.2,
    unit: 'C',
    site: 'ear',
  })
  await addNote(tx, maria, now, {
    dependentId: maya.id,
    at: local.minus({ days: 1 }).set({ hour: 15, minute: 30 }).toJSDate(),
    body: 'Rolled from tummy to back for the first time!',
  })
  await addCondition(tx, ana, now, {
    dependentId: joe.id,
    name: 'type 2 diabetes',
    note: 'diagnosed 2019, on metformin',
  })
  await logVisit(tx, ana, now, {
    dependentId: maya.id,
    at: local.minus({ days: 2 }).set({ hour: 10, minute: 0 }).toJSDate(),
    providerId: rivera.id,
    reason: '4-month check-up',
    notes: 'Growing well; next visit at 6 months.',
  })
  await logImmunization(tx, ana, now, {
    dependentId: maya.id,
    vaccine: 'DTaP',
    givenOn: date(local.minus({ days: 2 })),
    dose: '2 of 5',
  })
  // Maria works weekdays 8–5; her last three days on the clock, with a handoff note.
  for (let day = 3; day >= 1; day--) {
    const start = local.minus({ days: day }).startOf('day')
    if (start.weekday > 5) continue
    const inAt = start.plus({ hours: 8 }).toJSDate()
    const outAt = start.plus({ hours: 17, minutes: 10 }).toJSDate()
    await clockIn(tx, maria, inAt, inAt)
    await clockOut(tx, maria, outAt, { at: outAt, note: day === 1 ? 'Maya rolled over!' : undefined })
  }
  await createShift(tx, ana, now, {
    memberId: maria.memberId,
    date: date(local),
    start: '08:00',
    minutes: 9 * 60,
    days: ['MO', 'TU', 'WE', 'TH', 'FR'],
  })
  return { family, phones: DEMO_PHONES }
}
