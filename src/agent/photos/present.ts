import type { MediaRejection } from '../../domain/inbox/media.js'
import type { MedicationSchedule } from '../../domain/medications/schema.js'
import type { ProposedMedication } from './reading.js'

/** "08:00" → "8am", "14:30" → "2:30pm". */
export function clockTime(hhmm: string): string {
  const h = Number(hhmm.slice(0, 2))
  const m = hhmm.slice(3, 5)
  const hour = h % 12 === 0 ? 12 : h % 12
  return `${hour}${m === '00' ? '' : `:${m}`}${h < 12 ? 'am' : 'pm'}`
}

/** "8am", "8am and 8pm", "8am, 2pm and 8pm". */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

const TIMES_A_DAY: Record<number, string> = { 1: 'once a day', 2: 'twice a day' }

function frequency(s: MedicationSchedule): string {
  if (s.kind === 'as_needed') return 'as needed'
  if (s.kind === 'interval') return `every ${s.hours} hours${s.asNeeded ? ' as needed' : ''}`
  return TIMES_A_DAY[s.times.length] ?? `${s.times.length} times a day`
}

/** "reminders at 8am and 8pm", or why there are none. */
export function reminders(s: MedicationSchedule): string {
  if (s.kind === 'times') return `reminders at ${listOf(s.times.map(clockTime))}`
  return 'no timed reminders (it isn’t taken at fixed times)'
}

const UNIT_WORDS: Record<string, [string, string]> = {
  mg: ['mg', 'mg'],
  ml: ['mL', 'mL'],
  tablet: ['tablet', 'tablets'],
  capsule: ['capsule', 'capsules'],
  puff: ['puff', 'puffs'],
  drop: ['drop', 'drops'],
  unit: ['unit', 'units'],
}

function amount(n: number, unit: string): string {
  const [one, many] = UNIT_WORDS[unit] ?? [unit, unit]
  return `${n} ${n === 1 ? one : many}`
}

/** "amoxicillin 250 mg/5 mL, 5 mL twice a day" */
export function describePlan(p: ProposedMedication): string {
  const drug = `${p.name}${p.strength ? ` ${p.strength}` : ''}`
  const dose = p.doseAmount && p.doseUnit ? `${amount(p.doseAmount, p.doseUnit)} ` : ''
  return `${drug}, ${dose}${frequency(p.schedule)}`
}

/** The facts from the label that come along: prescriber, pharmacy, supply and refills. */
function extras(p: ProposedMedication): string {
  const parts: string[] = []
  if (p.prescriber) parts.push(`prescriber ${p.prescriber}`)
  if (p.pharmacy) parts.push(`pharmacy ${p.pharmacy}`)
  if (p.quantityOnHand && p.doseUnit) parts.push(`${amount(p.quantityOnHand, p.doseUnit)} on hand`)
  if (p.refillsLeft !== undefined) parts.push(`${p.refillsLeft} refill${p.refillsLeft === 1 ? '' : 's'} left`)
  return parts.length ? ` (${parts.join(', ')})` : ''
}

/** The confirmation question: "Reply YES to add amoxicillin …, 5 mL twice a day for Grandpa, reminders at 8am and 8pm". */
export function confirmQuestion(p: ProposedMedication, who: string): string {
  return `From the photo: reply YES to add ${describePlan(p)} for ${who}, ${reminders(p.schedule)}${extras(p)}. Reply NO to drop it.`
}

export function whoQuestion(p: ProposedMedication, names: string[]): string {
  const options = listOf(names).replace(/ and ([^,]+)$/, ' or $1')
  return `From the photo: ${describePlan(p)}. Who is it for — ${options}?`
}

export function added(p: ProposedMedication, who: string): string {
  const when = p.schedule.kind === 'times' ? ` Reminders at ${listOf(p.schedule.times.map(clockTime))}.` : ''
  return `Added ${p.name}${p.strength ? ` ${p.strength}` : ''} for ${who}.${when}`
}

export const DROPPED = 'OK — I won’t add it. Send the photo again any time.'

export const NOT_ALLOWED_ROLE =
  'Only a parent can add a medicine from a photo. Ask them to send it, or text the dose you gave as usual.'

export const NO_ASSISTANT_PHOTO =
  'Reading photos needs the assistant, which isn’t set up here, so I can’t read that. A parent can add the medicine with the mednanny command (medication add --for NAME --name DRUG --times 08:00,20:00), and you can still log doses by text: “gave Grandpa his amoxicillin 5 ml”.'

export const COULD_NOT_READ_NOW =
  'I couldn’t read that photo right now; please send it again in a few minutes. You can still log doses by text.'

export const NOBODY_YET =
  'There’s nobody in your family’s care record yet, so I can’t add a medicine. A parent can add someone first: “add Grandpa, born 1950-04-02”.'

/** What we say when the file was refused: clear, with what to do instead; never a stack trace. */
export function rejectedWords(r: MediaRejection): string {
  switch (r.kind) {
    case 'too_big': {
      const mb = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`
      const size = r.bytes ? ` (${mb(r.bytes)})` : ''
      return `That file is too big${size}; send a photo under ${mb(r.limit)}.`
    }
    case 'not_an_image':
      return 'That file isn’t a photo I can read. Send a JPEG, PNG, WebP or GIF picture of the label.'
    case 'not_allowed':
    case 'unavailable':
      return 'I couldn’t open that photo. Please send it again.'
  }
}

/** A readable document that is not a prescription: say what it is, honestly, and what we can do. */
export function otherDocument(summary: string): string {
  const said = summary.replace(/\s+/g, ' ').trim().slice(0, 300)
  return `I read it as: ${said || 'a document that isn’t a prescription'}. I can add prescriptions from photos; to keep a note of this, text it (e.g. “note: discharged Tuesday, follow-up in 2 weeks”).`
}

export function missingWords(missing: 'drug' | 'frequency', p?: { name?: string }): string {
  if (missing === 'drug')
    return 'I couldn’t read a medicine name on that photo. Try a sharper photo of the pharmacy label, straight on.'
  return `I read ${p?.name ?? 'the medicine'}, but not how often it is taken. Try a sharper photo of the directions on the label.`
}

export function blockedWords(problems: { text: string }[], who: string): string {
  const why = problems.map((p) => p.text.charAt(0).toUpperCase() + p.text.slice(1)).join(' ')
  return `I won’t set that up for ${who}: ${why} Please check the label with your pharmacist or doctor.`
}
