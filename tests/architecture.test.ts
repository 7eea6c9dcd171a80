import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from './support/harness.js'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '..')
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome')
const { dir, cleanup } = tempDir()
afterAll(cleanup)

interface Diagnostic {
  category: string
  location: { path: string }
}

/** Lints files laid out like src/ with the project's own biome.json, and returns the import-rule hits. */
async function restrictedImports(files: Record<string, string>): Promise<Diagnostic[]> {
  const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8'))
  config.vcs = { enabled: false }
  delete config.$schema
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  const out = await run(BIOME, ['lint', '--reporter=json', ...Object.keys(files)], { cwd: dir }).catch(
    (err: { stdout: string }) => err,
  )
  const report = JSON.parse(out.stdout) as { diagnostics: Diagnostic[] }
  return report.diagnostics.filter((d) => d.category === 'lint/style/noRestrictedImports')
}

describe('layer arrows (biome.json, docs/decisions/0003-layers.md)', () => {
  it('fail lint when domain imports channels, agent, http, pipeline or a transport', async () => {
    const hits = await restrictedImports({
      'src/domain/a/fastify.ts': "import Fastify from 'fastify'\nexport const y = Fastify\n",
      'src/domain/a/twilio.ts': "import twilio from 'twilio'\nexport const y = twilio\n",
      'src/domain/a/channels.ts': "import { y as z } from '../../channels/twilio/sender.js'\nexport const y = z\n",
      'src/domain/a/agent.ts': "import { y as z } from '../../agent/fast-path.js'\nexport const y = z\n",
      'src/domain/a/http.ts': "import { y as z } from '../../http/health.js'\nexport const y = z\n",
      'src/domain/a/pipeline.ts': "import { y as z } from '../../pipeline/handle.js'\nexport const y = z\n",
    })
    expect(hits.map((h) => h.location.path).sort()).toEqual([
      'src/domain/a/agent.ts',
      'src/domain/a/channels.ts',
      'src/domain/a/fastify.ts',
      'src/domain/a/http.ts',
      'src/domain/a/pipeline.ts',
      'src/domain/a/twilio.ts',
    ])
  })

  it('let channels use fastify and domain use db and lib', async () => {
    const hits = await restrictedImports({
      'src/channels/x/ok.ts': "import Fastify from 'fastify'\nexport const y = Fastify\n",
      'src/domain/b/ok.ts':
        "import { newId } from '../../lib/ids.js'\nimport type { Tx } from '../../db/client.js'\nexport const y = newId\nexport type T = Tx\n",
    })
    expect(hits).toEqual([])
  })
})
