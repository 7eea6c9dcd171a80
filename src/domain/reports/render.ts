import { renderCycleCalendar, renderDailyChart, renderGrowthChart } from './charts.js'
import type { Snapshot } from './snapshot.js'
import { renderVisitSummaryPdf } from './visit-pdf.js'

export interface Rendered {
  contentType: 'image/png' | 'application/pdf'
  bytes: Buffer
  /** A file name for channels that show one (WhatsApp documents, Slack files). */
  filename: string
}

/** Draws a snapshot: a chart as PNG, a visit summary as PDF. CPU only; never inside a transaction. */
export async function renderSnapshot(s: Snapshot): Promise<Rendered> {
  const slug = s.kind === 'visit_summary' ? s.dependent.name : s.dependent
  const name = slug.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  switch (s.kind) {
    case 'visit_summary':
      return {
        contentType: 'application/pdf',
        bytes: await renderVisitSummaryPdf(s),
        filename: `visit-summary-${name}.pdf`,
      }
    case 'cycle_calendar':
      return { contentType: 'image/png', bytes: await renderCycleCalendar(s), filename: 'cycle-calendar.png' }
    case 'growth_chart':
      return { contentType: 'image/png', bytes: await renderGrowthChart(s), filename: `growth-${name}.png` }
    default:
      return {
        contentType: 'image/png',
        bytes: await renderDailyChart(s),
        filename: `${s.kind.replace('_chart', '')}-${name}.png`,
      }
  }
}
