import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run.js'
import { resolveActor } from '../../src/domain/families/queries.js'
import { setShiftTool } from '../../src/domain/nanny/tools.js'
import { runTool } from '../../src/domain/tools.js'
import { ManualClock } from '../../src/lib/clock.js'
import { onboardFamily, startTestApp, type TestApp } from '../support/harness.js'

const ANA = '+15551230001' // owner, New York
const MARIA = '+15551230003' // the nanny
const JO = '+15551230004' // the backup nanny
let t: TestApp

async function say(from: string, body: string): Promise<string[]> {
  const before = t.inboxOf(from).length
  await t.sms(from, body)
  await t.settle()
  return t.inboxOf(from).slice(before)
}

/** Moves the clock, lets the scheduler fire and the outbox send; returns what each person received. */
async function at(iso: string): Promise<Record<'ana' | 'maria' | 'jo', string[]>> {
  const before = { ana: t.inboxOf(ANA).length, maria: t.inboxOf(MARIA).length, jo: t.inboxOf(JO).length }
  t.clock.set(iso)
  await t.app.mednanny.scheduler.tick()
  await t.settle()
  return {
    ana: t.inboxOf(ANA).slice(before.ana),
    maria: t.inboxOf(MARIA).slice(before.maria),
    jo: t.inboxOf(JO).slice(before.jo),
  }
}

beforeEach(async () => {
  // Thursday 5 March 2026, 10:00 am in New York; DST starts on Sunday 8 March.
  t = await startTestApp({ clock: new ManualClock('2026-03-05T15:00:00Z') })
  await onboardFamily(t, ANA)
  await say(ANA, 'add Maya, born 2025-11-01')
  await say(ANA, 'add Maria +1 555 123 0003 as nanny')
  await say(MARIA, 'yes')
  await say(ANA, 'add Jo +1 555 123 0004 as nanny')
  await say(JO, 'yes')
})
afterEach(async () => {
  await t.close()
})

describe('nanny shifts', () => {
  it('a weekly shift set by a parent: the nanny is told, and the reminders keep local time across DST', async () => {
    expect(await say(ANA, 'Maria works Mon-Fri 8-5')).toEqual([
      'Added: Maria works Mon–Fri, 8:00 AM–5:00 PM, starting Fri 6 Mar. Maria gets a reminder the evening before and an hour before, and you’ll hear if nobody has clocked in 15 minutes after the start.',
    ])
    expect(t.inboxOf(MARIA).at(-1)).toBe(
      '🗓️ Ana added shifts Mon–Fri, the first Fri 6 Mar 8:00 AM–5:00 PM. You’ll get a reminder the evening before and an hour before.',
    )
    // Sunday 7 pm, after the change to daylight time (EDT, UTC−4): the evening-before reminder.
    expect((await at('2026-03-08T22:59:00Z')).maria).toEqual([])
    expect((await at('2026-03-08T23:00:00Z')).maria).toEqual([
      '🗓️ Tomorrow: your shift with The Garcias, Mon 9 Mar 8:00 AM–5:00 PM.',
    ])
    // Monday 7 am EDT is 11:00 UTC (the week before it was 12:00 UTC).
    expect((await at('2026-03-09T10:59:00Z')).maria).toEqual([])
    expect((await at('2026-03-09T11:00:00Z')).maria).toEqual([
      '⏰ Your shift starts at 8:00 AM (in an hour). Text HERE when you arrive and CLOCKING OUT when you leave.',
    ])
    expect(await say(ANA, 'shifts')).toEqual([
      [
        'Shifts, next 7 days:',
        '• Mon 9 Mar 8:00 AM–5:00 PM — Maria',
        '• Tue 10 Mar 8:00 AM–5:00 PM — Maria',
        '• Wed 11 Mar 8:00 AM–5:00 PM — Maria',
        '• Thu 12 Mar 8:00 AM–5:00 PM — Maria',
        '• Fri 13 Mar 8:00 AM–5:00 PM — Maria',
      ].join('\n'),
    ])
  })

  it('alerts the parents when nobody clocked in 15 minutes after the start, and not when she did', async () => {
    await say(ANA, 'Maria works Mon-Fri 8-5')
    // Monday 8:14 am EDT: not yet.
    expect((await at('2026-03-09T12:14:00Z')).ana).toEqual([])
    expect((await at('2026-03-09T12:15:00Z')).ana).toEqual([
      '⚠️ Maria hasn’t clocked in for the 8:00 AM shift (it started 15 minutes ago). You may want to call to check.',
    ])
    // Tuesday she arrives at 7:55.
    t.clock.set('2026-03-10T11:55:00Z')
    expect((await say(MARIA, 'here'))[0]).toMatch(/^Clocked in at Tue 7:55 AM for your 8:00 AM–5:00 PM shift\./)
    expect((await at('2026-03-10T12:15:00Z')).ana).toEqual([])
  })

  it('hands off at clock-out and catches the nanny up at clock-in', async () => {
    await say(ANA, 'Maria works Mon-Fri 8-5')
    t.clock.set('2026-03-09T12:02:00Z') // Monday 8:02 am EDT
    expect(await say(MARIA, 'here')).toEqual([
      'Clocked in at Mon 8:02 AM for your 8:00 AM–5:00 PM shift.\nNothing flagged and no doses in the last 24 hours.',
    ])
    t.clock.set('2026-03-09T15:00:00Z')
    await say(MARIA, 'fed Maya 120ml')
    await say(MARIA, 'Maya pooped')
    t.clock.set('2026-03-09T21:25:00Z') // 5:25 pm
    expect(await say(MARIA, 'clocking out at 5:30 - she napped well after lunch')).toEqual([
      'Clocked out at Mon 5:30 PM — 9h 28m this shift. I’ve sent the parents your summary.',
    ])
    expect(t.inboxOf(ANA).at(-1)).toBe(
      [
        '👋 Maria clocked out: 8:02 AM–5:30 PM (9h 28m).',
        'Maya',
        '• Feeds: 1 (120 ml)',
        '• Diapers: 0 wet, 1 dirty',
        'Maria’s note: she napped well after lunch',
      ].join('\n'),
    )
    // In the evening a parent logs a dose; Tuesday morning Maria hears of it at clock-in.
    t.clock.set('2026-03-10T00:00:00Z')
    await say(ANA, 'gave Maya 40mg tylenol')
    t.clock.set('2026-03-10T11:58:00Z')
    expect(await say(MARIA, 'clocking in')).toEqual([
      'Clocked in at Tue 7:58 AM for your 8:00 AM–5:00 PM shift.\nSince your last shift (Mon 5:30 PM):\nMaya\n• Doses: tylenol ×1',
    ])
  })

  it('counts hours per week with overtime past 40 apart; a nanny sees only her own', async () => {
    for (const day of ['09', '10', '11', '12', '13']) {
      t.clock.set(`2026-03-${day}T12:00:00Z`)
      // No shift is planned: the explicit words still clock her in (unscheduled hours count).
      await say(MARIA, 'clocking in')
      t.clock.set(`2026-03-${day}T21:00:00Z`)
      await say(MARIA, 'clocking out')
    }
    t.clock.set('2026-03-14T15:00:00Z')
    const expected =
      'This week (from Mon 9 Mar):\n• Maria: 45h 00m in 5 shifts — 40h 00m regular + 5h 00m overtime (over 40h)'
    expect(await say(MARIA, 'hours this week')).toEqual([expected])
    expect(await say(ANA, "Maria's hours")).toEqual([expected])
    expect(await say(MARIA, "Jo's hours")).toEqual(['Only a parent can see someone else’s hours.'])
    expect(await say(ANA, 'hours last week')).toEqual(['Last week (from Mon 2 Mar): no hours clocked.'])

    // The payroll CSV, from the CLI, for the two weeks from Monday 2 March.
    const cli = async (...argv: string[]) => {
      let out = ''
      let err = ''
      const code = await runCli(argv, {
        env: { DATABASE_PATH: t.dbPath },
        stdout: { write: (x: string) => (out += x) },
        stderr: { write: (x: string) => (err += x) },
        clock: t.clock,
      })
      return { code, out, err }
    }
    const weeks = await cli(
      'nanny',
      'hours',
      '--family',
      'The Garcias',
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-09',
      '--csv',
    )
    expect(weeks.code, weeks.err).toBe(0)
    expect(weeks.out).toBe(
      'member,week_start,shifts,regular_hours,overtime_hours,total_hours\r\n' +
        'Maria,2026-03-09T04:00:00.000Z,5,40.00,5.00,45.00\r\n',
    )
    const punches = await cli('nanny', 'hours', '--family', 'The Garcias', '--from', '2026-03-09', '--csv', '--punches')
    expect(punches.out.split('\r\n')).toHaveLength(7) // header, 5 clock-ins, the empty tail
    expect(punches.out).toContain('Maria,2026-03-09T12:00:00.000Z,2026-03-09T21:00:00.000Z,9.00\r\n')
    const bad = await cli('nanny', 'hours', '--family', 'The Garcias', '--from', 'next week')
    expect(bad.code).not.toBe(0)
    expect(bad.err).toContain('--from: expected YYYY-MM-DD')
  })

  it('a cancelled day sends nothing; a covered day goes to the cover, and the check watches her', async () => {
    await say(ANA, 'Maria works Mon-Fri 8-5')
    t.clock.set('2026-03-09T14:00:00Z') // Monday 10 am
    expect(await say(ANA, 'cancel Maria’s shift tomorrow')).toEqual([
      'Cancelled: Maria’s shift Tue 10 Mar 8:00 AM–5:00 PM. I’ve told Maria.',
    ])
    expect(t.inboxOf(MARIA).at(-1)).toBe('🗓️ Your shift Tue 10 Mar 8:00 AM–5:00 PM is cancelled.')
    expect(await say(ANA, 'Jo covers Maria’s shift Wednesday')).toEqual([
      'Done: Jo covers Maria’s shift Wed 11 Mar 8:00 AM–5:00 PM. I’ve told them both.',
    ])
    expect(t.inboxOf(JO).at(-1)).toBe('🗓️ You’re covering Maria’s shift Wed 11 Mar 8:00 AM–5:00 PM.')
    // Tuesday: no evening-before (Monday 7 pm), no hour-before, no check.
    const monday = await at('2026-03-09T23:00:00Z')
    const tuesday = await at('2026-03-10T12:15:00Z')
    expect([...monday.maria, ...tuesday.maria, ...tuesday.ana]).toEqual([])
    // Wednesday: Jo is reminded, Maria is not; Jo does not clock in, so the parents hear of it.
    const eve = await at('2026-03-10T23:00:00Z')
    expect(eve.jo).toEqual(['🗓️ Tomorrow: your shift with The Garcias, Wed 11 Mar 8:00 AM–5:00 PM.'])
    expect(eve.maria).toEqual([])
    const check = await at('2026-03-11T12:15:00Z')
    expect(check.ana).toEqual([
      '⚠️ Jo hasn’t clocked in for the 8:00 AM shift (it started 15 minutes ago). You may want to call to check.',
    ])
  })

  it('only a parent sets shifts; a typo gets a hint', async () => {
    expect(await say(MARIA, 'Jo works Mon-Fri 8-5')).toEqual([expect.stringMatching(/parent|not allowed|can’t/i)])
    expect(await say(ANA, 'Maria works Mon-Fri')).toEqual([
      'Which hours? Say them like “Maria works Mon–Fri 8–5” or “Maria works tomorrow 9am–1pm”.',
    ])
    expect(await say(ANA, 'Maria works Mon-Fri 8-5')).toHaveLength(1)
    expect(await say(ANA, "stop Maria's shifts")).toEqual([
      'Stopped Maria’s shifts. No more shift reminders or clock-in checks for Maria.',
    ])
    expect(await say(ANA, 'shifts')).toEqual(['No shifts in the next 7 days. Add one like “Maria works Mon–Fri 8–5”.'])
  })
})

describe('nanny shifts: every other week, and until a date', () => {
  it('works the right Saturdays across the clock change and stops after its last date', async () => {
    expect(await say(ANA, 'Jo works every other Saturday 9-1 until March 28')).toEqual([
      'Added: Jo works Sat, every other week, 9:00 AM–1:00 PM, starting Sat 7 Mar, the last Sat 21 Mar. Jo gets a reminder the evening before and an hour before, and you’ll hear if nobody has clocked in 15 minutes after the start.',
    ])
    expect(t.inboxOf(JO).at(-1)).toBe(
      '🗓️ Ana added shifts Sat, every other week, the first Sat 7 Mar 9:00 AM–1:00 PM, the last Sat 21 Mar. You’ll get a reminder the evening before and an hour before.',
    )
    // Friday 7 pm before each working Saturday: 6 March (EST, UTC−5) and 20 March (EDT, UTC−4).
    expect((await at('2026-03-07T00:00:00Z')).jo).toEqual([
      '🗓️ Tomorrow: your shift with The Garcias, Sat 7 Mar 9:00 AM–1:00 PM.',
    ])
    expect((await at('2026-03-13T23:00:00Z')).jo).toEqual([]) // the week off
    expect((await at('2026-03-14T14:15:00Z')).ana).toEqual([]) // no clock-in check on a week off
    expect((await at('2026-03-20T23:00:00Z')).jo).toEqual([
      '🗓️ Tomorrow: your shift with The Garcias, Sat 21 Mar 9:00 AM–1:00 PM.',
    ])
    expect((await at('2026-03-21T13:15:00Z')).ana).toEqual([
      '⚠️ Jo hasn’t clocked in for the 9:00 AM shift (it started 15 minutes ago). You may want to call to check.',
    ])
    // Past the last date: Saturday 4 April would have been next. Nothing, and nothing planned.
    const after = await at('2026-04-04T14:00:00Z')
    expect([...after.jo, ...after.ana]).toEqual([])
    expect(await say(ANA, 'shifts')).toEqual(['No shifts in the next 7 days. Add one like “Maria works Mon–Fri 8–5”.'])
  })

  it('tells about this shift, however far out it starts, not her next shift of another kind', async () => {
    await say(ANA, 'Jo works Tue 10-2') // a one-off next Tuesday
    expect(await say(ANA, 'Jo works every other Saturday 9-1 starting April 18 until May 30')).toEqual([
      'Added: Jo works Sat, every other week, 9:00 AM–1:00 PM, starting Sat 18 Apr, the last Sat 30 May. Jo gets a reminder the evening before and an hour before, and you’ll hear if nobody has clocked in 15 minutes after the start.',
    ])
    expect(t.inboxOf(JO).at(-1)).toBe(
      '🗓️ Ana added shifts Sat, every other week, the first Sat 18 Apr 9:00 AM–1:00 PM, the last Sat 30 May. You’ll get a reminder the evening before and an hour before.',
    )
    expect(await say(ANA, 'Jo works Mon-Fri 3-6 starting March 23')).toEqual([
      expect.stringContaining('Added: Jo works Mon–Fri, 3:00 PM–6:00 PM, starting Mon 23 Mar.'),
    ])
  })

  it('a weekly shift whose every day is already past is refused, not announced', async () => {
    t.clock.set('2026-03-05T23:00:00Z') // Thursday 6 pm
    expect(await say(ANA, 'Maria works Mon-Fri 8-5 until today')).toEqual(['Every day of that shift is already past.'])
    expect(t.inboxOf(MARIA).at(-1)).not.toMatch(/added shifts/)
  })

  it('a tool call that ends a shift before it starts, or ends a one-off, is refused with a reason', async () => {
    const actor = await t.app.mednanny.db.read((tx) =>
      resolveActor(tx, { kind: 'phone', address: ANA, channel: 'sms' }),
    )
    if (!actor) throw new Error('Ana did not resolve')
    const set = (input: object) =>
      t.app.mednanny.db.transaction((tx) => runTool(setShiftTool, { tx, actor, clock: t.clock }, input))
    const base = { member: 'Maria', start: '08:00', end: '17:00' }
    await expect(set({ ...base, days: ['MO'], date: '2026-03-09', until: '2026-03-08' })).rejects.toMatchObject({
      userMessage: 'That end date is before the first shift.',
    })
    await expect(set({ ...base, date: '2026-03-09', every: 2 })).rejects.toMatchObject({
      userMessage: 'That is a one-off shift: give its days to repeat it.',
    })
  })
})

describe('nanny shifts: the edges', () => {
  it('an evening shift’s evening-before reminder is about tomorrow, and a cancelled tomorrow sends none', async () => {
    await say(ANA, 'Maria works Mon-Fri 9pm-11pm')
    t.clock.set('2026-03-09T14:00:00Z') // Monday 10 am EDT
    await say(ANA, 'cancel Maria’s shift Wednesday')
    // Monday 7 pm: about Tuesday's shift, not Monday's own.
    expect((await at('2026-03-09T23:00:00Z')).maria).toEqual([
      '🗓️ Tomorrow: your shift with The Garcias, Tue 10 Mar 9:00 PM–11:00 PM.',
    ])
    // Tuesday 7 pm: Wednesday is cancelled, so nothing.
    expect((await at('2026-03-10T23:00:00Z')).maria).toEqual([])
  })

  it('an overnight shift ends at its wall-clock time on the night the clocks go back', async () => {
    t.clock.set('2026-10-29T16:00:00Z') // Thursday 29 October, 12 pm EDT
    await say(ANA, 'Maria works Saturday 10pm-6am')
    // Saturday 31 Oct 22:00 EDT (02:00Z) to Sunday 1 Nov 06:00 EST (11:00Z): 9 hours, 6:00 on the clock.
    expect(await say(ANA, 'shifts')).toEqual(['Shifts, next 7 days:\n• Sat 31 Oct 10:00 PM–6:00 AM — Maria'])
    t.clock.set('2026-11-01T02:00:00Z')
    await say(MARIA, 'here')
    t.clock.set('2026-11-01T11:05:00Z')
    expect(await say(MARIA, 'clocking out')).toEqual([
      'Clocked out at Sun 6:05 AM — 9h 05m this shift. I’ve sent the parents your summary.',
    ])
  })

  it('a 16-hour shift still clocks out, and hours split at the week’s edge', async () => {
    t.clock.set('2026-03-08T02:00:00Z') // Saturday 7 Mar, 9 pm EST
    await say(MARIA, 'clocking in')
    t.clock.set('2026-03-08T17:30:00Z') // Sunday 1:30 pm EDT: 15h30m later (one hour lost to DST)
    expect((await say(MARIA, 'clocking out'))[0]).toMatch(/^Clocked out at Sun 1:30 PM — 15h 30m this shift\./)
    // Sunday 10 pm to Monday 6 am: 2 h in the week of 2 March, 6 h in the week of 9 March.
    t.clock.set('2026-03-09T02:00:00Z')
    await say(MARIA, 'clocking in')
    t.clock.set('2026-03-09T10:00:00Z')
    await say(MARIA, 'clocking out')
    expect(await say(ANA, 'hours this week')).toEqual(['This week (from Mon 9 Mar):\n• Maria: 6h 00m in 1 shift'])
    expect(await say(ANA, 'hours last week')).toEqual(['Last week (from Mon 2 Mar):\n• Maria: 17h 30m in 2 shifts'])
  })

  it('ordinary messages are not shift commands', async () => {
    await say(ANA, 'Maria works Mon-Fri 8-5')
    t.clock.set('2026-03-09T13:00:00Z') // Monday 9 am, Maria not clocked in yet
    await say(MARIA, 'clocking in')
    const routes = async (from: string, body: string) => {
      await say(from, body)
      const rows = await t.app.mednanny.db.read((tx) => tx.query.conversationTurns.findMany())
      return rows.at(-1)?.route
    }
    expect(await routes(MARIA, 'Leaving now - taking Maya to the park')).not.toMatch(/^nanny:/)
    expect(await routes(ANA, 'Maya is off Friday')).not.toMatch(/^nanny:/)
    expect(await routes(ANA, 'Ana works Mon-Fri 9-5')).not.toMatch(/^nanny:/)
    expect(await routes(ANA, 'here')).not.toMatch(/^nanny:/) // a parent with no shift
    // Maria is still on the clock: "leaving now - …" did not clock her out.
    expect(await say(MARIA, 'clocking in')).toEqual(['You’re already clocked in (since 9:00 AM).'])
  })

  it('a caregiver who is removed works no more shifts: no reminders, no missed clock-in alarms', async () => {
    await say(ANA, 'Maria works Mon-Fri 8-5')
    t.clock.set('2026-03-06T14:00:00Z')
    expect((await say(ANA, 'remove Maria'))[0]).toMatch(/Maria/)
    const monday = await at('2026-03-09T12:15:00Z')
    expect(monday.ana).toEqual([])
    expect(await say(ANA, 'shifts')).toEqual(['No shifts in the next 7 days. Add one like “Maria works Mon–Fri 8–5”.'])
  })

  it('a note that mentions a dose asks for the dose to be logged too', async () => {
    t.clock.set('2026-03-09T12:00:00Z')
    await say(MARIA, 'clocking in')
    t.clock.set('2026-03-09T21:00:00Z')
    const [reply] = await say(MARIA, 'signing off - gave her tylenol at 4')
    expect(reply).toContain('Your note mentions tylenol: if you gave a dose, log it too')
  })
})
