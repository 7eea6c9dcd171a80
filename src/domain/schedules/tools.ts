import { z } from 'zod'
import { DomainError } from '../errors.js'
import { findMemberByName } from '../families/queries.js'
import { defineTool, type ToolContext } from '../tools.js'
import { doseReminderTarget } from './dose.js'
import { cancelReminder, createReminder, lastSentRun, listReminders, markRunDone, runOf, snoozeRun } from './service.js'

const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'expected a local time as YYYY-MM-DDTHH:mm')
  .describe('Local wall-clock time in the family’s zone, e.g. 2026-11-27T19:00')

/** "done" and "snooze" answer the reminder sent within this window. */
const ANSWER_WINDOW_MS = 12 * 60 * 60_000

/**
 * Which reminder "done", "taken" or "snooze" answers: the one just sent, or — from a button or a ✅ on
 * one reminder's message — that occurrence, while it still waits for an answer.
 */
const Target = {
  scheduleId: z.string().max(60).optional().describe('Only when answering one given reminder message: its schedule id'),
  occurrence: z.number().int().optional().describe('With scheduleId: the occurrence, epoch milliseconds'),
}

async function answerable(
  tx: ToolContext['tx'],
  actor: ToolContext['actor'],
  now: Date,
  t: { scheduleId?: string; occurrence?: number },
) {
  if (t.scheduleId === undefined || t.occurrence === undefined) {
    return await lastSentRun(tx, actor, now, ANSWER_WINDOW_MS)
  }
  const hit = await runOf(tx, actor, t.scheduleId, new Date(t.occurrence))
  return hit && (hit.run.status === 'sent' || hit.run.status === 'late') ? hit : undefined
}

export const setReminderTool = defineTool({
  name: 'set_reminder',
  description: 'Set a one-off or repeating reminder for the sender, or (a parent) for another member by name.',
  input: z.object({
    member: z.string().trim().min(1).max(80).optional().describe('Another member’s name; omit for the sender'),
    body: z.string().trim().min(1).max(300).describe('What to say, e.g. "give amoxicillin"'),
    dtstart: localTime.describe('The first (or only) time'),
    rrule: z
      .string()
      .max(200)
      .optional()
      .describe('RFC 5545 RRULE body for a repeating reminder, e.g. FREQ=DAILY or FREQ=WEEKLY;BYDAY=MO,TH'),
  }),
  permission: 'reminders:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const member = input.member ? await findMemberByName(tx, actor, input.member) : undefined
    const schedule = await createReminder(tx, actor, clock.now(), { ...input, memberId: member?.id })
    return { schedule, recipient: member?.name }
  },
})

export const listRemindersTool = defineTool({
  name: 'list_reminders',
  description: 'The sender’s active reminders (and those they set for others), soonest first, numbered from 1.',
  input: z.object({}),
  permission: 'reminders:write',
  readOnly: true,
  run: async ({ tx, actor }) => await listReminders(tx, actor),
})

export const cancelReminderTool = defineTool({
  name: 'cancel_reminder',
  description: 'Cancel one of the sender’s reminders by its number in list_reminders.',
  input: z.object({ number: z.number().int().min(1) }),
  permission: 'reminders:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const list = await listReminders(tx, actor)
    const target = list[input.number - 1]
    if (!target) {
      const have = list.length === 1 ? 'one reminder' : `${list.length} reminders`
      throw new DomainError('not_found', 'no such reminder', `You have ${have}; reply MY REMINDERS to see them.`)
    }
    return await cancelReminder(tx, actor, clock.now(), target.id)
  },
})

export const snoozeReminderTool = defineTool({
  name: 'snooze_reminder',
  description: 'Send the reminder the sender just got again in some minutes.',
  input: z.object({
    minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    ...Target,
  }),
  permission: 'reminders:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const hit = await answerable(tx, actor, clock.now(), input)
    if (!hit) return undefined
    return await snoozeRun(tx, actor, clock.now(), hit, input.minutes)
  },
})

export const reminderDoneTool = defineTool({
  name: 'reminder_done',
  description: 'Mark the reminder the sender just got as done.',
  input: z.object(Target),
  permission: 'reminders:write',
  readOnly: false,
  run: async ({ tx, actor, clock }, input) => {
    const hit = await answerable(tx, actor, clock.now(), input)
    if (!hit) return undefined
    await markRunDone(tx, actor, clock.now(), hit.run.id)
    return hit.schedule
  },
})

export const lastDoseReminderTool = defineTool({
  name: 'last_dose_reminder',
  description:
    'The dose reminder or missed-dose nudge the sender just got: whose dose, which drug, when it was due, and whether it is logged already. Answer "taken" with log_dose, then reminder_done.',
  input: z.object(Target),
  permission: 'reminders:write',
  readOnly: true,
  run: async ({ tx, actor, clock }, input) => {
    const hit = await answerable(tx, actor, clock.now(), input)
    if (!hit || (hit.schedule.kind !== 'dose' && hit.schedule.kind !== 'dose_nudge')) return undefined
    return await doseReminderTarget(tx, actor, clock.now(), hit)
  },
})

export const reminderTools = [
  lastDoseReminderTool,
  setReminderTool,
  listRemindersTool,
  cancelReminderTool,
  snoozeReminderTool,
  reminderDoneTool,
]
