import type { z } from 'zod'
import { listDependentsTool } from '../../domain/dependents/tools.js'
import { DomainError } from '../../domain/errors.js'
import { immunizationsDueTool } from '../../domain/medical/tools.js'
import { cancelReminderTool, listRemindersTool, setReminderTool } from '../../domain/schedules/tools.js'
import { runTool, type Tool } from '../../domain/tools.js'
import type { Stage, Turn } from '../../pipeline/types.js'
import { answerDone, answerSnooze } from './answer.js'
import { parseReminder, type ReminderCommand } from './parse.js'
import { presentCancelled, presentCreated, presentList, presentNeedsTime } from './present.js'
import { isShotsQuestion, namedIn, presentShots } from './shots.js'

const call = <I extends z.ZodType, O>(turn: Turn, tool: Tool<I, O>, input: unknown) =>
  runTool(tool, { tx: turn.tx, actor: turn.actor, clock: turn.clock }, input)

/**
 * Reminders by chat: set, list, cancel, snooze, done (parse.ts), through the schedules tools; "taken"
 * after a dose reminder logs the dose; "what shots are due?" answers from the CDC schedule.
 */
export function reminderStage(): Stage {
  return {
    name: 'reminders',
    async handle(turn) {
      if (isShotsQuestion(turn.text)) return { route: 'reminders:shots', replies: [await shots(turn)] }
      const command = parseReminder(turn.text, { now: turn.clock.now(), timezone: turn.actor.timezone })
      if (!command) return undefined
      const reply = await answer(turn, command)
      return reply === undefined ? undefined : { route: `reminders:${command.kind}`, replies: [reply] }
    },
  }
}

async function answer(turn: Turn, c: ReminderCommand): Promise<string | undefined> {
  switch (c.kind) {
    case 'create': {
      const out = await call(turn, setReminderTool, c)
      return presentCreated(out.schedule, out.recipient, c.defaultedTime)
    }
    case 'needs_time':
      return presentNeedsTime(c.body, c.about, c.member)
    case 'list':
      return presentList(await call(turn, listRemindersTool, {}), turn.actor.memberId)
    case 'cancel':
      return presentCancelled(await call(turn, cancelReminderTool, { number: c.number }))
    case 'cancel_words':
      return await cancelByWords(turn, c.words)
    case 'snooze':
      return (await answerSnooze(turn, c.minutes)) ?? 'There’s no reminder to snooze right now.'
    case 'done':
      // "done" with no reminder just sent is not ours to answer: the next stage may know what it means.
      return await answerDone(turn)
  }
}

/** "cancel the pump reminder": the one reminder whose words include every word given. */
async function cancelByWords(turn: Turn, words: string): Promise<string> {
  const list = await call(turn, listRemindersTool, {})
  const wanted = words.toLowerCase().split(/\s+/).filter(Boolean)
  const matches = list
    .map((s, i) => ({ s, n: i + 1 }))
    .filter(({ s }) => wanted.every((w) => s.body.toLowerCase().includes(w)))
  const [only] = matches
  if (matches.length === 1 && only) {
    return presentCancelled(await call(turn, cancelReminderTool, { number: only.n }))
  }
  if (!matches.length) {
    throw new DomainError(
      'not_found',
      'no reminder matches',
      `I couldn’t find a reminder about “${words}”. Reply MY REMINDERS to see them.`,
    )
  }
  const lines = matches.map(({ s, n }) => `${n}. ${s.body}`).join('\n')
  return `More than one reminder matches “${words}”:\n${lines}\nReply CANCEL and its number.`
}

async function shots(turn: Turn): Promise<string> {
  const people = await call(turn, listDependentsTool, {})
  const name = namedIn(turn.text, people)
  return presentShots(await call(turn, immunizationsDueTool, name ? { dependent: name } : {}))
}
