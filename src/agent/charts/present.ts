import type { makeChartTool } from '../../domain/reports/tools.js'
import { standingWords } from './growth-words.js'

type ChartOut = Awaited<ReturnType<typeof makeChartTool.run>>

const hours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10} h`

/** The words sent with a chart, and whether a picture goes with them (not for an empty growth chart). */
export function presentChart(out: ChartOut): { text: string; withMedia: boolean } {
  if (out.kind === 'sleep_chart' || out.kind === 'feeds_chart') {
    const total = out.total ?? 0
    const what = out.kind === 'sleep_chart' ? 'sleep' : 'feeds'
    const sum =
      out.kind === 'sleep_chart'
        ? `${hours(total)} in all, ${hours(total / out.days)} a day on average`
        : `${total} in all, ${Math.round((total / out.days) * 10) / 10} a day on average`
    const text = total
      ? `📊 ${out.dependent}’s ${what}, last ${out.days} days: ${sum}.`
      : `📊 ${out.dependent}’s ${what}, last ${out.days} days: nothing logged yet, so the chart is empty.`
    return { text, withMedia: true }
  }
  const measure = out.chart === 'head' ? 'head circumference' : out.chart === 'length' ? 'length' : 'weight'
  if (!out.points && out.noBirthDate) {
    return {
      text: `A growth chart places each ${measure} by age, and ${out.dependent}’s birth date isn’t in the record, so there is nothing to plot yet.`,
      withMedia: false,
    }
  }
  if (!out.points) {
    return {
      text: `No ${measure} logged for ${out.dependent} yet. Send one like “${out.dependent} weighs 6.2 kg”.`,
      withMedia: false,
    }
  }
  const sexNote =
    out.sex === 'male' || out.sex === 'female'
      ? ''
      : ` ${standingWords(out.dependent, { percentiles: [], missing: out.sex === 'other' ? 'sex_other' : 'no_sex' })}`
  const n = `${out.points} measurement${out.points === 1 ? '' : 's'}`
  return {
    text: `📈 ${out.dependent}’s ${measure} chart (${n}) over the WHO percentile curves.${sexNote}`,
    withMedia: true,
  }
}

export function presentVisitSummary(dependent: string): string {
  return `📄 Visit summary for ${dependent}: one page for the pediatrician (PDF). The link works for a limited time; ask again for a fresh one.`
}

export function presentSexSet(name: string, sex: 'female' | 'male'): string {
  const [kind, their] = sex === 'female' ? ['girl', 'her'] : ['boy', 'his']
  return `Noted: ${name} is a ${kind}. Growth entries now show ${their} WHO percentile.`
}
