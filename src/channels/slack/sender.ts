import { webApi } from '@slack/bolt'
import type { OutboxRow } from '../../domain/outbox/service.js'
import type { ChannelSender, SendResult } from '../../outbox/types.js'
import { parseSlackAddress } from './address.js'
import type { SlackClient } from './client.js'

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
    /** Draws a `media` row (a chart, a visit summary) for upload as a Slack file; docs/decisions/0027. */
    private readonly media?: (mediaId: string) => Promise<SlackFile | undefined>,
  ) {}

  async send(row: OutboxRow): Promise<SendResult> {
    const to = parseSlackAddress(row.toAddress)
    if (!to) return { status: 'failed', code: 'bad_address', message: 'not a Slack address' }
    try {
      const channel = to.channel ?? (await this.dmChannel(to.user))
      const file = row.mediaId ? await this.media?.(row.mediaId) : undefined
      if (file) return await this.upload(channel, to.threadTs, row.body, file)
      const res = await this.client.chat.postMessage({
        channel,
        text: escapeText(row.body),
        ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      })
      // Slack has no delivery callbacks: a posted message is in the conversation.
      return { status: 'sent', providerMessageId: `${res.channel ?? channel}/${res.ts ?? ''}`, delivered: true }
    } catch (err) {
      return classifySlackError(err)
    }
  }

  /**
   * The text as the file's comment, the picture or PDF as a file in the same place (files.uploadV2:
   * getUploadURLExternal, the bytes, completeUploadExternal). Slack's own file store holds it from then on.
   */
  private async upload(
    channel: string,
    threadTs: string | undefined,
    body: string,
    file: SlackFile,
  ): Promise<SendResult> {
    const res = await this.client.filesUploadV2({
      channel_id: channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      initial_comment: escapeText(body),
      file: file.bytes,
      filename: file.filename,
      title: file.filename,
    } as Parameters<SlackClient['filesUploadV2']>[0])
    const uploaded = res.files.flatMap((f) => (f as { files?: { id?: string }[] }).files ?? [])
    return { status: 'sent', providerMessageId: `${channel}/file:${uploaded[0]?.id ?? ''}`, delivered: true }
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

export interface SlackFile {
  bytes: Buffer
  filename: string
}

/** Slack reads &, < and > as markup (docs.slack.dev/messaging/formatting-message-text): escape them. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
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
    default:
      // Connection refused, reset, timeouts: the request may not have reached Slack; try again.
      return { status: 'retry', code: e.code ?? 'network', message }
  }
}
