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
  /**
   * POSTs a signed block_actions payload (form-encoded `payload=<json>`, as Slack sends interactivity):
   * `user` clicked the button `actionId` on the message at `channel`/`ts`. `actionTs` identifies the
   * click; the same one again is Slack delivering that click twice.
   */
  click(user: string, message: { channel: string; ts: string }, actionId: string, opts?: ClickOptions): Promise<Reply>
}

export interface ClickOptions {
  /** The button's value; by default the one on that message as the fake received it. */
  value?: string
  actionTs?: string
  /** Sign with another secret (a forged request). */
  secret?: string
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
  const click: SlackTestApp['click'] = async (user, message, actionId, opts = {}) => {
    const value = opts.value ?? buttonOn(slack, message, actionId)?.value ?? ''
    const payload = {
      type: 'block_actions',
      user: { id: user, username: 'someone', name: 'someone', team_id: TEAM },
      api_app_id: 'A0001ABCD',
      token: 'XXYYZZ',
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
      trigger_id: `7377717242017.2625160776.${String(++seq).padStart(10, '0')}`,
      team: { id: TEAM, domain: 'example' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: message.channel, name: 'directmessage' },
      message: { type: 'message', ts: message.ts, bot_id: 'B0BOT0001', text: 'alert' },
      state: { values: {} },
      response_url: 'https://hooks.slack.com/actions/T0001ABCD/123/abc',
      actions: [
        {
          type: 'button',
          block_id: 'mn_block',
          action_id: actionId,
          value,
          text: { type: 'plain_text', text: 'Button' },
          action_ts: opts.actionTs ?? `1789560300.${String(++seq).padStart(6, '0')}`,
        },
      ],
    }
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString()
    const headers = slackSignature(body, undefined, opts.secret)
    return postSlack(t.app, body, 'application/x-www-form-urlencoded', headers)
  }
  return {
    ...t,
    slack,
    event,
    command,
    click,
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

/** The button `actionId` on a message as the fake received it (its last version). */
export function buttonOn(slack: FakeSlack, message: { channel: string; ts: string }, actionId: string) {
  const blocks = slack.message(message.channel, message.ts)?.blocks ?? []
  return blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)
}

/** A reaction added by `user` to the message at `channel`/`ts`, as Slack's `reaction_added` event. */
export function reaction(user: string, message: { channel: string; ts: string }, name = 'white_check_mark') {
  return {
    type: 'reaction_added',
    user,
    reaction: name,
    item_user: 'U0BOT0001',
    item: { type: 'message', channel: message.channel, ts: message.ts },
    event_ts: `1789560400.${String(++seq).padStart(6, '0')}`,
  }
}
