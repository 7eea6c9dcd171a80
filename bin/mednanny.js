#!/usr/bin/env node
// Launches the TypeScript CLI through tsx's ESM loader, so `npx mednanny` needs no build step.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
