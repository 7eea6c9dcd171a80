import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addDependent } from '../../src/domain/dependents/service.js'
import { resolveActor } from '../../src/domain/families/queries.js'
import { DAYS_PER_MONTH, growthPercentile, percentileWords } from '../../src/domain/growth/percentile.js'
import { SECTIONS } from '../../src/domain/reports/visit-pdf.js'
import { onboardFamily, PUBLIC_BASE_URL, startTestApp, type TestApp } from '../support/harness.js'
import { readPdf, renderPdfPage } from '../support/pdf.js'

const ANA = '+15551230001' // owner (New York)
const MARIA = '+15551230003' // the nanny
let t: TestApp

async function say(from: string, body: string): Promise<string[]> {
  const before = t.inboxOf(from).length
  await t.sms(from, body)
  await t.settle()
  return t.inboxOf(from).slice(before)
}

/** The last message the fake Twilio accepted for this number, with its MediaUrl parameters. */
const lastTo = (phone: string) => t.fake.messages.filter((m) => m.to === phone).at(-1)

/** GETs a media URL as Twilio would (path and query of the public URL, against the app). */
async function fetchMedia(url: string) {
  expect(url.startsWith(`${PUBLIC_BASE_URL}/media/`)).toBe(true)
  return t.app.inject({ method: 'GET', url: url.slice(PUBLIC_BASE_URL.length) })
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

beforeEach(async () => {
  t = await startTestApp()
  t.clock.set('2026-03-10T15:00:00Z') // Tuesday 11 am in New York
  await onboardFamily(t, ANA)
  await say(ANA, 'add Maya, born 2025-11-10')
})
afterEach(async () => {
  await t.close()
})

describe('growth percentiles by chat', () => {
  it('asks for the sex, then states the WHO percentile of a weight', async () => {
    const [first] = await say(ANA, 'maya 6.2 kg')
    expect(first).toMatch(/^Logged: Maya, weight 6\.2 kg/)
    expect(first).toContain('I need to know if Maya is a girl or a boy')
    expect(await say(ANA, 'Maya is a girl')).toEqual([
      'Noted: Maya is a girl. Growth entries now show her WHO percentile.',
    ])

    const [second] = await say(ANA, 'maya 6.2 kg')
    // 2025-11-10 to 2026-03-10 is 120 days in New York: 3.94 WHO months.
    const p = growthPercentile('weight', 'female', 120, 6.2)
    expect(p?.ageMonths).toBeCloseTo(120 / DAYS_PER_MONTH, 6)
    expect(second).toContain(`At 3 months, 6.2 kg: ${percentileWords(p?.percentile ?? 0)} (WHO growth standard).`)
    // By hand: months 3 and 4 interpolated at 0.9425 give L −0.0024, M 6.3905, S 0.12414; z = −0.244, Φ = 0.404.
    expect(second).toContain('about the 40th percentile')
    // No health values in the logs at info level.
    expect(t.logs.untimed).not.toContain('6.2')
    expect(t.logs.text).not.toContain('percentile')
  })
})

describe('charts by chat, sent as media by a signed, expiring URL', () => {
  beforeEach(async () => {
    await say(ANA, 'Maya is a girl')
    await say(ANA, 'maya slept 1:15-2:40')
    await say(ANA, 'maya bottle 120 ml at 9am')
    await say(ANA, 'maya bottle 90 ml at 10am')
  })

  it('"chart sleep this week" replies with a 1200×720 PNG fetched from our signed URL', async () => {
    const [reply] = await say(ANA, 'chart sleep this week')
    expect(reply).toBe('📊 Maya’s sleep, last 7 days: 1.4 h in all, 0.2 h a day on average.')
    const sent = lastTo(ANA)
    expect(sent?.mediaUrls).toHaveLength(1)
    const res = await fetchMedia(sent?.mediaUrls[0] ?? '')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.headers['cache-control']).toBe('private, no-store')
    expect(pngSize(res.rawPayload)).toEqual({ width: 1200, height: 720 })
    // The route logs the row and its size, never the signature (a capability) or the values.
    expect(t.logs.text).toContain('"msg":"media rendered"')
    expect(t.logs.text).not.toContain('sig=')
  })

  it('drops a chart’s stored snapshot after MESSAGE_RETENTION_DAYS', async () => {
    await say(ANA, 'chart sleep this week')
    const count = () => t.app.mednanny.db.read(async (tx) => (await tx.query.media.findMany()).length)
    expect(await count()).toBe(1)
    t.clock.advance(29 * 86_400_000)
    await t.app.mednanny.scheduler.tick()
    expect(await count()).toBe(1)
    t.clock.advance(2 * 86_400_000)
    await t.app.mednanny.scheduler.tick()
    expect(await count()).toBe(0)
  })

  it('refuses a tampered signature, path or expiry, and an expired link', async () => {
    await say(ANA, 'feeds chart last 30 days')
    const url = new URL(lastTo(ANA)?.mediaUrls[0] ?? '')
    const path = url.pathname
    const exp = url.searchParams.get('exp') ?? ''
    const sig = url.searchParams.get('sig') ?? ''
    const get = (p: string, e: string, s: string) =>
      t.app.inject({ method: 'GET', url: `${p}?exp=${e}&sig=${encodeURIComponent(s)}` })
    expect((await get(path, exp, sig)).statusCode).toBe(200)
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`
    expect((await get(path, exp, flipped)).statusCode).toBe(403)
    expect((await get(`${path.slice(0, -1)}x`, exp, sig)).statusCode).toBe(403)
    expect((await get(path, String(Number(exp) + 3600), sig)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(403)
    // MEDIA_URL_TTL_MINUTES defaults to 60: a minute later than that, the same link is gone.
    t.clock.advance(61 * 60_000)
    expect((await get(path, exp, sig)).statusCode).toBe(410)
  })

  it('"growth chart for Maya" draws her points over the WHO curves', async () => {
    await say(ANA, 'maya 6.2 kg')
    const [reply] = await say(ANA, 'growth chart for Maya')
    expect(reply).toBe('📈 Maya’s weight chart (1 measurement) over the WHO percentile curves.')
    const res = await fetchMedia(lastTo(ANA)?.mediaUrls[0] ?? '')
    expect(pngSize(res.rawPayload)).toEqual({ width: 1200, height: 720 })
  })

  it('an empty growth chart is words only, with no media', async () => {
    const [reply] = await say(ANA, 'growth chart')
    expect(reply).toBe('No weight logged for Maya yet. Send one like “Maya weighs 6.2 kg”.')
    expect(lastTo(ANA)?.mediaUrls).toEqual([])
  })

  it('a child without a birth date gets words saying why, not “no weight logged”', async () => {
    const ana = await t.app.mednanny.db.read((tx) => resolveActor(tx, { kind: 'phone', address: ANA, channel: 'sms' }))
    if (!ana) throw new Error('no Ana')
    await t.app.mednanny.db.transaction((tx) => addDependent(tx, ana, t.clock.now(), { name: 'Leo' }))
    await say(ANA, 'Leo weighs 14 kg')
    const [reply] = await say(ANA, 'growth chart for Leo')
    expect(reply).toBe(
      'A growth chart places each weight by age, and Leo’s birth date isn’t in the record, so there is nothing to plot yet.',
    )
  })

  it('"visit summary for Maya" sends a one-page PDF with every section, not blank when drawn', async () => {
    await say(ANA, 'maya 6.2 kg')
    await say(ANA, 'maya temp 38.1 at 8am')
    const [reply] = await say(ANA, 'visit summary for Maya')
    expect(reply).toMatch(/^📄 Visit summary for Maya: one page for the pediatrician \(PDF\)/)
    const res = await fetchMedia(lastTo(ANA)?.mediaUrls[0] ?? '')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    const pdf = await readPdf(res.rawPayload)
    expect(pdf.pages).toBe(1)
    for (const heading of SECTIONS) expect(pdf.text).toContain(heading)
    expect(pdf.text).toContain('Born 2025-11-10')
    expect(pdf.text).toContain('38.1 °C')
    const page = await renderPdfPage(res.rawPayload)
    expect(page.width).toBe(918) // US Letter at 1.5 × 72 dpi
    expect(page.inked).toBeGreaterThan(0.01)
    expect(t.logs.untimed).not.toContain('38.1')
  })

  it('asks which child when the family has more than one and none is named', async () => {
    await say(ANA, 'add Leo, born 2024-01-02')
    expect(await say(ANA, 'sleep chart')).toEqual(['Which one: Maya or Leo? Say e.g. “sleep chart for Maya”.'])
    expect(lastTo(ANA)?.mediaUrls).toEqual([])
  })

  it('a nanny may chart the care she logs, but not change who the child is', async () => {
    await say(ANA, 'add Maria +1 555 123 0003 as nanny')
    await say(MARIA, 'yes')
    const [chart] = await say(MARIA, 'sleep chart for Maya')
    expect(chart).toMatch(/^📊 Maya’s sleep, last 7 days/)
    expect(lastTo(MARIA)?.mediaUrls).toHaveLength(1)
    const [refused] = await say(MARIA, 'Maya is a boy')
    expect(refused).not.toMatch(/^Noted/)
  })
})
