import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import { familyChannelOf } from '../family-channel/service.js'
import { enqueueOutboxMany, memberRoutesMany, type NewOutboxMessage } from '../outbox/service.js'
import type { Schedule } from '../schedules/schema.js'
import { composeDigest, type DependentDigest, type Period } from './compose.js'
import { digestText } from './words.js'

/** What `fireDue` hands over for each due `digest` schedule: the occurrence to send, if any. */
export interface DigestFiring {
  schedule: Schedule
  send?: { at: Date }
}

/**
 * Turns due `digest` occurrences into outbox rows, in the scheduler's transaction. The period is the
 * day before the occurrence on the family's wall clock (24 hours, 23 or 25 on a DST change day), so
 * consecutive digests cover every moment once. The outbox key is per member and *local date*: a member
 * who moves their digest from 8 pm to 9 pm after the 8 pm one went out still gets one that day.
 */
export async function sendDigests(tx: Tx, now: Date, firings: DigestFiring[], recorded: Set<string>): Promise<void> {
  // `recorded` holds fireDue's run keys (`<schedule id>:<occurrence ms>`) of occurrences recorded just now.
  const sending = firings.filter((f) => f.send && recorded.has(`${f.schedule.id}:${f.send.at.getTime()}`))
  if (!sending.length) return
  const routes = await memberRoutesMany(
    tx,
    sending.filter((f) => !f.schedule.detail?.familyChannel).map((f) => f.schedule.memberId),
  )
  // Members of one family with the same digest time read the same record: compose it once.
  const composed = new Map<string, DependentDigest[]>()
  const messages: NewOutboxMessage[] = []
  for (const f of sending) {
    const to = await destination(tx, f.schedule, routes)
    if (!to || !f.send) continue
    const period = periodBefore(f.send.at, f.schedule.timezone)
    const key = `${f.schedule.familyId}:${period.to.getTime()}`
    const list = composed.get(key) ?? (await composeDigest(tx, f.schedule.familyId, period))
    composed.set(key, list)
    const date = DateTime.fromJSDate(f.send.at, { zone: f.schedule.timezone }).toISODate()
    messages.push({
      idempotencyKey: `digest:${to.key}:${date}`,
      familyId: f.schedule.familyId,
      memberId: to.memberId,
      channel: to.channel,
      toAddress: to.address,
      kind: 'digest',
      body: digestText(list, period.to, f.schedule.timezone),
      payload: { kind: 'summary' },
    })
  }
  await enqueueOutboxMany(tx, now, messages)
}

/**
 * Where a digest goes: the member's first channel, or for the family channel's digest (0031) that
 * channel, with no member (no quiet hours, no fallback: the channel is read by everyone, when they like).
 */
async function destination(tx: Tx, schedule: Schedule, routes: Awaited<ReturnType<typeof memberRoutesMany>>) {
  if (schedule.detail?.familyChannel) {
    const place = await familyChannelOf(tx, schedule.familyId)
    if (!place) return undefined
    return { key: `family:${schedule.familyId}`, memberId: null, channel: place.channel, address: place.address }
  }
  const route = routes.get(schedule.memberId)?.[0]
  if (!route) return undefined
  return { key: schedule.memberId, memberId: schedule.memberId, channel: route.channel, address: route.address }
}

/** From the same wall-clock time the day before (placed by luxon in the zone) to `at`. */
export function periodBefore(at: Date, zone: string): Period {
  return { from: DateTime.fromJSDate(at, { zone }).minus({ days: 1 }).toJSDate(), to: at }
}
