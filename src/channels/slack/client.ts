import { webApi } from '@slack/bolt'
import type { Logger } from 'pino'
import { boltLogger } from './logger.js'

export type SlackClient = InstanceType<typeof webApi.WebClient>

export interface SlackClientOptions {
  botToken: string
  /** Test seam: the fake Slack's base URL instead of https://slack.com/api/. */
  apiUrl?: string
  timeoutMs?: number
  log: Logger
}

/**
 * Bolt's WebClient for the outbox. Retries are the outbox's (durable, with backoff), so the client does
 * none, and a 429 comes back at once as a rate-limited error carrying Retry-After, instead of the client
 * pausing every call for that long in memory.
 */
export function createSlackClient(o: SlackClientOptions): SlackClient {
  return new webApi.WebClient(o.botToken, { ...slackClientOptions(o), logger: boltLogger(o.log) })
}

/** The options Bolt's App and our client share. */
export function slackClientOptions(o: Pick<SlackClientOptions, 'apiUrl' | 'timeoutMs'>) {
  return {
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: o.timeoutMs ?? 10_000,
  }
}
