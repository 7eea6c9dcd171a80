import type { Db, Tx } from '../db/client.js'
import type { ActorContext } from '../domain/actor.js'
import type { InboxRow } from '../domain/inbox/service.js'
import type { OutboxPayload } from '../domain/outbox/payload.js'
import type { GateOutcome } from '../domain/safety/index.js'
import type { Clock } from '../lib/clock.js'

/** What a stage decided: the replies to the sender, and which stage answered (for logs and metrics). */
export interface Outcome {
  route: string
  replies: string[]
  /** Replies that must not wait (an SOS, a red flag): first in the outbox, never held by quiet hours. */
  urgent?: boolean
  /** False when the exchange must not join the conversation's memory ("forget this conversation"). */
  remember?: boolean
  /** The replies carry a secret (a calendar link): the outbox blanks their text soon after sending. */
  secret?: boolean
  /** A chart or document (a `media` row) sent with the first reply, as MMS/WhatsApp media or a link. */
  mediaId?: string
  /** What a reply is about, by id, at the reply's index (the dose guard's warning): buttons on Slack. */
  payloads?: (OutboxPayload | undefined)[]
}

/** One inbound message from a known member, inside the transaction that will commit its effects. */
export interface Turn {
  tx: Tx
  actor: ActorContext
  clock: Clock
  message: InboxRow
  /** The message body, trimmed. */
  text: string
  /** The red-flag gate's verdict, set by its stage for the stages after it. */
  gate?: GateOutcome
}

/**
 * A deterministic pipeline stage (red-flag gate rules, fast path). Answers with an Outcome when it
 * handled the message, undefined to pass it on.
 */
export interface Stage {
  name: string
  handle(turn: Turn): Promise<Outcome | undefined>
}

/** What `Agent.respond` and `Photos.respond` are given: the verified sender and the message, no transaction. */
export interface AgentInput {
  db: Db
  clock: Clock
  actor: ActorContext
  message: InboxRow
  text: string
}

/**
 * The last stage. It runs outside any transaction (a model call is slow I/O) and opens its own
 * transactions through `db` when its tools write.
 */
export interface Agent {
  respond(input: AgentInput): Promise<Outcome>
}

/** The deterministic end of a slow step: runs inside the transaction that commits the replies. */
export type Finish = (tx: Tx) => Promise<Outcome>

/**
 * A message with a photo from a known member (after the red-flag gate). `respond` does the slow part
 * outside any transaction (fetching the file, the model's vision) and returns either the outcome or a
 * Finish that stores what it read (a proposal waiting for YES) in the commit's transaction.
 */
export interface Photos {
  respond(input: AgentInput): Promise<Outcome | Finish>
}
