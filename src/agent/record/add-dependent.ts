import * as chrono from 'chrono-node'
import { DateTime } from 'luxon'
import { addDependentTool } from '../../domain/dependents/tools.js'
import { runTool, type ToolContext } from '../../domain/tools.js'

/**
 * "add Maya, born Sept 20, 5.1 kg" / "add Leo born 2023-03-02": a parent adds a child by chat. The date
 * is read by chrono-node in the family's calendar; a date without a year is the most recent one past.
 */
const ADD =
  /^(?:add|new child|new baby)\s+([\p{L}][\p{L}'’ -]{0,38}?)\s*,?\s+(?:born|b\.|dob|birthday)\s*:?\s+(.+?)(?:\s*,?\s+(\d+(?:[.,]\d+)?)\s*(kg|kgs|lb|lbs|pounds?))?[.!]?$/iu

export async function addDependentByChat(ctx: ToolContext, text: string): Promise<string | undefined> {
  const m = ADD.exec(text.trim())
  if (!m) return undefined
  const [, name = '', when = '', amount, unit] = m
  const birthDate = readBirthDate(when, ctx.clock.now(), ctx.actor.timezone)
  if (!birthDate) return `I couldn't read “${when}” as a birth date. Try “add ${name.trim()}, born 2026-09-20”.`
  const weightKg = amount ? toKg(Number(amount.replace(',', '.')), unit ?? 'kg') : undefined
  const out = await runTool(addDependentTool, ctx, { name: name.trim(), birthDate, weightKg })
  const weight = out.weightKg ? `, ${out.weightKg} kg` : ''
  return `Added ${out.name} (born ${DateTime.fromISO(birthDate).setLocale(ctx.actor.locale).toLocaleString(DateTime.DATE_MED)}${weight}). You can now log feeds, naps and diapers for ${out.name}.`
}

function readBirthDate(text: string, now: Date, timezone: string): string | undefined {
  const [result] = chrono.parse(text, { instant: now, timezone: DateTime.fromJSDate(now, { zone: timezone }).offset })
  if (!result) return undefined
  let date = DateTime.fromObject(
    { year: result.start.get('year') ?? 0, month: result.start.get('month') ?? 1, day: result.start.get('day') ?? 1 },
    { zone: timezone },
  )
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day')
  // "Sept 20" said in November means the September just past, never a birthday still to come.
  if (!result.start.isCertain('year') && date > today) date = date.minus({ years: 1 })
  return date.isValid ? (date.toISODate() ?? undefined) : undefined
}

// 1 lb = 0.4536 kg (health-facts §0, the gate's conversion).
const toKg = (value: number, unit: string) =>
  /^(lb|lbs|pounds?)$/i.test(unit) ? Math.round(value * 0.4536 * 100) / 100 : value
