import type { z } from 'zod'
import type { MemberPreferences } from '../../domain/preferences/schema.js'
import { getPreferencesTool, setDigestTool, setQuietHoursTool } from '../../domain/preferences/tools.js'
import { runTool, type Tool } from '../../domain/tools.js'
import { clockText as clock } from '../../lib/clock-words.js'
import { formatLocalTime } from '../../lib/timezone.js'
import type { Stage, Turn } from '../../pipeline/types.js'
import { type PreferenceCommand, parsePreference } from './parse.js'

const call = <I extends z.ZodType, O>(turn: Turn, tool: Tool<I, O>, input: unknown) =>
  runTool(tool, { tx: turn.tx, actor: turn.actor, clock: turn.clock }, input)

/** "20:00" → "8:00 PM". */

/** Digest and quiet hours by chat (parse.ts), through the preferences tools. */
export function preferenceStage(): Stage {
  return {
    name: 'preferences',
    async handle(turn) {
      const command = parsePreference(turn.text)
      if (!command) return undefined
      return { route: `preferences:${command.kind}`, replies: [await answer(turn, command)] }
    },
  }
}

async function answer(turn: Turn, c: PreferenceCommand): Promise<string> {
  switch (c.kind) {
    case 'digest': {
      const { preferences, next } = await call(turn, setDigestTool, { on: c.on, at: c.at })
      if (!preferences.digestAt) return 'Okay — no more daily digests. Reply DIGEST ON to start them again.'
      const first = next ? ` First one ${formatLocalTime(next, turn.actor.timezone)}.` : ''
      return `Okay — your daily digest comes every day at ${clock(preferences.digestAt)}.${first} Reply DIGEST OFF to stop it.`
    }
    case 'quiet': {
      await call(turn, setQuietHoursTool, { start: c.start, end: c.end })
      return (
        `Quiet hours set: ${clock(c.start)}–${clock(c.end)}. Reminders, digests and other non-urgent messages ` +
        `wait until ${clock(c.end)}; urgent alerts still come at once. Reply QUIET HOURS OFF to end them.`
      )
    }
    case 'quiet_off':
      await call(turn, setQuietHoursTool, {})
      return 'Quiet hours off: messages come whenever they’re due.'
    case 'show':
      return describe(await call(turn, getPreferencesTool, {}))
    case 'unclear_time':
      return c.what === 'digest'
        ? 'What time should the digest come? Say it with am or pm, e.g. “digest at 8pm”.'
        : 'Which hours should be quiet? Say them with am or pm, e.g. “quiet hours 10pm-7am”.'
  }
}

function describe(p: MemberPreferences): string {
  const digest = p.digestAt
    ? `Daily digest: every day at ${clock(p.digestAt)} (DIGEST OFF to stop).`
    : 'Daily digest: off (DIGEST ON to get one at 8 PM, or DIGEST AT 9PM).'
  const quiet =
    p.quietStart && p.quietEnd
      ? `Quiet hours: ${clock(p.quietStart)}–${clock(p.quietEnd)} (QUIET HOURS OFF to end them).`
      : 'Quiet hours: none (e.g. QUIET HOURS 10PM-7AM).'
  return `${digest}\n${quiet}`
}
