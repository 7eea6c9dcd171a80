import { App, HTTPReceiver } from '@slack/bolt'
import type { Logger } from 'pino'
import type { AcceptInbound, InboundMessage } from '../../domain/inbox/service.js'
import { registerSlackActions, type SlackActionsOptions } from './actions.js'
import { slackClientOptions } from './client.js'
import { inboundFromCommand, inboundFromEvent } from './inbound.js'
import { boltLogger } from './logger.js'

/** Events, slash commands and interactivity all arrive here (the Slack app's request URL). */
export const SLACK_EVENTS_PATH = '/slack/events'

export interface SlackBoltOptions {
  signingSecret: string
  botToken: string
  apiUrl?: string
  /** Stores a message durably (group-committed) and wakes the worker; resolves once it is committed. */
  accept: AcceptInbound
  log: Logger
  /** Buttons and ✅ reactions (actions.ts): handled at once, against the database. */
  interactions?: Omit<SlackActionsOptions, 'log'>
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
export function createSlackBolt(o: SlackBoltOptions): { app: App; receiver: HTTPReceiver } {
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
    await store(parsed.message, 'event', context.retryNum)
  }
  app.event('message', onEvent)
  app.event('app_mention', onEvent)

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
  if (o.interactions) registerSlackActions(app, { ...o.interactions, log: o.log })
  return { app, receiver }
}
