import type { ChartName } from '../../domain/reports/tools.js'

/** What a chart or summary request asked for; `dependent` is the name as typed, when there was one. */
export type ChartCommand =
  | { kind: 'chart'; chart: ChartName; days: 7 | 30; dependent?: string }
  | { kind: 'visit_summary'; dependent?: string }
  | { kind: 'set_sex'; dependent: string; sex: 'female' | 'male' }

const SUBJECT: Record<string, ChartName> = {
  sleep: 'sleep',
  sleeping: 'sleep',
  naps: 'sleep',
  feeds: 'feeds',
  feed: 'feeds',
  feeding: 'feeds',
  feedings: 'feeds',
  growth: 'growth',
  weight: 'growth',
  length: 'length',
  height: 'length',
  head: 'head',
}
const SUBJECTS = Object.keys(SUBJECT).join('|')

// "chart sleep this week", "chart of feeds for Maya", "graph her weight"
const CHART_FIRST = new RegExp(
  `^(?:send (?:me )?|show (?:me )?)?(?:an? |the )?(?:chart|graph|plot)(?: of| for)?(?: (?:her|his|the))? (${SUBJECTS})(?: circumference)?\\b(.*)$`,
  'i',
)
// "sleep chart", "growth chart for Maya", "feeds chart last 30 days", "Maya's growth chart"
const SUBJECT_FIRST = new RegExp(
  `^(?:send (?:me )?|show (?:me )?)?(?:an? |the )?(?:([\\p{L}' -]+?)['’]s )?(${SUBJECTS})(?: circumference)? (?:chart|graph|curve)s?\\b(.*)$`,
  'iu',
)
const VISIT =
  /^(?:send (?:me )?|make (?:me )?)?(?:an? |the )?(?:visit|doctor'?s?|pediatrician'?s?|checkup) summary(?: for ([\p{L}' -]+?))?[.!?]*$/iu
const SEX = /^([\p{L}' -]+?) is an? (girl|boy)[.!]*$/iu

/**
 * Chart and summary requests by chat: a whole-message match only (like the fast path's other rules),
 * so a sentence that merely mentions a chart goes to the agent. Undefined when not one of ours.
 */
export function parseChartCommand(text: string): ChartCommand | undefined {
  const t = text.trim().replace(/\s+/g, ' ')
  const visit = t.match(VISIT)
  if (visit) return { kind: 'visit_summary', dependent: visit[1]?.trim() }
  const sex = t.match(SEX)
  if (sex?.[1] && sex[2])
    return { kind: 'set_sex', dependent: sex[1].trim(), sex: sex[2].toLowerCase() === 'girl' ? 'female' : 'male' }
  const first = t.match(CHART_FIRST)
  if (first) return chart(first[1], undefined, first[2])
  const second = t.match(SUBJECT_FIRST)
  if (second) return chart(second[2], second[1], second[3])
  return undefined
}

function chart(subject: string | undefined, owner: string | undefined, rest = ''): ChartCommand | undefined {
  const name = SUBJECT[(subject ?? '').toLowerCase()]
  if (!name) return undefined
  const tail = rest.trim().replace(/[.!?]+$/, '')
  let dependent = owner?.trim()
  let days: 7 | 30 = 7
  let words = tail
  const range = words.match(
    /\b(?:(?:this|last|past) (week|month)|(?:last|past|over the last) (\d+) days?|(\d+) days?)\b/i,
  )
  if (range) {
    const n = Number(range[2] ?? range[3] ?? (range[1]?.toLowerCase() === 'month' ? 30 : 7))
    if (n !== 7 && n !== 30) return undefined // only the two ranges we draw; anything else goes on
    days = n
    words = words.replace(range[0], ' ')
  }
  const who = words.match(/^\s*(?:for|of)\s+([\p{L}' -]+?)\s*$/iu)
  if (who?.[1]) dependent = who[1].trim()
  else if (words.trim()) return undefined // words we don't understand: not a chart request we can be sure of
  return { kind: 'chart', chart: name, days, dependent }
}
