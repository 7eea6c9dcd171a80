/**
 * The CDC childhood immunization schedule as a due list: which doses a child has had (from the medical
 * record's immunizations), which are due, overdue or still ahead. Ages and dose numbers are from
 * /work/shared/reference/health-facts.md §5 (health-facts.json → immunization_schedule.rows), which read
 * them from the CDC 2025 parent schedule [CDC-SCHED-2025] https://cdc.gov/vaccines/imz-schedules/child-easyread.html
 * and the HHS/CDC January 2026 table [HHS-SCHED-2026] https://www.hhs.gov/childhood-immunization-schedule/index.html
 * ("same ages for the routine vaccines"), with details from the CDC notes [CDC-NOTES-2012]
 * http://www.nap.edu/openbook.php?record_id=13563&page=139. The full 2025/2026 HCP notes (minimum
 * intervals, catch-up) were not readable there, so this list does not plan catch-up doses: it says what
 * is due by age and leaves the plan to the pediatrician.
 *
 * Left out of the due list, because the reference makes them conditional rather than due by age alone:
 * RSV antibody (only if the mother was not vaccinated) [CDC-RSV-INFANT], influenza and COVID-19 (yearly,
 * seasonal; shared decision from 2026) [CDC-SCHED-2025] [EPOCRATES-2026], and MenB (shared decision) [TEEN-VAX].
 */
import { DateTime } from 'luxon'

/** A series: one vaccine counted across its doses. */
export type Series =
  | 'HepB'
  | 'RV'
  | 'DTaP'
  | 'Hib'
  | 'PCV'
  | 'IPV'
  | 'MMR'
  | 'VAR'
  | 'HepA'
  | 'Tdap'
  | 'HPV'
  | 'MenACWY'

export interface ScheduledShot {
  series: Series
  dose: number
  /** Recommended age in months, from–to (the reference's age_months_min/max; open-ended when undefined). */
  fromMonths: number
  toMonths?: number
  /** After this age the dose is not given at all (rotavirus), so it is never "overdue". */
  closesAtMonths?: number
  note?: string
}

const s = (
  series: Series,
  dose: number,
  fromMonths: number,
  toMonths?: number,
  extra: Partial<ScheduledShot> = {},
) => ({
  series,
  dose,
  fromMonths,
  toMonths,
  ...extra,
})

/** Rotavirus: last dose by 8 months 0 days [AAP-ROTA] http://pediatrics.aappublications.org/highwire/markup/105673/expansion */
const ROTA_CLOSES = 8

export const CDC_CHILD_SCHEDULE: ScheduledShot[] = [
  // Hepatitis B: birth, 1–2 months, 6–18 months [CDC-NOTES-2012] [BAYCARE-SCHED]
  s('HepB', 1, 0, 0),
  s('HepB', 2, 1, 2),
  s('HepB', 3, 6, 18),
  // Rotavirus: 2, 4, 6 months; the 6-month dose is RV5 (RotaTeq) only [AAP-ROTA]
  s('RV', 1, 2, 2, { closesAtMonths: ROTA_CLOSES }),
  s('RV', 2, 4, 4, { closesAtMonths: ROTA_CLOSES }),
  s('RV', 3, 6, 6, { closesAtMonths: ROTA_CLOSES, note: 'RotaTeq only' }),
  // DTaP: 2, 4, 6, 15–18 months, 4–6 years [IMMUNIZE-DTAP] [HHS-SCHED-2026]
  s('DTaP', 1, 2, 2),
  s('DTaP', 2, 4, 4),
  s('DTaP', 3, 6, 6),
  s('DTaP', 4, 15, 18),
  s('DTaP', 5, 48, 72),
  // Hib: 2, 4, (6, brand-dependent), 12–15 months [BAYCARE-SCHED] [FRONT-IMMUNOL-TABLE] [HHS-SCHED-2026]
  s('Hib', 1, 2, 2),
  s('Hib', 2, 4, 4),
  s('Hib', 3, 6, 6, { note: 'depends on the brand' }),
  s('Hib', 4, 12, 15, { note: 'booster' }),
  // Pneumococcal conjugate: 2, 4, 6, 12–15 months [FRONT-IMMUNOL-TABLE] [HHS-SCHED-2026]
  s('PCV', 1, 2, 2),
  s('PCV', 2, 4, 4),
  s('PCV', 3, 6, 6),
  s('PCV', 4, 12, 15),
  // Polio: 2, 4, 6–18 months, 4–6 years [BAYCARE-SCHED] [IFFY-VACCINES] [HHS-SCHED-2026]
  s('IPV', 1, 2, 2),
  s('IPV', 2, 4, 4),
  s('IPV', 3, 6, 18),
  s('IPV', 4, 48, 72),
  // MMR and varicella: 12–15 months, 4–6 years [FRONT-IMMUNOL-TABLE] [IFFY-VACCINES] [HHS-SCHED-2026]
  s('MMR', 1, 12, 15),
  s('MMR', 2, 48, 72),
  s('VAR', 1, 12, 15),
  s('VAR', 2, 48, 72),
  // Hepatitis A: 12–23 months, then 6 months later [IFFY-VACCINES] [CDC-SCHED-2025]
  s('HepA', 1, 12, 23),
  s('HepA', 2, 18, undefined, { note: '6 months after dose 1' }),
  // Adolescents: Tdap, HPV, MenACWY at 11–12 years; MenACWY booster at 16 [TEEN-VAX] [WERNATIVE-CDC] [HHS-SCHED-2026]
  s('Tdap', 1, 132, 155),
  s('HPV', 1, 132, 155),
  s('MenACWY', 1, 132, 155),
  s('MenACWY', 2, 192, 203, { note: 'booster' }),
]

export const SERIES_NAMES: Record<Series, string> = {
  HepB: 'Hep B',
  RV: 'rotavirus',
  DTaP: 'DTaP',
  Hib: 'Hib',
  PCV: 'pneumococcal (PCV)',
  IPV: 'polio (IPV)',
  MMR: 'MMR',
  VAR: 'chickenpox (varicella)',
  HepA: 'Hep A',
  Tdap: 'Tdap',
  HPV: 'HPV',
  MenACWY: 'MenACWY',
}

/** What families and clinics write for each series, combination vaccines counting for each part. */
const NAMES: [RegExp, Series[]][] = [
  [/pediarix/, ['DTaP', 'HepB', 'IPV']],
  [/pentacel/, ['DTaP', 'IPV', 'Hib']],
  [/vaxelis/, ['DTaP', 'IPV', 'Hib', 'HepB']],
  [/kinrix|quadracel/, ['DTaP', 'IPV']],
  [/proquad|mmrv/, ['MMR', 'VAR']],
  [/\bhep(atitis)?\s*-?b\b|\bhbv\b|engerix|recombivax/, ['HepB']],
  [/\bhep(atitis)?\s*-?a\b|havrix|vaqta/, ['HepA']],
  [/rota|\brv[15]?\b/, ['RV']],
  [/tdap|boostrix|adacel/, ['Tdap']],
  [/dtap|daptacel|infanrix/, ['DTaP']],
  [/\bhib\b|acthib|pedvax/, ['Hib']],
  [/pcv|pneumo|prevnar|vaxneuvance/, ['PCV']],
  [/ipv|polio/, ['IPV']],
  [/mmr|measles/, ['MMR']],
  [/varicella|chicken\s*pox|\bvar\b|varivax/, ['VAR']],
  [/hpv|gardasil/, ['HPV']],
  [/menacwy|menveo|menactra|menquadfi|meningococcal conjugate/, ['MenACWY']],
]

/** The series a recorded vaccine counts for ("Pediarix" → DTaP, Hep B, polio). */
export function seriesOf(vaccine: string): Series[] {
  const v = vaccine.toLowerCase()
  for (const [pattern, series] of NAMES) if (pattern.test(v)) return series
  return []
}

export type ShotStatus = 'done' | 'due' | 'overdue' | 'upcoming' | 'closed'

export interface ShotLine extends ScheduledShot {
  status: ShotStatus
  /** The date the dose's window opens (birth date + fromMonths). */
  dueOn: string
}

/** Age in whole months on the family's calendar. */
export function ageMonths(birthDate: string, today: string): number {
  return Math.floor(DateTime.fromISO(today).diff(DateTime.fromISO(birthDate), 'months').months)
}

/**
 * Each scheduled dose with its status on `today` (YYYY-MM-DD): done when the record holds at least that
 * many shots of the series; otherwise due inside its age window, overdue after it, upcoming before it.
 */
export function immunizationDueList(birthDate: string, today: string, recorded: { vaccine: string }[]): ShotLine[] {
  const counts = new Map<Series, number>()
  for (const r of recorded) for (const series of seriesOf(r.vaccine)) counts.set(series, (counts.get(series) ?? 0) + 1)
  const age = ageMonths(birthDate, today)
  const born = DateTime.fromISO(birthDate)
  return CDC_CHILD_SCHEDULE.map((shot) => ({
    ...shot,
    dueOn: born.plus({ months: shot.fromMonths }).toISODate() ?? '',
    status: statusOf(shot, age, counts.get(shot.series) ?? 0),
  }))
}

function statusOf(shot: ScheduledShot, age: number, given: number): ShotStatus {
  if (given >= shot.dose) return 'done'
  if (shot.closesAtMonths !== undefined && age >= shot.closesAtMonths) return 'closed'
  if (age < shot.fromMonths) return 'upcoming'
  // "2 months" is the whole third month of life: overdue once the month after the window has begun.
  if (shot.toMonths !== undefined && age > shot.toMonths) return 'overdue'
  return 'due'
}

/** The ages (months) at which a dose window opens: the visits a reminder goes out before. Birth is left out. */
export const VISIT_MONTHS = [...new Set(CDC_CHILD_SCHEDULE.map((x) => x.fromMonths))]
  .filter((m) => m > 0)
  .sort((a, b) => a - b)

/** "DTaP 2", "rotavirus 3 (RotaTeq only)". */
export const shotName = (x: Pick<ScheduledShot, 'series' | 'dose' | 'note'>) =>
  `${SERIES_NAMES[x.series]} ${x.dose}${x.note ? ` (${x.note})` : ''}`
