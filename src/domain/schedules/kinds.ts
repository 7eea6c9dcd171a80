/**
 * The scheduler's per-kind hooks: `fireDue` records, advances and summarizes every kind the same way;
 * a kind listed here words its own messages (and writes its follow-up schedules) instead of the plain
 * reminder text. One entry per kind, each in its own file.
 */
import type { Tx } from '../../db/client.js'
import { cycleHook } from '../cycles/reminders.js'
import { shiftHook } from '../nanny/hook.js'
import type { NewOutboxMessage } from '../outbox/service.js'
import { doseHook, doseNudgeHook } from './dose.js'
import type { Firing } from './firing.js'
import { immunizationHook } from './immunizations.js'
import { refillHook } from './refill.js'
import type { ScheduleKind } from './schema.js'

export interface KindOptions {
  doseNudgeMs?: number
  refillDays?: number
}

export interface KindHook {
  /** Sent however late (a check or a week's notice, not a time to keep); otherwise the grace window applies. */
  ignoresGrace?: boolean
  /** Left out of the "MedNanny was offline and missed…" summary. */
  quietWhenMissed?: boolean
  /** The messages for occurrences newly recorded as sent, in the firing transaction. */
  send(tx: Tx, now: Date, firings: Firing[], opts: KindOptions): Promise<NewOutboxMessage[]>
}

export const kindHooks: Partial<Record<ScheduleKind, KindHook>> = {
  dose: doseHook,
  dose_nudge: doseNudgeHook,
  refill: refillHook,
  immunization: immunizationHook,
  shift: shiftHook,
  cycle: cycleHook,
}

/** Person-set reminders (no hook) apart from the kinds that have one. */
export function splitByKind(firings: Firing[]): { plain: Firing[]; byKind: Map<KindHook, Firing[]> } {
  const plain: Firing[] = []
  const byKind = new Map<KindHook, Firing[]>()
  for (const f of firings) {
    const hook = kindHooks[f.schedule.kind]
    if (!hook) plain.push(f)
    else byKind.set(hook, [...(byKind.get(hook) ?? []), f])
  }
  return { plain, byKind }
}
