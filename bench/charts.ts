/**
 * Charts and the visit summary (issue #8): how long one PNG chart and one PDF page take to draw, from
 * the snapshot a chat request stores to the bytes Twilio fetches. Baselines from the same run:
 *   - charts: resvg rasterizing a fixed SVG of the same size (1200 × 720 PNG) — the floor under any
 *     chart drawn this way; goal: chart p50 < 150 ms per PNG.
 *   - pdf: drawing its growth chart alone (the PDF embeds one); goal: p50 < 500 ms per page.
 * Writes one chart and the PDF (and its page as PNG) under bench/out/ for the note.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  renderCycleCalendar,
  renderDailyChart,
  renderGrowthChart,
} from '../src/domain/reports/charts.js'
import type {
  CycleCalendarSnapshot,
  DailySeriesSnapshot,
  GrowthChartSnapshot,
  VisitSummarySnapshot,
} from '../src/domain/reports/snapshot.js'
import { renderVisitSummaryPdf } from '../src/domain/reports/visit-pdf.js'
import { renderPdfPage } from '../tests/support/pdf.js'
import type { Row } from './support.js'

const OUT = join(import.meta.dirname, 'out')
const RUNS = 30
const WARMUP = 3
const CHART_GOAL_MS = 150
const PDF_GOAL_MS = 500

const growth: GrowthChartSnapshot = {
  kind: 'growth_chart',
  dependent: 'Maya',
  indicator: 'weight',
  sex: 'female',
  points: [
    { ageMonths: 0, value: 3.3 },
    { ageMonths: 0.5, value: 3.7 },
    { ageMonths: 1.1, value: 4.3 },
    { ageMonths: 2.1, value: 5.2 },
    { ageMonths: 3, value: 5.8 },
    { ageMonths: 3.94, value: 6.2, percentile: 40.4 },
  ],
}

const days = (n: number, f: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(2026, 1, 9 + i))
    return { date: d.toISOString().slice(0, 10), value: f(i) }
  })
const sleep30: DailySeriesSnapshot = {
  kind: 'sleep_chart',
  dependent: 'Maya',
  days: days(30, (i) => 780 + ((i * 53) % 150)),
}
const feeds7: DailySeriesSnapshot = { kind: 'feeds_chart', dependent: 'Maya', days: days(7, (i) => 7 + (i % 3)) }

const summary: VisitSummarySnapshot = {
  kind: 'visit_summary',
  generatedOn: '2026-03-10',
  timezone: 'America/New_York',
  dependent: { name: 'Maya', birthDate: '2025-11-10', ageWords: '3 months', sex: 'female' },
  allergies: [{ substance: 'amoxicillin', reaction: 'rash', severity: 'mild' }],
  conditions: ['eczema'],
  medications: [{ name: 'Vitamin D drops 400 IU/ml', dose: '1 ml', schedule: 'at 08:00' }],
  days: days(7, () => 0).map((d, i) => ({
    date: d.date,
    feeds: 7 + (i % 3),
    bottleMl: 600 + i * 10,
    sleepMinutes: 800 + i * 7,
    wet: 6,
    dirty: 2,
    maxCelsius: i === 4 ? 38.1 : undefined,
    doses: i === 4 ? 1 : 0,
  })),
  temperatures: [{ at: '2026-03-06T13:00:00Z', celsius: 38.1, unit: 'C', site: 'armpit' }],
  doses: [{ at: '2026-03-06T13:10:00Z', drug: 'Infant Tylenol', amount: '2.5 ml', flagged: false }],
  growth,
  latestGrowth: [{ indicator: 'weight', value: 6.2, at: '2026-03-10T15:00:00Z', percentile: 40.4 }],
  immunizations: {
    given: [
      { vaccine: 'HepB', givenOn: '2025-11-10' },
      { vaccine: 'DTaP', givenOn: '2026-01-12' },
    ],
    due: [{ name: 'DTaP dose 2', dueOn: '2026-03-10', status: 'due' }],
  },
}

async function timed(work: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await work()
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await work()
    out.push(performance.now() - started)
  }
  return out.sort((a, b) => a - b)
}
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN

/** The floor: the same rasterizer on a fixed SVG of the chart's size, without Vega. */
async function rasterFloor(): Promise<number[]> {
  const { Resvg } = await import('@resvg/resvg-js')
  const bars = Array.from(
    { length: 30 },
    (_, i) =>
      `<rect x="${40 + i * 18}" y="${100 + (i % 5) * 20}" width="14" height="${220 - (i % 5) * 20}" fill="#3b7dd8"/>`,
  ).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}"><rect width="100%" height="100%" fill="white"/>${bars}<text x="20" y="30" font-family="DejaVu Sans" font-size="18">Maya</text></svg>`
  return timed(async () =>
    new Resvg(svg, {
      fitTo: { mode: 'zoom', value: 2 },
      font: { loadSystemFonts: false, fontFiles: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'] },
    })
      .render()
      .asPng(),
  )
}

/** A cycle calendar as the chat would draw it: periods logged in February and March, the next predicted. */
const cycle: CycleCalendarSnapshot = {
  kind: 'cycle_calendar',
  dependent: 'cycle',
  today: '2026-03-10',
  months: ['2026-02', '2026-03', '2026-04'],
  days: [
    ...['03', '04', '05', '06', '07'].map((d) => ({ date: `2026-02-${d}`, mark: 'period' as const })),
    ...['04', '05', '06', '07', '08'].map((d) => ({ date: `2026-03-${d}`, mark: 'period' as const })),
    ...['16', '17', '18', '19', '20', '22'].map((d) => ({ date: `2026-03-${d}`, mark: 'fertile window' as const })),
    { date: '2026-03-21', mark: 'ovulation (estimate)' as const },
    ...['02', '03', '04', '05', '06'].map((d) => ({ date: `2026-04-${d}`, mark: 'predicted period' as const })),
  ],
}

export async function charts(): Promise<Row> {
  mkdirSync(OUT, { recursive: true })
  const floor = await rasterFloor()
  const g = await timed(() => renderGrowthChart(growth))
  const s = await timed(() => renderDailyChart(sleep30))
  const f = await timed(() => renderDailyChart(feeds7))
  const c = await timed(() => renderCycleCalendar(cycle))
  const all = [...g, ...s, ...f, ...c].sort((a, b) => a - b)
  const p50 = pct(all, 50)
  const ratio = p50 / pct(floor, 50)
  writeFileSync(join(OUT, 'growth-chart.png'), await renderGrowthChart(growth))
  writeFileSync(join(OUT, 'sleep-chart-30-days.png'), await renderDailyChart(sleep30))
  writeFileSync(join(OUT, 'cycle-calendar.png'), await renderCycleCalendar(cycle))
  console.log(`\ncharts: Vega-Lite → SVG → resvg, 1200 × 720 PNG, ${RUNS} runs each after ${WARMUP} warm-up`)
  console.log(`  baseline (resvg on a fixed SVG, same size): p50 ${pct(floor, 50).toFixed(1)} ms`)
  console.log(`  growth chart (WHO curves + points): p50 ${pct(g, 50).toFixed(1)} ms, p95 ${pct(g, 95).toFixed(1)} ms`)
  console.log(`  sleep per day, 30 days:              p50 ${pct(s, 50).toFixed(1)} ms, p95 ${pct(s, 95).toFixed(1)} ms`)
  console.log(`  feeds per day, 7 days:               p50 ${pct(f, 50).toFixed(1)} ms, p95 ${pct(f, 95).toFixed(1)} ms`)
  console.log(`  cycle calendar, 3 months:            p50 ${pct(c, 50).toFixed(1)} ms, p95 ${pct(c, 95).toFixed(1)} ms`)
  console.log(
    `  all charts: p50 ${p50.toFixed(1)} ms per PNG; ratio to baseline ${ratio.toFixed(2)}; goal < ${CHART_GOAL_MS} ms: ${p50 < CHART_GOAL_MS ? 'met' : 'NOT met'}`,
  )
  console.log('  wrote bench/out/growth-chart.png, sleep-chart-30-days.png and cycle-calendar.png')
  return {
    scenario: 'charts',
    figure: `${p50.toFixed(0)} ms p50 per PNG`,
    baseline: `${pct(floor, 50).toFixed(0)} ms (raster only)`,
    ratio,
    goal: `< ${CHART_GOAL_MS} ms`,
    met: p50 < CHART_GOAL_MS,
  }
}

export async function pdf(): Promise<Row> {
  mkdirSync(OUT, { recursive: true })
  const chart = await timed(() => renderGrowthChart(growth), 15)
  const page = await timed(() => renderVisitSummaryPdf(summary), 15)
  const p50 = pct(page, 50)
  const ratio = p50 / pct(chart, 50)
  const bytes = await renderVisitSummaryPdf(summary)
  writeFileSync(join(OUT, 'visit-summary.pdf'), bytes)
  const drawn = await renderPdfPage(bytes, 1.5)
  writeFileSync(join(OUT, 'visit-summary-page1.png'), drawn.png)
  console.log(`\npdf: one-page visit summary (pdfkit, growth chart embedded), 15 runs after ${WARMUP} warm-up`)
  console.log(`  baseline (its growth chart alone): p50 ${pct(chart, 50).toFixed(1)} ms`)
  console.log(
    `  visit summary PDF: p50 ${p50.toFixed(1)} ms, p95 ${pct(page, 95).toFixed(1)} ms, ${bytes.length} bytes`,
  )
  console.log(
    `  ratio to baseline ${ratio.toFixed(2)}; goal < ${PDF_GOAL_MS} ms: ${p50 < PDF_GOAL_MS ? 'met' : 'NOT met'}`,
  )
  console.log(
    `  wrote bench/out/visit-summary.pdf and bench/out/visit-summary-page1.png (page 1 drawn by pdf.js, ${(drawn.inked * 100).toFixed(1)}% inked)`,
  )
  return {
    scenario: 'pdf',
    figure: `${p50.toFixed(0)} ms p50 per page`,
    baseline: `${pct(chart, 50).toFixed(0)} ms (its chart)`,
    ratio,
    goal: `< ${PDF_GOAL_MS} ms`,
    met: p50 < PDF_GOAL_MS,
  }
}
