import type { DoseSlot } from './types.js'

/**
 * Words for a regimen slot, mapped to the three slots the medications tools schedule (morning, midday,
 * evening): breakfast is morning, lunch and afternoon are midday, dinner, night and bedtime are evening.
 */
const SLOT_WORDS: Record<string, DoseSlot> = {
  morning: 'morning',
  breakfast: 'morning',
  am: 'morning',
  noon: 'midday',
  midday: 'midday',
  lunch: 'midday',
  lunchtime: 'midday',
  afternoon: 'midday',
  evening: 'evening',
  dinner: 'evening',
  supper: 'evening',
  night: 'evening',
  nighttime: 'evening',
  bedtime: 'evening',
  pm: 'evening',
}

/** "morning", "this morning", "bedtime"; am/pm only as a slot word right before the meds ("am pills"). */
export const SLOT_WORD = `(morning|breakfast|noon|midday|lunch|lunchtime|afternoon|evening|dinner|supper|night|nighttime|bedtime|tonight)`
export const SLOT = String.raw`(?:this\s+)?${SLOT_WORD}`

export function slotOf(word: string | undefined): DoseSlot | undefined {
  if (word === undefined) return undefined
  return SLOT_WORDS[word === 'tonight' ? 'night' : word]
}

/** The clock hours a slot covers, to read "evening pills at 8" as 20:00 (and "morning pills at 8" as 8:00). */
export function slotHours(slot: DoseSlot): (hour: number) => boolean {
  if (slot === 'morning') return (h) => h >= 3 && h < 12
  if (slot === 'midday') return (h) => h >= 10 && h < 17
  return (h) => h >= 16 || h < 3
}
