import { anthropicProvider } from './anthropic.js'
import type { ModelProvider } from './provider.js'

export type { ModelProvider, ToolSpec } from './provider.js'

/** The configured model provider, or undefined when no key is set (the offline agent answers). */
export function createProvider(config: {
  anthropic?: { apiKey: string; baseUrl?: string; model: string; promptCache?: boolean }
}): ModelProvider | undefined {
  return config.anthropic ? anthropicProvider(config.anthropic) : undefined
}
