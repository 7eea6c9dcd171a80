import type { Logger } from 'pino'
import { recordUsage } from '../../domain/assistant/service.js'
import type { FetchMedia } from '../../domain/inbox/media.js'
import { addMedicationTool } from '../../domain/medications/tools.js'
import { can } from '../../domain/permissions.js'
import { isSharedConversation } from '../../pipeline/conversation.js'
import type { Finish, Outcome, Photos } from '../../pipeline/types.js'
import { COULD_NOT_READ_NOW, NO_ASSISTANT_PHOTO, NOT_ALLOWED_ROLE, rejectedWords } from './present.js'
import { propose } from './propose.js'
import type { PhotoVision } from './vision.js'

export interface PhotoDeps {
  fetchMedia: FetchMedia
  /** The model's vision; undefined without ANTHROPIC_API_KEY, and a photo gets the plain offline reply. */
  vision?: PhotoVision
  log: Logger
}

const reply = (route: string, words: string): Outcome => ({ route, replies: [words] })

/**
 * Photos from known members (docs/decisions/0027): the sender's role is checked first (only those who may
 * add medications get a photo read), then the file is fetched from the provider and read by the model,
 * outside any transaction. What it read becomes a proposal inside the commit's transaction. Never throws
 * for a provider or model failure: the sender always hears what happened.
 */
export function createPhotos(deps: PhotoDeps): Photos {
  return {
    async respond({ clock, actor, message, text }): Promise<Outcome | Finish> {
      const log = deps.log.child({ inboxId: message.id, familyId: actor.familyId, memberId: actor.memberId })
      if (!can(actor.role, addMedicationTool.permission)) return reply('photo:forbidden', NOT_ALLOWED_ROLE)
      if (!deps.vision) return reply('photo:offline', NO_ASSISTANT_PHOTO)
      const [media] = message.media
      if (!media) return reply('photo:none', COULD_NOT_READ_NOW)
      const started = performance.now()
      const fetched = await deps.fetchMedia({ channel: actor.channel, ...media })
      if (!fetched.ok) {
        log.warn({ rejected: fetched.rejected.kind, media: message.media.length }, 'photo refused')
        return reply(`photo:rejected:${fetched.rejected.kind}`, rejectedWords(fetched.rejected))
      }
      const { vision } = deps
      const read = await vision.read(fetched)
      const ms = Math.round(performance.now() - started)
      logReading(log, { bytes: fetched.bytes.length, ms, failure: read.failure, kind: read.reading?.kind })
      return async (tx) => {
        await recordUsage(tx, actor, clock.now(), message.id, {
          model: vision.model,
          outcome: read.reading ? 'answered' : 'fallback',
          modelCalls: read.usage.modelCalls,
          toolCalls: 0,
          inputTokens: read.usage.inputTokens,
          outputTokens: read.usage.outputTokens,
          cacheReadTokens: read.usage.cacheReadTokens,
          cacheWriteTokens: read.usage.cacheWriteTokens,
          ms,
        })
        if (!read.reading) return reply('photo:failed', COULD_NOT_READ_NOW)
        const shared = isSharedConversation(message.conversationKey) ? message.conversationKey : undefined
        return await propose({ tx, actor, clock }, read.reading, text, shared)
      }
    },
  }
}

/** Sizes, kinds and durations: never what the photo says. */
function logReading(log: Logger, f: { bytes: number; ms: number; failure?: string; kind?: string }) {
  if (f.failure) log.warn({ bytes: f.bytes, ms: f.ms, errorName: f.failure }, 'photo not read; told the sender')
  else log.info({ bytes: f.bytes, ms: f.ms, kind: f.kind }, 'photo read')
}
