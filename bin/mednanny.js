#!/usr/bin/env node
// The CLI: from the TypeScript sources through tsx's ESM loader when they are here (a checkout: no build
// step needed, never a stale build), else from the compiled dist/ (the production image ships no sources).
import { existsSync } from 'node:fs'

const source = new URL('../src/cli/main.ts', import.meta.url)
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api')
  register()
  await import(source.href)
} else {
  await import(new URL('../dist/cli/main.js', import.meta.url).href)
}
