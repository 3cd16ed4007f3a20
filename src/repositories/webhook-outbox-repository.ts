// SQL for the webhook outbox: events (one row per change, written in the change's transaction), their fan-out to
// the per-subscription delivery queue with its leases (done by the deliverer as it claims), and the attempts log.
import type { Sqlite } from '../db/open.js'

export interface ClaimedDelivery {
  id: number
  attempts: number
  createdAtMs: number
  eventId: string
  type: string
  body: string
  subscriptionId: string
  url: string
  secretCiphertext: string
}

export interface NewEvent {
  id: string
  type: string
  orderingKey: string
  body: string
  createdAt: string
}

export interface AttemptRow {
  id: number
  eventId: string
  type: string
  attempt: number
  status: 'delivered' | 'retrying' | 'failed'
  responseStatus: number | null
  durationMs: number
  error: string | null
  at: string
}

export interface NewAttempt extends Omit<AttemptRow, 'id'> {
  subscriptionId: string
  deliveryId: number
}

export interface FinishedDelivery {
  id: number
  status: 'pending' | 'delivered' | 'failed'
  nextAttemptAtMs: number
  attempt: NewAttempt
}

/**
 * Events fanned out per claim at most: an import that changed 100,000 prompts is fanned out over many short
 * transactions, so the write lock is never held long.
 */
const FAN_OUT_BATCH = 1000

/** Pending rows another pending row of the same subscription and prompt is ahead of are not eligible. */
const FIRST_IN_LINE = `NOT EXISTS (SELECT 1 FROM webhook_deliveries p
  WHERE p.subscription_id = d.subscription_id AND p.ordering_key = d.ordering_key AND p.status = 'pending' AND p.event_seq < d.event_seq)`

export class WebhookOutboxRepository {
  private readonly anySubscriberStatement
  private readonly insertEventStatement
  private readonly fanOutStatements
  private readonly dueStatement
  private readonly leaseStatement
  private readonly nextDueStatement
  private readonly finishStatement
  private readonly releaseStatement
  private readonly insertAttemptStatement
  private readonly attemptsStatement
  private readonly pruneStatements
  private readonly cycleTransaction
  /** Called after an event is recorded (inside the writer's transaction): the deliverer looks once it commits. */
  onRecorded: (() => void) | undefined

  constructor (sqlite: Sqlite) {
    this.anySubscriberStatement = sqlite.prepare<{ type: string }, number>(`SELECT EXISTS (SELECT 1 FROM webhook_subscriptions s
      WHERE EXISTS (SELECT 1 FROM json_each(s.events) WHERE value IN (@type, '*')))`).pluck()
    this.insertEventStatement = sqlite.prepare<NewEvent & { subscriptionId: string | null, createdAtMs: number }>(`INSERT INTO webhook_events
      (id, type, body, created_at, created_at_ms, ordering_key, subscription_id)
      VALUES (@id, @type, @body, @createdAt, @createdAtMs, @orderingKey, @subscriptionId)`)
    // An event goes to the subscriptions that existed when it was made and want its type, or to its one
    // subscription; in seq order, so that FIRST_IN_LINE keeps each prompt's events in order.
    this.fanOutStatements = {
      insert: sqlite.prepare(`INSERT INTO webhook_deliveries
        (event_seq, subscription_id, ordering_key, status, attempts, created_at_ms, next_attempt_at_ms, lease_until_ms)
        SELECT e.seq, s.id, e.ordering_key, 'pending', 0, e.created_at_ms, e.created_at_ms, 0
        FROM webhook_events e JOIN webhook_subscriptions s ON CASE WHEN e.subscription_id IS NULL
          THEN s.created_at <= e.created_at AND EXISTS (SELECT 1 FROM json_each(s.events) WHERE value IN (e.type, '*'))
          ELSE s.id = e.subscription_id END
        WHERE e.seq > (SELECT last_seq FROM webhook_fan_out WHERE id = 1)
          AND e.seq <= (SELECT last_seq FROM webhook_fan_out WHERE id = 1) + ${FAN_OUT_BATCH}
        ORDER BY e.seq, s.id`),
      // Seqs only grow (AUTOINCREMENT), and events past the cursor are never pruned: the next batch starts after it.
      // With nothing new no row changes, so an idle claim writes nothing (other connections see no new data version).
      advance: sqlite.prepare(`UPDATE webhook_fan_out
        SET last_seq = min(last_seq + ${FAN_OUT_BATCH}, (SELECT max(seq) FROM webhook_events))
        WHERE id = 1 AND last_seq < (SELECT max(seq) FROM webhook_events)`)
    }
    this.dueStatement = sqlite.prepare<{ now: number, limit: number }, ClaimedDelivery>(`SELECT d.id, d.attempts, d.created_at_ms AS createdAtMs,
        e.id AS eventId, e.type, e.body, s.id AS subscriptionId, s.url, s.secret_ciphertext AS secretCiphertext
      FROM webhook_deliveries d
      JOIN webhook_events e ON e.seq = d.event_seq
      JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.status = 'pending' AND d.next_attempt_at_ms <= @now AND d.lease_until_ms <= @now AND ${FIRST_IN_LINE}
      ORDER BY d.next_attempt_at_ms, d.id LIMIT @limit`)
    this.leaseStatement = sqlite.prepare<[number, number]>('UPDATE webhook_deliveries SET lease_until_ms = ? WHERE id = ?')
    // Events not fanned out yet (recorded by another instance) are due at once.
    this.nextDueStatement = sqlite.prepare<[], number | null>(`SELECT CASE
      WHEN EXISTS (SELECT 1 FROM webhook_events WHERE seq > (SELECT last_seq FROM webhook_fan_out WHERE id = 1)) THEN 0
      ELSE (SELECT min(max(d.next_attempt_at_ms, d.lease_until_ms)) FROM webhook_deliveries d WHERE d.status = 'pending' AND ${FIRST_IN_LINE}) END`).pluck()
    this.finishStatement = sqlite.prepare<{ id: number, status: string, nextAttemptAtMs: number }>(`UPDATE webhook_deliveries
      SET status = @status, attempts = attempts + 1, next_attempt_at_ms = @nextAttemptAtMs, lease_until_ms = 0 WHERE id = @id`)
    this.releaseStatement = sqlite.prepare<[number]>('UPDATE webhook_deliveries SET lease_until_ms = 0 WHERE id = ? AND status = \'pending\'')
    this.insertAttemptStatement = sqlite.prepare<NewAttempt>(`INSERT INTO webhook_attempts
      (subscription_id, delivery_id, event_id, type, attempt, status, response_status, duration_ms, error, at)
      SELECT @subscriptionId, @deliveryId, @eventId, @type, @attempt, @status, @responseStatus, @durationMs, @error, @at
      WHERE EXISTS (SELECT 1 FROM webhook_subscriptions WHERE id = @subscriptionId)`)
    this.attemptsStatement = sqlite.prepare<{ subscriptionId: string, before: number | null, limit: number }, AttemptRow>(`SELECT id,
        event_id AS eventId, type, attempt, status, response_status AS responseStatus, duration_ms AS durationMs, error, at
      FROM webhook_attempts WHERE subscription_id = @subscriptionId AND (@before IS NULL OR id < @before)
      ORDER BY id DESC LIMIT @limit`)
    this.pruneStatements = {
      deliveries: sqlite.prepare<[number]>('DELETE FROM webhook_deliveries WHERE status <> \'pending\' AND created_at_ms < ?'),
      events: sqlite.prepare<[string]>(`DELETE FROM webhook_events WHERE created_at < ?
        AND seq <= (SELECT last_seq FROM webhook_fan_out WHERE id = 1) AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_seq = webhook_events.seq)`),
      attempts: sqlite.prepare<[string]>('DELETE FROM webhook_attempts WHERE at < ?')
    }
    // BEGIN IMMEDIATE: instances on one database claim one after another, so each row goes to one of them.
    this.cycleTransaction = sqlite.transaction((finished: readonly FinishedDelivery[], now: number, limit: number, leaseUntil: number) => {
      this.fanOutStatements.insert.run()
      this.fanOutStatements.advance.run()
      for (const { id, status, nextAttemptAtMs, attempt } of finished) {
        this.finishStatement.run({ id, status, nextAttemptAtMs })
        this.insertAttemptStatement.run(attempt)
      }
      const rows = limit > 0 ? this.dueStatement.all({ now, limit }) : []
      for (const row of rows) this.leaseStatement.run(leaseUntil, row.id)
      return rows
    })
  }

  /** Whether any subscription wants events of this type. */
  wanted (type: string): boolean {
    return this.anySubscriberStatement.get({ type }) === 1
  }

  /**
   * Stores an event for the subscriptions that want its type when the deliverer next claims (ask wanted() first:
   * without one, nothing need be made). Call inside the transaction of the change.
   */
  record (event: NewEvent): void {
    this.insert(event, null)
  }

  /** Stores an event for one subscription (ping). */
  recordFor (subscriptionId: string, event: NewEvent): void {
    this.insert(event, subscriptionId)
  }

  private insert (event: NewEvent, subscriptionId: string | null): void {
    this.insertEventStatement.run({ ...event, subscriptionId, createdAtMs: Date.parse(event.createdAt) })
    this.onRecorded?.()
  }

  /**
   * One transaction per turn of the deliverer: fans the events recorded since the last turn out to their
   * subscriptions (up to FAN_OUT_BATCH; nextDue() is 0 while more wait), records the outcomes of finished deliveries, then claims up to `limit` due rows until
   * `leaseUntil`. Rows behind a pending row of the same subscription and prompt wait.
   */
  cycle (finished: readonly FinishedDelivery[], now: number, limit: number, leaseUntil: number): ClaimedDelivery[] {
    return this.cycleTransaction.immediate(finished, now, limit, leaseUntil)
  }

  /** When the next claimable row becomes due (epoch ms), or null when nothing is pending. */
  nextDue (): number | null {
    return this.nextDueStatement.get() ?? null
  }

  release (id: number): void {
    this.releaseStatement.run(id)
  }

  attempts (subscriptionId: string, before: number | null, limit: number): AttemptRow[] {
    return this.attemptsStatement.all({ subscriptionId, before, limit })
  }

  /** Drops finished deliveries and their events before `deliveriesBeforeMs`, and log lines before `attemptsBefore`. */
  prune (deliveriesBeforeMs: number, attemptsBefore: string): void {
    this.pruneStatements.deliveries.run(deliveriesBeforeMs)
    this.pruneStatements.events.run(new Date(deliveriesBeforeMs).toISOString())
    this.pruneStatements.attempts.run(attemptsBefore)
  }
}
