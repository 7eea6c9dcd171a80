/**
 * `npm run eval`: the conversations in eval/conversations through the whole pipeline.
 *
 *   npm run eval                      fake mode, or real mode when ANTHROPIC_API_KEY is set
 *   npm run eval -- --fake            fake mode even with a key
 *   npm run eval -- --only q-last-feed,amb-when-eat
 *   npm run eval -- --no-cache        without prompt-cache markers
 *   npm run eval -- --min-pass 90     threshold in percent (default: fake 100, real 85)
 *   npm run eval -- --verbose         print the replies of failed conversations
 *
 * Exit code 1 when the pass rate is below the threshold.
 */
import { conversations } from './conversations/index.js'
import { startFakeEndpoint, startRecordingProxy } from './endpoints.js'
import type { ModelEndpoint } from './observe.js'
import { reportLines } from './report.js'
import { runConversations } from './runner.js'

/** Fake mode checks our plumbing with a scripted model: anything short of all is a bug. */
const FAKE_MIN_PASS = 100
/** A free model may word a refusal so that a check misses it, or pick another fine tool. */
const REAL_MIN_PASS = 85
const DEFAULT_REAL_MODEL = 'claude-sonnet-4-5'

async function main() {
  const args = process.argv.slice(2)
  const opt = (name: string) => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  const key = process.env.ANTHROPIC_API_KEY
  const mode = key && !args.includes('--fake') ? 'real' : 'fake'
  const only = opt('--only')?.split(',')
  const chosen = only ? conversations.filter((c) => only.includes(c.id)) : conversations
  const minPass = Number(opt('--min-pass') ?? (mode === 'fake' ? FAKE_MIN_PASS : REAL_MIN_PASS))
  const promptCache = !args.includes('--no-cache')

  let endpoint: ModelEndpoint
  let fake: Awaited<ReturnType<typeof startFakeEndpoint>>['fake'] | undefined
  if (mode === 'real') {
    endpoint = await startRecordingProxy(process.env.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com', key ?? '')
  } else {
    ;({ fake, endpoint } = await startFakeEndpoint())
  }
  const model = mode === 'real' ? (process.env.ANTHROPIC_MODEL ?? DEFAULT_REAL_MODEL) : 'claude-eval-fake'
  console.log(
    `eval: ${chosen.length} conversations, ${mode} mode (${model}), prompt cache ${promptCache ? 'on' : 'off'}, pass threshold ${minPass}%`,
  )
  try {
    const results = await runConversations({
      mode,
      endpoint,
      fake,
      model,
      promptCache,
      conversations: chosen,
      onConversation: (r) => console.log(`  ${r.passed ? 'ok  ' : 'FAIL'} ${r.id}`),
    })
    for (const line of reportLines(results, { verbose: args.includes('--verbose') })) console.log(line)
    const rate = (100 * results.filter((r) => r.passed).length) / Math.max(1, results.length)
    if (rate < minPass) {
      console.error(`eval: pass rate ${rate.toFixed(1)}% is below ${minPass}%`)
      process.exitCode = 1
    }
  } finally {
    await endpoint.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
