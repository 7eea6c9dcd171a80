import ICAL from 'ical.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/lib/clock.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

const ANA = '+15551230001' // owner
const MARIA = '+15551230003' // the nanny
let t: TestApp

async function say(from: string, body: string): Promise<string[]> {
  const before = t.inboxOf(from).length
  await t.sms(from, body)
  await t.settle()
  return t.inboxOf(from).slice(before)
}

/** The link in a "calendar link" reply, as a path on our server. */
async function linkFor(phone: string): Promise<string> {
  const [reply] = await say(phone, 'calendar link')
  const url = /https:\/\/mednanny\.example\.com(\/calendar\/[A-Za-z0-9_-]{43}\.ics)/.exec(reply ?? '')?.[1]
  if (!url) throw new Error(`no link in ${reply}`)
  return url
}

async function events(path: string): Promise<{ summary: string; start: string }[]> {
  const res = await t.app.inject({ method: 'GET', url: path })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8')
  const cal = new ICAL.Component(ICAL.parse(res.body))
  return cal.getAllSubcomponents('vevent').map((e) => {
    const ev = new ICAL.Event(e)
    return { summary: ev.summary, start: ev.startDate.toString() }
  })
}

beforeEach(async () => {
  t = await startTestApp({ clock: new ManualClock('2026-03-05T15:00:00Z') }) // Thursday 10 am, New York
  await onboardFamily(t, ANA)
  await say(ANA, 'add Maya, born 2025-11-01')
  await say(ANA, 'add Maria +1 555 123 0003 as nanny')
  await say(MARIA, 'yes')
  await say(ANA, 'Maria works Mon-Fri 8-5')
  await say(ANA, 'remind me Saturday at 10am to order diapers')
  await say(ANA, 'period started yesterday')
})
afterEach(async () => {
  await t.close()
})

describe('calendar feed', () => {
  it('gives a parent shifts, their reminders and the vaccines due, as iCalendar a calendar app reads', async () => {
    const list = await events(await linkFor(ANA))
    const summaries = list.map((e) => e.summary)
    expect(list).toContainEqual({ summary: 'Maria’s shift', start: '2026-03-06T13:00:00Z' })
    expect(summaries.filter((s) => s === 'Maria’s shift').length).toBeGreaterThanOrEqual(40)
    expect(list).toContainEqual({ summary: '⏰ order diapers', start: '2026-03-07T15:00:00Z' })
    // Born 1 Nov 2025: the 4-month doses open on 1 March, so they show today; the 6-month ones in May.
    expect(list).toContainEqual({ summary: '💉 Maya: DTaP dose 2', start: '2026-03-05' })
    expect(list).toContainEqual({ summary: '💉 Maya: DTaP dose 3', start: '2026-05-01' })
    // Her cycle is hers: never in a calendar feed.
    expect(JSON.stringify(list)).not.toMatch(/period|cycle|fertile/i)
  })

  it('gives the nanny her own shifts and no one else’s reminders', async () => {
    const list = await events(await linkFor(MARIA))
    expect(list.some((e) => e.summary === 'Your shift')).toBe(true)
    expect(list.some((e) => e.summary.includes('diapers'))).toBe(false)
  })

  it('a new link revokes the old one; STOP CALENDAR revokes it; a wrong token is a plain 404', async () => {
    const first = await linkFor(ANA)
    const second = await linkFor(ANA)
    expect(first).not.toBe(second)
    expect((await t.app.inject({ method: 'GET', url: first })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: second })).statusCode).toBe(200)
    expect(await say(ANA, 'stop calendar')).toEqual([
      'Your calendar link is off; calendars subscribed to it stop updating.',
    ])
    expect((await t.app.inject({ method: 'GET', url: second })).statusCode).toBe(404)
    const junk = await t.app.inject({ method: 'GET', url: '/calendar/not-a-token.ics' })
    expect(junk.statusCode).toBe(404)
    expect(junk.body).toBe('No such calendar.')
  })

  it('keeps the token out of the logs and out of the conversation memory', async () => {
    const path = await linkFor(ANA)
    await events(path)
    const token = path.slice('/calendar/'.length, -'.ics'.length)
    expect(t.logs.text).not.toContain(token)
    const turns = await t.app.mednanny.db.read((tx) => tx.query.conversationTurns.findMany())
    expect(JSON.stringify(turns)).not.toContain(token)
    const stored = await t.app.mednanny.db.read((tx) => tx.query.calendarFeeds.findMany())
    expect(JSON.stringify(stored)).not.toContain(token)
    // The reply that carried it is blanked once sent, at the scheduler's next purge.
    const outbox = () => t.app.mednanny.db.read((tx) => tx.query.outbox.findMany())
    expect(JSON.stringify(await outbox())).toContain(token)
    await t.app.mednanny.scheduler.tick()
    expect(JSON.stringify(await outbox())).not.toContain(token)
  })
})
