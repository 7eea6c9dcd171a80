/**
 * The red-flag gate's share of the fast path, on the same mix and the demo family's record as the
 * pipeline left it: the rules alone (evaluateGate with its context in hand, as bench/gate.ts measures
 * them), and the rules with their context read from SQLite, as the red-flag stage pays for them.
 */
import type { Db } from '../src/db/client.js'
import type { ActorContext } from '../src/domain/actor.js'
import { resolveActor } from '../src/domain/families/queries.js'
import { DEMO_PHONES } from '../src/domain/record/demo.js'
import { gateContext } from '../src/domain/record/gate-context.js'
import { evaluateGate, type GateInput } from '../src/domain/safety/index.js'
import { MIX, type Sender } from './fast-path-mix.js'

const REPEAT = 200
const WARMUP = 20
/** Passes of the mix with the context read each time (a few ms per pass). */
const CONTEXT_REPEAT = 20

/** Mean µs per message of evaluateGate over the mix, each sender's context read once beforehand. */
export async function gateAlone(db: Db, now: Date): Promise<number> {
  const actors = await senders(db)
  const contexts = new Map<Sender, Awaited<ReturnType<typeof gateContext>>>()
  await db.read(async (tx) => {
    for (const [sender, actor] of actors) contexts.set(sender, await gateContext(tx, actor, now))
  })
  const inputs = MIX.map(([sender, text]): GateInput => {
    const actor = actors.get(sender) as ActorContext
    const context = contexts.get(sender) ?? { dependents: [], doseHistory: [] }
    return { text, now, locale: actor.locale, timeZone: actor.timezone, ...context }
  })
  let sink = 0
  for (let r = 0; r < WARMUP; r++) for (const i of inputs) sink += evaluateGate(i).findings.length
  const started = performance.now()
  for (let r = 0; r < REPEAT; r++) for (const i of inputs) sink += evaluateGate(i).findings.length
  const us = ((performance.now() - started) * 1000) / (REPEAT * inputs.length)
  if (sink < 0) console.log(sink) // keeps the work from being optimized away
  return us
}

/** Mean µs per message of gateContext + evaluateGate: the red-flag stage's work short of its replies. */
export async function gateWithContext(db: Db, now: Date): Promise<number> {
  const actors = await senders(db)
  const pass = () =>
    db.read(async (tx) => {
      let sink = 0
      for (const [sender, text] of MIX) {
        const actor = actors.get(sender) as ActorContext
        const context = await gateContext(tx, actor, now)
        sink += evaluateGate({ text, now, locale: actor.locale, timeZone: actor.timezone, ...context }).findings.length
      }
      return sink
    })
  for (let r = 0; r < CONTEXT_REPEAT; r++) await pass()
  const started = performance.now()
  for (let r = 0; r < CONTEXT_REPEAT; r++) await pass()
  return ((performance.now() - started) * 1000) / (CONTEXT_REPEAT * MIX.length)
}

/** Each demo phone as the pipeline resolves it. */
async function senders(db: Db): Promise<Map<Sender, ActorContext>> {
  const out = new Map<Sender, ActorContext>()
  await db.read(async (tx) => {
    for (const sender of Object.keys(DEMO_PHONES) as Sender[]) {
      const actor = await resolveActor(tx, { kind: 'phone', address: DEMO_PHONES[sender], channel: 'sms' })
      if (!actor) throw new Error(`fast-path: ${sender} is not a member of the demo family`)
      out.set(sender, actor)
    }
  })
  return out
}
