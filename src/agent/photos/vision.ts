import { HumanMessage, SystemMessage } from '@langchain/core/messages'
import type { ImageType } from '../../domain/inbox/media.js'
import { backoffDelayMs } from '../../lib/backoff.js'
import type { ModelProvider } from '../model/provider.js'
import { UsageTally } from '../model/usage.js'
import { DocumentReading } from './reading.js'

/** Bounds of one photo reading: the whole call with its retries, like an agent turn (0022). */
export interface VisionLimits {
  timeoutMs: number
  retries: number
  retryDelayMs: number
}

export const DEFAULT_VISION_LIMITS: VisionLimits = { timeoutMs: 45_000, retries: 3, retryDelayMs: 500 }

/** The forced tool's name: the model must answer by calling it with what it read. */
export const READING_TOOL = 'record_document'

const NO_READING = 'the model did not record a reading'

export class VisionTimeoutError extends Error {
  override name = 'VisionTimeoutError'
}

/**
 * Reads one photo through the provider's chat model: the extraction prompt as the system message, the
 * image as a LangChain standard image block (base64), and structured output by a forced tool call
 * validated with the zod schema. Transient errors (429, 529, 5xx, dropped connections) are retried with
 * backoff inside the time budget; anything else, or running out of time, rejects. Token usage of every
 * attempt is added to `usage`.
 */
export async function readPhoto(
  provider: ModelProvider,
  prompt: string,
  image: { bytes: Buffer; mediaType: ImageType },
  limits: VisionLimits,
  usage: UsageTally,
): Promise<DocumentReading> {
  const model = provider
    .chatModel()
    .withStructuredOutput(DocumentReading, { name: READING_TOOL, method: 'functionCalling', includeRaw: true })
  const messages = [
    new SystemMessage(prompt),
    new HumanMessage({
      content: [
        { type: 'image', data: image.bytes.toString('base64'), mimeType: image.mediaType },
        { type: 'text', text: 'Read this photo and record what it says.' },
      ],
    }),
  ]
  const controller = new AbortController()
  const deadline = performance.now() + limits.timeoutMs
  const timer = setTimeout(
    () => controller.abort(new VisionTimeoutError(`photo reading took over ${limits.timeoutMs} ms`)),
    limits.timeoutMs,
  )
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await model.invoke(messages, { signal: controller.signal })
        usage.add(out.raw)
        if (!out.parsed) throw new Error(NO_READING)
        return out.parsed
      } catch (err) {
        if (!(err instanceof Error && err.message === NO_READING)) usage.add(undefined)
        const wait = backoffDelayMs(attempt, { baseMs: limits.retryDelayMs, capMs: limits.timeoutMs })
        const retry = attempt <= limits.retries && provider.retryable(err) && performance.now() + wait < deadline
        if (!retry || controller.signal.aborted) throw controller.signal.aborted ? controller.signal.reason : err
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
    }
  } finally {
    clearTimeout(timer)
  }
}

/** What the photo handler needs of the model: its id (for usage rows) and one reading with its tally. */
export interface PhotoVision {
  model: string
  read(image: {
    bytes: Buffer
    mediaType: ImageType
  }): Promise<{ reading?: DocumentReading; failure?: string; usage: UsageTally }>
}

/** The provider's vision with the extraction prompt and limits bound; a failure is a value, never a throw. */
export function createVision(provider: ModelProvider, prompt: string, limits: Partial<VisionLimits> = {}): PhotoVision {
  const bounds = { ...DEFAULT_VISION_LIMITS, ...limits }
  return {
    model: provider.model,
    async read(image) {
      const usage = new UsageTally()
      try {
        return { reading: await readPhoto(provider, prompt, image, bounds, usage), usage }
      } catch (err) {
        return { failure: (err as Error)?.name ?? 'Error', usage }
      }
    },
  }
}
