/**
 * A second scheduler process for the concurrency test: opens the database file, ticks once at the given
 * time, prints the totals as JSON. Two of these racing on one file is what two replicas would do.
 */
import { openDatabase } from '../../src/db/client.js'
import { ManualClock } from '../../src/lib/clock.js'
import { Scheduler } from '../../src/scheduler/scheduler.js'

const [dbPath, now, batch] = process.argv.slice(2)
if (!dbPath || !now) throw new Error('usage: tick-once.ts DB_PATH NOW_ISO [BATCH]')
const db = openDatabase(dbPath)
const log = { error: (o: unknown) => console.error(JSON.stringify(o)), info: () => undefined }
const scheduler = new Scheduler({ db, clock: new ManualClock(now), log }, { batch: Number(batch ?? 64) })
const result = await scheduler.tick()
db.close()
console.log(JSON.stringify(result))
