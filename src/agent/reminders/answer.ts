import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import { alertRecipients } from '../../domain/families/queries.js'
import { doses } from '../../domain/medications/schema.js'
import { logDoseTool } from '../../domain/medications/tools.js'
import { enqueueToMember } from '../../domain/outbox/service.js'
import { gateContext } from '../../domain/record/gate-context.js'
import { evaluateGate } from '../../domain/safety/index.js'
import type { GateFinding } from '../../domain/safety/types.js'
import type { DoseReminderTarget } from '../../domain/schedules/dose.js'
import { lastDoseReminderTool, reminderDoneTool, snoozeReminderTool } from '../../domain/schedules/tools.js'
import { runTool, type Tool, type ToolContext } from '../../domain/tools.js'
import { formatLocalTime } from '../../lib/timezone.js'
import { toldWords } from '../record/logs.js'
import { presentSnoozed } from './present.js'

/** One reminder occurrence, when a button or a ✅ names it; otherwise the reminder just sent. */
export interface ReminderTarget {
  scheduleId: string
  occurrence: number
}

const call = <I extends z.ZodType, O>(ctx: ToolContext, tool: Tool<I, O>, input: unknown) => runTool(tool, ctx, input)

/**
 * "done" (or "taken"): a dose reminder logs the dose, once; any other reminder is marked done. The
 * same code answers the text, Slack's Done button and a ✅ reaction. Undefined when there is no
 * reminder waiting for an answer.
 */
export async function answerDone(ctx: ToolContext, target?: ReminderTarget): Promise<string | undefined> {
  const t = target ?? {}
  const dose = await call(ctx, lastDoseReminderTool, t)
  if (dose) return await doseTaken(ctx, dose, t)
  const s = await call(ctx, reminderDoneTool, t)
  return s ? `👍 Done: ${s.body}.` : undefined
}

/** "snooze 15": the reminder again in that many minutes. Undefined when none is waiting. */
export async function answerSnooze(
  ctx: ToolContext,
  minutes: number,
  target?: ReminderTarget,
): Promise<string | undefined> {
  const s = await call(ctx, snoozeReminderTool, { minutes, ...target })
  return s ? presentSnoozed(s) : undefined
}

/**
 * "taken" after a dose reminder or nudge: the dose is logged through log_dose (its permission and audit,
 * and the regimen's supply), at the time of the reply; a dose already logged for that time is not logged twice.
 */
async function doseTaken(ctx: ToolContext, dose: DoseReminderTarget, target: Partial<ReminderTarget>) {
  const now = ctx.clock.now()
  const tz = ctx.actor.timezone
  if (dose.logged) {
    await call(ctx, reminderDoneTool, target)
    return `Already logged: ${dose.label}, at ${formatLocalTime(dose.logged.at, tz)}.`
  }
  // The dose guard runs on a "taken" as on a texted dose: a scheduled acetaminophen or ibuprofen given
  // too soon after an extra one, or once too often in a day, is recorded, flagged and the parents told.
  const guard = await guardTakenDose(ctx, dose, now)
  const logged = await call({ ...ctx, gateFindings: guard ? [guard] : [] }, logDoseTool, {
    dependent: dose.dependentId,
    drug: dose.medicationName,
    at: now,
  })
  await call(ctx, reminderDoneTool, target)
  if (guard) {
    await flagDose(ctx, logged.dose.id, guard, now)
    return `${guard.reply ?? 'The dose check flagged this dose.'}\nLogged and flagged: ${dose.label}, taken ${formatLocalTime(now, tz)}.`
  }
  // A scheduled antibiotic an allergy recorded since rules out: the tool flagged it and told the parents.
  if (logged.allergyWarning) {
    return `Logged and flagged: ${dose.label}, taken ${formatLocalTime(now, tz)}.\n${logged.allergyWarning}${toldWords(ctx, logged.parentsTold)}`
  }
  return `✅ Logged: ${dose.label}, taken ${formatLocalTime(now, tz)}.`
}

/**
 * What the red-flag gate says of this dose, read as the sentence a person would have texted ("gave Leo
 * Infant Tylenol") against the dependent's dose history: the same deterministic rules (health-facts §2),
 * not a second copy. Undefined when it does not stop the dose.
 */
async function guardTakenDose(ctx: ToolContext, dose: DoseReminderTarget, now: Date): Promise<GateFinding | undefined> {
  const { dependents, doseHistory } = await gateContext(ctx.tx, ctx.actor, now)
  const who = dependents.find((d) => d.id === dose.dependentId)
  if (!who) return undefined
  const outcome = evaluateGate({
    text: `gave ${who.name} ${dose.medicationName}`,
    now,
    locale: ctx.actor.locale,
    timeZone: ctx.actor.timezone,
    dependents,
    doseHistory,
  })
  return outcome.findings.find((f) => f.tier === 'dose_blocked' && f.dependentId === dose.dependentId)
}

/** Marks the dose flagged with the guard's rule and alerts the parents, urgently (as the gate does). */
async function flagDose(ctx: ToolContext, doseId: string, finding: GateFinding, now: Date): Promise<void> {
  await ctx.tx.update(doses).set({ flagged: true, flagRule: finding.ruleId }).where(eq(doses.id, doseId))
  if (!finding.alert) return
  for (const member of await alertRecipients(ctx.tx, ctx.actor, { emergency: false })) {
    await enqueueToMember(ctx.tx, now, {
      idempotencyKey: `alert:dose:${doseId}:${member.id}`,
      memberId: member.id,
      familyId: ctx.actor.familyId,
      kind: 'alert',
      urgent: true,
      body: finding.alert,
    })
  }
}
