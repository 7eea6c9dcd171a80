import { readFileSync } from 'node:fs'
import type { Channel } from '../../domain/families/schema.js'
import { fromRoot } from '../../lib/root.js'

export const PROMPTS_DIR = fromRoot('prompts')

/** The markdown in prompts/, read once at start. */
export interface Prompts {
  system: string
  safety: string
  /** How to condense older turns of a conversation (memory past its budget). */
  summary: string
  style: Record<Channel, string>
  /** How to read a photographed prescription or document (docs/decisions/0027). */
  prescription: string
}

/** Reads prompts/ (system, safety policy, one style per channel); a missing file stops start-up. */
export function loadPrompts(dir = PROMPTS_DIR): Prompts {
  const read = (name: string) => readFileSync(`${dir}/${name}`, 'utf8').trim()
  const sms = read('style/sms.md')
  return {
    system: read('system.md'),
    safety: read('safety.md'),
    summary: read('summary.md'),
    // The dev console stands in for a phone, so it gets the SMS style.
    style: { sms, console: sms, whatsapp: read('style/whatsapp.md'), slack: read('style/slack.md') },
    prescription: read('prescription.md'),
  }
}

/** A system content block; `extra` carries the provider's cache marker on the last cached block. */
export type SystemBlock = { type: 'text'; text: string } & Record<string, unknown>

/**
 * The system prompt as content blocks: the static part (who it is, the safety policy, the channel's
 * style) first and marked as the end of the cached prefix, then this family's context, which changes
 * per message and so stays after the breakpoint.
 */
export function systemBlocks(
  prompts: Prompts,
  channel: Channel,
  familyContext: string,
  cacheMarker: Record<string, unknown> | undefined,
): SystemBlock[] {
  const fixed = [prompts.system, prompts.safety, prompts.style[channel]].join('\n\n')
  return [
    { type: 'text', text: fixed, ...(cacheMarker ?? {}) },
    { type: 'text', text: familyContext },
  ]
}
