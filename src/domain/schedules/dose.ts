/**
 * Dose reminders from a regimen's fixed times, and the nudges when a dose is not logged
 * (docs/decisions/0019-medication-and-immunization-reminders.md). A regimen's time is a daily `dose`
 * schedule per recipient; firing one writes the first `dose_nudge` row (exactly once, by its dedupe key);
 * a nudge that finds the dose still unlogged writes the next step. Everything is rows found by time, so a
 * restart resumes the chain where the database says it is.
 */
import { and, eq, gte, inArray, isNull, lte } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import { nextOccurrence } from '../../lib/recurrence.js'
import { formatLocalTime } from '../../lib/timezone.js'
import type { ActorContext } from '../actor.js'
import { dependents } from '../dependents/schema.js'
import type { Dependent } from '../dependents/service.js'
import { members } from '../families/schema.js'
import { doses, medications } from '../medications/schema.js'
import type { NewOutboxMessage } from '../outbox/service.js'
import { doseRecipients, insertDerived, parentsOf, toMembers } from './derived.js'
import type { Firing } from './firing.js'
import type { KindHook, KindOptions } from './kinds.js'
import { type Schedule, schedules } from './schema.js'

type Medication = typeof medications.$inferSelect

export const DEFAULT_DOSE_NUDGE_MS = 30 * 60_000
/**
 * A dose logged up to this long before its time counts for it (taken a little early); later ones count
 * from the time itself. Shorter than the 3 h adherence window so that two times a few hours apart
 * (08:00 and 11:00) are not both satisfied by one dose.
 */
export const DOSE_EARLY_MS = 60 * 60_000

/** "Joe's Metformin 500 mg (1 tablet)", or "your Metformin …" for the person who takes it. */
export function doseLabel(med: Medication, dependent: Pick<Dependent, 'name' | 'memberId'>, memberId: string): string {
  const whose = dependent.memberId === memberId ? 'your' : `${dependent.name}'s`
  const strength = med.strength ? ` ${med.strength}` : ''
  return `${whose} ${med.name}${strength}${amountWords(med)}`
}

function amountWords(med: Pick<Medication, 'doseAmount' | 'doseUnit'>): string {
  if (med.doseAmount == null) return ''
  const unit = med.doseUnit ?? ''
  const plural = med.doseAmount !== 1 && ['tablet', 'capsule', 'puff', 'drop', 'unit'].includes(unit) ? 's' : ''
  return ` (${med.doseAmount}${unit ? ` ${unit}${plural}` : ''})`
}

/**
 * The daily dose schedules of a regimen with fixed times: one per time and recipient, from the start
 * date (or today) and, with an end date, until its last minute. Other regimens have none.
 */
export async function createDoseSchedules(tx: Tx, actor: ActorContext, now: Date, med: Medication): Promise<number> {
  if (med.schedule.kind !== 'times') return 0
  const [dep] = await tx.select().from(dependents).where(eq(dependents.id, med.dependentId))
  if (!dep) return 0
  const today = DateTime.fromJSDate(now, { zone: actor.timezone }).toISODate() ?? ''
  const first = med.startDate && med.startDate > today ? med.startDate : today
  const rrule = withUntil('FREQ=DAILY', med.endDate)
  let made = 0
  for (const memberId of await doseRecipients(tx, med)) {
    for (const time of med.schedule.times) {
      const dtstart = `${first}T${time}`
      const at = nextAt(dtstart, rrule, actor.timezone, now)
      if (!at) continue
      await insertDerived(tx, now, {
        familyId: med.familyId,
        kind: 'dose',
        memberId,
        createdBy: actor.memberId,
        body: doseLabel(med, dep, memberId),
        timezone: actor.timezone,
        medicationId: med.id,
        dependentId: dep.id,
        dtstart,
        rrule,
        at,
      })
      made++
    }
  }
  return made
}

/** A regimen's end date (YYYY-MM-DD, inclusive) as an RRULE UNTIL on the floating wall clock. */
const withUntil = (rrule: string, endDate: string | null) =>
  endDate ? `${rrule};UNTIL=${endDate.replaceAll('-', '')}T235959` : rrule

const nextAt = (dtstart: string, rrule: string, timezone: string, from: Date) =>
  nextOccurrence({ dtstart, rrule, timezone }, from)

/** Ends everything scheduled for a regimen (removed or stopped): doses, pending nudges, refill checks. */
export async function cancelMedicationSchedules(tx: Tx, now: Date, medicationId: string): Promise<void> {
  await tx
    .update(schedules)
    .set({ status: 'cancelled', nextRunAt: null, updatedAt: now })
    .where(and(eq(schedules.medicationId, medicationId), eq(schedules.status, 'active')))
}

/** A new end date: the dose schedules stop after it (or now, when it has passed). */
export async function applyEndDate(tx: Tx, now: Date, medicationId: string, endDate: string): Promise<void> {
  const rows = await tx
    .select()
    .from(schedules)
    .where(and(eq(schedules.medicationId, medicationId), eq(schedules.kind, 'dose'), eq(schedules.status, 'active')))
  for (const s of rows) {
    if (!s.rrule) continue
    const rrule = withUntil(s.rrule.replace(/;UNTIL=[^;]*/, ''), endDate)
    const next = nextAt(s.dtstart, rrule, s.timezone, s.nextRunAt ?? now)
    await tx
      .update(schedules)
      .set({ rrule, nextRunAt: next ?? null, status: next ? 'active' : 'ended', updatedAt: now })
      .where(eq(schedules.id, s.id))
  }
}

/** The regimens and dependents the firings are about, and the doses logged for them since the earliest one. */
async function loadRecord(tx: Tx, now: Date, firings: Firing[]) {
  const medIds = [...new Set(firings.map((f) => f.schedule.medicationId).filter((x): x is string => Boolean(x)))]
  const meds = medIds.length ? await tx.select().from(medications).where(inArray(medications.id, medIds)) : []
  const depIds = [...new Set(meds.map((m) => m.dependentId))]
  const deps = depIds.length ? await tx.select().from(dependents).where(inArray(dependents.id, depIds)) : []
  const earliest = Math.min(...firings.map((f) => doseTime(f))) - DOSE_EARLY_MS
  const logged = depIds.length
    ? await tx
        .select({ dependentId: doses.dependentId, drugKey: doses.drugKey, at: doses.at })
        .from(doses)
        .where(
          and(
            inArray(doses.dependentId, depIds),
            isNull(doses.deletedAt),
            gte(doses.at, new Date(earliest)),
            lte(doses.at, now),
          ),
        )
    : []
  return {
    med: (id: string | null) => meds.find((m) => m.id === id && !m.deletedAt),
    dependent: (id: string) => deps.find((d) => d.id === id && !d.deletedAt),
    /** A dose of this regimen's drug logged for its dependent from a little before `doseAt` until now. */
    isLogged: (med: Medication, doseAt: number) =>
      logged.some(
        (d) =>
          d.dependentId === med.dependentId && d.drugKey === med.drugKey && d.at.getTime() >= doseAt - DOSE_EARLY_MS,
      ),
  }
}

/** The dose occurrence a firing is about: a snoozed dose keeps its original time. */
const doseTime = (f: Firing) => f.schedule.detail?.doseAt ?? f.send?.at.getTime() ?? 0

const lateWords = (f: Firing) =>
  f.send?.late ? ` (late: it was due ${formatLocalTime(f.send.at, f.schedule.timezone)})` : ''

/** A regimen's time came: remind (unless already logged) and write the first nudge, once. */
export const doseHook: KindHook = {
  async send(tx, now, firings, opts) {
    const record = await loadRecord(tx, now, firings)
    const out: NewOutboxMessage[] = []
    for (const f of firings) {
      const med = record.med(f.schedule.medicationId)
      if (!med || !f.send || record.isLogged(med, doseTime(f))) continue
      out.push(
        ...(await toMembers(tx, [f.schedule.memberId], {
          familyId: f.schedule.familyId,
          kind: 'dose_reminder',
          key: () => `sch:${f.schedule.id}:${f.send?.at.getTime()}`,
          body: () => `⏰ Time for ${f.schedule.body}${lateWords(f)} — reply TAKEN when done`,
          payload: reminderPayload(f),
        })),
      )
      const from = f.send.late ? now : f.send.at
      await nudge(tx, now, f, 1, f.schedule.memberId, f.schedule.body, from.getTime() + nudgeMs(opts))
    }
    return out
  },
}

const nudgeMs = (opts: KindOptions) => opts.doseNudgeMs ?? DEFAULT_DOSE_NUDGE_MS

async function nudge(tx: Tx, now: Date, f: Firing, step: 1 | 2, memberId: string, body: string, at: number) {
  const doseAt = doseTime(f)
  await insertDerived(tx, now, {
    familyId: f.schedule.familyId,
    kind: 'dose_nudge',
    memberId,
    createdBy: f.schedule.createdBy,
    body,
    timezone: f.schedule.timezone,
    medicationId: f.schedule.medicationId,
    dependentId: f.schedule.dependentId,
    dedupeKey: `nudge:${f.schedule.medicationId}:${doseAt}:${step}:${memberId}`,
    detail: { doseAt, step },
    at: new Date(at),
  })
}

/** A dose still not logged: step 1 tells the giver and writes step 2 for the parents who were not reminded. */
export const doseNudgeHook: KindHook = {
  quietWhenMissed: true,
  async send(tx, now, firings, opts) {
    const record = await loadRecord(tx, now, firings)
    const out: NewOutboxMessage[] = []
    for (const f of firings) {
      const med = record.med(f.schedule.medicationId)
      const dep = med && record.dependent(med.dependentId)
      if (!med || !dep || !f.send || record.isLogged(med, doseTime(f))) continue // logged: the chain stops
      const due = formatLocalTime(new Date(doseTime(f)), f.schedule.timezone)
      if (f.schedule.detail?.step === 2) {
        const givers = await names(tx, await doseRecipients(tx, med))
        out.push(...(await message(tx, f, stepTwoText(f.schedule.body, due, givers))))
        continue
      }
      out.push(
        ...(await message(tx, f, `🔔 Not logged yet: ${f.schedule.body}, due ${due}. Reply TAKEN once it’s taken.`)),
      )
      const givers = new Set(await doseRecipients(tx, med))
      for (const parent of await parentsOf(tx, med.familyId)) {
        if (givers.has(parent.id)) continue
        await nudge(tx, now, f, 2, parent.id, doseLabel(med, dep, parent.id), f.send.at.getTime() + nudgeMs(opts))
      }
    }
    return out
  },
}

const stepTwoText = (body: string, due: string, givers: string[]) =>
  `🔔 Still not logged: ${body}, due ${due}. ${givers.length ? `${givers.join(' and ')} ${givers.length > 1 ? 'were' : 'was'} reminded. ` : ''}Reply TAKEN if it was taken.`

const message = (tx: Tx, f: Firing, body: string) =>
  toMembers(tx, [f.schedule.memberId], {
    familyId: f.schedule.familyId,
    kind: 'dose_nudge',
    key: () => `sch:${f.schedule.id}:${f.send?.at.getTime()}`,
    body: () => body,
    payload: reminderPayload(f),
  })

/** Done (taken) and Snooze buttons for the occurrence a dose reminder or nudge is about. */
const reminderPayload = (f: Firing) =>
  f.send ? { kind: 'reminder' as const, scheduleId: f.schedule.id, occurrence: f.send.at.getTime() } : undefined

async function names(tx: Tx, ids: string[]): Promise<string[]> {
  if (!ids.length) return []
  const rows = await tx.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, ids))
  return ids.map((id) => rows.find((r) => r.id === id)?.name).filter((n): n is string => Boolean(n))
}

/** The dose a "taken" answers: the regimen, its dependent and the occurrence, from a dose or nudge schedule. */
function doseOccurrence(s: Pick<Schedule, 'detail'>, occurrenceAt: Date): number {
  return s.detail?.doseAt ?? occurrenceAt.getTime()
}

/** Whether a dose of the regimen is already logged for the occurrence (a second "taken" must not log twice). */
async function loggedForOccurrence(tx: Tx, med: Medication, doseAt: number, now: Date) {
  const [row] = await tx
    .select()
    .from(doses)
    .where(
      and(
        eq(doses.dependentId, med.dependentId),
        eq(doses.drugKey, med.drugKey),
        isNull(doses.deletedAt),
        gte(doses.at, new Date(doseAt - DOSE_EARLY_MS)),
        lte(doses.at, now),
      ),
    )
    .limit(1)
  return row
}

export interface DoseReminderTarget {
  /** "Joe's Metformin 500 mg (1 tablet)", as the reminder said it. */
  label: string
  medicationName: string
  dependentId: string
  /** The occurrence the reminder was about. */
  doseAt: Date
  /** A dose already logged for it, if any. */
  logged?: { at: Date }
}

/** What a "taken" after a dose reminder or nudge refers to; undefined when the regimen is gone. */
export async function doseReminderTarget(
  tx: Tx,
  actor: ActorContext,
  now: Date,
  hit: { run: { occurrenceAt: Date }; schedule: Schedule },
): Promise<DoseReminderTarget | undefined> {
  if (!hit.schedule.medicationId) return undefined
  const [med] = await tx
    .select()
    .from(medications)
    .where(
      and(
        eq(medications.id, hit.schedule.medicationId),
        eq(medications.familyId, actor.familyId),
        isNull(medications.deletedAt),
      ),
    )
  if (!med) return undefined
  const doseAt = doseOccurrence(hit.schedule, hit.run.occurrenceAt)
  const logged = await loggedForOccurrence(tx, med, doseAt, now)
  return {
    label: hit.schedule.body,
    medicationName: med.name,
    dependentId: med.dependentId,
    doseAt: new Date(doseAt),
    logged: logged ? { at: logged.at } : undefined,
  }
}
