import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run.js'
import { SECTIONS } from '../../src/domain/reports/visit-pdf.js'
import { ManualClock } from '../../src/lib/clock.js'
import { tempDir } from '../support/harness.js'
import { readPdf } from '../support/pdf.js'

let dir: string
let cleanup: () => void
const clock = new ManualClock('2026-03-10T15:00:00Z')

beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
})
afterEach(() => cleanup())

async function cli(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(argv, {
    env: { DATABASE_PATH: join(dir, 'mednanny.db') },
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    clock,
  })
  return { code, out, err }
}

describe('mednanny visit-summary', () => {
  it('writes the one-page PDF for a dependent, with every section and her WHO percentile', async () => {
    const family = ['--family', 'Garcia']
    expect(
      (
        await cli(
          'family',
          'create',
          '--name',
          'Garcia',
          '--owner-phone',
          '+15551230001',
          '--timezone',
          'America/New_York',
        )
      ).code,
    ).toBe(0)
    const added = await cli(
      'dependent',
      'add',
      ...family,
      '--name',
      'Maya',
      '--birth-date',
      '2025-11-10',
      '--sex',
      'female',
      '--weight-kg',
      '6.2',
    )
    expect(added.code, added.err).toBe(0)
    const file = join(dir, 'maya.pdf')
    const r = await cli('visit-summary', ...family, '--dependent', 'maya', '--out', file)
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^Wrote the visit summary for Maya to .*maya\.pdf \(\d+ bytes\)\n$/)
    const pdf = await readPdf(readFileSync(file))
    expect(pdf.pages).toBe(1)
    for (const heading of SECTIONS) expect(pdf.text).toContain(heading)
    expect(pdf.text).toContain('Weight 6.2 kg on 2026-03-10: about the 40th percentile (WHO)')
  })

  it('names an unknown dependent in one line on stderr', async () => {
    await cli('family', 'create', '--name', 'Garcia', '--owner-phone', '+15551230001', '--timezone', 'America/New_York')
    const r = await cli('visit-summary', '--family', 'Garcia', '--dependent', 'Zed', '--out', join(dir, 'x.pdf'))
    expect(r.code).toBe(1)
    expect(r.err).toBe('mednanny: I don’t have anyone called Zed in your family’s record.\n')
  })
})
