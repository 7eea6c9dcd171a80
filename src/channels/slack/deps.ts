import type { Logger } from 'pino'
import type { Db, Tx } from '../../db/client.js'
import type { ActorContext } from '../../domain/actor.js'
import { resolveActor } from '../../domain/families/queries.js'
import type { Sender } from '../../domain/families/schema.js'
import type { AcceptInbound } from '../../domain/inbox/service.js'
import type { Clock } from '../../lib/clock.js'
import { slackUserAddress } from './address.js'
import type { SlackClient } from './client.js'

/** What the modal, App Home, the family channel and the `/nanny` subcommands work with. */
export interface SlackFeatureDeps {
  db: Db
  clock: Clock
  log: Logger
  /** The Web API with the bot token (`app.client` has none: Bolt authorizes per request). */
  client: SlackClient
  /** Stores a message in the inbox for the pipeline (group-committed). */
  accept: AcceptInbound
  /** Something was written to the outbox outside the pipeline: wake the sender. */
  onOutbox: () => void
  /** The family record may have changed (a write committed): App Home republishes (coalesced). */
  onRecordChanged: () => void
}

export const slackSender = (team: string, user: string): Sender => ({
  kind: 'slack',
  address: slackUserAddress(team, user),
  channel: 'slack',
})

/** The member behind a Slack user, or undefined when the account is not linked to an active member. */
export function slackActor(tx: Tx, team: string, user: string): Promise<ActorContext | undefined> {
  return resolveActor(tx, slackSender(team, user))
}
