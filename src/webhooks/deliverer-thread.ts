// The webhook deliverer, run in a worker thread: signing, posting, reading answers and recording outcomes happen
// off the thread that answers requests. The worker has its own connection to the database file and claims rows
// like any other instance on it would. What is left here per write is one outbox row (in the write's transaction)
// and a wake-up message, at most one per turn of the event loop; the worker sends outcome counts in batches.
import { once } from 'node:events'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { FastifyBaseLogger } from 'fastify'
import type { WebhookConfig } from '../config.js'
import type { WebhookOutboxRepository } from '../repositories/webhook-outbox-repository.js'

export interface Outcomes {
  delivered: number
  retrying: number
  failed: number
}

/** What the app uses of a deliverer, in a thread of its own or not. */
export interface Deliverer {
  start: () => void | Promise<void>
  stop: () => Promise<void>
  readonly outcomes: Outcomes
}

export interface DelivererWorkerData {
  databasePath: string
  logLevel: string
  webhooks: WebhookConfig
  /** The secrets key's bytes (never logged). */
  secretsKey: Uint8Array
}

/** From the worker: it is delivering, or the outcomes counted since its previous message. */
export type DelivererMessage = { type: 'ready' } | { type: 'outcomes', outcomes: Outcomes }

/** deliverer-worker.ts under tsx (tests, npm run dev), deliverer-worker.js in dist. */
const EXTENSION = extname(fileURLToPath(import.meta.url))
const WORKER_URL = new URL(`./deliverer-worker${EXTENSION}`, import.meta.url)
/** A worker that died is started again, but not more often than this. */
const RESTART_EVERY_MS = 5000
/** A worker that has not stopped this long after being asked to is terminated. */
const STOP_TIMEOUT_MS = 10_000

export class DelivererThread implements Deliverer {
  /** Attempts by outcome since start (every worker's), for metrics. */
  readonly outcomes: Outcomes = { delivered: 0, retrying: 0, failed: 0 }
  private worker: Worker | undefined
  private running = false
  private wakeQueued = false
  private lastStart = 0
  private restartTimer: NodeJS.Timeout | undefined

  constructor (
    private readonly outbox: WebhookOutboxRepository,
    private readonly data: DelivererWorkerData,
    private readonly log: FastifyBaseLogger
  ) {}

  /** Resolves once the worker is delivering (or has failed to start, and will be started again). */
  async start (): Promise<void> {
    this.running = true
    this.outbox.onRecorded = () => this.wake()
    const worker = this.spawn()
    await new Promise<void>((resolve) => {
      worker.on('message', (message: DelivererMessage) => { if (message.type === 'ready') resolve() })
      worker.once('exit', () => resolve())
    })
  }

  /** Asks the worker to stop (it aborts its posts, hands their rows back, records outcomes) and waits for its exit. */
  async stop (): Promise<void> {
    this.running = false
    this.outbox.onRecorded = undefined
    clearTimeout(this.restartTimer)
    const worker = this.worker
    if (worker === undefined) return
    const exited = once(worker, 'exit')
    worker.postMessage('stop')
    const timer = setTimeout(() => {
      this.log.warn('webhook deliverer thread did not stop in time; terminating it')
      void worker.terminate()
    }, STOP_TIMEOUT_MS)
    await exited
    clearTimeout(timer)
  }

  private spawn (): Worker {
    this.lastStart = Date.now()
    const worker = EXTENSION === '.ts'
      // Node 20 does not hand the loader of `--import tsx` on to worker threads: under tsx the worker registers it.
      ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}) })`, { eval: true, workerData: this.data })
      : new Worker(WORKER_URL, { workerData: this.data })
    // Like the in-thread deliverer's timers: the deliverer alone never keeps the process alive.
    worker.unref()
    let failure: Error | undefined
    worker.on('message', (message: DelivererMessage) => {
      if (message.type !== 'outcomes') return
      this.outcomes.delivered += message.outcomes.delivered
      this.outcomes.retrying += message.outcomes.retrying
      this.outcomes.failed += message.outcomes.failed
    })
    worker.on('error', (error) => { failure = error })
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined
      if (!this.running) return
      // Rows it had claimed go to the next worker (or another instance) when their lease ends.
      const delayMs = Math.max(0, this.lastStart + RESTART_EVERY_MS - Date.now())
      this.log.error({ err: failure, code, restartInMs: delayMs }, 'webhook deliverer thread ended unexpectedly; starting it again')
      this.restartTimer = setTimeout(() => {
        this.restartTimer = undefined
        if (this.running) this.spawn()
      }, delayMs)
      this.restartTimer.unref()
    })
    this.worker = worker
    return worker
  }

  /** Called inside the write's transaction; the message goes once the turn (and so the commit) is over. */
  private wake (): void {
    if (this.wakeQueued) return
    this.wakeQueued = true
    setImmediate(() => {
      this.wakeQueued = false
      this.worker?.postMessage('wake')
    })
  }
}
