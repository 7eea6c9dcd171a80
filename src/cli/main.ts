// The `mednanny` command: `npm run mednanny -- …`, or `npx mednanny …` through bin/mednanny.js.
import { runCli } from './run.js'

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
})
