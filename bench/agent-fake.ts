/**
 * The fake Anthropic API for the agent bench, in its own process (forked by bench/agent.ts) so its own
 * work — parsing a request, counting tokens — runs on the other core, not inside the turn being timed.
 * It answers instantly: a tool call for the first request of a turn, then a text written from the tool
 * result. Reports `{ type: 'ready', url, apiKey }`; stops on `{ type: 'stop' }`.
 */
import { FakeAnthropic, type FakeMessagesRequest } from '../tests/fakes/anthropic.js'
import { roundTrip } from './agent-model.js'

async function main() {
  const fake = await new FakeAnthropic().start()
  fake.respond = (req: FakeMessagesRequest) => {
    fake.requests.length = 0 // nothing reads them here; keep memory flat over thousands of turns
    return roundTrip(req)
  }
  process.on('message', (m: { type: string }) => {
    if (m.type === 'stop') void fake.stop().finally(() => process.exit(0))
  })
  process.send?.({ type: 'ready', url: fake.url, apiKey: fake.apiKey })
}

main().catch((err: unknown) => {
  process.send?.({ type: 'error', message: String(err) }, undefined, undefined, () => process.exit(1))
})
