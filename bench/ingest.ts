import autocannon from 'autocannon'
import {
  memberPhones,
  ms,
  type Row,
  type ServerKind,
  type ServerOptions,
  type SignedRequest,
  signedInbound,
  spawnServer,
  WEBHOOK_PATH,
} from './support.js'

const CONNECTIONS = 32
const WARMUP_SECONDS = 1
const SECONDS = 5
// Enough for ~25,000 stored webhooks a second for 6 s; past it requests are signed on the fly (and counted).
const POOL_SIZE = 150_000
const GOAL_RATIO = 0.5

export interface Measured {
  rps: number
  p99: number
  /** Server CPU per request, and how busy the server was: well under 100% means the client was the limit. */
  cpuUsPerRequest: number
  busy: number
  non2xx: number
  errors: number
  signedLate: number
}

/** MedNanny's req/s from the last ingest measurement in this process, for other scenarios' ratios. */
let lastRps: number | undefined

/** Signed webhooks → durable inbox → 200, against a bare Fastify form route. Workers are not started. */
export async function ingest(): Promise<Row> {
  console.log(`\ningest: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per side`)
  const pool = signedPool()
  const base = await measure('baseline-ingest', pool, true)
  report('baseline (bare Fastify + formbody)', base)
  const app = await measure('mednanny', pool, false)
  report('mednanny (verify + inbox insert)', app)
  lastRps = app.rps

  const ratio = app.rps / base.rps
  const met = ratio >= GOAL_RATIO
  console.log(
    `  ratio req/s mednanny ÷ baseline: ${ratio.toFixed(3)}  goal ≥ ${GOAL_RATIO}: ${met ? 'met' : 'NOT met'}`,
  )
  return {
    scenario: 'ingest',
    figure: `${Math.round(app.rps)} req/s, p99 ${ms(app.p99)}`,
    baseline: `${Math.round(base.rps)} req/s, p99 ${ms(base.p99)}`,
    ratio,
    goal: `ratio ≥ ${GOAL_RATIO}`,
    met,
  }
}

/**
 * MedNanny's webhook ingest in req/s (verify + inbox insert), for scenarios whose baseline it is: the
 * figure the ingest scenario measured earlier in this run, or else the same measurement of that side alone.
 */
export async function ingestRate(): Promise<{ rps: number; measuredNow: boolean }> {
  if (lastRps !== undefined) return { rps: lastRps, measuredNow: false }
  const app = await measure('mednanny', signedPool(), false)
  report('ingest (verify + inbox insert)', app)
  lastRps = app.rps
  return { rps: app.rps, measuredNow: true }
}

/** Signed ahead of time, so HMAC work stays out of the client while it measures. */
export function signedPool(): SignedRequest[] {
  const phones = memberPhones(50)
  return Array.from({ length: POOL_SIZE }, (_, i) => signedInbound(phones[i % phones.length] ?? '', 'who am i'))
}

/**
 * One side: warm-up, then the measured run, on a fresh server. MedNanny takes each body once (a repeated
 * MessageSid is a cheap duplicate, which would flatter it); the baseline stores nothing, so it may cycle.
 */
export async function measure(
  kind: ServerKind,
  pool: SignedRequest[],
  cycle: boolean,
  opts: ServerOptions & { more?: () => SignedRequest } = {},
): Promise<Measured> {
  const server = await spawnServer(kind, opts)
  let next = 0
  let signedLate = 0
  const take = (): SignedRequest => {
    const i = next++
    if (i < pool.length || cycle) return pool[i % pool.length] as SignedRequest
    signedLate++
    return opts.more?.() ?? signedInbound('+15550100000', 'who am i')
  }
  const run = (duration: number) =>
    autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          setupRequest: (req) => {
            const r = take()
            return { ...req, method: 'POST', path: r.path ?? WEBHOOK_PATH, headers: r.headers, body: r.body }
          },
        },
      ],
    })
  try {
    await run(WARMUP_SECONDS)
    const before = await server.stats()
    const r = await run(SECONDS)
    const cpuMs = (await server.stats()).cpuMs - before.cpuMs
    return {
      rps: r.requests.average,
      p99: r.latency.p99,
      cpuUsPerRequest: (cpuMs * 1000) / r.requests.total,
      busy: cpuMs / (r.duration * 1000),
      non2xx: r.non2xx,
      errors: r.errors,
      signedLate,
    }
  } finally {
    await server.stop()
  }
}

export function report(label: string, m: Measured) {
  const problems = m.non2xx + m.errors ? `  (non-2xx ${m.non2xx}, errors ${m.errors})` : ''
  const late = m.signedLate ? `  (${m.signedLate} signed during the run: pool ran out)` : ''
  const cpu = `server CPU ${Math.round(m.cpuUsPerRequest)} µs/req, ${Math.round(m.busy * 100)}% busy`
  console.log(`  ${label.padEnd(38)} ${Math.round(m.rps)} req/s  p99 ${ms(m.p99)}  (${cpu})${problems}${late}`)
}
