import type { BaseChatModel } from '@langchain/core/language_models/chat_models'

/** A tool as the model sees it: its name, what it is for, and its input as JSON Schema. */
export interface ToolSpec {
  name: string
  description: string
  inputSchema: Record<string, unknown>
}

/**
 * The one seam between the agent and a model vendor. The agent only uses LangChain's chat-model
 * interface plus these few provider facts, so a second provider is a new implementation of this
 * interface chosen by configuration, not a change to the agent.
 */
export interface ModelProvider {
  /** The model id, for usage rows. */
  readonly model: string
  /** A LangChain chat model with its own retries off: the agent retries within the turn's budget. */
  chatModel(): BaseChatModel
  /**
   * Fields that mark a system content block as the end of the cached prefix (Anthropic:
   * `cache_control`), or undefined when the provider has no explicit prompt caching.
   */
  readonly cacheMarker: Record<string, unknown> | undefined
  /**
   * The provider's own definition of a tool, sent verbatim (LangChain `extras.providerToolDefinition`).
   * `cached` marks the end of the tool list as a cache breakpoint.
   */
  toolDefinition(spec: ToolSpec, cached: boolean): Record<string, unknown>
  /** Worth trying again within the turn: rate limits, overload, 5xx, timeouts and dropped connections. */
  retryable(err: unknown): boolean
}
