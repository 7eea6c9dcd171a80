import type { types } from '@slack/bolt'
import { z } from 'zod'
import type { OutboxPayload } from '../../domain/outbox/payload.js'
import type { ButtonAction } from '../../pipeline/buttons.js'

/**
 * Block Kit for the outbox's payloads (docs.slack.dev/reference/block-kit): the message's text in a
 * section, and the buttons for what it is about. Pure functions; the text stays the notification's
 * fallback (`text` beside `blocks`). Button values carry the payload's ids, never any text.
 */
type Block = types.KnownBlock
type ButtonElement = types.Button

/** A section's text is at most 3,000 characters (Block Kit "Section block"). */
const SECTION_MAX = 3000
/** A button's value is at most 2,000 characters (Block Kit "Button element"). */
const VALUE_MAX = 2000

/** Slack reads &, < and > as markup (docs.slack.dev/messaging/formatting-message-text): escape them. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** The blocks for a message with a payload, or undefined when it is plain text. */
export function slackBlocks(text: string, payload: OutboxPayload | null | undefined): Block[] | undefined {
  if (!payload || payload.kind === 'private_notice') return undefined
  const section: Block = { type: 'section', text: { type: 'mrkdwn', text: clip(escapeText(text), SECTION_MAX) } }
  if (payload.answered) return [section]
  const value = buttonValue(payload)
  return [section, { type: 'actions', block_id: `mn_${payload.kind}`, elements: buttonsFor(payload, value) }]
}

function buttonsFor(payload: Exclude<OutboxPayload, { kind: 'private_notice' }>, value: string): ButtonElement[] {
  switch (payload.kind) {
    case 'sos_alert':
      return [button('Acknowledge — I’m responding', 'sos_ack', value, 'danger')]
    case 'reminder':
      return [button('Done', 'reminder_done', value, 'primary'), button('Snooze 15 min', 'reminder_snooze', value)]
    case 'dose_guard':
      return [button('Record anyway', 'dose_keep', value), button('Cancel', 'dose_cancel', value, 'danger')]
  }
}

function button(label: string, actionId: ButtonAction, value: string, style?: 'primary' | 'danger'): ButtonElement {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label, emoji: true },
    value,
    ...(style ? { style } : {}),
  }
}

/** The ids a button carries: the payload without its display state. */
export function buttonValue(payload: OutboxPayload): string {
  const { answered: _answered, ...ids } = payload as OutboxPayload & { answered?: boolean }
  return clip(JSON.stringify(ids), VALUE_MAX)
}

const Id = z.string().regex(/^[a-z]+_[A-Za-z0-9]+$/)
const ButtonValue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sos_alert'), incidentId: Id }),
  z.object({ kind: z.literal('reminder'), scheduleId: Id, occurrence: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('dose_guard'), doseIds: z.array(Id).min(1).max(20) }),
])

/** A button's value back to the payload it was made from; undefined for anything else. */
export function parseButtonValue(value: string | undefined): OutboxPayload | undefined {
  if (!value) return undefined
  try {
    const parsed = ButtonValue.safeParse(JSON.parse(value))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s)
