import { percentileWords } from '../growth/percentile.js'
import { dayLabel, renderGrowthChart } from './charts.js'
import type { VisitSummarySnapshot } from './snapshot.js'

/**
 * The one-page visit summary for the pediatrician, as a PDF (pdfkit, pure JavaScript, its built-in
 * Helvetica): identity, allergies and conditions, medications, the last seven days of care, growth with
 * the WHO chart, immunizations. Lists are cut to fit one page, saying how many more there are.
 */

/** Section headings, in order: tests and the CLI look for them. */
export const SECTIONS = [
  'Identity',
  'Allergies and conditions',
  'Medications',
  'Last 7 days',
  'Temperatures and doses',
  'Growth',
  'Immunizations',
] as const

const PAGE = { width: 612, height: 792, margin: 40 } // US Letter, in points
const INK = '#1f2a44'
const MUTED = '#55607a'
const LINE = '#d5dae3'

type Doc = PDFKit.PDFDocument

export async function renderVisitSummaryPdf(s: VisitSummarySnapshot): Promise<Buffer> {
  const [{ default: PDFDocument }, chart] = await Promise.all([import('pdfkit'), renderGrowthChart(s.growth)])
  const doc = new PDFDocument({
    size: 'LETTER',
    // A small bottom margin: the footer sits low, and text past the margin would open a second page.
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: 10 },
    // One page by construction: nothing may spill onto a second.
    autoFirstPage: true,
    info: {
      Title: `Visit summary: ${s.dependent.name}`,
      Creator: 'MedNanny',
      CreationDate: new Date(`${s.generatedOn}T12:00:00Z`),
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))

  header(doc, s)
  const left = PAGE.margin
  const mid = PAGE.width / 2 + 6
  const colW = PAGE.width / 2 - PAGE.margin - 6
  let y = 96
  y = identity(doc, s, left, y, colW)
  const yMeds = medicationsBlock(doc, s, mid, 96, colW)
  y = allergiesBlock(doc, s, left, y, colW)
  y = Math.max(y, yMeds) + 6
  y = lastSevenDays(doc, s, left, y, PAGE.width - 2 * PAGE.margin)
  const yGrowth = growthBlock(doc, s, chart, left, y + 6, colW)
  const yRight = temperaturesAndDoses(doc, s, mid, y + 6, colW)
  y = Math.max(yGrowth, yRight) + 6
  immunizationsBlock(doc, s, left, y, PAGE.width - 2 * PAGE.margin)
  footer(doc, s)
  doc.end()
  return done
}

function header(doc: Doc, s: VisitSummarySnapshot) {
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(18).text(`Visit summary: ${s.dependent.name}`, PAGE.margin, 40)
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(MUTED)
    .text(`Prepared ${s.generatedOn} by MedNanny from the family's own record (${s.timezone}).`, PAGE.margin, 62)
  doc
    .moveTo(PAGE.margin, 80)
    .lineTo(PAGE.width - PAGE.margin, 80)
    .strokeColor(LINE)
    .stroke()
}

function heading(doc: Doc, text: string, x: number, y: number): number {
  doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(text, x, y)
  return y + 15
}

/** Lines of 8.5 pt text, at most `max`, with "+N more" when cut. Returns the y below them. */
function lines(doc: Doc, items: string[], x: number, y: number, width: number, max: number, empty: string): number {
  doc.font('Helvetica').fontSize(8.5).fillColor(INK)
  const shown = items.length ? items.slice(0, max) : [empty]
  if (items.length > max) shown.push(`+${items.length - max} more`)
  let at = y
  for (const line of shown) {
    doc.text(line, x, at, { width, lineBreak: false, ellipsis: true })
    at += 11
  }
  return at
}

function identity(doc: Doc, s: VisitSummarySnapshot, x: number, y: number, w: number): number {
  const d = s.dependent
  const at = heading(doc, SECTIONS[0], x, y)
  const sex = d.sex === 'female' ? 'girl' : d.sex === 'male' ? 'boy' : d.sex
  const born = d.birthDate ? `Born ${d.birthDate}${d.ageWords ? ` (${d.ageWords})` : ''}` : 'Birth date not recorded'
  return lines(doc, [`Name: ${d.name}`, born, `Sex: ${sex ?? 'not recorded'}`], x, at, w, 3, '') + 4
}

function allergiesBlock(doc: Doc, s: VisitSummarySnapshot, x: number, y: number, w: number): number {
  const at = heading(doc, SECTIONS[1], x, y)
  const allergies = s.allergies.map(
    (a) =>
      `Allergy: ${a.substance}${a.reaction ? ` (${a.reaction}` : ''}${a.severity ? `${a.reaction ? ', ' : ' ('}${a.severity}` : ''}${a.reaction || a.severity ? ')' : ''}`,
  )
  const conditions = s.conditions.map((c) => `Condition: ${c}`)
  return lines(doc, [...allergies, ...conditions], x, at, w, 5, 'No allergies or conditions recorded')
}

function medicationsBlock(doc: Doc, s: VisitSummarySnapshot, x: number, y: number, w: number): number {
  const at = heading(doc, SECTIONS[2], x, y)
  const meds = s.medications.map((m) => `${m.name}${m.dose ? `, ${m.dose}` : ''}, ${m.schedule}`)
  return lines(doc, meds, x, at, w, 8, 'No medications recorded')
}

const COLUMNS = ['Day', 'Feeds', 'Bottle', 'Sleep', 'Wet', 'Dirty', 'Max temp', 'Doses'] as const

function lastSevenDays(doc: Doc, s: VisitSummarySnapshot, x: number, y: number, w: number): number {
  let at = heading(doc, SECTIONS[3], x, y)
  const colW = w / COLUMNS.length
  doc.font('Helvetica-Bold').fontSize(8.5).fillColor(MUTED)
  COLUMNS.forEach((c, i) => {
    doc.text(c, x + i * colW, at, { width: colW - 4, lineBreak: false })
  })
  at += 12
  doc.font('Helvetica').fillColor(INK)
  for (const d of s.days) {
    const cells = [
      dayLabel(d.date),
      String(d.feeds),
      d.bottleMl ? `${d.bottleMl} ml` : '–',
      d.sleepMinutes ? `${Math.floor(d.sleepMinutes / 60)} h ${String(d.sleepMinutes % 60).padStart(2, '0')}` : '–',
      String(d.wet),
      String(d.dirty),
      d.maxCelsius === undefined ? '–' : `${d.maxCelsius.toFixed(1)} °C`,
      String(d.doses),
    ]
    cells.forEach((c, i) => {
      doc.text(c, x + i * colW, at, { width: colW - 4, lineBreak: false })
    })
    at += 11
  }
  return at
}

function temperaturesAndDoses(doc: Doc, s: VisitSummarySnapshot, x: number, y: number, w: number): number {
  let at = heading(doc, SECTIONS[4], x, y)
  const when = (iso: string) => `${dayLabel(localDate(iso, s.timezone))} ${localTime(iso, s.timezone)}`
  const temps = s.temperatures.map(
    (t) =>
      `${when(t.at)}: ${t.unit === 'F' ? `${((t.celsius * 9) / 5 + 32).toFixed(1)} °F` : `${t.celsius.toFixed(1)} °C`}${t.site ? ` (${t.site})` : ''}`,
  )
  at = lines(doc, temps, x, at, w, 6, 'No temperatures in the last 7 days') + 4
  const doses = s.doses.map(
    (d) => `${when(d.at)}: ${d.drug}${d.amount ? ` ${d.amount}` : ''}${d.flagged ? ' (flagged)' : ''}`,
  )
  return lines(doc, doses, x, at, w, 8, 'No doses in the last 7 days')
}

function growthBlock(doc: Doc, s: VisitSummarySnapshot, chart: Buffer, x: number, y: number, w: number): number {
  let at = heading(doc, SECTIONS[5], x, y)
  const unit = { weight: 'kg', length: 'cm', head: 'cm' } as const
  const name = { weight: 'Weight', length: 'Length', head: 'Head' } as const
  const latest = s.latestGrowth.map(
    (g) =>
      `${name[g.indicator]} ${g.value} ${unit[g.indicator]} on ${localDate(g.at, s.timezone)}${g.percentile === undefined ? '' : `: ${percentileWords(g.percentile)} (WHO)`}`,
  )
  at = lines(doc, latest, x, at, w, 3, 'No growth measurements recorded')
  const h = (w * 720) / 1200
  doc.image(chart, x, at + 2, { width: w, height: h })
  return at + h + 4
}

function immunizationsBlock(doc: Doc, s: VisitSummarySnapshot, x: number, y: number, w: number) {
  const at = heading(doc, SECTIONS[6], x, y)
  const half = w / 2 - 6
  const given = s.immunizations.given.map((i) => `${i.givenOn}: ${i.vaccine}`)
  const due = s.immunizations.due.map(
    (d) => `${d.status === 'overdue' ? 'Overdue' : 'Due'}: ${d.name} (from ${d.dueOn})`,
  )
  doc.font('Helvetica-Bold').fontSize(8.5).fillColor(MUTED).text('Given', x, at)
  doc.text('Due or overdue (CDC schedule)', x + half + 12, at)
  const room = Math.max(1, Math.floor((PAGE.height - PAGE.margin - 20 - (at + 12)) / 11) - 1)
  lines(doc, given, x, at + 12, half, room, 'None recorded')
  lines(doc, due, x + half + 12, at + 12, half, room, s.dependent.birthDate ? 'Nothing due now' : 'Needs a birth date')
}

function footer(doc: Doc, s: VisitSummarySnapshot) {
  doc
    .font('Helvetica')
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(
      `Logged by the family in MedNanny; not a clinical record. Percentiles: WHO Child Growth Standards (0–24 months). ${s.dependent.name}, ${s.generatedOn}.`,
      PAGE.margin,
      PAGE.height - PAGE.margin - 8,
      { width: PAGE.width - 2 * PAGE.margin, lineBreak: false },
    )
}

const localDate = (iso: string, tz: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: tz })
const localTime = (iso: string, tz: string) =>
  new Date(iso).toLocaleTimeString('en-US', { timeZone: tz, hour: 'numeric', minute: '2-digit' })
