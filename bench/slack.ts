/**
 * Slack event ingest (signed, through Bolt, to the inbox) against Twilio webhook ingest on the same
 * server build, in the same run: requests/s and p99 of each, and their ratio (issue #7: goal ≥ 0.5).
 * Both sides run on a server with Slack configured, so the only difference is the route.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { measure, report, signedPool } from './ingest.js'
import { ms, type Row, type SignedRequest, SLACK_EVENTS_PATH, SLACK_SIGNING_SECRET } from './support.js'

const GOAL_RATIO = 0.5
const POOL_SIZE = 90_000
const TEAM = 'T0BENCH01'

export async function slack(): Promise<Row> {
  console.log('\nslack: event ingest vs Twilio ingest, same server build (Slack configured), fresh server per side')
  const twilio = await measure('mednanny', signedPool(), false, { slack: true })
  report('twilio webhook (verify + inbox insert)', twilio)
  let n = 0
  const users = Array.from({ length: 50 }, (_, i) => `U0BENCH${String(i).padStart(3, '0')}`)
  const next = () => signedEvent(users[n++ % users.length] ?? 'U0BENCH000', 'when did she last eat?')
  const pool = Array.from({ length: POOL_SIZE }, next)
  const events = await measure('mednanny', pool, false, { slack: true, more: next })
  report('slack event (Bolt verify + inbox insert)', events)
  const ratio = events.rps / twilio.rps
  const met = ratio >= GOAL_RATIO
  console.log(`  ratio req/s slack ÷ twilio: ${ratio.toFixed(3)}  goal ≥ ${GOAL_RATIO}: ${met ? 'met' : 'NOT met'}`)
  return {
    scenario: 'slack',
    figure: `${Math.round(events.rps)} req/s, p99 ${ms(events.p99)}`,
    baseline: `twilio ${Math.round(twilio.rps)} req/s, p99 ${ms(twilio.p99)}`,
    ratio,
    goal: `ratio ≥ ${GOAL_RATIO}`,
    met,
  }
}

/**
 * A `message.im` event as Slack sends it (docs/decisions/0023; the envelope of wire-formats §7) with a
 * fresh event_id, signed now (Bolt refuses a timestamp older than five minutes).
 */
function signedEvent(user: string, text: string): SignedRequest {
  const ts = `${Math.floor(Date.now() / 1000)}.${randomBytes(3).readUIntBE(0, 3).toString().padStart(6, '0')}`
  const body = JSON.stringify({
    token: 'XXYYZZ',
    team_id: TEAM,
    api_app_id: 'A0BENCH01',
    event: {
      type: 'message',
      channel: `D${user.slice(1)}`,
      user,
      text,
      ts,
      event_ts: ts,
      channel_type: 'im',
      client_msg_id: randomBytes(16).toString('hex'),
    },
    type: 'event_callback',
    event_id: `Ev${randomBytes(8).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM, user_id: 'U0BENCHBOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  })
  const timestamp = String(Math.floor(Date.now() / 1000))
  const signature = `v0=${createHmac('sha256', SLACK_SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`
  return {
    body,
    path: SLACK_EVENTS_PATH,
    headers: {
      'content-type': 'application/json',
      'x-slack-signature': signature,
      'x-slack-request-timestamp': timestamp,
    },
  }
}
