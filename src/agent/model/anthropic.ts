import { ChatAnthropic } from '@langchain/anthropic'
import type { ModelProvider, ToolSpec } from './provider.js'

export interface AnthropicOptions {
  apiKey: string
  /** ANTHROPIC_BASE_URL: tests point it at tests/fakes/anthropic (without /v1). */
  baseUrl?: string
  model: string
  maxTokens?: number
  /** Mark the prompt-cache breakpoints (default true); false sends the same request without them. */
  promptCache?: boolean
}

const CACHE = { cache_control: { type: 'ephemeral' } }

// Statuses the Messages API documents as transient: 408 timeout, 409 conflict, 429 rate limit,
// 500 api_error, 504 timeout_error, 529 overloaded_error (docs.claude.com/en/api/errors).
const TRANSIENT_STATUSES = new Set([408, 409, 429, 500, 502, 503, 504, 529])
const TRANSIENT_NAMES = new Set(['APIConnectionError', 'APIConnectionTimeoutError', 'InternalServerError'])

/** Claude through LangChain's ChatAnthropic (the official @anthropic-ai/sdk underneath). */
export function anthropicProvider(opts: AnthropicOptions): ModelProvider {
  const caching = opts.promptCache ?? true
  return {
    model: opts.model,
    chatModel: () =>
      new ChatAnthropic({
        model: opts.model,
        apiKey: opts.apiKey,
        anthropicApiUrl: opts.baseUrl,
        maxTokens: opts.maxTokens ?? 1024,
        // The agent's retry middleware owns retries, bounded by the turn's timeout.
        maxRetries: 0,
        streaming: false,
      }),
    cacheMarker: caching ? CACHE : undefined,
    toolDefinition: (spec: ToolSpec, cached: boolean) => ({
      name: spec.name,
      description: spec.description,
      input_schema: spec.inputSchema,
      ...(cached && caching ? CACHE : {}),
    }),
    retryable: (err: unknown) => {
      if (typeof err !== 'object' || err === null) return false
      const { status, name } = err as { status?: unknown; name?: unknown }
      if (typeof status === 'number') return TRANSIENT_STATUSES.has(status) || status >= 500
      return typeof name === 'string' && TRANSIENT_NAMES.has(name)
    },
  }
}
