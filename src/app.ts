import { randomBytes } from 'node:crypto'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { calendarStage } from './agent/calendar/stage.js'
import { chartStage } from './agent/charts/stage.js'
import { cycleStage } from './agent/cycles/stage.js'
import { fastPath } from './agent/fast-path.js'
import { memoryStage } from './agent/memory/stage.js'
import type { AgentLimits } from './agent/model/agent.js'
import { nannyStage } from './agent/nanny/stage.js'
import { createOfflineAgent, offlineAgent } from './agent/offline.js'
import { parseMessage } from './agent/parser/index.js'
import { confirmPrescriptionStage } from './agent/photos/confirm.js'
import { createPhotos } from './agent/photos/photos.js'
import type { VisionLimits } from './agent/photos/vision.js'
import { preferenceStage } from './agent/preferences/stage.js'
import { pendingAnswerStage } from './agent/record/pending.js'
import { doseTime, recordStage } from './agent/record/stage.js'
import { reminderStage } from './agent/reminders/stage.js'
import { consoleRoutes } from './channels/console/routes.js'
import { ConsoleSender } from './channels/console/sender.js'
import { createMediaFetcher } from './channels/media/fetch.js'
import { createTwilioClient } from './channels/twilio/client.js'
import { twilioRoutes } from './channels/twilio/routes.js'
import { TwilioSender } from './channels/twilio/sender.js'
import { TwilioCallSender } from './channels/twilio/voice.js'
import type { Config } from './config.js'
import { type Db, openDatabase } from './db/client.js'
import { type AcceptInbound, acceptInboundMany, type InboundMessage } from './domain/inbox/service.js'
import { loadMedia } from './domain/media/service.js'
import { type Rendered, renderSnapshot } from './domain/reports/render.js'
import { calendarRoutes } from './http/calendar.js'
import { healthRoutes } from './http/health.js'
import { mediaPath, mediaRoutes } from './http/media.js'
import { Batcher } from './lib/batcher.js'
import { type Clock, systemClock } from './lib/clock.js'
import { createLogger } from './lib/logger.js'
import { UrlSigner } from './lib/signed-url.js'
import { OutboxSender, type OutboxSenderOptions } from './outbox/sender-loop.js'
import type { ChannelSender } from './outbox/types.js'
import { firstOf } from './pipeline/compose.js'
import { redFlagStage } from './pipeline/red-flag.js'
import { sosFromGate, sosStage } from './pipeline/sos.js'
import type { Agent, Stage } from './pipeline/types.js'
import { InboxWorker, type InboxWorkerOptions } from './pipeline/worker.js'
import { Scheduler, type SchedulerOptions } from './scheduler/scheduler.js'

/** What tests and benches may swap; everything else comes from config. */
export interface AppDeps {
  clock?: Clock
  logger?: Logger
  /** An already-open database (the CLI and tests share one); otherwise config.databasePath is opened. */
  db?: Db
  agent?: Agent
  /** Bounds of a model turn (tests make the timeout and backoff small). */
  agentLimits?: Partial<AgentLimits>
  /** Bounds of reading a photo with the model (tests make the backoff small). */
  visionLimits?: Partial<VisionLimits>
  /** How long fetching one photo may take (default 20 s). */
  mediaTimeoutMs?: number
  /** Red-flag rules, run before the fast path. The medical rules arrive with the family record. */
  gate?: Stage[]
  worker?: InboxWorkerOptions
  outbox?: OutboxSenderOptions
  scheduler?: SchedulerOptions
  twilioTimeoutMs?: number
  /** Group-commit window for webhooks in ms (default 0: the next turn of the event loop). */
  ingestWindowMs?: number
  /** How long Slack's App Home coalesces record changes before republishing (default 2 s). */
  slackHomeDebounceMs?: number
}

/** The running parts behind the HTTP server, for main.ts (start/stop) and tests (drain). */
export interface MedNanny {
  db: Db
  clock: Clock
  worker: InboxWorker
  outbox: OutboxSender
  scheduler: Scheduler
  /** Slack's App Home refresher, when Slack is configured: `flush()` republishes what changed now. */
  slackHome?: { flush(): Promise<number> }
  start(): void
  stop(): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    mednanny: MedNanny
  }
}

/** Builds the whole app, ready for `inject()` or `listen()`. Background loops start only on `mednanny.start()`. */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock
  const log = deps.logger ?? createLogger(config.logLevel)
  const db = deps.db ?? openDatabase(config.databasePath, { fieldKey: config.dataEncryptionKey })
  const ownsDb = !deps.db
  // Media URLs for Twilio (charts, visit summaries): signed, expiring (docs/decisions/0034).
  const signer = new UrlSigner(
    config.mediaUrlSecret ?? randomBytes(32).toString('base64url'),
    config.mediaUrlTtlMinutes * 60,
  )
  const mediaUrl = (id: string) => signer.sign(mediaPath(id), clock.now())
  // Slack takes the file itself (uploaded by the sender), drawn from the row's snapshot outside any transaction.
  const drawMedia = async (id: string) => {
    const found = await db.read((tx) => loadMedia(tx, id))
    return found ? await renderSnapshot(found.snapshot) : undefined
  }

  // WhatsApp through Twilio: free-form text only inside the 24-hour window (docs/decisions/0020).
  const whatsapp = config.twilio?.whatsappFrom ? { templateId: config.twilio.whatsappTemplateSid } : undefined
  const outbox = new OutboxSender(
    { db, clock, log, senders: await buildSenders(config, deps, log, mediaUrl, drawMedia) },
    { whatsapp, ...deps.outbox },
  )
  // After a commit that may have changed the family record (a handled message, a fired schedule): wake
  // the outbox sender, and whoever else listens (Slack's App Home republishes; docs/decisions/0031).
  const recordListeners: (() => void)[] = []
  const committed = () => {
    outbox.notify()
    for (const listener of recordListeners) listener()
  }
  // The family record's fast path (parser → tools); the red-flag gate also uses it to record what a
  // flagged message reported.
  const record = recordStage(parseMessage)
  const worker = new InboxWorker(
    {
      db,
      clock,
      log,
      gate: deps.gate ?? [
        sosStage(),
        confirmPrescriptionStage(),
        pendingAnswerStage(),
        redFlagStage({ record, doseAt: doseTime(parseMessage), emergency: sosFromGate }),
      ],
      fastPath: firstOf('fast-path', [
        memoryStage,
        nannyStage(),
        calendarStage(config.publicBaseUrl ?? `http://localhost:${config.port}`),
        fastPath,
        cycleStage(),
        reminderStage(),
        preferenceStage(),
        chartStage(),
        record,
      ]),
      agent: deps.agent ?? (await buildAgent(config, log, deps.agentLimits)),
      photos: await buildPhotos(config, log, deps),
    },
    // Handling a message writes its replies to the outbox: wake the sender.
    { ...deps.worker, onHandled: committed },
  )
  const scheduler = new Scheduler(
    { db, clock, log },
    {
      graceMs: config.schedulerGraceMinutes * 60_000,
      retentionDays: config.messageRetentionDays,
      doseNudgeMs: config.doseNudgeMinutes * 60_000,
      refillDays: config.refillReminderDays,
      ...deps.scheduler,
      onFired: committed,
    },
  )
  // Webhooks are group-committed: those read in one turn of the event loop share one transaction (a
  // COMMIT costs more than a small insert), then each is acknowledged. A new message wakes the worker.
  const ingest = new Batcher(
    (messages: InboundMessage[]) => db.transaction((tx) => acceptInboundMany(tx, clock.now(), messages)),
    256,
    deps.ingestWindowMs ?? 0,
  )
  const accept: AcceptInbound = async (message) => {
    const result = await ingest.push(message)
    if (!result.duplicate) worker.notify()
    return result
  }

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  })
  let started = false
  const mednanny: MedNanny = {
    db,
    clock,
    worker,
    outbox,
    scheduler,
    start() {
      started = true
      db.startBackgroundCheckpoints((code) => log.error({ errorCode: code }, 'WAL checkpoint failed'))
      worker.start()
      outbox.start()
      scheduler.start()
    },
    async stop() {
      if (!started) return
      started = false
      await scheduler.stop()
      await worker.stop()
      await outbox.stop()
      await db.stopBackgroundCheckpoints()
    },
  }
  app.decorate('mednanny', mednanny)

  await app.register(healthRoutes, { db })
  await app.register(mediaRoutes, { db, clock, signer })
  await app.register(calendarRoutes, { db, clock })
  await app.register(twilioRoutes, {
    db,
    clock,
    authToken: config.twilio?.authToken,
    publicBaseUrl: config.publicBaseUrl,
    accept,
    onOutbox: () => outbox.notify(),
    whatsappTemplateId: whatsapp?.templateId,
  })
  if (config.slack) {
    const [{ createSlackBolt }, { slackRoutes }] = await Promise.all([
      import('./channels/slack/bolt.js'),
      import('./channels/slack/routes.js'),
    ])
    const { receiver, home } = createSlackBolt({
      ...config.slack,
      accept,
      log,
      db,
      clock,
      onOutbox: () => outbox.notify(),
      homeDebounceMs: deps.slackHomeDebounceMs,
    })
    recordListeners.push(() => home.nudge())
    mednanny.slackHome = home
    app.addHook('onClose', async () => home.stop())
    await app.register(slackRoutes, { receiver })
  }
  if (config.devConsole) await app.register(consoleRoutes, { db, clock, accept, mediaUrl })

  app.addHook('onClose', async () => {
    await mednanny.stop()
    // Also when they were started without start() (the benches, ingest-only use): the checkpoint
    // worker's port would keep the process alive, and it must not outlive the connection it checkpoints.
    await db.stopBackgroundCheckpoints()
    if (ownsDb) db.close()
  })
  return app
}

/**
 * The model agent when ANTHROPIC_API_KEY is set, else the offline agent (docs/decisions/0022-agent.md).
 * LangChain and Bolt are loaded only when configured: together they cost ~60 MB of RSS at rest.
 */
async function buildAgent(config: Config, log: Logger, limits?: Partial<AgentLimits>): Promise<Agent> {
  if (!config.anthropic) return offlineAgent
  const [{ createModelAgent }, { createProvider }, { loadPrompts }, { agentTools }] = await Promise.all([
    import('./agent/model/agent.js'),
    import('./agent/model/index.js'),
    import('./agent/model/prompts.js'),
    import('./agent/model/registry.js'),
  ])
  const provider = createProvider(config)
  if (!provider) return offlineAgent
  return createModelAgent({
    provider,
    prompts: loadPrompts(),
    tools: agentTools,
    fallback: createOfflineAgent('unavailable'),
    log: log.child({ component: 'agent' }),
    limits,
  })
}

/**
 * Photos of prescriptions (docs/decisions/0027): fetched with the provider's credentials, read by the
 * model's vision when a key is set (loaded only then, like the agent), else answered offline.
 */
async function buildPhotos(config: Config, log: Logger, deps: AppDeps) {
  const fetchMedia = createMediaFetcher({
    twilio: config.twilio && {
      accountSid: config.twilio.accountSid,
      authToken: config.twilio.authToken,
      baseUrl: config.twilio.apiBaseUrl,
    },
    slack: config.slack && { botToken: config.slack.botToken, filesUrl: config.slack.filesUrl },
    maxBytes: config.mediaMaxBytes,
    timeoutMs: deps.mediaTimeoutMs ?? 20_000,
  })
  const photoLog = log.child({ component: 'photos' })
  const provider = config.anthropic ? (await import('./agent/model/index.js')).createProvider(config) : undefined
  if (!provider) return createPhotos({ fetchMedia, log: photoLog })
  const [{ createVision }, { loadPrompts }] = await Promise.all([
    import('./agent/photos/vision.js'),
    import('./agent/model/prompts.js'),
  ])
  const vision = createVision(provider, loadPrompts().prescription, deps.visionLimits)
  return createPhotos({ fetchMedia, vision, log: photoLog })
}

/** One sender per outbox channel: Twilio and Slack when configured, else the dev console. */
async function buildSenders(
  config: Config,
  deps: AppDeps,
  log: Logger,
  mediaUrl: (id: string) => string,
  drawMedia: (id: string) => Promise<Rendered | undefined>,
): Promise<Partial<Record<string, ChannelSender>>> {
  if (!config.slack) return twilioSenders(config, deps, mediaUrl)
  const [{ SlackSender }, { createSlackClient }] = await Promise.all([
    import('./channels/slack/sender.js'),
    import('./channels/slack/client.js'),
  ])
  const client = createSlackClient({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, log })
  return { ...twilioSenders(config, deps, mediaUrl), slack: new SlackSender(client, drawMedia) }
}

function twilioSenders(
  config: Config,
  deps: AppDeps,
  mediaUrl: (id: string) => string,
): Partial<Record<string, ChannelSender>> {
  const t = config.twilio
  if (!t) {
    const console = new ConsoleSender()
    return config.devConsole ? { sms: console, whatsapp: console, console, voice: console } : {}
  }
  const client = createTwilioClient(t, { timeoutMs: deps.twilioTimeoutMs })
  const statusCallback = config.publicBaseUrl ? `${config.publicBaseUrl}/webhooks/twilio/status` : undefined
  // Twilio fetches media from our public URL; without PUBLIC_BASE_URL there is none to give it.
  const base = config.publicBaseUrl
  const media = base ? (id: string) => `${base}${mediaUrl(id)}` : undefined
  return {
    ...(t.smsFrom ? { sms: new TwilioSender(client, 'sms', t.smsFrom, statusCallback, media) } : {}),
    ...(t.whatsappFrom
      ? { whatsapp: new TwilioSender(client, 'whatsapp', t.whatsappFrom, statusCallback, media) }
      : {}),
    // SOS calls come from the SMS number (a Twilio number with voice).
    ...(t.smsFrom ? { voice: new TwilioCallSender(client, t.smsFrom, config.publicBaseUrl) } : {}),
  }
}
