// The outbox on a real SQLite file: a change stores one event row, and the deliverer's claim fans it out to the
// subscriptions that wanted it when it was made; a store migrated from before the fan-out keeps its queue.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openConnection } from '../../src/db/connection.js'
import { openStore } from '../../src/db/open.js'
import { WebhookOutboxRepository } from '../../src/repositories/webhook-outbox-repository.js'
import { WebhookSubscriptionRepository } from '../../src/repositories/webhook-subscription-repository.js'
import { storeAtMigration } from '../helpers/store-at-migration.js'

const FAR_LEASE = Date.now() + 60_000

function subscription (id: string, events: string[], createdAt: string): Parameters<WebhookSubscriptionRepository['insert']>[0] {
  return { id, url: `http://127.0.0.1:9/${id}`, events, description: '', secretCiphertext: 'v1:x', createdAt, updatedAt: createdAt }
}

function event (id: string, type: string, createdAt: string, orderingKey = 'sagas-1'): Parameters<WebhookOutboxRepository['record']>[0] {
  return { id, type, orderingKey, body: JSON.stringify({ type, timestamp: createdAt, data: { id: orderingKey } }), createdAt }
}

describe('the webhook outbox', () => {
  const directory = mkdtempSync(join(tmpdir(), 'promptshelf-outbox-'))
  after(() => { rmSync(directory, { recursive: true, force: true }) })

  it('stores one row per event and fans it out, once, to the subscriptions that wanted it then', () => {
    const store = openStore(join(directory, 'fan-out.db'))
    try {
      const outbox = new WebhookOutboxRepository(store.sqlite)
      const subscriptions = new WebhookSubscriptionRepository(store.sqlite)
      const count = (table: string): number => store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
      subscriptions.insert(subscription('wh_all', ['*'], '2026-12-01T10:00:00.000Z'))
      subscriptions.insert(subscription('wh_labels', ['label.moved'], '2026-12-01T10:00:00.000Z'))
      subscriptions.insert(subscription('wh_created', ['prompt.created'], '2026-12-01T10:00:00.000Z'))
      assert.equal(outbox.wanted('prompt.created'), true)
      assert.equal(outbox.wanted('prompt.deleted'), true)
      subscriptions.delete('wh_all')
      assert.equal(outbox.wanted('prompt.deleted'), false)
      subscriptions.insert(subscription('wh_all', ['*'], '2026-12-01T10:00:00.000Z'))

      let recorded = 0
      outbox.onRecorded = () => { recorded++ }
      outbox.record(event('msg_a', 'prompt.created', '2026-12-01T11:00:00.000Z'))
      outbox.record(event('msg_b', 'prompt.version.created', '2026-12-01T11:00:01.000Z'))
      outbox.recordFor('wh_labels', event('msg_ping', 'ping', '2026-12-01T11:00:02.000Z', 'ping:wh_labels'))
      assert.equal(recorded, 3)
      // The change's transaction wrote the events alone.
      assert.equal(count('webhook_events'), 3)
      assert.equal(count('webhook_deliveries'), 0)
      assert.equal(outbox.nextDue(), 0, 'events not fanned out are due at once')
      // Made after the events: it does not receive them.
      subscriptions.insert(subscription('wh_late', ['*'], '2026-12-01T12:00:00.000Z'))

      const claimed = outbox.cycle([], Date.now(), 10, FAR_LEASE)
      assert.deepEqual(claimed.map((row) => [row.eventId, row.subscriptionId]).sort(), [
        ['msg_a', 'wh_all'], ['msg_a', 'wh_created'], ['msg_ping', 'wh_labels']
      ], 'the second event waits behind the first of the same prompt')
      assert.equal(count('webhook_deliveries'), 4)
      const first = claimed.find((row) => row.eventId === 'msg_a')!
      assert.equal(first.createdAtMs, Date.parse('2026-12-01T11:00:00.000Z'), 'the retry window starts with the event')
      assert.equal(first.type, 'prompt.created')

      // Later claims fan out only what is new.
      assert.deepEqual(outbox.cycle([], Date.now(), 10, FAR_LEASE), [])
      assert.equal(count('webhook_deliveries'), 4)
      outbox.record(event('msg_c', 'label.moved', '2026-12-01T12:30:00.000Z', 'sagas-2'))
      const next = outbox.cycle([], Date.now(), 10, FAR_LEASE)
      assert.deepEqual(next.map((row) => [row.eventId, row.subscriptionId]).sort(), [['msg_c', 'wh_all'], ['msg_c', 'wh_labels'], ['msg_c', 'wh_late']])
      assert.equal(count('webhook_deliveries'), 7)

      // A claim with nothing to fan out or claim writes nothing: readers' caches (keyed by the data version) stay.
      const reader = openConnection(store.path)
      try {
        const dataVersion = (): unknown => reader.pragma('data_version', { simple: true })
        const seen = dataVersion()
        assert.deepEqual(outbox.cycle([], Date.now(), 10, FAR_LEASE), [])
        assert.equal(dataVersion(), seen)
        outbox.record(event('msg_d', 'prompt.deleted', '2026-12-01T13:00:00.000Z', 'sagas-3'))
        assert.notEqual(dataVersion(), seen, 'the check can see a commit of the other connection')
      } finally {
        reader.close()
      }
    } finally {
      store.sqlite.close()
    }
  })

  it('fans out a large backlog (an import) in bounded transactions, in order, without losing one', () => {
    const store = openStore(join(directory, 'backlog.db'))
    try {
      const outbox = new WebhookOutboxRepository(store.sqlite)
      const count = (): number => store.sqlite.prepare('SELECT count(*) FROM webhook_deliveries').pluck().get() as number
      new WebhookSubscriptionRepository(store.sqlite).insert(subscription('wh_all', ['*'], '2026-12-01T10:00:00.000Z'))
      store.sqlite.transaction(() => {
        for (let i = 0; i < 2500; i++) outbox.record(event(`msg_${i}`, 'prompt.created', '2026-12-01T11:00:00.000Z', `sagas-${i}`))
      })()
      const fannedOut: number[] = []
      while (outbox.nextDue() === 0) {
        outbox.cycle([], Date.now(), 0, 0)
        fannedOut.push(count())
      }
      assert.deepEqual(fannedOut, [1000, 2000, 2500])
      const seqs = store.sqlite.prepare('SELECT event_seq FROM webhook_deliveries ORDER BY id').pluck().all() as number[]
      assert.deepEqual(seqs, [...seqs].sort((x, y) => x - y))
      assert.equal(new Set(seqs).size, 2500)
    } finally {
      store.sqlite.close()
    }
  })

  it('0008 leaves the deliveries of events written before it as they were', () => {
    const { sqlite: old, path } = storeAtMigration(directory, 7)
    // As the release before 0008 wrote them: the event and its delivery rows together.
    old.exec(`INSERT INTO webhook_subscriptions VALUES ('wh_old', 'http://127.0.0.1:9/old', '["*"]', '', 'v1:x', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z');
      INSERT INTO webhook_events (id, type, body, created_at) VALUES ('msg_old', 'prompt.created', '{}', '2026-11-02T00:00:00.000Z');
      INSERT INTO webhook_deliveries (event_seq, subscription_id, ordering_key, status, attempts, created_at_ms, next_attempt_at_ms, lease_until_ms)
        VALUES (1, 'wh_old', 'sagas-1', 'delivered', 1, 0, 0, 0);`)
    old.close()

    const store = openStore(path)
    try {
      assert.equal(store.sqlite.prepare('SELECT last_seq FROM webhook_fan_out').pluck().get(), 1)
      const outbox = new WebhookOutboxRepository(store.sqlite)
      assert.deepEqual(outbox.cycle([], Date.now(), 10, FAR_LEASE), [], 'the delivered event is not sent again')
      outbox.record(event('msg_new', 'prompt.deleted', new Date().toISOString()))
      assert.deepEqual(outbox.cycle([], Date.now(), 10, FAR_LEASE).map((row) => row.eventId), ['msg_new'])
      assert.equal(store.sqlite.prepare('SELECT count(*) FROM webhook_deliveries').pluck().get(), 2)
    } finally {
      store.sqlite.close()
    }
  })
})
