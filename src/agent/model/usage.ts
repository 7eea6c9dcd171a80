import type { BaseMessage } from '@langchain/core/messages'

/** Token counts summed over the model calls of one turn. */
export class UsageTally {
  modelCalls = 0
  /** Input tokens neither read from nor written to the prompt cache. */
  inputTokens = 0
  outputTokens = 0
  cacheReadTokens = 0
  cacheWriteTokens = 0

  /** Adds one model answer (LangChain's provider-neutral usage_metadata). */
  add(message: BaseMessage | undefined): void {
    const usage = (message as { usage_metadata?: UsageMetadata } | undefined)?.usage_metadata
    this.modelCalls++
    if (!usage) return
    const read = usage.input_token_details?.cache_read ?? 0
    const write = usage.input_token_details?.cache_creation ?? 0
    this.cacheReadTokens += read
    this.cacheWriteTokens += write
    // LangChain's input_tokens includes the cached ones; keep them apart.
    this.inputTokens += Math.max(0, usage.input_tokens - read - write)
    this.outputTokens += usage.output_tokens
  }
}

interface UsageMetadata {
  input_tokens: number
  output_tokens: number
  input_token_details?: { cache_read?: number; cache_creation?: number }
}
