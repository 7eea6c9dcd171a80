import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SLACK_EVENTS_PATH } from '../../src/channels/slack/bolt.js'

const manifest = readFileSync(join(import.meta.dirname, '..', '..', 'slack', 'manifest.yml'), 'utf8')
/** The items of a YAML list under `key:` (the manifest's own simple layout: `- item # comment`). */
function listUnder(key: string): string[] {
  const start = manifest.indexOf(`${key}:\n`)
  if (start < 0) return []
  const lines = manifest.slice(start + key.length + 2).split('\n')
  const items: string[] = []
  for (const line of lines) {
    const m = /^\s+- ([\w.:/-]+)/.exec(line)
    if (!m?.[1]) break
    items.push(m[1])
  }
  return items
}

describe('slack/manifest.yml', () => {
  it('points events, both commands and interactivity at the one route', () => {
    const urls = [...manifest.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1])
    expect(urls).toEqual(Array(4).fill(`https://YOUR-HOST${SLACK_EVENTS_PATH}`))
    expect([...manifest.matchAll(/- command: (\S+)/g)].map((m) => m[1])).toEqual(['/nanny', '/sos'])
    expect(manifest).toMatch(/home_tab_enabled: true/)
  })

  it('subscribes to the events the app handles, with the scopes they need', () => {
    expect(listUnder('bot_events')).toEqual(
      expect.arrayContaining(['message.im', 'message.channels', 'app_mention', 'app_home_opened', 'reaction_added']),
    )
    expect(listUnder('bot')).toEqual(
      expect.arrayContaining([
        'app_mentions:read',
        'channels:history',
        'chat:write',
        'commands',
        'im:history',
        'im:write',
        'reactions:read',
        'users:read',
        'files:read',
      ]),
    )
  })
})
