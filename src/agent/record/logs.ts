import {
  addNoteTool,
  logDiaperTool,
  logFeedTool,
  logGrowthTool,
  logSleepTool,
  logTemperatureTool,
} from '../../domain/care-log/tools.js'
import { logDoseTool, logSlotDosesTool } from '../../domain/medications/tools.js'
import { runTool, type ToolContext } from '../../domain/tools.js'
import { standingWords } from '../charts/growth-words.js'
import type { DoseSlot, LogCommand } from '../parser/types.js'
import { clock, count, duration, list, temperature, volume } from './present.js'

type Kind = LogCommand['kind']
type Handler<K extends Kind> = (
  ctx: ToolContext,
  dependent: string,
  cmd: Extract<LogCommand, { kind: K }>,
  at: (d: Date) => string,
) => Promise<string>

/** Records a parsed log for one dependent and answers with what was recorded, its time, and one fact. */
export async function recordLog(ctx: ToolContext, dependent: string, cmd: LogCommand): Promise<string> {
  const at = (d: Date) => clock(d, ctx.actor.timezone, ctx.actor.locale, ctx.clock.now())
  const handler = HANDLERS[cmd.kind] as Handler<Kind>
  return handler(ctx, dependent, cmd, at)
}

const HANDLERS: { [K in Kind]: Handler<K> } = {
  log_feed: recordFeed,
  async log_sleep(ctx, dependent, cmd, at) {
    const out = await runTool(logSleepTool, ctx, {
      dependent,
      event: cmd.event,
      at: cmd.at,
      ...(cmd.event === 'range' ? { endAt: cmd.end } : {}),
    })
    const s = out.sleep
    if (cmd.event === 'start') return `Logged: ${out.dependent} asleep since ${at(s.startAt)}.`
    const end = s.endAt ?? cmd.at
    const slept = duration(Math.round((end.getTime() - s.startAt.getTime()) / 60_000))
    return `Logged: ${out.dependent} slept ${at(s.startAt)}–${at(end)} (${slept}).`
  },
  async log_diaper(ctx, dependent, cmd, at) {
    const out = await runTool(logDiaperTool, ctx, { dependent, at: cmd.at, wet: cmd.wet, dirty: cmd.dirty })
    const what = cmd.wet && cmd.dirty ? 'wet and dirty' : cmd.wet ? 'wet' : 'dirty'
    return `Logged: ${out.dependent}, ${what} diaper at ${at(cmd.at)}.`
  },
  async log_temperature(ctx, dependent, cmd, at) {
    const t = cmd.temperature
    const out = await runTool(logTemperatureTool, ctx, {
      dependent,
      at: cmd.at,
      value: t.value,
      unit: t.unit,
      site: t.site,
    })
    const site = t.site ? ` (${t.site})` : ''
    return `Logged: ${out.dependent}, ${temperature(out.reading.celsius, t.unit)}${site} at ${at(cmd.at)}.`
  },
  async log_growth(ctx, dependent, cmd, at) {
    const m = (measure: string) => cmd.measurements.find((x) => x.measure === measure)?.value
    const out = await runTool(logGrowthTool, ctx, {
      dependent,
      at: cmd.at,
      weightKg: m('weight'),
      lengthCm: m('length'),
      headCm: m('head'),
    })
    const said = cmd.measurements.map((x) => `${x.measure} ${x.value} ${x.unit}`)
    const standing = standingWords(out.dependent, out.standing)
    return [`Logged: ${out.dependent}, ${list(said)} on ${at(cmd.at)}.`, standing].filter(Boolean).join(' ')
  },
  log_dose: recordDose,
  async log_note(ctx, dependent, cmd) {
    const out = await runTool(addNoteTool, ctx, { dependent, at: cmd.at, body: cmd.text })
    return `Noted for ${out.dependent}.`
  },
}

async function recordFeed(
  ctx: ToolContext,
  dependent: string,
  cmd: Extract<LogCommand, { kind: 'log_feed' }>,
  at: (d: Date) => string,
): Promise<string> {
  const f = cmd.feed
  const locale = ctx.actor.locale
  const parts = f.method === 'breast' && f.parts.length ? f.parts : [undefined]
  let out: Awaited<ReturnType<typeof logFeedTool.run>> | undefined
  for (const part of parts) {
    out = await runTool(logFeedTool, ctx, {
      dependent,
      at: cmd.at,
      method: f.method,
      ...(part ? { side: part.side, minutes: part.minutes } : {}),
      ...(f.method === 'bottle' ? { amountMl: f.amountMl, unit: f.original.unit, milk: f.milk } : {}),
      ...(f.method === 'solids' ? { food: f.food } : {}),
    })
  }
  const today = out?.today ?? { count: 0, bottleMl: 0 }
  const total = today.bottleMl
    ? `${volume(today.bottleMl, locale)} in ${count(today.count, 'feed')}`
    : count(today.count, 'feed')
  return `Logged: ${out?.dependent ?? dependent}, ${feedWords(f, locale)} at ${at(cmd.at)}. Today: ${total}.`
}

function feedWords(f: Extract<LogCommand, { kind: 'log_feed' }>['feed'], locale: string): string {
  if (f.method === 'bottle') {
    const milk = f.milk ? ` ${f.milk === 'breastmilk' ? 'breast milk' : 'formula'}` : ''
    return `bottle ${volume(f.amountMl, locale)}${milk}`
  }
  if (f.method === 'solids') return `solids (${f.food})`
  const sides = f.parts.map((p) => [p.side, p.minutes ? `${p.minutes} min` : ''].filter(Boolean).join(' '))
  return sides.length ? `nursed ${list(sides)}` : 'nursed'
}

async function recordDose(
  ctx: ToolContext,
  dependent: string,
  cmd: Extract<LogCommand, { kind: 'log_dose' }>,
  at: (d: Date) => string,
): Promise<string> {
  if (cmd.drug) {
    const amount =
      cmd.amount?.ml !== undefined
        ? { amount: cmd.amount.ml, unit: 'ml' }
        : cmd.amount
          ? { amount: cmd.amount.value, unit: cmd.amount.unit }
          : {}
    const out = await runTool(logDoseTool, ctx, {
      dependent,
      drug: cmd.drug.name,
      key: cmd.drug.key,
      ...amount,
      at: cmd.at,
    })
    const how = out.dose.amount ? ` ${out.dose.amount} ${out.dose.unit ?? ''}`.trimEnd() : ''
    const warning = out.allergyWarning ? `\n${out.allergyWarning}${toldWords(ctx, out.parentsTold)}` : ''
    return `Logged: ${out.dependent}, ${cmd.drug.name}${how} at ${at(cmd.at)}.${warning}`
  }
  const slot = cmd.slot ?? slotAt(cmd.at, ctx.actor.timezone)
  const out = await runTool(logSlotDosesTool, ctx, { dependent, slot, at: cmd.at })
  if (out.logged.length === 0) return `${out.dependent}'s ${slot} medicines were already logged today.`
  const warnings = out.allergyWarnings.length
    ? `\n${out.allergyWarnings.join('\n')}${toldWords(ctx, out.parentsTold)}`
    : ''
  return `Logged: ${out.dependent}, ${slot} medicines (${list(out.logged)}) at ${at(cmd.at)}.${warnings}`
}

/** Who heard about a dose an allergy rules out: the parents, or the other parents when a parent logged it. */
export function toldWords(ctx: ToolContext, told: number | undefined): string {
  if (!told) return ''
  const parent = ctx.actor.role === 'owner' || ctx.actor.role === 'admin'
  return parent ? ` I’ve told the other parent${told === 1 ? '' : 's'}.` : ' I’ve told the parents.'
}

function slotAt(at: Date, timezone: string): DoseSlot {
  const hour = Number(
    new Intl.DateTimeFormat('en-US', { timeZone: timezone, hour: 'numeric', hourCycle: 'h23' }).format(at),
  )
  return hour < 12 ? 'morning' : hour < 17 ? 'midday' : 'evening'
}
