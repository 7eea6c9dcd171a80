import { and, desc, eq, gte, isNull } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { DomainError } from '../errors.js'
import { applyEndDate, cancelMedicationSchedules, createDoseSchedules } from '../schedules/dose.js'
import { armRefillCheck } from '../schedules/refill.js'
import { DRUG_NAMES } from './drug-names.js'
import { drugKey } from './drugs.js'
import { doses, type MedicationSchedule, medications } from './schema.js'

export type Medication = typeof medications.$inferSelect
export type Dose = typeof doses.$inferSelect

export interface AddMedication {
  dependentId: string
  name: string
  strength?: string
  form?: string
  doseAmount?: number
  doseUnit?: string
  schedule: MedicationSchedule
  startDate?: string
  endDate?: string
  prescriber?: string
  pharmacy?: string
  quantityOnHand?: number
  refillsLeft?: number
  responsibleMemberId?: string
}

export async function addMedication(tx: Tx, actor: ActorContext, now: Date, input: AddMedication): Promise<Medication> {
  const row: Medication = {
    id: newId('med'),
    familyId: actor.familyId,
    dependentId: input.dependentId,
    name: input.name,
    drugKey: drugKey(input.name),
    strength: input.strength ?? null,
    form: input.form ?? null,
    doseAmount: input.doseAmount ?? null,
    doseUnit: input.doseUnit ?? null,
    schedule: input.schedule,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    prescriber: input.prescriber ?? null,
    pharmacy: input.pharmacy ?? null,
    quantityOnHand: input.quantityOnHand ?? null,
    refillsLeft: input.refillsLeft ?? null,
    responsibleMemberId: input.responsibleMemberId ?? null,
    createdAt: now,
    deletedAt: null,
  }
  await tx.insert(medications).values(row)
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'medication.create',
    subjectType: 'medication',
    subjectId: row.id,
  })
  // Fixed times become dose reminders for whoever gives it; a counted supply gets its refill check.
  await createDoseSchedules(tx, actor, now, row)
  await armRefillCheck(tx, now, row, actor)
  return row
}

/**
 * Stops a regimen. Without an end date (or with one that has passed) it is removed now and everything
 * scheduled for it is cancelled; with a future end date its dose reminders stop after that day.
 */
export async function stopMedication(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { medicationId: string; endDate?: string },
): Promise<Medication> {
  const [med] = await tx
    .select()
    .from(medications)
    .where(
      and(
        eq(medications.id, input.medicationId),
        eq(medications.familyId, actor.familyId),
        isNull(medications.deletedAt),
      ),
    )
  if (!med) throw new DomainError('not_found', `medication ${input.medicationId}`)
  const today = DateTime.fromJSDate(now, { zone: actor.timezone }).toISODate() ?? ''
  const endDate = input.endDate ?? today
  const removeNow = endDate < today || !input.endDate
  await tx
    .update(medications)
    .set({ endDate, ...(removeNow ? { deletedAt: now } : {}) })
    .where(eq(medications.id, med.id))
  if (removeNow) await cancelMedicationSchedules(tx, now, med.id)
  else await applyEndDate(tx, now, med.id, endDate)
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: removeNow ? 'medication.remove' : 'medication.end',
    subjectType: 'medication',
    subjectId: med.id,
  })
  return { ...med, endDate, deletedAt: removeNow ? now : null }
}

/** A refill picked up: the supply grows by `quantity` (dose units) and one refill is used. */
export async function recordRefill(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { medicationId: string; quantity: number },
): Promise<Medication> {
  const [med] = await tx
    .select()
    .from(medications)
    .where(
      and(
        eq(medications.id, input.medicationId),
        eq(medications.familyId, actor.familyId),
        isNull(medications.deletedAt),
      ),
    )
  if (!med) throw new DomainError('not_found', `medication ${input.medicationId}`)
  const updated = {
    ...med,
    quantityOnHand: (med.quantityOnHand ?? 0) + input.quantity,
    refillsLeft: med.refillsLeft != null && med.refillsLeft > 0 ? med.refillsLeft - 1 : med.refillsLeft,
  }
  await tx
    .update(medications)
    .set({ quantityOnHand: updated.quantityOnHand, refillsLeft: updated.refillsLeft })
    .where(eq(medications.id, med.id))
  await armRefillCheck(tx, now, updated, actor)
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'medication.refill',
    subjectType: 'medication',
    subjectId: med.id,
  })
  return updated
}

/** Active regimens of a dependent (or of the whole family). */
export async function listMedications(tx: Tx, actor: ActorContext, dependentId?: string): Promise<Medication[]> {
  return tx
    .select()
    .from(medications)
    .where(
      and(
        eq(medications.familyId, actor.familyId),
        isNull(medications.deletedAt),
        dependentId ? eq(medications.dependentId, dependentId) : undefined,
      ),
    )
}

export interface LogDose {
  dependentId: string
  drugName: string
  /** The generic when already known (the parser corrects typos); else derived from the name. */
  drugKey?: string
  amount?: number
  unit?: string
  at: Date
  flagged?: boolean
  flagRule?: string
}

/**
 * Records a dose as reported — even one the dose guard flags: the record must say what really happened.
 * It is matched to the dependent's regimen of the same drug, whose supply it draws down.
 */
export async function logDose(tx: Tx, actor: ActorContext, now: Date, input: LogDose): Promise<Dose> {
  // The caller's key (the parser corrects typos) when it is a generic we know; else read the name.
  const key = input.drugKey && DRUG_NAMES[input.drugKey] ? input.drugKey : drugKey(input.drugKey ?? input.drugName)
  const regimen = (await listMedications(tx, actor, input.dependentId)).find((m) => m.drugKey === key)
  const row: Dose = {
    id: newId('dose'),
    familyId: actor.familyId,
    dependentId: input.dependentId,
    medicationId: regimen?.id ?? null,
    drugKey: key,
    drugName: input.drugName,
    amount: input.amount ?? regimen?.doseAmount ?? null,
    unit: input.unit ?? regimen?.doseUnit ?? null,
    at: input.at,
    givenBy: actor.memberId,
    flagged: input.flagged ?? false,
    flagRule: input.flagRule ?? null,
    createdAt: now,
    deletedAt: null,
  }
  await tx.insert(doses).values(row)
  if (regimen?.quantityOnHand != null) {
    const used = row.amount ?? 1
    const quantityOnHand = Math.max(0, regimen.quantityOnHand - used)
    await tx.update(medications).set({ quantityOnHand }).where(eq(medications.id, regimen.id))
    // The supply fell: the scheduler compares it with the refill threshold at its next tick.
    await armRefillCheck(tx, now, { ...regimen, quantityOnHand }, actor)
  }
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'dose.log',
    subjectType: 'dose',
    subjectId: row.id,
    detail: row.flagged ? { flagRule: row.flagRule } : undefined,
  })
  return row
}

/** The last dose of a drug (any brand of it) given to the dependent by anyone in the family. */
export async function lastDose(tx: Tx, actor: ActorContext, dependentId: string, drugName: string) {
  const [row] = await tx
    .select()
    .from(doses)
    .where(
      and(
        eq(doses.familyId, actor.familyId),
        eq(doses.dependentId, dependentId),
        eq(doses.drugKey, drugKey(drugName)),
        isNull(doses.deletedAt),
      ),
    )
    .orderBy(desc(doses.at))
    .limit(1)
  return row
}

/** Every dose of the family's dependents since `since`: the dose guard's history. */
export async function dosesSince(tx: Tx, actor: ActorContext, since: Date): Promise<Dose[]> {
  return tx
    .select()
    .from(doses)
    .where(and(eq(doses.familyId, actor.familyId), isNull(doses.deletedAt), gte(doses.at, since)))
    .orderBy(desc(doses.at))
}

export { daysOfSupply, dosesPerDay } from './supply.js'

export interface ScheduledDose {
  medication: string
  /** The scheduled local time, "08:00". */
  time: string
  /** That time today, as an instant. */
  scheduledAt: Date
  taken: boolean
  takenAt?: Date
}

/** A dose counts for a scheduled time when logged within this many hours of it. */
export const ADHERENCE_WINDOW_H = 3

/**
 * Today's scheduled doses of a dependent's regimens and whether each was taken: "have I taken my
 * morning meds?". `slot` narrows it: morning is before noon, evening from 5 pm.
 */
export async function adherenceToday(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  dependentId: string,
  slot?: 'morning' | 'midday' | 'evening',
): Promise<ScheduledDose[]> {
  const today = DateTime.fromJSDate(now, { zone: actor.timezone })
  const given = await dosesSince(tx, actor, today.startOf('day').toJSDate())
  const out: ScheduledDose[] = []
  for (const m of await listMedications(tx, actor, dependentId)) {
    if (m.schedule.kind !== 'times') continue
    for (const time of m.schedule.times) {
      const [h, min] = time.split(':').map(Number)
      if (slot && slotOf(h ?? 0) !== slot) continue
      const due = today.set({ hour: h ?? 0, minute: min ?? 0, second: 0, millisecond: 0 }).toJSDate()
      const dose = given.find(
        (d) =>
          d.dependentId === dependentId &&
          d.drugKey === m.drugKey &&
          Math.abs(d.at.getTime() - due.getTime()) <= ADHERENCE_WINDOW_H * 3_600_000,
      )
      out.push({ medication: m.name, time, scheduledAt: due, taken: Boolean(dose), takenAt: dose?.at })
    }
  }
  return out
}

const slotOf = (hour: number) => (hour < 12 ? 'morning' : hour < 17 ? 'midday' : 'evening')

/**
 * "grandpa took his morning pills": one dose of every regimen scheduled in that slot today that has
 * not been taken yet. Said within the adherence window of the scheduled time, the dose is at the time
 * reported; said later ("took his morning pills", at 4 pm), it is filed at the scheduled time — the
 * person said when by naming the slot. Returns the doses logged (none when all were already taken).
 */
export async function logSlotDoses(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { dependentId: string; slot: 'morning' | 'midday' | 'evening'; at: Date },
): Promise<Dose[]> {
  const due = (await adherenceToday(tx, actor, now, input.dependentId, input.slot)).filter((d) => !d.taken)
  const logged: Dose[] = []
  for (const d of due) {
    const near = Math.abs(input.at.getTime() - d.scheduledAt.getTime()) <= ADHERENCE_WINDOW_H * 3_600_000
    const at = near ? input.at : d.scheduledAt
    logged.push(await logDose(tx, actor, now, { dependentId: input.dependentId, drugName: d.medication, at }))
  }
  return logged
}

/**
 * Marks the doses this actor logged since `now` (the start of this message's turn) for a dependent as flagged by the dose guard (too soon,
 * over the daily maximum, under the age limit). The dose stays recorded as reported.
 */
export async function flagDosesJustLogged(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  input: { dependentId?: string; ruleId: string },
): Promise<string[]> {
  const flagged = await tx
    .update(doses)
    .set({ flagged: true, flagRule: input.ruleId })
    .where(
      and(
        eq(doses.familyId, actor.familyId),
        eq(doses.givenBy, actor.memberId),
        // Created during this turn: the clock only moves forward while the turn's transaction runs.
        gte(doses.createdAt, now),
        // A dose this turn already flagged for another reason (an allergy) keeps that flag.
        eq(doses.flagged, false),
        input.dependentId ? eq(doses.dependentId, input.dependentId) : undefined,
      ),
    )
    .returning({ id: doses.id })
  return flagged.map((f) => f.id)
}
