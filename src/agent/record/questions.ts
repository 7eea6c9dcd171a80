import { careSummaryTool, intakeTodayTool, lastFeedTool } from '../../domain/care-log/tools.js'
import { medicalRecordTool } from '../../domain/medical/tools.js'
import { adherenceTool, doseInfoTool, lastDoseTool, refillDaysTool } from '../../domain/medications/tools.js'
import type { GateOutcome } from '../../domain/safety/index.js'
import { runTool, type ToolContext } from '../../domain/tools.js'
import type { QueryCommand } from '../parser/types.js'
import { ago, clock, count, duration, list, temperature, volume } from './present.js'

type Kind = QueryCommand['kind']
interface Ask<K extends Kind> {
  ctx: ToolContext
  dependent: string
  cmd: Extract<QueryCommand, { kind: K }>
  gate?: GateOutcome
  now: Date
  at: (d: Date) => string
}
type Handler<K extends Kind> = (q: Ask<K>) => Promise<string | undefined>

/**
 * Answers a question about one dependent from the record, or undefined when this form of the question
 * is better left to the agent (e.g. "when was her last dose?" without a drug).
 */
export async function answerQuestion(
  ctx: ToolContext,
  dependent: string,
  cmd: QueryCommand,
  gate?: GateOutcome,
): Promise<string | undefined> {
  const now = ctx.clock.now()
  const at = (d: Date) => clock(d, ctx.actor.timezone, ctx.actor.locale, now)
  const handler = HANDLERS[cmd.kind] as Handler<Kind>
  return handler({ ctx, dependent, cmd, gate, now, at })
}

const amountOf = (d: { amount: number | null; unit: string | null }) =>
  d.amount ? `, ${d.amount} ${d.unit ?? ''}`.trimEnd() : ''

const HANDLERS: { [K in Kind]: Handler<K> } = {
  async last_feed({ ctx, dependent, now, at }) {
    const out = await runTool(lastFeedTool, ctx, { dependent })
    if (!out.feed) return `I have no feeds for ${out.dependent} yet.`
    const f = out.feed
    const what =
      f.method === 'bottle' && f.amountMl
        ? `a ${volume(f.amountMl, ctx.actor.locale)} bottle`
        : f.method === 'breast'
          ? 'nursed'
          : 'solids'
    return `${out.dependent} last ate at ${at(f.at)} (${ago(f.at, now)}): ${what}. Today: ${count(out.today.count, 'feed')}.`
  },
  async intake_today({ ctx, dependent }) {
    const out = await runTool(intakeTodayTool, ctx, { dependent })
    if (out.count === 0) return `Nothing logged for ${out.dependent} today yet.`
    const bottle = out.bottleMl ? volume(out.bottleMl, ctx.actor.locale) : ''
    const nursing = out.breastMinutes ? `${out.breastMinutes} min nursing` : ''
    return `${out.dependent} today: ${list([bottle, nursing].filter(Boolean))} in ${count(out.count, 'feed')}.`
  },
  async last_dose({ ctx, dependent, cmd, now, at }) {
    if (!cmd.drug) return undefined
    const out = await runTool(lastDoseTool, ctx, { dependent, drug: cmd.drug.key })
    if (!out.dose) return `I have no ${cmd.drug.name} for ${out.dependent} on record.`
    return `${out.dependent}'s last ${cmd.drug.name}: ${at(out.dose.at)} (${ago(out.dose.at, now)})${amountOf(out.dose)}.`
  },
  async can_dose({ ctx, dependent, cmd, gate, now, at }) {
    // Too soon, too many or too young was already answered by the red-flag gate; here it passed.
    if (gate?.tier !== 'dose_ok') return undefined
    const out = await runTool(lastDoseTool, ctx, { dependent, drug: cmd.drug.key })
    const last = out.dose ? ` The last ${cmd.drug.name} was at ${at(out.dose.at)} (${ago(out.dose.at, now)}).` : ''
    return `By the dose rules, ${out.dependent} can have ${cmd.drug.name} now.${last} Use the dose on the label for their weight.`
  },
  async adherence({ ctx, dependent, cmd }) {
    const out = await runTool(adherenceTool, ctx, { dependent, slot: cmd.slot })
    const slot = cmd.slot ? `${cmd.slot} ` : ''
    if (out.doses.length === 0) return `${out.dependent} has no ${slot}medicines scheduled.`
    const missing = out.doses.filter((d) => !d.taken)
    if (missing.length === 0) return `Yes — all ${slot}doses are logged (${list(out.doses.map((d) => d.medication))}).`
    const taken = out.doses.filter((d) => d.taken).map((d) => d.medication)
    const alsoTaken = taken.length ? `; ${list(taken)} ${taken.length === 1 ? 'is' : 'are'}` : ''
    return `Not yet: ${list(missing.map((d) => `${d.medication} (${d.time})`))} ${missing.length === 1 ? 'is' : 'are'} not logged${alsoTaken}.`
  },
  async refill_days({ ctx, dependent, cmd }) {
    if (!cmd.drug) return undefined
    const out = await runTool(refillDaysTool, ctx, { dependent, drug: cmd.drug.key })
    if (out.days === undefined) return `I don't know how much ${out.medication} is left. Tell me how many you have.`
    const refills = out.refillsLeft != null ? `, ${out.refillsLeft} refills` : ''
    return `${out.medication}: about ${out.days} days left${refills}.`
  },
  async dose_info({ ctx, dependent, cmd }) {
    const out = await runTool(doseInfoTool, ctx, { dependent, drug: cmd.drug.key })
    const dose = out.doseAmount ? `${out.doseAmount} ${out.doseUnit ?? ''}`.trimEnd() : 'dose not recorded'
    const s = out.schedule
    const when =
      s.kind === 'times'
        ? `at ${list(s.times)}`
        : s.kind === 'interval'
          ? `every ${s.hours} h${s.asNeeded ? ' as needed' : ''}`
          : 'as needed'
    return `${out.dependent}'s ${out.medication}${out.strength ? ` ${out.strength}` : ''}: ${dose} ${when}, as prescribed.`
  },
  async allergies({ ctx, dependent }) {
    const out = await runTool(medicalRecordTool, ctx, { dependent })
    if (out.allergies.length === 0) return `No allergies on record for ${out.dependent}.`
    return `${out.dependent} is allergic to ${list(out.allergies.map((a) => a.substance + (a.reaction ? ` (${a.reaction})` : '')))}.`
  },
  async summary({ ctx, dependent, at }) {
    const s = await runTool(careSummaryTool, ctx, { dependent })
    const lines = [
      `${s.dependent} today: ${count(s.feeds, 'feed')}${s.bottleMl ? `, ${volume(s.bottleMl, ctx.actor.locale)}` : ''}`,
      `${s.wet} wet, ${count(s.dirty, 'dirty diaper')}`,
      `slept ${duration(s.sleptMinutes)}${s.asleep ? ', asleep now' : ''}`,
    ]
    if (s.temperature)
      lines.push(
        `last temperature ${temperature(s.temperature.celsius, s.temperature.unit)} at ${at(s.temperature.at)}`,
      )
    return `${lines.join('; ')}.`
  },
}
