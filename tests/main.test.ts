import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { cpSync, symlinkSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from './support/harness.js'

const ROOT = join(import.meta.dirname, '..')
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')

// `npm start` = `npm run build` (tsconfig.build.json → dist/) then `node dist/main.js`: build it the same way.
beforeAll(() => {
  execFileSync(process.execPath, [TSC, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' })
}, 120_000)
let child: ChildProcess | undefined
const cleanups: (() => void)[] = []
afterEach(() => {
  child?.kill('SIGKILL')
  for (const c of cleanups.splice(0)) c()
})

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

/** Starts `dist/main.js` the way `npm start` does, in a child process, and resolves once it is up. */
async function start(env: Record<string, string>) {
  const proc = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
  })
  child = proc
  let out = ''
  let err = ''
  proc.stdout.on('data', (d: Buffer) => {
    out += d.toString()
  })
  proc.stderr.on('data', (d: Buffer) => {
    err += d.toString()
  })
  const up = new Promise<void>((resolve) => {
    proc.stdout.on('data', () => {
      if (out.includes('MedNanny is up')) resolve()
    })
  })
  const exited = once(proc, 'exit').then(([code]) => code as number)
  const first = await Promise.race([up.then(() => 'up' as const), exited.then(() => 'exited' as const)])
  return { proc, first, exited, output: () => ({ out, err }) }
}

describe('npm start (dist/main.js, built from src/)', () => {
  it('serves the dev console with no accounts, then stops cleanly on SIGTERM', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const port = await freePort()
    const app = await start({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'data', 'm.db') })
    expect(app.first, app.output().err).toBe('up')
    const base = `http://127.0.0.1:${port}`
    expect((await fetch(`${base}/readyz`)).status).toBe(200)
    const page = await fetch(`${base}/dev`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('MedNanny dev console')

    app.proc.kill('SIGTERM')
    expect(await app.exited).toBe(0)
    expect(app.output().out).toContain('"signal":"SIGTERM"')
  })

  it('refuses to start on a bad variable, with one line naming it', async () => {
    const app = await start({ PORT: 'eighty' })
    expect(app.first).toBe('exited')
    expect(await app.exited).toBe(1)
    expect(app.output().err.trim()).toMatch(/^MedNanny cannot start: PORT: /)
    expect(app.output().err.trim().split('\n')).toHaveLength(1)
  })
})

describe('DATA_ENCRYPTION_KEY at start', () => {
  it('a key that does not open the database stops the start with one line naming the variable', async () => {
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    const env = { HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'm.db') }
    const first = await start({ ...env, PORT: String(await freePort()), DATA_ENCRYPTION_KEY: 'a'.repeat(64) })
    expect(first.first, first.output().err).toBe('up')
    first.proc.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    const wrong = await start({ ...env, PORT: String(await freePort()), DATA_ENCRYPTION_KEY: 'b'.repeat(64) })
    expect(wrong.first).toBe('exited')
    expect(await wrong.exited).toBe(1)
    expect(wrong.output().err.trim()).toBe(
      'MedNanny cannot start: DATA_ENCRYPTION_KEY: does not match the key this database was encrypted with',
    )
  })
})

describe('bin/mednanny.js without the sources (the production image)', () => {
  it('runs the CLI from dist/', async () => {
    // The image's layout: package.json, bin/, dist/ (the build above, copied), prompts/ and migrations/,
    // no src/. Only node_modules is a link (the image's holds the production dependencies alone).
    const { dir, cleanup } = tempDir()
    cleanups.push(cleanup)
    for (const part of ['package.json', 'bin', 'dist', 'prompts', 'migrations']) {
      cpSync(join(ROOT, part), join(dir, part), { recursive: true })
    }
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
    const env = { PATH: process.env.PATH ?? '', DATABASE_PATH: join(dir, 'm.db') }
    const out = execFileSync(process.execPath, [join(dir, 'bin', 'mednanny.js'), 'family', 'list', '--json'], {
      cwd: dir,
      env,
    })
    expect(JSON.parse(out.toString())).toEqual([])
  })
})
