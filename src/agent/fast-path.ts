import type { z } from 'zod'
import { parseRole } from '../domain/families/roles.js'
import {
  familyTools,
  inviteMemberTool,
  listMembersTool,
  removeMemberTool,
  whoAmITool,
} from '../domain/families/tools.js'
import { runTool, type Tool } from '../domain/tools.js'
import { HELP_MEMBER } from '../pipeline/replies.js'
import type { Outcome, Stage, Turn } from '../pipeline/types.js'
import { presentInvite, presentMembers, presentRemoved, presentWhoAmI } from './present.js'

/** Every tool the fast path can call; the agent will get the same objects. */
export const fastPathTools: Tool[] = [...familyTools] as Tool[]

interface Rule {
  name: string
  pattern: RegExp
  run(turn: Turn, match: RegExpMatchArray): Promise<string>
}

const call = <I extends z.ZodType, O>(turn: Turn, tool: Tool<I, O>, input: unknown) =>
  runTool(tool, { tx: turn.tx, actor: turn.actor, clock: turn.clock }, input)

/**
 * Deterministic phrasings that need no model: each rule is a pattern and the tool call it stands for.
 * A rule matches the whole message, so "remove" inside a longer sentence never fires by accident.
 */
const RULES: Rule[] = [
  {
    name: 'help',
    pattern: /^(help|\?|menu|commands|what can you do\??)$/i,
    run: async () => HELP_MEMBER,
  },
  {
    name: 'who_am_i',
    pattern: /^(who am i|whoami|me)\??$/i,
    run: async (turn) => presentWhoAmI(await call(turn, whoAmITool, {})),
  },
  {
    name: 'list_members',
    pattern:
      /^((my|our|the) family|family|members|(list|show) (the )?members|who'?s in (my|our|the) family\??|who is in (my|our|the) family\??)$/i,
    run: async (turn) => presentMembers(await call(turn, listMembersTool, {})),
  },
  {
    name: 'invite_member',
    pattern:
      /^(?:add|invite)\s+(.+?)\s+((?:\+|00)?\d[\d\s().-]{5,}\d)\s+as\s+(?:an?\s+|my\s+|our\s+|the\s+)?(.+?)[.!]*$/i,
    run: async (turn, m) => {
      const role = parseRole(m[3] ?? '')
      if (!role) {
        return `I don't know the role "${m[3]}". Use nanny, parent, family member, viewer or emergency contact.`
      }
      const result = await call(turn, inviteMemberTool, { name: m[1], phone: m[2], ...role })
      return presentInvite(result)
    },
  },
  {
    name: 'remove_member',
    pattern: /^remove\s+(.+?)[.!]*$/i,
    run: async (turn, m) => presentRemoved(await call(turn, removeMemberTool, { name: m[1] })),
  },
]

export const fastPath: Stage = {
  name: 'fast-path',
  async handle(turn: Turn): Promise<Outcome | undefined> {
    for (const rule of RULES) {
      const match = turn.text.match(rule.pattern)
      if (match) return { route: `fast-path:${rule.name}`, replies: [await rule.run(turn, match)] }
    }
    return undefined
  },
}
