import { webApi } from '@slack/bolt'
import type { OutboxRow } from '../../domain/outbox/service.js'
import type { ChannelSender, SendResult } from '../../outbox/types.js'
import { parseSlackAddress, type SlackAddress } from './address.js'
import { escapeText, slackBlocks } from './blocks.js'
import type { SlackClient } from './client.js'

export { escapeText } from './blocks.js'

/**
 * Slack Web API errors (docs.slack.dev/reference/methods/chat.postMessage, "Errors"), as the outbox
 * needs them:
 * - 429 with Retry-After: retried no sooner than Slack asked (`retryAfterMs`).
 * - Our token or the workspace (invalid_auth, token_revoked, account_inactive…): retried with backoff,
 *   so messages survive an operator fixing the token, like Twilio's 401.
 * - Slack's own trouble (internal_error, service_unavailable, 5xx, network): retried.
 * - Anything else (channel_not_found, not_in_channel, user_not_found, cannot_dm_bot, is_archived,
 *   missing_scope…): retrying cannot help; the outbox falls back to the member's next channel.
 */
const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive'])
const SLACK_TROUBLE = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
])

/** Posts outbox rows: a reply where the message came from, or a DM to a member's Slack identity. */
export class SlackSender implements ChannelSender {
  /** user id → their DM channel with the app; conversations.open returns the same one every time. */
  private readonly dms = new Map<string, string>()

  constructor(
    private readonly client: SlackClient,
    /** Draws a `media` row (a chart, a visit summary) for upload as a Slack file; docs/decisions/0034. */
    private readonly media?: (mediaId: string) => Promise<SlackFile | undefined>,
  ) {}

  async send(row: OutboxRow): Promise<SendResult> {
    const to = parseSlackAddress(row.toAddress)
    if (!to) return { status: 'failed', code: 'bad_address', message: 'not a Slack address' }
    try {
      // Slack has no delivery callbacks: a posted (or edited) message is in the conversation.
      const id = row.editsMessage ? await this.edit(row) : await this.post(row, to)
      return { status: 'sent', providerMessageId: id, delivered: true }
    } catch (err) {
      return classifySlackError(err)
    }
  }

  /**
   * A new message, with Block Kit when the row has a payload (the text stays the notification's
   * fallback). A private notice to someone in a conversation is ephemeral: only they see it.
   */
  private async post(row: OutboxRow, to: SlackAddress): Promise<string> {
    const text = escapeText(row.body)
    if (row.payload?.kind === 'private_notice' && to.channel) {
      const res = await this.client.chat.postEphemeral({
        channel: to.channel,
        user: to.user,
        text,
        ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
      })
      return `${to.channel}/ephemeral:${res.message_ts ?? ''}`
    }
    const channel = to.channel ?? (await this.dmChannel(to.user))
    const file = row.mediaId ? await this.media?.(row.mediaId) : undefined
    if (file) return await this.upload(channel, to.threadTs, text, file)
    const blocks = slackBlocks(row.body, row.payload)
    const res = await this.client.chat.postMessage({
      channel,
      text,
      ...(blocks ? { blocks } : {}),
      ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
      unfurl_links: false,
      unfurl_media: false,
    })
    return slackMessageId(res.channel ?? channel, res.ts ?? '')
  }

  /**
   * The text as the file's comment, the picture or PDF as a file in the same place (files.uploadV2:
   * getUploadURLExternal, the bytes, completeUploadExternal). Slack's own file store holds it from then on.
   */
  private async upload(channel: string, threadTs: string | undefined, text: string, file: SlackFile): Promise<string> {
    const res = await this.client.filesUploadV2({
      channel_id: channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      initial_comment: text,
      file: file.bytes,
      filename: file.filename,
      title: file.filename,
    } as Parameters<SlackClient['filesUploadV2']>[0])
    const uploaded = res.files.flatMap((f) => (f as { files?: { id?: string }[] }).files ?? [])
    return `${channel}/file:${uploaded[0]?.id ?? ''}`
  }

  /** An earlier message rewritten in place (chat.update); `blocks: []` drops buttons it had. */
  private async edit(row: OutboxRow): Promise<string> {
    const target = parseMessageId(row.editsMessage ?? '')
    if (!target) throw new SlackEditError('bad_message_id')
    await this.client.chat.update({
      channel: target.channel,
      ts: target.ts,
      text: escapeText(row.body),
      blocks: slackBlocks(row.body, row.payload) ?? [],
    })
    return slackMessageId(target.channel, target.ts)
  }

  private async dmChannel(user: string): Promise<string> {
    const known = this.dms.get(user)
    if (known) return known
    const res = await this.client.conversations.open({ users: user })
    const id = res.channel?.id
    if (!id) throw new Error('conversations.open returned no channel')
    this.dms.set(user, id)
    return id
  }
}

/** A chart or visit summary, drawn, for upload. */
export interface SlackFile {
  bytes: Buffer
  filename: string
}

/**
 * The provider id the sender records for a posted message, `<channel>/<ts>`: what chat.update, a
 * button's container and a reaction's item name it by.
 */
export const slackMessageId = (channel: string, ts: string) => `${channel}/${ts}`

export function parseMessageId(id: string): { channel: string; ts: string } | undefined {
  const m = /^([A-Z0-9]+)\/(\d+\.\d+)$/.exec(id)
  return m?.[1] && m[2] ? { channel: m[1], ts: m[2] } : undefined
}

/** An edit that names no message we can find: permanent, never retried. */
class SlackEditError extends Error {
  readonly code = 'bad_message_id'
  constructor(message: string) {
    super(message)
  }
}

export function classifySlackError(err: unknown): SendResult {
  const e = err as {
    code?: string
    message?: string
    retryAfter?: number
    statusCode?: number
    data?: { error?: string }
  }
  const message = e.message ?? String(err)
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { status: 'retry', code: 'rate_limited', message, retryAfterMs: (e.retryAfter ?? 1) * 1000 }
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'platform_error'
      if (TOKEN_ERRORS.has(code) || SLACK_TROUBLE.has(code)) return { status: 'retry', code, message }
      return { status: 'failed', code, message }
    }
    case webApi.ErrorCode.HTTPError: {
      const code = `http_${e.statusCode ?? 'error'}`
      return (e.statusCode ?? 500) >= 500 ? { status: 'retry', code, message } : { status: 'failed', code, message }
    }
    case 'bad_message_id':
      return { status: 'failed', code: 'bad_message_id', message }
    default:
      // Connection refused, reset, timeouts: the request may not have reached Slack; try again.
      return { status: 'retry', code: e.code ?? 'network', message }
  }
}
