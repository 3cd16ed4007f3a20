// The webhook deliverer's thread (started by deliverer-thread.ts): its own connection to the database file, the
// deliverer of webhook-deliverer.ts unchanged, and a logger that writes the app's JSON lines straight to stdout.
// Messages from the main thread: 'wake' (events were recorded) and 'stop'. To it: counts of outcomes, in batches.
import { parentPort, workerData } from 'node:worker_threads'
import pino from 'pino'
import { openConnection } from '../db/connection.js'
import { checkpointInBackground } from '../db/wal-checkpoints.js'
import { logRedaction } from '../log-redaction.js'
import { WebhookOutboxRepository } from '../repositories/webhook-outbox-repository.js'
import type { DelivererMessage, DelivererWorkerData, Outcomes } from './deliverer-thread.js'
import { SecretBox } from './secret-box.js'
import { WebhookDeliverer } from './webhook-deliverer.js'

/** Outcomes go to the main thread at most this often, not one message per delivery. */
const OUTCOMES_EVERY_MS = 250

const port = parentPort!
const data = workerData as DelivererWorkerData
// One write per line, synchronous: short lines are written whole, never in the middle of the main thread's batches.
const log = pino({ level: data.logLevel, ...logRedaction }, pino.destination({ dest: 1, sync: true })).child({ component: 'webhooks' })
// The connection alone: the main thread has checked the file and applied the migrations.
const sqlite = openConnection(data.databasePath)
const deliverer = new WebhookDeliverer(new WebhookOutboxRepository(sqlite), new SecretBox(Buffer.from(data.secretsKey)), data.webhooks, log)
// This thread also checkpoints the write-ahead log, so that the request thread does not (wal-checkpoints.ts).
const stopCheckpoints = checkpointInBackground(sqlite, (error) => log.debug({ err: error }, 'WAL checkpoint skipped'))

let sent: Outcomes = { delivered: 0, retrying: 0, failed: 0 }
function sendOutcomes (): void {
  const now = { ...deliverer.outcomes }
  if (now.delivered === sent.delivered && now.retrying === sent.retrying && now.failed === sent.failed) return
  const message: DelivererMessage = { type: 'outcomes', outcomes: { delivered: now.delivered - sent.delivered, retrying: now.retrying - sent.retrying, failed: now.failed - sent.failed } }
  port.postMessage(message)
  sent = now
}
const outcomesTimer = setInterval(sendOutcomes, OUTCOMES_EVERY_MS)

async function stop (): Promise<void> {
  // Aborts the posts in flight, hands their rows back and writes the outcomes not yet recorded.
  await deliverer.stop()
  stopCheckpoints()
  clearInterval(outcomesTimer)
  sendOutcomes()
  sqlite.close()
  // Messages already posted reach the main thread before it sees the exit.
  process.exit(0)
}

port.on('message', (message: 'wake' | 'stop') => {
  if (message === 'wake') deliverer.wake()
  else if (message === 'stop') void stop()
})
deliverer.start()
port.postMessage({ type: 'ready' } satisfies DelivererMessage)
