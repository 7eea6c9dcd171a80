import type { App } from '@slack/bolt'
import type { Logger } from 'pino'
import { z } from 'zod'
import type { Db } from '../../db/client.js'
import type { Clock } from '../../lib/clock.js'
import { BUTTON_ACTIONS, type ButtonPress, pressButton } from '../../pipeline/buttons.js'
import { slackReplyAddress, slackUserAddress } from './address.js'
import { parseButtonValue } from './blocks.js'
import { slackMessageId } from './sender.js'

export interface SlackActionsOptions {
  db: Db
  clock: Clock
  /** Wakes the outbox: a press writes the message's edit and any notice. */
  onOutbox: () => void
  log: Logger
}

const SLACK_ID = z.string().regex(/^[A-Z0-9]{2,40}$/)
const TS = z.string().regex(/^\d{1,12}\.\d{1,9}$/)

/** The block_actions fields we use (docs.slack.dev/reference/interaction-payloads/block_actions-payload). */
const BlockActions = z.looseObject({
  team: z.looseObject({ id: SLACK_ID }).nullish(),
  user: z.looseObject({ id: SLACK_ID, team_id: SLACK_ID.optional() }),
  container: z.looseObject({ channel_id: SLACK_ID.optional(), message_ts: TS.optional(), thread_ts: TS.optional() }),
  actions: z.array(z.looseObject({ action_id: z.string(), action_ts: TS, value: z.string().max(2000).optional() })),
})

/** reaction_added (docs.slack.dev/reference/events/reaction_added), in its envelope. */
const Reaction = z.looseObject({
  event_id: z.string().min(1).max(100),
  team_id: SLACK_ID,
  event: z.looseObject({
    user: SLACK_ID,
    reaction: z.string(),
    item: z.looseObject({ type: z.literal('message'), channel: SLACK_ID, ts: TS }),
  }),
})

/** ✅ and ✔️ on a reminder mark it done. */
const DONE_REACTIONS = new Set(['white_check_mark', 'heavy_check_mark'])

/**
 * Buttons (block_actions through the same POST /slack/events, verified by Bolt) and ✅ reactions. Each
 * is handled in one transaction before the 200 (pipeline/buttons.ts): a few milliseconds, inside
 * Slack's 3 seconds. What the presser sees back — the message rewritten, a private notice — goes
 * through the outbox (docs/decisions/0026-slack-interactivity.md).
 */
export function registerSlackActions(app: App, o: SlackActionsOptions): void {
  const log = o.log.child({ channel: 'slack' })
  const press = async (p: ButtonPress) => {
    const r = await pressButton(o, p)
    log.info({ kind: p.via, action: p.action, route: r.route, duplicate: r.duplicate }, 'slack interaction')
    if (!r.duplicate) o.onOutbox()
  }

  for (const actionId of BUTTON_ACTIONS) {
    app.action({ type: 'block_actions', action_id: actionId }, async ({ ack, body }) => {
      const parsed = BlockActions.safeParse(body)
      const p = parsed.success ? buttonPress(parsed.data, actionId) : undefined
      try {
        if (p) await press(p)
        else log.warn({ action: actionId }, 'slack interaction malformed')
      } catch (err) {
        // Acknowledged anyway: Slack would show its own error; nothing was written, so a second click acts.
        log.error({ action: actionId, errorName: (err as Error)?.name }, 'slack interaction failed')
      }
      await ack()
    })
  }

  app.event('reaction_added', async ({ body }) => {
    const parsed = Reaction.safeParse(body)
    if (!parsed.success || !DONE_REACTIONS.has(parsed.data.event.reaction)) return
    const { event_id: eventId, team_id: team, event } = parsed.data
    await press({
      action: 'reminder_done',
      sender: { kind: 'slack', address: slackUserAddress(team, event.user), channel: 'slack' },
      externalId: eventId,
      messageId: slackMessageId(event.item.channel, event.item.ts),
      via: 'reaction',
    })
  })
}

function buttonPress(body: z.infer<typeof BlockActions>, actionId: ButtonPress['action']): ButtonPress | undefined {
  const action = body.actions.find((a) => a.action_id === actionId)
  const team = body.team?.id ?? body.user.team_id
  const { channel_id: channel, message_ts: ts, thread_ts: thread } = body.container
  if (!action || !team) return undefined
  return {
    action: actionId,
    // An unreadable value names nothing: the message's own payload (by its id) is used instead.
    target: parseButtonValue(action.value),
    sender: { kind: 'slack', address: slackUserAddress(team, body.user.id), channel: 'slack' },
    // One click, one action_ts: a click Slack delivers twice is the same press.
    externalId: `${team}:${body.user.id}:${action.action_ts}`,
    messageId: channel && ts ? slackMessageId(channel, ts) : undefined,
    noticeTo: channel ? slackReplyAddress(team, body.user.id, channel, thread) : undefined,
    via: 'button',
  }
}
