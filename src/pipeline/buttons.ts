import { answerDone, answerSnooze } from '../agent/reminders/answer.js'
import type { Db, Tx } from '../db/client.js'
import type { ActorContext } from '../domain/actor.js'
import { isDomainError } from '../domain/errors.js'
import { resolveActor } from '../domain/families/queries.js'
import type { Channel, Sender } from '../domain/families/schema.js'
import { recordInteraction } from '../domain/inbox/service.js'
import { cancelFlaggedDoses, keepFlaggedDoses } from '../domain/medications/flagged.js'
import { editableMessages, enqueueEdits } from '../domain/outbox/edits.js'
import type { OutboxPayload } from '../domain/outbox/payload.js'
import { enqueueOutbox } from '../domain/outbox/service.js'
import { runOf } from '../domain/schedules/service.js'
import { acknowledgeSos, getSos, wasAlerted } from '../domain/sos/service.js'
import type { Clock } from '../lib/clock.js'
import { formatLocalTime } from '../lib/timezone.js'
import { SLACK_UNLINKED } from './onboarding.js'
import { replyForError } from './replies.js'

/** What a button (or a ✅ reaction, which is Done) asks for. */
export const BUTTON_ACTIONS = ['sos_ack', 'reminder_done', 'reminder_snooze', 'dose_keep', 'dose_cancel'] as const
export type ButtonAction = (typeof BUTTON_ACTIONS)[number]

/** "Snooze 15 min", as "snooze 15" by text. */
export const SNOOZE_MINUTES = 15

export interface ButtonPress {
  action: ButtonAction
  /** What the pressed message is about (the button's value); absent: the payload of the message `messageId`. */
  target?: OutboxPayload
  /** Who pressed, as the channel identifies them (Slack: team:user); resolved to a member here. */
  sender: Sender
  /** The provider's id of this press (Slack: the click's action_ts, a reaction's event_id). */
  externalId: string
  /** The pressed message's provider id, so it can be rewritten to show the answer. */
  messageId?: string
  /** Where a private notice to the presser goes (refusals, "already done"), when anywhere. */
  noticeTo?: string
  /** `reaction`: say nothing back (a ✅ is not a question), only act. */
  via: 'button' | 'reaction'
}

export interface PressResult {
  route: string
  duplicate: boolean
}

interface Handled {
  route: string
  /** Said privately to the presser. */
  notice?: string
  /** The pressed message, rewritten: its new text (the payload is the same, answered). */
  edit?: (original: string) => string
}

type Ctx = { tx: Tx; actor: ActorContext; clock: Clock; now: Date }

/**
 * A button press, handled the way the same answer by text is (one code path each: the SOS service, the
 * reminders' done/snooze, the dose guard's undo), in one transaction with its record, so a press Slack
 * delivers twice acts once, and two people pressing at once are serialized: the second sees the first's
 * answer. Runs inside the request (a few milliseconds), before the 200.
 */
export async function pressButton(deps: { db: Db; clock: Clock }, press: ButtonPress): Promise<PressResult> {
  const { db, clock } = deps
  try {
    return await db.transaction(async (tx) => {
      const now = clock.now()
      if (await isDuplicate(tx, now, press)) return { route: 'button:duplicate', duplicate: true }
      const target = press.target ?? (await payloadOf(tx, press.messageId))
      // A reaction on a message that carries no buttons (not a reminder of ours): nothing to do.
      if (!target) return { route: 'button:no_target', duplicate: false }
      const actor = await resolveActor(tx, press.sender)
      const handled = actor
        ? await HANDLERS[press.action]({ tx, actor, clock, now }, target)
        : { route: 'button:unlinked', notice: SLACK_UNLINKED }
      await finish(tx, now, press, handled, actor)
      return { route: handled.route, duplicate: false }
    })
  } catch (err) {
    // A broken rule (not yours to answer) rolls back; the press is recorded with a plain answer.
    const words = replyForError(err)
    if (!words) throw err
    return await db.transaction(async (tx) => {
      const now = clock.now()
      if (await isDuplicate(tx, now, press)) return { route: 'button:duplicate', duplicate: true }
      const route = `button:error:${isDomainError(err) ? err.code : 'unknown'}`
      await finish(tx, now, press, { route, notice: words }, await resolveActor(tx, press.sender))
      return { route, duplicate: false }
    })
  }
}

/** The payload of the message we sent with this provider id, if it had one. */
async function payloadOf(tx: Tx, messageId: string | undefined): Promise<OutboxPayload | undefined> {
  if (!messageId) return undefined
  const [row] = await editableMessages(tx, { providerMessageId: messageId })
  return row?.payload ?? undefined
}

async function isDuplicate(tx: Tx, now: Date, press: ButtonPress): Promise<boolean> {
  const { duplicate } = await recordInteraction(tx, now, {
    channel: press.sender.channel,
    externalId: `${press.via}:${press.externalId}`,
    fromAddress: press.sender.address,
    body: `${press.via}:${press.action}`,
  })
  return duplicate
}

/** The pressed message rewritten, and the presser's private notice, as outbox rows of this transaction. */
async function finish(tx: Tx, now: Date, press: ButtonPress, handled: Handled, actor: ActorContext | undefined) {
  const { edit } = handled
  if (edit && press.messageId) {
    const rows = await editableMessages(tx, { providerMessageId: press.messageId })
    await enqueueEdits(tx, now, rows, {
      what: press.action,
      body: (row) => edit(row.body),
      payload: (row) => ({ ...(row.payload ?? press.target), answered: true }) as OutboxPayload,
    })
  }
  if (handled.notice && press.noticeTo && press.via === 'button') {
    await enqueueOutbox(tx, now, {
      idempotencyKey: `notice:${press.sender.channel}:${press.externalId}`,
      channel: press.sender.channel as Channel,
      toAddress: press.noticeTo,
      body: handled.notice,
      kind: 'notice',
      familyId: actor?.familyId,
      memberId: actor?.memberId,
      urgent: true,
      payload: { kind: 'private_notice' },
    })
  }
}

const HANDLERS: Record<ButtonAction, (ctx: Ctx, target: OutboxPayload) => Promise<Handled>> = {
  sos_ack: acknowledge,
  reminder_done: (ctx, target) => reminder(ctx, target, 'done'),
  reminder_snooze: (ctx, target) => reminder(ctx, target, 'snooze'),
  dose_keep: (ctx, target) => doseGuard(ctx, target, 'keep'),
  dose_cancel: (ctx, target) => doseGuard(ctx, target, 'cancel'),
}

const stale = (route: string): Handled => ({ route, notice: 'This message is no longer active.' })

/**
 * Acknowledge: as "ACK" by text, the first one stops the escalation everywhere and everyone alerted is
 * told (acknowledgeSos, which also rewrites every delivered Slack alert). Only someone who was alerted
 * — or a parent, since a press is explicit where a texted "ok" is not — and never the sender.
 */
async function acknowledge({ tx, actor, now }: Ctx, target: OutboxPayload): Promise<Handled> {
  if (target.kind !== 'sos_alert') return stale('button:sos:stale')
  const incident = await getSos(tx, target.incidentId)
  if (!incident || incident.familyId !== actor.familyId) return stale('button:sos:stale')
  if (incident.status === 'cancelled' || incident.status === 'resolved') {
    return { route: 'button:sos:closed', notice: `This SOS is closed (${incident.status}).` }
  }
  if (incident.openedBy === actor.memberId) {
    return {
      route: 'button:sos:own',
      notice: 'You sent this SOS, so someone else acknowledges it. Reply CANCEL SOS if it was a false alarm.',
    }
  }
  const parent = actor.role === 'owner' || actor.role === 'admin'
  if (!parent && !(await wasAlerted(tx, incident.id, actor.memberId))) {
    return { route: 'button:sos:not_alerted', notice: 'Only someone this SOS alerted can acknowledge it.' }
  }
  const r = await acknowledgeSos(tx, actor, now, incident, 'slack')
  if (!r.first) return { route: 'button:sos:already', notice: `Already acknowledged: ${r.responder} is responding.` }
  return { route: 'button:sos:ack' }
}

/** Done / Snooze 15 min (and a ✅): as "done" and "snooze 15" by text, for that occurrence. */
async function reminder(ctx: Ctx, target: OutboxPayload, what: 'done' | 'snooze'): Promise<Handled> {
  if (target.kind !== 'reminder') return stale('button:reminder:stale')
  const hit = await runOf(ctx.tx, ctx.actor, target.scheduleId, new Date(target.occurrence))
  if (!hit) return { route: 'button:reminder:not_yours', notice: 'This reminder isn’t yours to answer.' }
  if (hit.run.status === 'done') return { route: 'button:reminder:already', notice: 'Already done.' }
  if (hit.run.status === 'snoozed') {
    return { route: 'button:reminder:already', notice: 'Already snoozed: it will come again.' }
  }
  const answer =
    what === 'done'
      ? await answerDone(ctx, target)
      : await answerSnooze(ctx, SNOOZE_MINUTES, { scheduleId: target.scheduleId, occurrence: target.occurrence })
  if (!answer) return stale('button:reminder:stale')
  const at = formatLocalTime(ctx.now, ctx.actor.timezone)
  return { route: `button:reminder:${what}`, edit: (original) => `${firstLine(original)}\n${answer} (${at})` }
}

/** Record anyway / Cancel on the dose guard's warning: keep the flagged dose, or "undo" it. */
async function doseGuard(ctx: Ctx, target: OutboxPayload, what: 'keep' | 'cancel'): Promise<Handled> {
  if (target.kind !== 'dose_guard') return stale('button:dose:stale')
  const r =
    what === 'keep'
      ? await keepFlaggedDoses(ctx.tx, ctx.actor, ctx.now, target.doseIds)
      : await cancelFlaggedDoses(ctx.tx, ctx.actor, ctx.now, target.doseIds)
  if (r.unchanged) {
    return {
      route: `button:dose:${what}:unchanged`,
      notice: 'This dose was cancelled already: it is not in the record.',
    }
  }
  const said =
    what === 'keep'
      ? '📋 Kept in the record as given, flagged for the family to see.'
      : '↩️ Cancelled: this dose is not in the record.'
  return { route: `button:dose:${what}`, edit: (original) => `${original}\n${said}` }
}

const firstLine = (text: string) => text.split('\n')[0] ?? text
