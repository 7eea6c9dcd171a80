import { z } from 'zod'
import type { InboundMedia } from '../../domain/inbox/schema.js'
import type { InboundMessage } from '../../domain/inbox/service.js'
import { slackReplyAddress, slackUserAddress } from './address.js'

/**
 * Slack's Events API and slash command fields we rely on (docs.slack.dev/apis/events-api,
 * docs.slack.dev/interactivity/implementing-slash-commands). Bolt has verified the signature already.
 */
const SLACK_ID = /^[A-Z0-9]{2,40}$/
const TS = /^\d{1,12}\.\d{1,9}$/

const Envelope = z.looseObject({
  event_id: z.string().min(1).max(100),
  team_id: z.string().regex(SLACK_ID),
  event: z.looseObject({
    type: z.string(),
    channel: z.string().regex(SLACK_ID).optional(),
    channel_type: z.string().optional(),
    user: z.string().regex(SLACK_ID).optional(),
    text: z.string().max(40_000).optional(),
    ts: z.string().regex(TS).optional(),
    thread_ts: z.string().regex(TS).optional(),
    bot_id: z.string().optional(),
    subtype: z.string().optional(),
    /** Files shared with the message (a photo of a prescription): fetched later with the bot token. */
    files: z
      .array(
        z.looseObject({
          url_private: z.url().max(2000).optional(),
          mimetype: z.string().max(200).optional(),
          size: z.number().int().min(0).optional(),
        }),
      )
      .max(20)
      .optional(),
  }),
})

/**
 * Subtypes that are still a person's message: a file shared (in a DM, with a mention, in a family
 * channel), and a thread reply also sent to the channel ("Also send to #channel").
 */
const PERSON_SUBTYPES = new Set(['file_share', 'thread_broadcast'])

export type SlackEnvelope = z.infer<typeof Envelope> & { authorizations?: { user_id?: string; is_bot?: boolean }[] }

/** The event envelope, validated (ids, timestamps, files), or undefined when it is not one. */
export function slackEnvelope(body: unknown): SlackEnvelope | undefined {
  const parsed = Envelope.safeParse(body)
  return parsed.success ? (parsed.data as SlackEnvelope) : undefined
}

/** A person's message: not a bot's (ours included), not an edit or another subtype; a file share is. */
export const isPersonMessage = (event: SlackEnvelope['event']) =>
  !event.bot_id && (!event.subtype || PERSON_SUBTYPES.has(event.subtype))

const Command = z.looseObject({
  command: z.string(),
  text: z.string().max(4_000).default(''),
  team_id: z.string().regex(SLACK_ID),
  user_id: z.string().regex(SLACK_ID),
  trigger_id: z.string().min(1).max(200),
})

/** What an event came to: a message for the inbox, or the reason it is not one (for the logs). */
export type SlackInbound = { message: InboundMessage } | { ignored: string }

/**
 * A DM to the app (`message` in an `im`) or a mention (`app_mention`) becomes an inbox message. Its
 * idempotency key is the envelope's `event_id`, which Slack keeps on retries (`X-Slack-Retry-Num`).
 * Replies go where it came from: the DM (in its thread, if any), or a thread under the mention.
 * Messages from bots, including our own posts, and edits or other subtypes are ignored.
 */
export function inboundFromEvent(body: unknown): SlackInbound {
  const parsed = slackEnvelope(body)
  if (!parsed) return { ignored: 'malformed' }
  const { event_id: eventId, team_id: team, event } = parsed
  if (!isPersonMessage(event)) return { ignored: 'bot_or_subtype' }
  if (!event.user || !event.channel || !event.ts) return { ignored: 'incomplete' }
  const mention = event.type === 'app_mention'
  if (!mention && !(event.type === 'message' && event.channel_type === 'im')) return { ignored: 'not_for_us' }
  // A mention is answered in a thread under it; a DM in place (in its thread when it was a thread reply).
  const thread = mention ? (event.thread_ts ?? event.ts) : event.thread_ts
  return {
    message: {
      channel: 'slack',
      externalId: eventId,
      fromAddress: slackUserAddress(team, event.user),
      conversationKey: `slack:${team}:${event.channel}${thread ? `:${thread}` : ''}`,
      body: plainText(event.text ?? '', { stripMention: mention }),
      media: mediaOf(event.files),
      meta: { replyTo: slackReplyAddress(team, event.user, event.channel, thread) },
    },
  }
}

/** Slack's file objects as inbox media: the private URL, the declared type and the size. */
export function mediaOf(files: z.infer<typeof Envelope>['event']['files']): InboundMedia[] {
  const media: InboundMedia[] = []
  for (const f of files ?? []) {
    if (!f.url_private) continue
    media.push({ url: f.url_private, contentType: f.mimetype ?? 'application/octet-stream', size: f.size })
  }
  return media
}

/**
 * A slash command becomes an inbox message like a text: `/nanny <text>` is the text, `/sos [text]` is
 * "SOS [text]", which the pipeline's SOS stage opens exactly as a texted SOS. Slack does not retry slash
 * commands; `trigger_id` is unique per invocation. The reply goes to the user's DM with the app: the
 * channel the command was typed in may be one the app is not in, or one others can read.
 */
export function inboundFromCommand(payload: unknown): InboundMessage | undefined {
  const parsed = Command.safeParse(payload)
  if (!parsed.success) return undefined
  const c = parsed.data
  const text = plainText(c.text, { stripMention: false })
  return {
    channel: 'slack',
    externalId: `command:${c.trigger_id}`,
    fromAddress: slackUserAddress(c.team_id, c.user_id),
    body: c.command === '/sos' ? `SOS ${text}`.trim() : text,
    meta: {},
  }
}

/**
 * Slack's message markup back to what the person typed: a leading mention of the app removed, links
 * shown as their label, and the three escaped characters unescaped (docs.slack.dev/messaging/formatting-message-text).
 */
export function plainText(text: string, { stripMention }: { stripMention: boolean }): string {
  const withoutMention = stripMention ? text.replace(/^\s*(?:<@[A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+/, '') : text
  return withoutMention
    .replace(/<(?:https?|mailto|tel):[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?|mailto|tel):[^>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim()
}
