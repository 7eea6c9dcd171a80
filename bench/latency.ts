import { FakeTwilio } from '../tests/fakes/twilio.js'
import { ReplyTracker } from './replies.js'
import { seedFamily } from './seed.js'
import {
  memberPhones,
  ms,
  percentile,
  type Row,
  type ServerKind,
  type ServerOptions,
  signedInbound,
  sleep,
  spawnServer,
} from './support.js'

const RATE = 200
const WARMUP_SECONDS = 1
const SECONDS = 5
const MEMBERS = 50
const GOAL_P99_MS = 50
const REPLY_TIMEOUT_MS = 15_000

interface Measured {
  p50: number
  p99: number
  max: number
  replies: number
  sent: number
  rejected: number
  unmatched: number
  /** Worst delay between a send's scheduled time and its actual time: the client keeping up. */
  clientLag: number
}

/** Open-loop `who am i` from 50 members at 200/s: POST → reply at the fake Twilio. */
export async function latency(): Promise<Row> {
  console.log(`\nlatency: ${RATE} msg/s open loop, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s, ${MEMBERS} senders`)
  const fake = await new FakeTwilio().start()
  try {
    const base = await measure('baseline-send', { fakeUrl: fake.url }, fake)
    report('baseline (handler → twilio client)', base)
    const app = await measure('mednanny', { fakeUrl: fake.url, start: true }, fake)
    report('mednanny (inbox → worker → outbox)', app)

    const ratio = app.p99 / base.p99
    const met = app.p99 < GOAL_P99_MS && app.replies === app.sent
    console.log(
      `  ratio p99 mednanny ÷ baseline: ${ratio.toFixed(2)}  goal p99 < ${GOAL_P99_MS} ms: ${met ? 'met' : 'NOT met'}`,
    )
    return {
      scenario: 'latency',
      figure: `p50 ${ms(app.p50)}, p99 ${ms(app.p99)}, ${app.replies}/${app.sent}`,
      baseline: `p99 ${ms(base.p99)}`,
      ratio,
      goal: `p99 < ${GOAL_P99_MS} ms`,
      met,
    }
  } finally {
    await fake.stop()
  }
}

async function measure(kind: ServerKind, opts: ServerOptions, fake: FakeTwilio): Promise<Measured> {
  const server = await spawnServer(kind, opts)
  if (kind === 'mednanny') await seedFamily(server.url, fake, memberPhones(MEMBERS))
  const tracker = new ReplyTracker(fake)
  try {
    const warm = RATE * WARMUP_SECONDS
    await openLoop(server.url, tracker, warm)
    await tracker.settle(warm, REPLY_TIMEOUT_MS)
    tracker.reset()

    const sent = RATE * SECONDS
    const clientLag = await openLoop(server.url, tracker, sent)
    await tracker.settle(sent, REPLY_TIMEOUT_MS)
    const sorted = [...tracker.latencies].sort((a, b) => a - b)
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
      replies: sorted.length,
      sent,
      rejected: tracker.rejected,
      unmatched: tracker.unmatched,
      clientLag,
    }
  } finally {
    tracker.detach()
    await server.stop()
  }
}

/**
 * Sends `count` webhooks on a fixed schedule, never waiting for a reply (open loop: a slow server
 * does not slow the sender down). Requests are signed before the clock starts. Returns the client lag.
 */
async function openLoop(url: string, tracker: ReplyTracker, count: number): Promise<number> {
  const phones = memberPhones(MEMBERS)
  const requests = Array.from({ length: count }, (_, i) => {
    const phone = phones[i % phones.length] ?? ''
    return { phone, signed: signedInbound(phone, 'who am i') }
  })
  const interval = 1000 / RATE
  const start = performance.now()
  let lag = 0
  for (const [i, r] of requests.entries()) {
    const due = start + i * interval
    const wait = due - performance.now()
    if (wait > 1) await sleep(wait)
    lag = Math.max(lag, performance.now() - due)
    tracker.send(url, r.phone, r.signed)
  }
  return lag
}

function report(label: string, m: Measured) {
  const extra = [
    m.rejected ? `${m.rejected} rejected` : '',
    m.unmatched ? `${m.unmatched} unmatched` : '',
    `client lag ≤ ${ms(m.clientLag)}`,
  ].filter(Boolean)
  console.log(
    `  ${label.padEnd(38)} p50 ${ms(m.p50)}  p99 ${ms(m.p99)}  max ${ms(m.max)}  replies ${m.replies}/${m.sent}  (${extra.join(', ')})`,
  )
}
