/**
 * The fast-path parser's input and output. `parseMessage` turns one text into one of these commands, or
 * `undefined` when it is not sure; the fast path maps a command onto a tool call, and anything undefined
 * goes to the agent. See docs/decisions/0014-fast-path-parser.md.
 */

/** A dependent as the parser needs it: ids and the words people use for them. */
export interface ParseDependent {
  id: string
  /** "Maya", or "Maya Lopez": the first word counts on its own too. */
  name: string
  /** "May", "Bug": matched as whole words, case-insensitively, possessive allowed ("Bug's"). */
  nicknames: string[]
}

/** A family member; a member who is also cared for (grandpa) carries their dependent id. */
export interface ParseMember {
  id: string
  name: string
  dependentId?: string
}

export interface ParseContext {
  /** When the message arrived: every time in it is resolved against this, and nothing is later than it. */
  now: Date
  /** The family's IANA time zone ("Europe/London"): "at 3" is 3 o'clock there. */
  timezone: string
  /** The sender's locale: 'en-US' reads a bare bottle amount as oz, 'en-GB' as ml. */
  locale: string
  dependents: ParseDependent[]
  members: ParseMember[]
  /** The sender, for "I", "me" and "my". */
  self: { memberId: string; dependentId?: string }
  /** Drug names on the family's regimens ("Lisinopril"), recognized beside the built-in list. */
  medications?: string[]
}

/** Who a command is about. `ambiguous` lists candidate dependent ids: the fast path asks which one. */
export type SubjectRef = { dependentId: string } | { ambiguous: string[] } | { self: true }

/** A number with the unit it was typed in. */
export interface Quantity<U extends string> {
  value: number
  unit: U
}

/** `stated`: the unit was typed; `inferred`: read from a bare number (health-facts §0, or the locale). */
export type UnitSource = 'stated' | 'inferred'

/** A drug as typed ("tylenal") and its key ("acetaminophen"): brands and typos share the generic's key. */
export interface DrugRef {
  name: string
  key: string
}

/** Regimen slots, as the medications tools name them: breakfast and 8am are morning, bedtime is evening. */
export type DoseSlot = 'morning' | 'midday' | 'evening'

export type DoseUnit = 'ml' | 'mg' | 'mcg' | 'tsp' | 'tbsp' | 'tablet' | 'capsule' | 'drop' | 'puff' | 'unit'

/** A dose amount; `ml` is set for volumes (tsp = 5 ml, health-facts §0). */
export interface DoseAmount extends Quantity<DoseUnit> {
  ml?: number
}

export interface BreastPart {
  side?: 'L' | 'R'
  minutes?: number
}

export type Feed =
  /** One part per side in the order typed: "L 15 R 10" is two parts; "nursed at 3" has none. */
  | { method: 'breast'; parts: BreastPart[] }
  | {
      method: 'bottle'
      /** Rounded to 0.1 ml; 1 fl oz = 29.5735 ml. */
      amountMl: number
      original: Quantity<'ml' | 'oz'>
      unitSource: UnitSource
      milk?: 'formula' | 'breastmilk'
    }
  | { method: 'solids'; food: string }

export type TemperatureSite = 'oral' | 'armpit' | 'rectal' | 'ear' | 'forehead'

export interface Temperature {
  value: number
  unit: 'C' | 'F'
  unitSource: UnitSource
  /** Rounded to 0.01 °C. */
  celsius: number
  site?: TemperatureSite
}

export interface GrowthMeasurement {
  measure: 'weight' | 'length' | 'head'
  /** kg for weight (0.001), cm for length and head (0.1). */
  value: number
  unit: 'kg' | 'cm'
  /** As typed: "13 lb 4 oz" is two parts. */
  original: Quantity<'kg' | 'g' | 'lb' | 'oz' | 'cm' | 'in'>[]
}

export type AmendUnit = 'ml' | 'oz' | 'tsp' | 'mg' | 'kg' | 'g' | 'lb' | 'C' | 'F' | 'min'

/** Records something that happened; `at` is when it happened, never later than `now`. */
export type LogCommand =
  | { kind: 'log_feed'; subject: SubjectRef; at: Date; feed: Feed }
  | { kind: 'log_sleep'; subject: SubjectRef; event: 'start' | 'end'; at: Date }
  | { kind: 'log_sleep'; subject: SubjectRef; event: 'range'; at: Date; end: Date }
  | { kind: 'log_diaper'; subject: SubjectRef; at: Date; wet: boolean; dirty: boolean }
  | { kind: 'log_temperature'; subject: SubjectRef; at: Date; temperature: Temperature }
  | { kind: 'log_growth'; subject: SubjectRef; at: Date; measurements: GrowthMeasurement[] }
  /** No `drug`: the scheduled medications ("my morning pills"), all of `slot` when one is said. */
  | { kind: 'log_dose'; subject: SubjectRef; at: Date; drug?: DrugRef; amount?: DoseAmount; slot?: DoseSlot }
  /** `text` is the note as typed, after "note:". */
  | { kind: 'log_note'; subject: SubjectRef; at: Date; text: string }

/** Asks about the record. A `drug` with an ambiguous subject lets the tool narrow it by regimen. */
export type QueryCommand =
  | { kind: 'last_feed'; subject: SubjectRef }
  | { kind: 'intake_today'; subject: SubjectRef }
  | { kind: 'last_dose'; subject: SubjectRef; drug?: DrugRef }
  | { kind: 'can_dose'; subject: SubjectRef; drug: DrugRef }
  | { kind: 'adherence'; subject: SubjectRef; slot?: DoseSlot; drug?: DrugRef }
  | { kind: 'refill_days'; subject: SubjectRef; drug?: DrugRef }
  | { kind: 'dose_info'; subject: SubjectRef; drug: DrugRef }
  | { kind: 'allergies'; subject: SubjectRef }
  /** `{ family: true }`: "summary" or "today" with nobody named. */
  | { kind: 'summary'; subject: SubjectRef | { family: true } }

/** Corrects the sender's own last entry; no subject, the entry says whose it was. */
export type CorrectionCommand =
  | { kind: 'undo' }
  | { kind: 'amend_amount'; amount: Quantity<AmendUnit> & { ml?: number } }
  /** `was`: the time being corrected, when said ("… not 3"), to find the entry. */
  | { kind: 'amend_time'; at: Date; was?: Date }

export type ParsedCommand = LogCommand | QueryCommand | CorrectionCommand
