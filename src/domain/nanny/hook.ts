/**
 * The `shift` schedule kind (docs/decisions/0025): for each occurrence of a shift, the evening-before
 * and hour-before reminders to whoever works it, and 15 minutes after the start the clock-in check,
 * which alerts the parents when nobody clocked in. A cancelled or covered day sends nothing (a cover is
 * its own one-off shift with its own reminders), nor does a stopped shift.
 */
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { families, members } from '../families/schema.js'
import type { NewOutboxMessage } from '../outbox/service.js'
import { parentsOf, toMembers } from '../schedules/derived.js'
import type { KindHook } from '../schedules/kinds.js'
import { shifts } from './schema.js'
import { clockedInFor, isSkipped } from './service.js'
import { dayText, shiftOccurrences, spanText } from './time.js'

/** The clock-in check runs this long after the start (issue #8: "after 15 minutes"). */
export const CHECK_AFTER_MINUTES = 15

export const shiftHook: KindHook = {
  quietWhenMissed: true,
  async send(tx, now, firings) {
    const out: NewOutboxMessage[] = []
    for (const f of firings) {
      const step = f.schedule.detail?.shiftStep
      const shiftId = f.schedule.detail?.shiftId
      if (!f.send || !step || !shiftId) continue
      const [shift] = await tx.select().from(shifts).where(eq(shifts.id, shiftId))
      if (shift?.status !== 'active') continue
      // The occurrence this firing is about: the first start from the check's offset back (the check
      // fires after the start; the reminders fire before it).
      const from = new Date(f.send.at.getTime() - CHECK_AFTER_MINUTES * 60_000)
      const [o] = shiftOccurrences(shift, from, new Date(f.send.at.getTime() + 36 * 3_600_000), 1)
      if (!o || (await isSkipped(tx, shift.id, o.date))) continue
      const zone = shift.timezone
      const [family] = await tx.select({ name: families.name }).from(families).where(eq(families.id, shift.familyId))
      const [worker] = await tx.select({ name: members.name }).from(members).where(eq(members.id, shift.memberId))
      const key = (memberId: string) => `shift:${shift.id}:${step}:${o.start.getTime()}:${memberId}`
      if (step === 'check') {
        if (await clockedInFor(tx, shift.memberId, o.start, now)) continue
        const parents = (await parentsOf(tx, shift.familyId)).map((p) => p.id).filter((id) => id !== shift.memberId)
        const start = DateTime.fromJSDate(o.start, { zone }).toFormat('h:mm a')
        const messages = await toMembers(tx, parents, {
          familyId: shift.familyId,
          kind: 'shift_missed_clock_in',
          key,
          body: () =>
            `⚠️ ${worker?.name ?? 'Your caregiver'} hasn’t clocked in for the ${start} shift ` +
            `(it started ${CHECK_AFTER_MINUTES} minutes ago). You may want to call to check.`,
        })
        // A parent counting on the nanny's arrival hears it even in quiet hours.
        out.push(...messages.map((m) => ({ ...m, urgent: true })))
        continue
      }
      out.push(
        ...(await toMembers(tx, [shift.memberId], {
          familyId: shift.familyId,
          kind: `shift_${step}`,
          key,
          body: () =>
            step === 'eve'
              ? `🗓️ Tomorrow: your shift with ${family?.name ?? 'the family'}, ${dayText(o.start, zone)} ${spanText(o, zone)}.`
              : `⏰ Your shift starts at ${DateTime.fromJSDate(o.start, { zone }).toFormat('h:mm a')} (in an hour). ` +
                'Text HERE when you arrive and CLOCKING OUT when you leave.',
        })),
      )
    }
    return out
  },
}
