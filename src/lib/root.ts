/**
 * The project's root directory (where package.json, prompts/ and migrations/ are), found by walking up
 * from this module — so the same code runs from src/ through tsx and from any compiled output
 * directory inside the project (dist/, the bench's build), whatever its depth.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'mednanny') {
      return dir
    }
    if (dirname(dir) === dir) throw new Error(`MedNanny's package.json not found above ${from}`)
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)))

/** A path inside the project: `fromRoot('prompts')`. */
export const fromRoot = (...parts: string[]) => join(PROJECT_ROOT, ...parts)
