import { existsSync } from 'node:fs'
import type { TopLevelSpec } from 'vega-lite'
import { lmsAt, valueAtZ, zForPercentile } from '../growth/percentile.js'
import type { Indicator } from '../growth/who-lms.js'
import {
  CYCLE_MARKS,
  type CycleCalendarSnapshot,
  type CycleMark,
  type DailySeriesSnapshot,
  type GrowthChartSnapshot,
} from './snapshot.js'

/**
 * Charts as PNG, server-side: a Vega-Lite spec compiled to Vega, drawn to SVG by Vega's headless
 * renderer, rasterized by resvg (a Rust renderer shipped as a prebuilt binary in its npm package). No
 * browser, no canvas, no native build (docs/decisions/0032-charts-and-pdf.md).
 */

/** The SVG is drawn at this size (CSS pixels) and rasterized at 2×: 1200 × 720 PNG. */
export const CHART_WIDTH = 600
export const CHART_HEIGHT = 360
export const CHART_SCALE = 2

const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif'
const INK = '#1f2a44'
const ACCENT = '#d1495b'
const BAR = '#3b7dd8'

const base = (title: string, subtitle: string) =>
  ({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 16,
    background: 'white',
    title: { text: title, subtitle, anchor: 'start', color: INK, subtitleColor: '#55607a', fontSize: 18 },
    config: {
      font: FONT,
      view: { stroke: null },
      axis: { labelColor: INK, titleColor: INK, gridColor: '#e6e9ef', domainColor: '#b8bfcc', tickColor: '#b8bfcc' },
    },
  }) as const

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** "Mar 4" from "2026-03-04", without time-zone arithmetic: the date is already the family's. */
export const dayLabel = (date: string) => `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`

/** Feeds or sleep per day: one bar per local day, its value printed above it. */
export function dailySpec(s: DailySeriesSnapshot): TopLevelSpec {
  const sleep = s.kind === 'sleep_chart'
  const values = s.days.map((d) => ({
    day: dayLabel(d.date),
    value: sleep ? Math.round((d.value / 60) * 10) / 10 : d.value,
  }))
  const total = values.reduce((sum, v) => sum + v.value, 0)
  const n = s.days.length
  const first = s.days[0]?.date ?? ''
  const last = s.days.at(-1)?.date ?? ''
  const average = n ? Math.round((total / n) * 10) / 10 : 0
  const subtitle = total
    ? `${dayLabel(first)} – ${dayLabel(last)} · average ${average} ${sleep ? 'h' : 'feeds'} a day`
    : `Nothing logged ${dayLabel(first)} – ${dayLabel(last)}`
  const yTitle = sleep ? 'hours asleep' : 'feeds'
  return {
    ...base(`${s.dependent}: ${sleep ? 'sleep' : 'feeds'} per day, last ${n} days`, subtitle),
    data: { values },
    encoding: {
      x: {
        field: 'day',
        type: 'ordinal',
        sort: null,
        title: null,
        axis: { labelAngle: n > 10 ? -50 : 0, labelOverlap: true },
      },
      y: { field: 'value', type: 'quantitative', title: yTitle, scale: { domainMin: 0, nice: true } },
    },
    layer: [
      { mark: { type: 'bar', color: BAR, cornerRadiusTopLeft: 3, cornerRadiusTopRight: 3 } },
      ...(n <= 10
        ? [
            {
              mark: { type: 'text' as const, dy: -8, color: INK, fontSize: 12 },
              encoding: { text: { field: 'value', type: 'quantitative' as const } },
            },
          ]
        : []),
    ],
  }
}

const UNITS: Record<Indicator, { name: string; unit: string }> = {
  weight: { name: 'Weight', unit: 'kg' },
  length: { name: 'Length', unit: 'cm' },
  head: { name: 'Head circumference', unit: 'cm' },
}

/**
 * The WHO percentiles drawn under the child's points (3rd, 15th, median, 85th, 97th): the curves of WHO's
 * own percentile charts and tables ("Birth to 2 years (percentiles)", e.g.
 * https://www.who.int/tools/child-growth-standards/standards/weight-for-age).
 */
export const CURVE_PERCENTILES = [3, 15, 50, 85, 97] as const

/** Her points over the WHO percentile curves of her sex, birth to 24 months. */
export function growthSpec(s: GrowthChartSnapshot): TopLevelSpec {
  const { name, unit } = UNITS[s.indicator]
  const maxAge = Math.max(0, ...s.points.map((p) => p.ageMonths))
  const xMax = Math.max(6, Math.min(24, Math.ceil(maxAge) + 3), Math.ceil(maxAge))
  const curves = s.sex ? curveValues(s.indicator, s.sex, Math.min(xMax, 24)) : []
  const subtitle = !s.sex
    ? 'WHO percentile curves need her or his sex: reply “… is a girl” or “… is a boy”'
    : `WHO Child Growth Standards, ${s.sex === 'female' ? 'girls' : 'boys'}: 3rd, 15th, 50th, 85th and 97th percentiles`
  const points = s.points.map((p) => ({ age: p.ageMonths, value: p.value }))
  const ends = curves.filter((c) => c.age === Math.min(xMax, 24))
  return {
    ...base(
      `${s.dependent}: ${name.toLowerCase()} for age`,
      s.points.length ? subtitle : `No ${name.toLowerCase()} logged yet`,
    ),
    layer: [
      {
        data: { values: curves },
        mark: { type: 'line', strokeWidth: 1.5, interpolate: 'monotone' },
        encoding: {
          x: {
            field: 'age',
            type: 'quantitative',
            title: 'age (months)',
            scale: { domain: [0, xMax], nice: false },
            axis: { format: 'd', tickMinStep: 1 },
          },
          y: { field: 'value', type: 'quantitative', title: `${name.toLowerCase()} (${unit})`, scale: { zero: false } },
          detail: { field: 'p', type: 'nominal' },
          color: { value: '#9aa5b8' },
          strokeDash: { condition: { test: 'datum.p === 50', value: [1, 0] }, value: [4, 3] },
        },
      },
      {
        data: { values: ends },
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#6b7589' },
        encoding: {
          x: { field: 'age', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          text: { field: 'label', type: 'nominal' },
        },
      },
      {
        data: { values: points },
        mark: { type: 'line', color: ACCENT, strokeWidth: 2, point: { color: ACCENT, size: 60, filled: true } },
        encoding: {
          x: { field: 'age', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
        },
      },
    ],
  } as TopLevelSpec
}

function curveValues(indicator: Indicator, sex: 'male' | 'female', upTo: number) {
  const out: { age: number; value: number; p: number; label: string }[] = []
  for (const p of CURVE_PERCENTILES) {
    const z = zForPercentile(p)
    for (let age = 0; age <= upTo + 1e-9; age += 0.5) {
      const lms = lmsAt(indicator, sex, age)
      if (lms)
        out.push({ age, value: Math.round(valueAtZ(lms, z) * 1000) / 1000, p, label: p === 3 ? '3rd' : `${p}th` })
    }
  }
  return out
}

/**
 * Debian's fonts-dejavu-core (installed in the Dockerfile): loading two font files is cheaper and more
 * predictable than scanning every system font on each render. Without them, resvg scans the system.
 */
const DEJAVU = '/usr/share/fonts/truetype/dejavu'
const FONT_FILES = [`${DEJAVU}/DejaVuSans.ttf`, `${DEJAVU}/DejaVuSans-Bold.ttf`]
let fonts: { loadSystemFonts: boolean; fontFiles?: string[] } | undefined
function fontOptions() {
  fonts ??= FONT_FILES.every((f) => existsSync(f))
    ? { loadSystemFonts: false, fontFiles: FONT_FILES }
    : { loadSystemFonts: true }
  return fonts
}

/** Renders a Vega-Lite spec to PNG bytes. Vega and resvg are loaded on first use (they cost memory at rest). */
export async function renderPng(spec: TopLevelSpec): Promise<Buffer> {
  const [vega, { compile }, { Resvg }] = await Promise.all([
    import('vega'),
    import('vega-lite'),
    import('@resvg/resvg-js'),
  ])
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' })
  try {
    const svg = await view.toSVG()
    const png = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: CHART_SCALE },
      background: 'white',
      font: { ...fontOptions(), defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    })
    return png.render().asPng()
  } finally {
    view.finalize()
  }
}

const CYCLE_COLORS: Record<CycleMark, string> = {
  period: ACCENT,
  'predicted period': '#f0a6b0',
  'fertile window': '#7cc4a4',
  'ovulation (estimate)': '#2a8a63',
}

/**
 * Her cycle calendar: a row per month, a square per day, coloured by what the day is — a logged period,
 * the predicted next one, the fertile window and the ovulation estimate (predictions are ranges; the
 * subtitle says so). Days with nothing are light grey, today is outlined.
 */
export function cycleCalendarSpec(s: CycleCalendarSnapshot): TopLevelSpec {
  const marks = new Map(s.days.map((d) => [d.date, d.mark]))
  const values = s.months.flatMap((month) => {
    const [y, m] = month.split('-').map(Number) as [number, number]
    const length = new Date(Date.UTC(y, m, 0)).getUTCDate()
    return Array.from({ length }, (_, i) => {
      const date = `${month}-${String(i + 1).padStart(2, '0')}`
      return {
        month: `${MONTHS[m - 1]} ${y}`,
        day: i + 1,
        mark: marks.get(date) ?? 'nothing logged',
        today: date === s.today,
      }
    })
  })
  return {
    ...base('Your cycle', `${dayLabel(s.today)} today · predictions are estimates from your own history`),
    data: { values },
    mark: { type: 'rect', cornerRadius: 3, stroke: 'white', strokeWidth: 2 },
    encoding: {
      x: { field: 'day', type: 'ordinal', title: null, axis: { labelAngle: 0 } },
      y: { field: 'month', type: 'ordinal', sort: null, title: null },
      color: {
        field: 'mark',
        type: 'nominal',
        title: null,
        scale: {
          domain: [...CYCLE_MARKS, 'nothing logged'],
          range: [...CYCLE_MARKS.map((k) => CYCLE_COLORS[k]), '#eef0f4'],
        },
        legend: { orient: 'bottom', direction: 'horizontal', labelLimit: 300, columns: 5 },
      },
      strokeWidth: { condition: { test: 'datum.today', value: 3 }, value: 2 },
      stroke: { condition: { test: 'datum.today', value: INK }, value: 'white' },
    },
  }
}

export const renderCycleCalendar = (s: CycleCalendarSnapshot) => renderPng(cycleCalendarSpec(s))
export const renderDailyChart = (s: DailySeriesSnapshot) => renderPng(dailySpec(s))
export const renderGrowthChart = (s: GrowthChartSnapshot) => renderPng(growthSpec(s))
