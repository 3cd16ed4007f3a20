// The background deliverer: claims due deliveries (a short transaction, so that instances sharing the database
// each take different rows), posts them signed, and records the outcome. It runs in a worker thread of its own
// (deliverer-thread.ts), so that a write only inserts its outbox row; on an in-memory database, beside the requests.
import type { FastifyBaseLogger } from 'fastify'
import type { WebhookConfig } from '../config.js'
import { retryDelayMs } from '../domain/retry-backoff.js'
import { signedHeaders } from '../domain/webhook-signature.js'
import type { ClaimedDelivery, FinishedDelivery, WebhookOutboxRepository } from '../repositories/webhook-outbox-repository.js'
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { SecretBox } from './secret-box.js'
import { postWebhook, type PostResult } from './webhook-post.js'

/** How often the queue is looked at when nothing is due (events from other processes show up then). */
const IDLE_POLL_MS = 1000
/**
 * After a write or a finished delivery, the deliverer looks again this much later: everything that happened in
 * between is recorded and claimed in one transaction, instead of two per delivery.
 */
const BATCH_MS = 25
/** A claim outlives the post's deadline by this much; a row of a crashed instance is taken over after it. */
const LEASE_MARGIN_MS = 5000
const PRUNE_EVERY_MS = 60 * 60 * 1000
/** Finished deliveries are kept a week, the attempts log a month. */
const KEEP_DELIVERIES_MS = 7 * 24 * 60 * 60 * 1000
const KEEP_ATTEMPTS_MS = 30 * 24 * 60 * 60 * 1000

export class WebhookDeliverer {
  private readonly inFlight = new Map<number, { controller: AbortController, done: Promise<void> }>()
  private timer: NodeJS.Timeout | undefined
  private timerDue = Infinity
  private running = false
  private lastPrune = 0
  /** Connections to receivers are kept open between deliveries (each was made to an address that was checked). */
  private readonly agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 }) }
  /** Opened secrets by ciphertext: a subscription's deliveries do not each decrypt it again. */
  private readonly openedSecrets = new Map<string, string>()
  /** Outcomes not yet written: the next turn records them in its transaction. */
  private finished: FinishedDelivery[] = []
  /** Attempts by outcome since start, for metrics. */
  readonly outcomes = { delivered: 0, retrying: 0, failed: 0 }

  constructor (
    private readonly outbox: WebhookOutboxRepository,
    private readonly secrets: SecretBox,
    private readonly config: WebhookConfig,
    private readonly log: FastifyBaseLogger
  ) {}

  start (): void {
    this.running = true
    this.outbox.onRecorded = () => this.wake()
    this.schedule(0)
  }

  /** An event was recorded (here, or by the main thread when this runs in a thread of its own): look soon. */
  wake (): void {
    this.schedule(BATCH_MS)
  }

  /** Stops claiming, aborts the posts in flight and hands their rows back for the next start. */
  async stop (): Promise<void> {
    this.running = false
    this.outbox.onRecorded = undefined
    clearTimeout(this.timer)
    this.timer = undefined
    for (const { controller } of this.inFlight.values()) controller.abort()
    await Promise.all([...this.inFlight.values()].map(({ done }) => done))
    this.flush()
    this.openedSecrets.clear()
    this.agents.http.destroy()
    this.agents.https.destroy()
  }

  get deliveriesInFlight (): number {
    return this.inFlight.size
  }

  /** Writes the outcomes not yet recorded, claiming nothing (at shutdown). */
  private flush (): void {
    if (this.finished.length === 0) return
    const finished = this.finished
    this.finished = []
    try {
      this.outbox.cycle(finished, Date.now(), 0, 0)
    } catch (error) {
      this.log.warn({ err: error }, 'webhook deliverer could not record outcomes; those deliveries will be sent again')
    }
  }

  private schedule (delayMs: number): void {
    if (!this.running) return
    const due = Date.now() + delayMs
    if (this.timer !== undefined && this.timerDue <= due) return
    clearTimeout(this.timer)
    this.timerDue = due
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.timerDue = Infinity
      this.poll()
    }, delayMs)
    // The deliverer alone never keeps the process alive.
    this.timer.unref()
  }

  private poll (): void {
    if (!this.running) return
    try {
      const now = Date.now()
      const free = this.config.maxInFlight - this.inFlight.size
      const finished = this.finished
      this.finished = []
      if (free > 0 || finished.length > 0) {
        let claimed: ClaimedDelivery[]
        try {
          claimed = this.outbox.cycle(finished, now, free, now + this.config.timeoutMs + LEASE_MARGIN_MS)
        } catch (error) {
          this.finished = finished.concat(this.finished)
          throw error
        }
        for (const row of claimed) this.deliver(row)
      }
      if (now - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = now
        this.outbox.prune(now - KEEP_DELIVERIES_MS, new Date(now - KEEP_ATTEMPTS_MS).toISOString())
      }
      // At the bound, the next finished post wakes the deliverer.
      if (this.inFlight.size >= this.config.maxInFlight) return
      const due = this.outbox.nextDue()
      this.schedule(due === null ? IDLE_POLL_MS : Math.min(Math.max(due - Date.now(), 0), IDLE_POLL_MS))
    } catch (error) {
      // A busy or closing database: try again later rather than stop delivering.
      if (this.running) this.log.warn({ err: error }, 'webhook deliverer could not read the queue')
      this.schedule(IDLE_POLL_MS)
    }
  }

  private deliver (row: ClaimedDelivery): void {
    const controller = new AbortController()
    const done = this.post(row, controller.signal)
      .then((result) => { this.record(row, result, controller.signal.aborted) })
      .catch((error: unknown) => { this.log.error({ err: error, deliveryId: row.id }, 'webhook delivery could not be recorded') })
      .finally(() => {
        this.inFlight.delete(row.id)
        this.schedule(BATCH_MS)
      })
    this.inFlight.set(row.id, { controller, done })
  }

  private async post (row: ClaimedDelivery, signal: AbortSignal): Promise<PostResult> {
    let secret = this.openedSecrets.get(row.secretCiphertext)
    if (secret === undefined) {
      try {
        secret = this.secrets.open(row.secretCiphertext, row.subscriptionId)
      } catch {
        return { status: null, durationMs: 0, error: 'the signing secret cannot be decrypted with this WEBHOOK_SECRETS_KEY' }
      }
      // Bounded like the subscriptions themselves; a deleted subscription's entry goes with the next clear.
      if (this.openedSecrets.size >= 10_000) this.openedSecrets.clear()
      this.openedSecrets.set(row.secretCiphertext, secret)
    }
    const headers = signedHeaders(secret, row.eventId, Math.floor(Date.now() / 1000), row.body)
    return await postWebhook(row.url, headers, row.body, { timeoutMs: this.config.timeoutMs, allowPrivateNetworks: this.config.allowPrivateNetworks, signal, agents: this.agents })
  }

  private record (row: ClaimedDelivery, result: PostResult, aborted: boolean): void {
    if (aborted) {
      // Shutting down is not the receiver's failure: the row goes back to the queue untouched.
      this.outbox.release(row.id)
      return
    }
    // Recorded with the next turn's transaction; a crash before it means the event is sent again (at least once).
    const now = Date.now()
    const attempt = row.attempts + 1
    const delivered = result.status !== null && result.status >= 200 && result.status < 300
    const givenUp = !delivered && now - row.createdAtMs >= this.config.retryWindowMs
    const status = delivered ? 'delivered' : givenUp ? 'failed' : 'pending'
    const next = status === 'pending' ? now + retryDelayMs(attempt, this.config.retryBaseMs) : now
    this.finished.push({
      id: row.id,
      status,
      nextAttemptAtMs: next,
      attempt: {
        subscriptionId: row.subscriptionId,
        deliveryId: row.id,
        eventId: row.eventId,
        type: row.type,
        attempt,
        status: delivered ? 'delivered' : givenUp ? 'failed' : 'retrying',
        responseStatus: result.status,
        durationMs: result.durationMs,
        error: result.error,
        at: new Date(now).toISOString()
      }
    })
    this.outcomes[delivered ? 'delivered' : givenUp ? 'failed' : 'retrying']++
    const line = { subscriptionId: row.subscriptionId, eventId: row.eventId, type: row.type, attempt, responseStatus: result.status, durationMs: result.durationMs }
    if (delivered) this.log.debug(line, 'webhook delivered')
    else this.log.warn({ ...line, error: result.error }, givenUp ? 'webhook delivery failed for good' : 'webhook delivery failed; retrying')
  }
}
