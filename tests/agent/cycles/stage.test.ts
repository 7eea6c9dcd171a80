import { describe, expect, it } from 'vitest'
import { cycleStage } from '../../../src/agent/cycles/stage.js'
import type { Tx } from '../../../src/db/client.js'
import type { ActorContext } from '../../../src/domain/actor.js'
import type { InboxRow } from '../../../src/domain/inbox/service.js'
import { ManualClock } from '../../../src/lib/clock.js'
import type { Turn } from '../../../src/pipeline/types.js'

const actor: ActorContext = {
  familyId: 'fam_1',
  memberId: 'mem_1',
  role: 'member',
  channel: 'slack',
  address: 'T1:U1',
  timezone: 'America/New_York',
  locale: 'en-US',
}

/** A turn that must never reach the database: the stage answers before any tool runs. */
const turn = (text: string, conversationKey: string): Turn => ({
  tx: new Proxy(
    {},
    {
      get: () => {
        throw new Error('the database was touched')
      },
    },
  ) as Tx,
  actor,
  clock: new ManualClock('2026-03-10T15:00:00Z'),
  message: { conversationKey } as InboxRow,
  text,
})

describe('cycleStage in Slack', () => {
  it.each(['slack:T1:C0123:1789560000.000100', 'slack:T1:G0456'])(
    'answers only “send me that in a DM” in a channel others read (%s), and forgets the exchange',
    async (key) => {
      for (const text of ['when is my next period?', 'period started today', "when is Jane's next period?"]) {
        expect(await cycleStage().handle(turn(text, key))).toEqual({
          route: 'cycles',
          replies: ['Cycle tracking is private: send me that in a direct message and I’ll answer there.'],
          remember: false,
        })
      }
    },
  )

  it('leaves other messages in a channel to the next stage', async () => {
    expect(await cycleStage().handle(turn('fed 120 ml', 'slack:T1:C0123'))).toBeUndefined()
  })
})
