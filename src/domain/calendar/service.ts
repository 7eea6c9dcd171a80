/**
 * Calendar feeds (docs/decisions/0029): a member subscribes their calendar app to a secret URL and sees
 * the family's shifts, their own reminders and the children's vaccines due, as the tools would show
 * them to that member. The token is the only credential, so it is long (256 bits), stored hashed, and
 * replaced (the old one revoked) whenever the member asks for a new link.
 */
import { createHash, randomBytes } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import { newId } from '../../lib/ids.js'
import { occurrencesBetween } from '../../lib/recurrence.js'
import type { ActorContext } from '../actor.js'
import { recordAudit } from '../audit/service.js'
import { listDependentRows } from '../dependents/service.js'
import { getFamily, memberActor } from '../families/queries.js'
import { ageMonths, immunizationDueList } from '../medical/immunization-schedule.js'
import { immunizations } from '../medical/schema.js'
import { plannedShifts } from '../nanny/service.js'
import { can } from '../permissions.js'
import { listReminders } from '../schedules/service.js'
import { calendarFeeds } from './schema.js'

const hash = (token: string) => createHash('sha256').update(token).digest('hex')

/** A new feed for the actor; any earlier one stops working. Returns the token (shown once, never stored). */
export async function newCalendarFeed(tx: Tx, actor: ActorContext, now: Date): Promise<string> {
  await revokeCalendarFeeds(tx, actor, now)
  const token = randomBytes(32).toString('base64url')
  await tx.insert(calendarFeeds).values({
    id: newId('cal'),
    familyId: actor.familyId,
    memberId: actor.memberId,
    tokenHash: hash(token),
    createdAt: now,
  })
  await recordAudit(tx, now, {
    familyId: actor.familyId,
    actorMemberId: actor.memberId,
    action: 'calendar.link',
    subjectType: 'member',
    subjectId: actor.memberId,
  })
  return token
}

/** Stops the actor's feeds. Returns how many were live. */
export async function revokeCalendarFeeds(tx: Tx, actor: ActorContext, now: Date): Promise<number> {
  const r = await tx
    .update(calendarFeeds)
    .set({ revokedAt: now })
    .where(and(eq(calendarFeeds.memberId, actor.memberId), isNull(calendarFeeds.revokedAt)))
  return r.changes
}

/** Who a token belongs to, while it is live and they are still an active member; undefined otherwise. */
export async function calendarOwner(tx: Tx, token: string): Promise<ActorContext | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined
  const [feed] = await tx
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, hash(token)), isNull(calendarFeeds.revokedAt)))
  if (!feed) return undefined
  try {
    return await memberActor(tx, feed.memberId)
  } catch {
    return undefined
  }
}

/** How far the feed reaches: the recent past (so today's shift is still there) and the next two months. */
const PAST_DAYS = 14
const AHEAD_DAYS = 62

interface Entry {
  uid: string
  summary: string
  when: { start: Date; end: Date } | { allDay: string }
}

type Window = { from: Date; to: Date }

/**
 * The member's calendar as iCalendar text (RFC 5545), built with ical.js: shifts (parents see
 * everyone's, others their own), their own reminders, and the children's vaccines due, overdue or coming
 * up, as all-day events. Times are written in UTC, which every calendar app shows in its own zone. A
 * calendar app polls this every few minutes, so a poll is not audited like a medical-record read: the
 * link's creation is. Cycle tracking is never in it (docs/decisions/0028).
 */
export async function calendarFor(tx: Tx, actor: ActorContext, now: Date): Promise<string> {
  const family = await getFamily(tx, actor.familyId)
  const window = {
    from: new Date(now.getTime() - PAST_DAYS * 86_400_000),
    to: new Date(now.getTime() + AHEAD_DAYS * 86_400_000),
  }
  const entries = [
    ...(await shiftEntries(tx, actor, window)),
    ...(await reminderEntries(tx, actor, window)),
    ...(await shotEntries(tx, actor, now, window)),
  ]
  // Loaded on the first poll, not at start: it is ~8 MB resident, and most servers never serve a feed.
  const { default: ICAL } = await import('ical.js')
  const cal = new ICAL.Component(['vcalendar', [], []])
  cal.addPropertyWithValue('prodid', '-//MedNanny//Family calendar//EN')
  cal.addPropertyWithValue('version', '2.0')
  cal.addPropertyWithValue('calscale', 'GREGORIAN')
  cal.addPropertyWithValue('x-wr-calname', `MedNanny — ${family.name}`)
  cal.addPropertyWithValue('x-wr-timezone', actor.timezone)
  const stamp = ICAL.Time.fromJSDate(now, true)
  for (const { uid, summary, when } of entries) {
    const e = new ICAL.Component('vevent')
    e.addPropertyWithValue('uid', `${uid}@mednanny`)
    e.addPropertyWithValue('dtstamp', stamp)
    e.addPropertyWithValue('summary', summary)
    if ('allDay' in when) {
      const next = DateTime.fromISO(when.allDay).plus({ days: 1 }).toISODate() ?? when.allDay
      e.addPropertyWithValue('dtstart', ICAL.Time.fromDateString(when.allDay))
      e.addPropertyWithValue('dtend', ICAL.Time.fromDateString(next))
    } else {
      e.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(when.start, true))
      e.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(when.end, true))
    }
    cal.addSubcomponent(e)
  }
  return cal.toString()
}

async function shiftEntries(tx: Tx, actor: ActorContext, window: Window): Promise<Entry[]> {
  if (!can(actor.role, 'shifts:read')) return []
  const everyone = can(actor.role, 'shifts:write')
  const planned = await plannedShifts(tx, actor, window, everyone ? undefined : actor.memberId)
  return planned.map((p) => ({
    uid: `shift-${p.shift.id}-${p.date}`,
    summary: p.shift.memberId === actor.memberId ? 'Your shift' : `${p.worker}’s shift`,
    when: { start: p.start, end: p.end },
  }))
}

async function reminderEntries(tx: Tx, actor: ActorContext, window: Window): Promise<Entry[]> {
  const mine = (await listReminders(tx, actor)).filter((r) => r.memberId === actor.memberId)
  return mine.flatMap((r) =>
    occurrencesBetween(r, window.from, window.to, 100).map((start) => ({
      uid: `reminder-${r.id}-${start.getTime()}`,
      summary: `⏰ ${r.body}`,
      when: { start, end: new Date(start.getTime() + 15 * 60_000) },
    })),
  )
}

/** Vaccines not yet given whose window opens before the feed's end; one already due shows today. */
async function shotEntries(tx: Tx, actor: ActorContext, now: Date, window: Window): Promise<Entry[]> {
  if (!can(actor.role, 'medical:read')) return []
  const today = DateTime.fromJSDate(now, { zone: actor.timezone }).toISODate() ?? ''
  const until = DateTime.fromJSDate(window.to, { zone: actor.timezone }).toISODate() ?? ''
  const out: Entry[] = []
  for (const child of await listDependentRows(tx, actor)) {
    if (!child.birthDate || ageMonths(child.birthDate, today) >= 18 * 12) continue
    const given = await tx
      .select({ vaccine: immunizations.vaccine })
      .from(immunizations)
      .where(
        and(
          eq(immunizations.familyId, actor.familyId),
          eq(immunizations.dependentId, child.id),
          isNull(immunizations.deletedAt),
        ),
      )
    for (const shot of immunizationDueList(child.birthDate, today, given)) {
      if (shot.status === 'done' || shot.status === 'closed' || shot.dueOn > until) continue
      const late = shot.status === 'overdue' ? ' (overdue)' : ''
      out.push({
        uid: `shot-${child.id}-${shot.series}-${shot.dose}`,
        summary: `💉 ${child.name}: ${shot.series} dose ${shot.dose}${late}`,
        when: { allDay: shot.dueOn < today ? today : shot.dueOn },
      })
    }
  }
  return out
}
