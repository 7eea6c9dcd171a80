/** What the cycle commands text back. Dates are her local calendar dates. */
import type { CycleOwner } from '../../domain/cycles/access.js'
import { addDays, type CyclePrediction, MIN_OWN_CYCLES } from '../../domain/cycles/predict.js'
import type { HistoryDay, HistoryPeriod } from '../../domain/cycles/service.js'
import { dayName, rangeName, spanName } from '../../domain/cycles/words.js'
import type { DayFields } from './parse.js'

export const NOT_CONTRACEPTION = 'A calendar estimate, not reliable as contraception.'
const AN_ESTIMATE = 'An estimate, not reliable as contraception.'
export const NO_PERIODS_SELF =
  'I don’t have a period logged yet. Text “period started today” (or “period started 3 days ago”) when it starts.'

const possessive = (o: CycleOwner) => (o.self ? 'Your' : `${o.name}’s`)

/**
 * "Based on your last 5 cycles (about 29.4 days)." / "Based on typical cycles until you’ve logged 3." —
 * and, with temperatures logged this cycle, what they showed.
 */
export function basisLine(p: CyclePrediction, o: CycleOwner): string {
  const whose = o.self ? 'your' : `${o.name}’s`
  if (p.method === 'temperature' && p.shift) return shiftLine(p.shift, whose)
  const calendar = calendarLine(p, whose)
  return p.temperatures ? `${calendar} ${temperaturesLine(p.temperatures, whose)}` : calendar
}

/** "Adjusted for your temperatures: no rise yet (9 readings this cycle)." */
function temperaturesLine(t: NonNullable<CyclePrediction['temperatures']>, whose: string): string {
  if (t.ovulation) {
    return `Adjusted for ${whose} temperatures: they look to have risen, ovulation about ${dayName(t.ovulation)} (not yet confirmed).`
  }
  return `Adjusted for ${whose} temperatures: no rise yet (${t.readings} reading${t.readings === 1 ? '' : 's'} this cycle).`
}

function calendarLine(p: CyclePrediction, whose: string): string {
  if (p.basis === 'own') {
    const ignored = p.cyclesIgnored
      ? `; ${p.cyclesIgnored} unusual one${p.cyclesIgnored === 1 ? '' : 's'} left out`
      : ''
    return `Based on ${whose} last ${p.cyclesUsed} cycles (about ${p.lengthDays} days${ignored}).`
  }
  const logged =
    p.basis === 'population' ? 'no full cycle' : `${p.cyclesUsed} full cycle${p.cyclesUsed === 1 ? '' : 's'}`
  return `Based mostly on typical cycles (average 29.3 days) — ${logged} logged so far; predictions use ${whose} own from ${MIN_OWN_CYCLES}.`
}

/** "From your temperature shift on 18 March (ovulation about Tue 17 March) plus your luteal phase of about 12.8 days (4 cycles measured)." */
function shiftLine(s: NonNullable<CyclePrediction['shift']>, whose: string): string {
  const luteal = s.lutealCycles
    ? `${whose} luteal phase of about ${s.lutealDays} days (${s.lutealCycles} cycle${s.lutealCycles === 1 ? '' : 's'} measured)`
    : `a typical luteal phase of ${s.lutealDays} days until ${whose} own is measured`
  return `From ${whose} temperature shift on ${spanName(s.firstHigh, s.firstHigh)} (ovulation about ${dayName(s.ovulation)}) plus ${luteal}.`
}

/** Why a late period's date moved: her temperature has not risen (ovulation is late), or it has. */
function lateReason(p: CyclePrediction, o: CycleOwner): string {
  const her = o.self ? 'your' : 'her'
  if (p.temperatures && !p.temperatures.ovulation && p.method === 'calendar') {
    return `${o.self ? 'Your' : 'Her'} temperature hasn’t risen yet this cycle, so ovulation looks late: from ${her} temperatures `
  }
  return `From ${her} temperatures `
}

export function presentNext(o: CycleOwner, p: CyclePrediction | undefined, today: string): string {
  if (!p) return o.self ? NO_PERIODS_SELF : `${o.name} hasn’t logged a period yet.`
  const who = possessive(o)
  const day = `${o.self ? 'You’re' : `${o.name} is`} on day ${p.cycleDay} of ${o.self ? 'your' : 'her'} cycle.`
  if (p.lateDays > 0) {
    const was = p.expectedStart ?? p.nextStart
    const now = p.expectedStart ? ` ${lateReason(p, o)}it now looks likely ${rangeName(p.nextStart)}.` : ''
    // Up since the first high reading: the confirmed shift's, or the day after the model's ovulation.
    const upSince = p.shift?.firstHigh ?? (p.temperatures?.ovulation && addDays(p.temperatures.ovulation, 1))
    const stayedUp =
      upSince && !p.expectedStart
        ? ` ${o.self ? 'Your' : 'Her'} temperature has stayed up since ${dayName(upSince)}.`
        : ''
    return (
      `${who} period was expected around ${dayName(was.date)} (likely ${rangeName(was)}), ` +
      `${p.lateDays} day${p.lateDays === 1 ? '' : 's'} ago.${now}${stayedUp} ${day} Cycles vary; text “period started” when it comes.`
    )
  }
  const soon = p.nextStart.date === today ? ' — today' : ''
  return `${who} next period is likely ${rangeName(p.nextStart)} (best guess ${dayName(p.nextStart.date)}${soon}). ${day} ${basisLine(p, o)}`
}

/** "Next period likely 25–31 May." — or, once late with no new date, when it was expected. */
const nextOrLate = (p: CyclePrediction) =>
  p.lateDays > 0 && !p.expectedStart
    ? `The period was expected around ${dayName(p.nextStart.date)}.`
    : `Next period likely ${rangeName(p.nextStart)}.`

export function presentFertile(o: CycleOwner, p: CyclePrediction | undefined): string {
  if (!p) return o.self ? NO_PERIODS_SELF : `${o.name} hasn’t logged a period yet.`
  const who = possessive(o)
  if (p.method === 'temperature' && p.shift) {
    return (
      `${who} temperature shift on ${spanName(p.shift.firstHigh, p.shift.firstHigh)} (confirmed ${dayName(p.shift.confirmed)}) ` +
      `puts ovulation around ${dayName(p.shift.ovulation)}: this cycle’s fertile window (${spanName(p.fertile.from, p.fertile.to)}) ` +
      `has most likely passed. ${nextOrLate(p)} ${AN_ESTIMATE}`
    )
  }
  return (
    `${who} fertile window is likely ${spanName(p.fertile.from, p.fertile.to)}, around ovulation on about ` +
    `${dayName(p.ovulation.date)} (likely ${rangeName(p.ovulation)}). ${p.temperatures ? AN_ESTIMATE : NOT_CONTRACEPTION} ${basisLine(p, o)}`
  )
}

export function presentHistory(
  o: CycleOwner,
  h: { periods: HistoryPeriod[]; days: HistoryDay[]; prediction?: CyclePrediction },
): string {
  if (!h.periods.length) return o.self ? NO_PERIODS_SELF : `${o.name} hasn’t logged a period yet.`
  const lines = h.periods.slice(0, 6).map((p) => {
    const span = p.end ? spanName(p.start, p.end) : `${spanName(p.start, p.start)} (ongoing or end not logged)`
    return `• ${span}${p.cycleDays ? ` — cycle ${p.cycleDays} days` : ''}`
  })
  const recent = h.days.slice(0, 5).map((d) => `• ${dayName(d.date)}: ${describeDay(d)}`)
  const avg = h.prediction?.basis === 'own' ? `\nAverage cycle: about ${h.prediction.lengthDays} days.` : ''
  return (
    `${possessive(o)} periods (newest first):\n${lines.join('\n')}${avg}` +
    (recent.length ? `\nRecent days:\n${recent.join('\n')}` : '')
  )
}

interface DayWords {
  flow?: string | null
  symptoms?: string[]
  bbtC?: number | null
  bbtDisturbed?: boolean | null
  note?: string | null
}

function describeDay(d: DayWords) {
  const disturbed = d.bbtDisturbed ? ' (disturbed: left out of the predictions)' : ''
  const parts = [
    d.flow ? (d.flow === 'spotting' ? 'spotting' : `${d.flow} flow`) : undefined,
    d.symptoms?.length ? d.symptoms.join(', ') : undefined,
    d.bbtC != null ? `BBT ${d.bbtC.toFixed(2)} °C${disturbed}` : undefined,
    d.note ? 'a note' : undefined,
  ].filter(Boolean)
  return parts.join('; ')
}

export function presentStart(
  r: { period: { startDate: string }; corrected: boolean; prediction?: CyclePrediction },
  day: DayFields | undefined,
): string {
  const head = r.corrected
    ? `Moved your period start to ${dayName(r.period.startDate)}.`
    : `Logged: period started ${dayName(r.period.startDate)}.`
  const extra = day ? ` Also noted: ${describeDay({ flow: day.flow, symptoms: day.symptoms })}.` : ''
  const next = r.prediction
    ? ` Next one likely ${rangeName(r.prediction.nextStart)} (${r.prediction.basis === 'own' ? 'from your cycles' : 'from typical cycles for now'}).`
    : ''
  return `${head}${extra}${next} Private to you.`
}

export function presentDay(date: string, day: DayWords) {
  return `Logged for ${dayName(date)}: ${describeDay(day)}. Private to you.`
}
