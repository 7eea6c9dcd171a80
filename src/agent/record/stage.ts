import { amendLastTool, undoLastTool } from '../../domain/care-log/tools.js'
import { askQuestion } from '../../domain/conversation/service.js'
import { listDependentRows } from '../../domain/dependents/service.js'
import { listMedications } from '../../domain/medications/service.js'
import type { GateOutcome } from '../../domain/safety/index.js'
import { runTool, type ToolContext } from '../../domain/tools.js'
import type { Outcome, Stage, Turn } from '../../pipeline/types.js'
import type { ParseContext, ParsedCommand, SubjectRef } from '../parser/types.js'
import { addAllergyByChat } from './add-allergy.js'
import { addDependentByChat } from './add-dependent.js'
import { parseContext } from './context.js'
import { recordLog } from './logs.js'
import { list } from './present.js'
import { answerQuestion } from './questions.js'

export type Parse = (text: string, ctx: ParseContext) => ParsedCommand | undefined

const LOGS = new Set(['log_feed', 'log_sleep', 'log_diaper', 'log_temperature', 'log_growth', 'log_dose', 'log_note'])

/**
 * The family record's fast path: the deterministic parser's command becomes tool calls and a short
 * reply. Anything the parser is unsure of (undefined) goes on to the agent. When the child is
 * ambiguous it asks one short question and finishes the command with the answer.
 */
export function recordStage(parse: Parse): Stage {
  return {
    name: 'record',
    async handle(turn: Turn): Promise<Outcome | undefined> {
      const now = turn.clock.now()
      // The gate's findings go with the tools, so a dose it already warned about is not warned about twice.
      const ctx: ToolContext = { tx: turn.tx, actor: turn.actor, clock: turn.clock, gateFindings: turn.gate?.findings }
      const added = await addDependentByChat(ctx, turn.text)
      if (added) return { route: 'record:add_dependent', replies: [added] }
      const allergy = await addAllergyByChat(ctx, turn.text, turn.gate)
      if (allergy) return { route: 'record:add_allergy', replies: [allergy] }
      const command = await parseTurn(parse, turn, now)
      if (!command) return undefined
      const reply = await execute(ctx, command, turn.gate, turn.text)
      return reply === undefined ? undefined : { route: `record:${command.kind}`, replies: [reply] }
    },
  }
}

/** When the dose in a message was given, as the parser reads it ("gave tylenol at 3"): for the dose guard. */
export function doseTime(parse: Parse) {
  return async (turn: Turn): Promise<Date | undefined> => {
    const command = await parseTurn(parse, turn, turn.clock.now())
    return command?.kind === 'log_dose' ? command.at : undefined
  }
}

/**
 * The parser's reading of a turn, done once: the red-flag gate asks when a dose was given and the record
 * stage then acts on the same message, and reading the family's context twice cost a quarter of the turn.
 * Nothing is written between the two (a gate that acts ends the turn), and a rewritten text (the answer
 * to "Which child?") is parsed afresh.
 */
const parsed = new WeakMap<Turn, Map<Parse, { text: string; command: Promise<ParsedCommand | undefined> }>>()

function parseTurn(parse: Parse, turn: Turn, now: Date): Promise<ParsedCommand | undefined> {
  const byParser = parsed.get(turn) ?? new Map()
  parsed.set(turn, byParser)
  const hit = byParser.get(parse)
  if (hit && hit.text === turn.text) return hit.command
  const text = turn.text
  const command = parseContext(turn.tx, turn.actor, now).then((ctx) => parse(text, ctx))
  byParser.set(parse, { text, command })
  return command
}

async function execute(
  ctx: ToolContext,
  command: ParsedCommand,
  gate: GateOutcome | undefined,
  text: string,
): Promise<string | undefined> {
  if (command.kind === 'undo') {
    const undone = await runTool(undoLastTool, ctx, {})
    return `Undone: your last ${undone.kind} entry.`
  }
  if (command.kind === 'amend_amount') {
    if (command.amount.ml === undefined) return undefined
    await runTool(amendLastTool, ctx, { amountMl: command.amount.ml })
    return `Corrected: ${Math.round(command.amount.ml)} ml.`
  }
  if (command.kind === 'amend_time') {
    await runTool(amendLastTool, ctx, { at: command.at })
    return 'Corrected the time of your last entry.'
  }
  const subject = command.subject
  if ('family' in subject) {
    const kids = await listDependentRows(ctx.tx, ctx.actor)
    if (kids.length === 0) return NO_DEPENDENTS
    const parts: string[] = []
    for (const d of kids)
      parts.push((await answerQuestion(ctx, d.id, { kind: 'summary', subject: { dependentId: d.id } })) ?? '')
    return parts.join('\n')
  }
  const dependentId = await resolve(ctx, subject, command, text)
  if (typeof dependentId !== 'string') return dependentId.reply
  if (LOGS.has(command.kind)) return recordLog(ctx, dependentId, command as Parameters<typeof recordLog>[2])
  return answerQuestion(ctx, dependentId, command as Parameters<typeof answerQuestion>[2], gate)
}

const NO_DEPENDENTS =
  'There’s nobody in your family’s care record yet. A parent can add a child: “add Maya, born 2026-09-20, 5.1 kg”.'

/** The dependent a command is about, or the reply that asks (and remembers the command for the answer). */
async function resolve(
  ctx: ToolContext,
  subject: SubjectRef,
  command: ParsedCommand,
  text: string,
): Promise<string | { reply: string }> {
  if ('dependentId' in subject) return subject.dependentId
  if ('self' in subject) {
    const mine = (await listDependentRows(ctx.tx, ctx.actor)).find((d) => d.memberId === ctx.actor.memberId)
    return mine?.id ?? { reply: 'You’re not in the care record yourself yet; a parent can add you as a dependent.' }
  }
  const all = await listDependentRows(ctx.tx, ctx.actor)
  const options = all.filter((d) => subject.ambiguous.includes(d.id))
  if (options.length === 0) return { reply: NO_DEPENDENTS }
  // "amox 5ml given": when only one of them takes that drug, it is about them.
  const taker = await onlyTaker(
    ctx,
    command,
    options.map((d) => d.id),
  )
  if (taker) return taker
  // The message itself is kept, not the parsed command: the answer re-runs it through the red-flag gate.
  await askQuestion(ctx.tx, ctx.actor, ctx.clock.now(), {
    kind: 'which_dependent',
    payload: { text },
    options: options.map((d) => d.id),
  })
  const names = list(options.map((d) => d.name)).replace(/ and ([^,]+)$/, ' or $1')
  return { reply: `Which child — ${names}? I’ll record it when you answer.` }
}

/** The one candidate with a regimen of the command's drug, if exactly one has it. */
async function onlyTaker(ctx: ToolContext, command: ParsedCommand, candidates: string[]): Promise<string | undefined> {
  const drug = 'drug' in command ? command.drug?.key : undefined
  if (!drug) return undefined
  const regimens = await listMedications(ctx.tx, ctx.actor)
  const takers = new Set(
    regimens.filter((m) => m.drugKey === drug && candidates.includes(m.dependentId)).map((m) => m.dependentId),
  )
  return takers.size === 1 ? [...takers][0] : undefined
}
