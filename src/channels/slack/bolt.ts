import { App, HTTPReceiver } from '@slack/bolt'
import type { Logger } from 'pino'
import type { Db } from '../../db/client.js'
import type { AcceptInbound, InboundMessage } from '../../domain/inbox/service.js'
import type { Clock } from '../../lib/clock.js'
import { registerSlackActions } from './actions.js'
import { createSlackClient, slackClientOptions } from './client.js'
import { registerNannySubcommands } from './commands.js'
import { slackActor } from './deps.js'
import { FamilyChannels, familyChannelHandler } from './family-channel.js'
import { HomeRefresher, registerAppHome } from './home.js'
import { inboundFromCommand, inboundFromEvent } from './inbound.js'
import { boltLogger } from './logger.js'
import { registerLogModal } from './modal.js'

/** Events, slash commands and interactivity all arrive here (the Slack app's request URL). */
export const SLACK_EVENTS_PATH = '/slack/events'

export interface SlackBoltOptions {
  signingSecret: string
  botToken: string
  apiUrl?: string
  /** Stores a message durably (group-committed) and wakes the worker; resolves once it is committed. */
  accept: AcceptInbound
  log: Logger
  db: Db
  clock: Clock
  /** Wakes the outbox sender after a write outside the pipeline (a button, a modal, an invitation). */
  onOutbox: () => void
  /** How long App Home waits to coalesce changes before republishing (docs/decisions/0031). */
  homeDebounceMs?: number
}

export const NANNY_USAGE =
  'Ask me like a text: `/nanny when did she last eat?`, `/nanny fed 120 ml at 3`, `/nanny who am i`. ' +
  'To link this Slack account to your family: `/nanny link CODE`.'
const NANNY_ACK = 'On it — I’ll answer in our direct messages.'
const SOS_ACK =
  'Received. I’m handling your SOS and will confirm in our direct messages. If someone is in danger, call your local emergency number now.'

/**
 * Bolt, with an HTTPReceiver that never listens: `routes.ts` hands it requests from Fastify. Bolt
 * verifies the v0 signature and the 5-minute window and answers url_verification. Listeners only store
 * what arrived and acknowledge; the inbox worker handles it like a text (docs/decisions/0023-slack.md).
 *
 * `processBeforeResponse` holds the HTTP answer until the listener has committed the message, so an
 * acknowledged event is never lost; that takes milliseconds, well inside Slack's 3 seconds.
 */
export function createSlackBolt(o: SlackBoltOptions): { app: App; receiver: HTTPReceiver; home: HomeRefresher } {
  const logger = boltLogger(o.log)
  const receiver = new HTTPReceiver({
    signingSecret: o.signingSecret,
    endpoints: [SLACK_EVENTS_PATH],
    processBeforeResponse: true,
    logger,
  })
  // `authorize` instead of `token`: Bolt would otherwise call auth.test at construction (an unawaited
  // request that rejects if Slack is unreachable at start). Our own posts are recognised by their bot_id.
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: o.botToken }),
    ignoreSelf: false,
    // Bolt's default conversation store keeps per-conversation state in memory for listeners that ask
    // for it; none of ours does, and it cost ~17% of the event ingest CPU (bench/slack.ts, profiled).
    convoStore: false,
    logger,
    clientOptions: slackClientOptions({ apiUrl: o.apiUrl }),
  })
  const log = o.log.child({ channel: 'slack' })
  const store = async (message: InboundMessage, kind: string, retryNum?: number) => {
    const { id, duplicate } = await o.accept(message)
    log.info({ inboxId: id, kind, duplicate, retryNum }, 'inbound accepted')
  }

  const onEvent = async ({ body, context }: { body: unknown; context: { retryNum?: number } }) => {
    const parsed = inboundFromEvent(body)
    if ('ignored' in parsed) {
      log.debug({ reason: parsed.ignored }, 'slack event ignored')
      return
    }
    if (!(await mayPostIn(parsed.message.conversationKey ?? '', parsed.message.fromAddress))) {
      log.debug({ reason: 'not_in_family' }, 'slack event ignored')
      return
    }
    await store(parsed.message, 'event', context.retryNum)
  }
  /**
   * A family channel is that family's conversation: a mention there from anyone who is not an active
   * member of that family (another family's member, an unlinked user) is left alone — no answer about
   * another family and no instructions posted into its threads (docs/decisions/0031).
   */
  const mayPostIn = async (conversationKey: string, fromAddress: string): Promise<boolean> => {
    const place = /^slack:([^:]+):([CG][^:]*)/.exec(conversationKey)
    if (!place?.[1] || !place[2]) return true
    const familyId = await familyChannels.familyOf(place[1], place[2])
    if (!familyId) return true
    const [team, user] = fromAddress.split(':')
    const actor = await o.db.read((tx) => slackActor(tx, team ?? '', user ?? ''))
    return actor?.familyId === familyId
  }
  // The modal, App Home, the family channel and /nanny's subcommands (docs/decisions/0031).
  const client = createSlackClient({ botToken: o.botToken, apiUrl: o.apiUrl, log: o.log })
  const home = new HomeRefresher({ db: o.db, clock: o.clock, client, log }, o.homeDebounceMs)
  const features = { ...o, client, onRecordChanged: () => home.nudge() }
  const familyChannels = new FamilyChannels(o)
  const onFamilyChannelMessage = familyChannelHandler(features, familyChannels)

  // Messages and mentions (every DM: the hot path) are taken by the first global middleware, before Bolt
  // runs every listener's matcher chain on them, which was most of Slack's ingest cost (bench/slack.ts).
  app.use(async ({ body, context, next }) => {
    const envelope = body as { type?: string; event?: { type?: string } }
    const type = envelope.type === 'event_callback' ? envelope.event?.type : undefined
    if (type !== 'message' && type !== 'app_mention') return await next()
    await onEvent({ body, context })
    await onFamilyChannelMessage(body)
  })
  registerNannySubcommands(app, features, familyChannels)
  registerLogModal(app, features)
  registerAppHome(app, home)

  app.command('/nanny', async ({ command, ack }) => {
    const message = inboundFromCommand(command)
    if (!message?.body) return await ack(NANNY_USAGE)
    await store(message, 'command')
    await ack(NANNY_ACK)
  })
  app.command('/sos', async ({ command, ack }) => {
    const message = inboundFromCommand(command)
    if (!message) return await ack(NANNY_USAGE)
    await store(message, 'sos')
    await ack(SOS_ACK)
  })
  // Buttons and ✅ reactions (actions.ts): handled at once, against the database.
  registerSlackActions(app, { db: o.db, clock: o.clock, onOutbox: o.onOutbox, log: o.log })
  return { app, receiver, home }
}
