import type { Db } from '../src/db/client.js'
import type { ActorContext } from '../src/domain/actor.js'
import type { DomainErrorCode } from '../src/domain/errors.js'
import type { FakeAnthropicStep } from '../tests/fakes/anthropic.js'
import type { Person } from './seed.js'

/** Text that must (or must not) appear in an answer: a string matches case-insensitively, anywhere. */
export type Pattern = string | RegExp

/** A tool call the turn must make, and how it must end. */
export interface CallCheck {
  /** The tool, or any of several that answer the same question (a free model may pick either). */
  tool: string | string[]
  /** Fields of the input that must match (strings case-insensitively, as patterns); others are free. */
  input?: Record<string, Pattern | number | boolean>
  /** 'ok' (the default), or the DomainError code the tool must have answered with. */
  result?: 'ok' | DomainErrorCode
  /**
   * Required of the scripted fake only. With a real model the call may be absent (it may refuse
   * without trying), but when it is made it must end as `result` says.
   */
  fakeOnly?: boolean
}

/** What one turn is checked against. */
export interface TurnExpect {
  /** Prefix of the route that must answer; default 'agent:model'. */
  route?: string
  calls?: CallCheck[]
  /** Tools that must not run successfully in this turn. */
  noCalls?: string[]
  /** No write may succeed: no journal row, no care/medication/member change audited. */
  noWrites?: boolean
  /** Each must appear in the reply. */
  says?: Pattern[]
  /** None may appear in the reply. */
  saysNot?: Pattern[]
  /** Checks of the database after the turn; each returns a failure reason or undefined. */
  db?: DbCheck[]
}

export interface Turn {
  from: Person
  text: string
  channel?: 'sms' | 'whatsapp'
  /** What the scripted model does in this turn (fake mode); a real model is free. */
  fake?: FakeAnthropicStep[]
  expect: TurnExpect
}

export type ConversationKind = 'question' | 'multi-step' | 'ambiguous' | 'refusal' | 'not-in-record'

export interface Conversation {
  id: string
  kind: ConversationKind
  /** One line: what it shows. */
  about: string
  turns: Turn[]
}

/** What a database check gets: the app's database, the sender, the turn's start and who is who. */
export interface Probe {
  db: Db
  sender: ActorContext
  /** The clock when the turn's message arrived: rows created by the turn have createdAt ≥ this. */
  since: Date
  memberId(person: Person): Promise<string>
}

export type DbCheck = (probe: Probe) => Promise<string | undefined>
