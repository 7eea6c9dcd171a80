import type { z } from 'zod'
import { logDoseTool } from '../../domain/medications/tools.js'
import type { DoseReminderTarget } from '../../domain/schedules/dose.js'
import { lastDoseReminderTool, reminderDoneTool, snoozeReminderTool } from '../../domain/schedules/tools.js'
import { runTool, type Tool, type ToolContext } from '../../domain/tools.js'
import { formatLocalTime } from '../../lib/timezone.js'
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
  await call(ctx, logDoseTool, { dependent: dose.dependentId, drug: dose.medicationName, at: now })
  await call(ctx, reminderDoneTool, target)
  return `✅ Logged: ${dose.label}, taken ${formatLocalTime(now, tz)}.`
}
