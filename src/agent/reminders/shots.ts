/**
 * "what shots are due?", "shots due for Maya?", "which vaccines does Leo need next?": the CDC due list
 * (immunizations_due) in a few lines. Deterministic: a message naming shots or vaccines together with
 * due/need/next/overdue; "Maya got her shots today" is a log, not this question.
 */
import type { ShotLine } from '../../domain/medical/immunization-schedule.js'
import { shotName } from '../../domain/medical/immunization-schedule.js'

const SHOTS = /\b(shots?|vaccines?|vaccinations?|immuni[sz]ations?|jabs?)\b/i
const ASKS = /\b(due|need|needs|next|overdue|missing|behind|upcoming|coming up)\b/i
const LOGS = /\b(got|had|gave|given|received|today)\b/i

export function isShotsQuestion(text: string): boolean {
  return SHOTS.test(text) && ASKS.test(text) && (!LOGS.test(text) || text.trim().endsWith('?'))
}

/** The dependent named in the message, if any ("shots due for Maya?"). */
export function namedIn(text: string, people: { name: string; nicknames: string[] }[]): string | undefined {
  const words = new Set(text.toLowerCase().match(/[a-z'-]+/g) ?? [])
  const hit = people.find((p) => [p.name, ...p.nicknames].some((n) => words.has(n.toLowerCase())))
  return hit?.name
}

const MAX_DONE_LISTED = 8

export function presentShots(list: { dependent: string; ageMonths?: number; shots: ShotLine[] }[]): string {
  if (!list.length) {
    return 'I need a child’s birth date to work out their shots, e.g. “add Maya, born 2026-01-10”.'
  }
  const parts = list.map(presentOne)
  return `${parts.join('\n\n')}\nFrom the CDC schedule; your pediatrician has the final plan (catch-up doses included).`
}

function presentOne(c: { dependent: string; ageMonths?: number; shots: ShotLine[] }): string {
  if (c.ageMonths === undefined) return `${c.dependent}: I don’t have a birth date, so I can’t say which shots are due.`
  const of = (status: ShotLine['status']) => c.shots.filter((x) => x.status === status)
  const lines = [`${c.dependent} (${age(c.ageMonths)}):`]
  const overdue = of('overdue')
  const due = of('due')
  const done = of('done')
  if (overdue.length) lines.push(`Overdue: ${overdue.map(shotName).join(', ')}`)
  if (due.length) lines.push(`Due now: ${due.map(shotName).join(', ')}`)
  if (!overdue.length && !due.length) lines.push('Nothing due right now.')
  if (done.length) {
    lines.push(
      done.length > MAX_DONE_LISTED ? `Done: ${done.length} doses recorded` : `Done: ${done.map(shotName).join(', ')}`,
    )
  }
  const upcoming = of('upcoming')
  const nextAge = Math.min(...upcoming.map((x) => x.fromMonths))
  const next = upcoming.filter((x) => x.fromMonths === nextAge)
  if (next[0]) lines.push(`Next, at ${age(nextAge)} (from ${next[0].dueOn}): ${next.map(shotName).join(', ')}`)
  return lines.join('\n')
}

const age = (months: number) =>
  months < 24 ? `${months} month${months === 1 ? '' : 's'}` : `${Math.floor(months / 12)} years`
