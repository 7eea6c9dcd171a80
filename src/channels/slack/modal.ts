import type { App } from '@slack/bolt'
import { DateTime } from 'luxon'
import type { Tx } from '../../db/client.js'
import type { ActorContext } from '../../domain/actor.js'
import { lastLoggedDependent } from '../../domain/care-log/recent.js'
import { logDiaperTool, logFeedTool, logSleepTool } from '../../domain/care-log/tools.js'
import { listDependentRows } from '../../domain/dependents/service.js'
import { recordHandledInbound } from '../../domain/inbox/service.js'
import { logDoseTool } from '../../domain/medications/tools.js'
import type { OutboxPayload } from '../../domain/outbox/payload.js'
import { enqueueOutbox } from '../../domain/outbox/service.js'
import { runTool, type ToolContext } from '../../domain/tools.js'
import { formatLocalTime, localDate } from '../../lib/timezone.js'
import { SLACK_UNLINKED } from '../../pipeline/onboarding.js'
import { replyForError } from '../../pipeline/replies.js'
import { type SlackFeatureDeps, slackActor } from './deps.js'
import { guardDose } from './modal-dose.js'
import { type LogEntry, readLogForm, type ViewValues } from './modal-input.js'
import { LOG_CALLBACK, LOG_KINDS, type LogKind, logModal } from './modal-view.js'

/** Where a rule broken on write (no open sleep, a viewer logging) is shown in the form. */
const FIRST_FIELD: Record<LogKind, string> = {
  feed: 'feed_method',
  sleep: 'sleep_event',
  diaper: 'diaper',
  dose: 'dose_drug',
}

/**
 * `/nanny log [feed|sleep|diaper|dose]`: opens the modal with the child and the time filled in. The
 * command's trigger_id is good for 3 seconds, so this runs while the command is acknowledged. Returns
 * the ephemeral text for the acknowledgement ('' when the modal opened).
 */
export async function openLogModal(
  d: SlackFeatureDeps,
  c: { team: string; user: string; triggerId: string; text: string },
): Promise<string> {
  const now = d.clock.now()
  const prefill = await d.db.read(async (tx) => {
    const actor = await slackActor(tx, c.team, c.user)
    if (!actor) return undefined
    const dependents = await listDependentRows(tx, actor)
    const only = dependents.length === 1 ? dependents[0]?.id : undefined
    return { actor, dependents, dependentId: only ?? (await lastLoggedDependent(tx, actor)) }
  })
  if (!prefill) return SLACK_UNLINKED
  if (!prefill.dependents.length) return 'There’s no one in your family’s record to log for yet: add a child first.'
  const kind = LOG_KINDS.find((k) => k === c.text.trim().toLowerCase())
  const zone = prefill.actor.timezone
  await d.client.views.open({
    trigger_id: c.triggerId,
    view: logModal({
      dependents: prefill.dependents.map((x) => ({ id: x.id, name: x.name })),
      ...(prefill.dependentId ? { dependentId: prefill.dependentId } : {}),
      ...(kind ? { kind } : {}),
      date: localDate(now, zone),
      time: formatHm(now, zone),
      timezone: zone,
    }) as never,
  })
  return ''
}

/**
 * The modal's submission: checked (problems shown under their fields, nothing written), then recorded
 * through the same tools as a text, as the submitter, in one transaction with the submission's inbox
 * row (`view:<id>`), so a second submission of the same view changes nothing.
 */
export function registerLogModal(app: App, d: SlackFeatureDeps): void {
  app.view(LOG_CALLBACK, async ({ ack, body, view }) => {
    const team = body.user.team_id ?? body.team?.id ?? ''
    const now = d.clock.now()
    const actor = await d.db.read((tx) => slackActor(tx, team, body.user.id))
    if (!actor)
      return await ack({ response_action: 'errors', errors: { child: 'This Slack account isn’t linked to a family.' } })
    // A submission without the form's state (a forged or broken payload) gets a plain error, never a 500.
    const values = view?.state?.values
    if (!values || typeof values !== 'object' || !view.id) {
      return await ack({
        response_action: 'errors',
        errors: { child: 'That form arrived empty; please open it again.' },
      })
    }
    const form = readLogForm(values as ViewValues, {
      kind: metaKind(view.private_metadata),
      timezone: actor.timezone,
      now,
    })
    if ('errors' in form) return await ack({ response_action: 'errors', errors: form.errors })
    let written: boolean
    try {
      written = await d.db.transaction((tx) => recordEntry(tx, d, actor, view.id, form.entry))
    } catch (err) {
      const words = replyForError(err)
      if (!words) throw err
      return await ack({ response_action: 'errors', errors: { [FIRST_FIELD[form.entry.kind]]: words } })
    }
    await ack()
    d.log.info({ kind: form.entry.kind, duplicate: !written }, 'slack log modal submitted')
    if (written) {
      d.onOutbox()
      d.onRecordChanged()
    }
  })
}

async function recordEntry(
  tx: Tx,
  d: SlackFeatureDeps,
  actor: ActorContext,
  viewId: string,
  entry: LogEntry,
): Promise<boolean> {
  const now = d.clock.now()
  const stored = await recordHandledInbound(tx, now, {
    channel: 'slack',
    externalId: `view:${viewId}`,
    fromAddress: actor.address,
    body: `/nanny log ${entry.kind}`,
  })
  if (stored.duplicate) return false
  const { replies, payloads } = await writeEntry({ tx, actor, clock: d.clock }, entry, stored.id)
  for (const [i, body] of replies.entries()) {
    await enqueueOutbox(tx, now, {
      idempotencyKey: `reply:${stored.id}:${i}`,
      channel: 'slack',
      // A DM to the submitter: the modal was opened from wherever, and others may read that channel.
      toAddress: actor.address,
      body,
      kind: 'reply',
      inReplyTo: stored.id,
      familyId: actor.familyId,
      memberId: actor.memberId,
      payload: payloads[i],
    })
  }
  return true
}

type Written = { replies: string[]; payloads: (OutboxPayload | undefined)[] }
const said = (text: string): Written => ({ replies: [text], payloads: [] })

/** Writes the entry through the tool a text would use; returns the replies for the submitter. */
async function writeEntry(ctx: ToolContext, entry: LogEntry, inboxId: string): Promise<Written> {
  const { actor } = ctx
  switch (entry.kind) {
    case 'feed': {
      const { method, amountMl, minutes } = entry
      const r = await runTool(logFeedTool, ctx, {
        dependent: entry.dependent,
        at: entry.at,
        method,
        ...(amountMl !== undefined ? { amountMl, unit: 'ml' } : {}),
        ...(minutes !== undefined ? { minutes } : {}),
      })
      return said(`Logged for ${r.dependent}: ${feedWords(entry)} at ${when(entry.at, actor)}.`)
    }
    case 'sleep': {
      const { dependent, event, at, endAt } = entry
      const r = await runTool(logSleepTool, ctx, { dependent, event, at, endAt })
      return said(`Logged for ${r.dependent}: ${sleepWords(entry, actor)}.`)
    }
    case 'diaper': {
      const { dependent, at, wet, dirty } = entry
      const r = await runTool(logDiaperTool, ctx, { dependent, at, wet, dirty })
      const what = wet && dirty ? 'wet and dirty' : wet ? 'wet' : 'dirty'
      return said(`Logged for ${r.dependent}: ${what} diaper at ${when(at, actor)}.`)
    }
    case 'dose':
      return await guardDose(ctx.tx, actor, ctx.clock.now(), entry, {
        log: (input, gateFindings) => runTool(logDoseTool, { ...ctx, gateFindings }, input),
        inboxId,
      })
  }
}

const when = (at: Date, actor: ActorContext) => formatLocalTime(at, actor.timezone, actor.locale)

function feedWords(e: Extract<LogEntry, { kind: 'feed' }>): string {
  if (e.method === 'bottle') return `bottle ${e.amountMl} ml`
  if (e.method === 'breast') return e.minutes ? `breastfed ${e.minutes} min` : 'breastfed'
  return 'solids'
}

function sleepWords(e: Extract<LogEntry, { kind: 'sleep' }>, actor: ActorContext): string {
  if (e.event === 'start') return `fell asleep at ${when(e.at, actor)}`
  if (e.event === 'end') return `woke up at ${when(e.at, actor)}`
  return `nap ${when(e.at, actor)} – ${when(e.endAt ?? e.at, actor)}`
}

function metaKind(meta: string | undefined): LogKind | undefined {
  try {
    const kind = (JSON.parse(meta || '{}') as { kind?: string }).kind
    return LOG_KINDS.find((k) => k === kind)
  } catch {
    return undefined
  }
}

/** `HH:mm` on the family's wall clock, as Slack's timepicker wants it. */
const formatHm = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('HH:mm')
