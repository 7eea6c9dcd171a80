import type { Logger } from 'pino'
import type { Db, Tx } from '../db/client.js'
import type { ActorContext } from '../domain/actor.js'
import { rememberTurn } from '../domain/conversation/memory.js'
import { isDomainError } from '../domain/errors.js'
import { resolveActor } from '../domain/families/queries.js'
import type { Channel, Sender } from '../domain/families/schema.js'
import { completeInbox, type InboxRow } from '../domain/inbox/service.js'
import { type Keyword, matchKeyword, setOptOut } from '../domain/optouts/service.js'
import { enqueueOutbox } from '../domain/outbox/service.js'
import { SECRET_REPLY } from '../domain/retention/service.js'
import type { Clock } from '../lib/clock.js'
import { handleStranger } from './onboarding.js'
import { HELP_MEMBER, HELP_STRANGER, replyForError } from './replies.js'
import type { Agent, AgentInput, Outcome, Photos, Stage } from './types.js'

export interface PipelineDeps {
  db: Db
  clock: Clock
  /** Red-flag rules: deterministic, first, and before any model. */
  gate: Stage[]
  fastPath: Stage
  agent: Agent
  /** Messages with a photo, after the red-flag gate and instead of the fast path (docs/decisions/0027). */
  photos?: Photos
  log: Logger
}

type Decision =
  | { kind: 'done'; outcome: Outcome; actor?: ActorContext }
  | { kind: 'agent' | 'photo'; actor: ActorContext }

/**
 * Handles one inbound message, exactly once: its effects, its replies (outbox rows) and marking it done
 * commit in one transaction, so a crash before the commit leaves it to be handled again from scratch,
 * and a crash after it leaves nothing to redo. Returns the route that answered.
 */
export async function handleMessage(deps: PipelineDeps, row: InboxRow): Promise<string> {
  const { db, clock } = deps
  const sender = senderOf(row)
  const text = row.body.trim()

  let decision: Decision
  try {
    decision = await db.transaction(async (tx) => {
      const d = await decide(deps, tx, row, sender, text)
      if (d.kind === 'done') await commit(tx, clock.now(), row, d.outcome, d.actor)
      return d
    })
  } catch (err) {
    return await answerError(deps, row, sender, err)
  }
  if (decision.kind === 'done') return decision.outcome.route

  const input: AgentInput = { db, clock, actor: decision.actor, message: row, text }
  if (decision.kind === 'photo' && deps.photos) return await handlePhoto(deps, deps.photos, input, sender)
  // The agent may be slow (a model call): it runs outside any transaction and writes through its tools.
  const outcome = await deps.agent.respond(input)
  await db.transaction((tx) => commit(tx, clock.now(), row, outcome, decision.actor))
  return outcome.route
}

/** A broken rule (a viewer inviting, an unknown name) rolls back and gets a plain answer. */
async function answerError(deps: PipelineDeps, row: InboxRow, sender: Sender, err: unknown): Promise<string> {
  const words = replyForError(err)
  if (!words) throw err
  const actor = await deps.db.read((tx) => resolveActor(tx, sender))
  const outcome = { route: `error:${isDomainError(err) ? err.code : 'unknown'}`, replies: [words] }
  await deps.db.transaction((tx) => commit(tx, deps.clock.now(), row, outcome, actor))
  return outcome.route
}

/**
 * A photo: fetching it and reading it are slow, so they run outside any transaction; what was read is
 * stored (a proposal waiting for YES) in the transaction that commits the reply.
 */
async function handlePhoto(deps: PipelineDeps, photos: Photos, input: AgentInput, sender: Sender): Promise<string> {
  const result = await photos.respond(input)
  try {
    return await deps.db.transaction(async (tx) => {
      const outcome = typeof result === 'function' ? await result(tx) : result
      await commit(tx, deps.clock.now(), input.message, outcome, input.actor)
      return outcome.route
    })
  } catch (err) {
    return await answerError(deps, input.message, sender, err)
  }
}

async function decide(deps: PipelineDeps, tx: Tx, row: InboxRow, sender: Sender, text: string): Promise<Decision> {
  const now = deps.clock.now()
  const keyword = sender.kind === 'phone' ? matchKeyword(text) : undefined
  const handled = keyword ? await handleCarrierKeyword(tx, now, row, sender, keyword) : undefined
  if (handled) return { kind: 'done', outcome: handled }

  const actor = await resolveActor(tx, sender)
  const help = keyword?.kind === 'help'
  if (!actor) {
    if (help) return { kind: 'done', outcome: { route: 'keyword:help', replies: [HELP_STRANGER] } }
    return { kind: 'done', outcome: await handleStranger(tx, now, sender, text, row.meta.profileName) }
  }
  if (help) return { kind: 'done', actor, outcome: { route: 'keyword:help', replies: [HELP_MEMBER] } }

  const turn = { tx, actor, clock: deps.clock, message: row, text }
  for (const stage of deps.gate) {
    const outcome = await stage.handle(turn)
    if (outcome) return { kind: 'done', actor, outcome }
  }
  // A photo's caption ("for grandpa") is not a command: the photo is what was sent.
  if (row.media.length > 0 && deps.photos) return { kind: 'photo', actor }
  const outcome = await deps.fastPath.handle(turn)
  if (outcome) return { kind: 'done', actor, outcome }
  return { kind: 'agent', actor }
}

/**
 * STOP and START (and their synonyms) are honoured and recorded before anything else. Returns the
 * outcome when the keyword is all there is to do; YES also answers invitations, so it goes on.
 */
async function handleCarrierKeyword(
  tx: Tx,
  now: Date,
  row: InboxRow,
  sender: Sender,
  keyword: Keyword,
): Promise<Outcome | undefined> {
  if (row.channel !== 'sms' && row.channel !== 'whatsapp') return undefined
  if (keyword.kind === 'opt-out') {
    // Twilio confirms STOP itself on SMS; anything we sent now would be blocked anyway.
    await setOptOut(tx, now, { channel: row.channel, address: sender.address, optedOut: true, keyword: keyword.word })
    return { route: 'keyword:stop', replies: [] }
  }
  if (keyword.kind !== 'opt-in') return undefined
  const changed = await setOptOut(tx, now, {
    channel: row.channel,
    address: sender.address,
    optedOut: false,
    keyword: keyword.word,
  })
  if (keyword.word === 'YES') return undefined
  const words = changed ? 'You’re subscribed to MedNanny messages again.' : 'You’re subscribed to MedNanny messages.'
  return { route: 'keyword:start', replies: [words] }
}

/**
 * Replies go back where the message came from; the exchange joins the member's conversation memory;
 * marking the message done commits with both.
 */
async function commit(tx: Tx, now: Date, row: InboxRow, outcome: Outcome, actor?: ActorContext) {
  for (const [i, body] of outcome.replies.entries()) {
    await enqueueOutbox(tx, now, {
      idempotencyKey: `reply:${row.id}:${i}`,
      channel: row.channel as Channel,
      toAddress: replyAddress(row),
      body,
      kind: outcome.secret ? SECRET_REPLY : 'reply',
      inReplyTo: row.id,
      familyId: actor?.familyId,
      memberId: actor?.memberId,
      urgent: outcome.urgent ?? false,
      mediaId: i === 0 ? outcome.mediaId : undefined,
      payload: outcome.payloads?.[i],
    })
  }
  if (actor && outcome.remember !== false) {
    await rememberTurn(tx, actor, now, {
      inboxId: row.id,
      threadKey: row.conversationKey,
      said: row.body.trim() || (row.media.length ? '[sent a photo]' : ''),
      answered: outcome.replies.join('\n') || '(no reply)',
      route: outcome.route,
    })
  }
  await completeInbox(tx, now, row)
}

/**
 * Where replies go: the address the channel adapter recorded (Slack: the channel and thread the message
 * came from, `meta.replyTo`), else back to the sender's own address.
 */
export function replyAddress(row: InboxRow): string {
  return row.meta.replyTo ?? row.fromAddress
}

export function senderOf(row: InboxRow): Sender {
  const channel = row.channel as Channel
  return { kind: channel === 'slack' ? 'slack' : 'phone', address: row.fromAddress, channel }
}
