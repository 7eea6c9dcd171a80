import { createHmac } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../src/app.js'
import type { ManualClock } from '../../src/lib/clock.js'
import { FakeSlack } from '../fakes/slack.js'
import { startTestApp, type TestApp } from './harness.js'

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5'
export const BOT_TOKEN = 'xoxb-test-0000-token'
export const TEAM = 'T0001ABCD'

export interface SlackTestApp extends TestApp {
  slack: FakeSlack
  /** POSTs a signed Events API callback; the envelope's event_id is generated unless given. */
  event(event: Record<string, unknown>, opts?: { eventId?: string; retryNum?: number }): Promise<Reply>
  /** POSTs a signed slash command as `user`. */
  command(command: '/nanny' | '/sos', user: string, text: string): Promise<Reply>
}

export interface Reply {
  statusCode: number
  body: string
}

/**
 * Slack's v0 signature (docs.slack.dev/authentication/verifying-requests-from-slack). Bolt checks it
 * against the real time, so tests sign with the real time, not the app's manual clock.
 */
export function slackSignature(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) }
}

export async function postSlack(
  app: FastifyInstance,
  body: string,
  contentType: string,
  headers: Record<string, string> = slackSignature(body),
): Promise<Reply> {
  const res = await app.inject({
    method: 'POST',
    url: '/slack/events',
    headers: { 'content-type': contentType, ...headers },
    payload: body,
  })
  return { statusCode: res.statusCode, body: res.body }
}

let seq = 0

/** The app with Twilio and Slack configured against fakes. */
export async function startSlackTestApp(
  opts: { clock?: ManualClock; deps?: AppDeps; env?: Record<string, string> } = {},
): Promise<SlackTestApp> {
  const slack = await new FakeSlack().start()
  const t = await startTestApp({
    ...opts,
    env: {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: slack.url,
      SLACK_FILES_URL: slack.filesUrl,
      ...opts.env,
    },
  })
  const event: SlackTestApp['event'] = async (inner, { eventId, retryNum } = {}) => {
    const body = JSON.stringify({
      token: 'XXYYZZ',
      team_id: TEAM,
      api_app_id: 'A0001ABCD',
      event: inner,
      type: 'event_callback',
      event_id: eventId ?? `Ev${String(++seq).padStart(8, '0')}`,
      event_time: 1789560100,
      authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: 'U0BOT0001', is_bot: true }],
    })
    const headers = {
      ...slackSignature(body),
      ...(retryNum ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
    }
    return postSlack(t.app, body, 'application/json', headers)
  }
  const command: SlackTestApp['command'] = async (name, user, text) => {
    const body = new URLSearchParams({
      token: 'gIkuvaNzQIHg97ATvDxqgjtO',
      team_id: TEAM,
      team_domain: 'example',
      channel_id: 'C2147483705',
      channel_name: 'general',
      user_id: user,
      user_name: 'someone',
      command: name,
      text,
      api_app_id: 'A0001ABCD',
      response_url: 'https://hooks.slack.com/commands/1234/5678',
      trigger_id: `13345224609.738474920.${String(++seq).padStart(10, '0')}`,
    }).toString()
    return postSlack(t.app, body, 'application/x-www-form-urlencoded')
  }
  return {
    ...t,
    slack,
    event,
    command,
    close: async () => {
      await t.close()
      await slack.stop()
    },
  }
}

/** A DM to the app from `user`, as Slack's `message.im` event. */
export function dm(user: string, text: string, extra: Record<string, unknown> = {}) {
  const ts = `1789560100.${String(++seq).padStart(6, '0')}`
  return { type: 'message', channel: FakeSlack.dmOf(user), channel_type: 'im', user, text, ts, event_ts: ts, ...extra }
}
