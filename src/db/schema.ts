// The prompt store's tables: the single source of truth for drizzle-kit migrations.

import { sql } from 'drizzle-orm'
import { check, foreignKey, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** A tree of categories: a section (parent null), then its subsections. */
export const categories = sqliteTable('categories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  parentId: integer('parent_id'),
  /** Document order across the whole tree: a section, then its subsections, then the next section. */
  position: integer('position').notNull()
}, (t) => [
  uniqueIndex('categories_slug_unique').on(t.slug),
  index('categories_position_idx').on(t.position),
  foreignKey({ columns: [t.parentId], foreignColumns: [t.id] })
])

/** One row per prompt; its content lives in prompt_versions at current_version. */
export const prompts = sqliteTable('prompts', {
  id: text('id').primaryKey(),
  categoryId: integer('category_id').notNull().references(() => categories.id),
  /** 1-based position inside its category (document order). */
  position: integer('position').notNull(),
  currentVersion: integer('current_version').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deletedAt: text('deleted_at')
}, (t) => [
  index('prompts_category_position_idx').on(t.categoryId, t.position),
  // The ids of the form <prefix>-<digits> by prefix, longest (so largest) first: the next free <category>-<n>
  // is found in one step instead of a scan of every prompt.
  index('prompts_numbered_id_idx').on(sql`rtrim(${t.id}, '0123456789')`, sql`length(${t.id})`, t.id)
])

/** Immutable history: every change to a prompt is a new row here. */
export const promptVersions = sqliteTable('prompt_versions', {
  promptId: text('prompt_id').notNull().references(() => prompts.id),
  version: integer('version').notNull(),
  template: text('template').notNull(),
  /** JSON array of { name, description, examples, required, default? }. */
  variables: text('variables').notNull(),
  /** JSON array of tag strings. */
  tags: text('tags').notNull(),
  categoryId: integer('category_id').notNull().references(() => categories.id),
  /** Name of the API key that made this version; "seed" for the seeded library. */
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull(),
  renderCount: integer('render_count').notNull().default(0),
  /** "text" (the content is template) or "chat" (the content is messages; template is ''). */
  type: text('type').notNull().default('text'),
  /** JSON array of { role, content } and { placeholder } entries; null for a text prompt. */
  messages: text('messages'),
  /** JSON object: model settings that go with the version. */
  config: text('config').notNull().default('{}'),
  /** The commit message of the version, if one was sent. */
  message: text('message')
}, (t) => [primaryKey({ columns: [t.promptId, t.version] })])

/** The current version's tags, kept in step by every write, so that ?tag= is an index lookup. */
export const promptTags = sqliteTable('prompt_tags', {
  promptId: text('prompt_id').notNull().references(() => prompts.id),
  tag: text('tag').notNull()
}, (t) => [
  primaryKey({ columns: [t.promptId, t.tag] }),
  index('prompt_tags_tag_idx').on(t.tag)
])

/** Named pointers to versions (production, staging, …). */
export const promptLabels = sqliteTable('prompt_labels', {
  promptId: text('prompt_id').notNull().references(() => prompts.id),
  label: text('label').notNull(),
  /** The version served; for a split label, the split with the largest weight. */
  version: integer('version').notNull(),
  updatedAt: text('updated_at').notNull(),
  /** JSON array of { version, weight } when the label splits traffic; null otherwise. */
  splits: text('splits'),
  /** Name of the key that made the last change; null for labels set before labels kept history. */
  updatedBy: text('updated_by')
}, (t) => [primaryKey({ columns: [t.promptId, t.label] })])

/** Every change of a label, oldest first by id: from and to are JSON pointers ({ version } or { splits }), null for created/removed. */
export const labelHistory = sqliteTable('label_history', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  promptId: text('prompt_id').notNull().references(() => prompts.id),
  label: text('label').notNull(),
  fromTarget: text('from_target'),
  toTarget: text('to_target'),
  by: text('by').notNull(),
  at: text('at').notNull(),
  reason: text('reason')
}, (t) => [index('label_history_prompt_label_idx').on(t.promptId, t.label, t.id)])

/** API keys: only a hash of the secret is stored. */
export const apiKeys = sqliteTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** The first characters of the secret, shown in listings so that people can tell keys apart. */
  prefix: text('prefix').notNull(),
  hash: text('hash').notNull(),
  /** JSON array of scopes. */
  scopes: text('scopes').notNull(),
  rateLimitMax: integer('rate_limit_max'),
  rateLimitWindowSeconds: integer('rate_limit_window_seconds'),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at')
}, (t) => [uniqueIndex('api_keys_hash_unique').on(t.hash)])

/** Stored responses for Idempotency-Key replays, per API key. */
export const idempotencyRecords = sqliteTable('idempotency_records', {
  ownerKey: text('owner_key').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  requestHash: text('request_hash').notNull(),
  /** null while the first request is in flight. */
  statusCode: integer('status_code'),
  responseHeaders: text('response_headers'),
  responseBody: text('response_body'),
  createdAt: text('created_at').notNull()
}, (t) => [primaryKey({ columns: [t.ownerKey, t.idempotencyKey] })])

/** The library document's own text around the prompts (title, introduction, closing), for export. */
export const libraryMeta = sqliteTable('library_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull()
})


/** Webhook subscriptions; the signing secret is stored encrypted (AES-256-GCM), never in clear. */
export const webhookSubscriptions = sqliteTable('webhook_subscriptions', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  /** JSON array of event types, or ["*"]. */
  events: text('events').notNull(),
  description: text('description').notNull(),
  secretCiphertext: text('secret_ciphertext').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull()
})

/**
 * The outbox: one row per event, written in the same transaction as the change that makes it. The deliverer fans
 * each event out to the subscriptions that want it (webhook_deliveries) in a transaction of its own, so that a
 * write pays for one row however many subscribers there are. ordering_key and created_at_ms are null only on rows
 * written before migration 0008, which were fanned out when they were written.
 */
export const webhookEvents = sqliteTable('webhook_events', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  /** 16 random bytes: the webhook-id every subscriber receives. */
  id: text('id').notNull(),
  type: text('type').notNull(),
  /** The exact body every subscriber receives (and whose signature it checks). */
  body: text('body').notNull(),
  createdAt: text('created_at').notNull(),
  /** Epoch milliseconds: the start of the event's retry window. */
  createdAtMs: integer('created_at_ms'),
  /** Deliveries with the same key (the prompt id) reach a subscription in event order. */
  orderingKey: text('ordering_key'),
  /** The one subscription the event is for (a ping); null for every subscription that wants its type. */
  subscriptionId: text('subscription_id')
})

/** One row: the last event (seq) fanned out to webhook_deliveries; later ones are fanned out by the next claim. */
export const webhookFanOut = sqliteTable('webhook_fan_out', {
  id: integer('id').primaryKey(),
  lastSeq: integer('last_seq').notNull()
})

/** One row per (event, subscription): the delivery queue, claimed by one instance at a time through a lease. */
export const webhookDeliveries = sqliteTable('webhook_deliveries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  eventSeq: integer('event_seq').notNull(),
  subscriptionId: text('subscription_id').notNull(),
  /** Deliveries with the same key (the prompt id) reach a subscription in event order. */
  orderingKey: text('ordering_key').notNull(),
  /** pending, delivered or failed. */
  status: text('status').notNull(),
  attempts: integer('attempts').notNull().default(0),
  /** Epoch milliseconds. */
  createdAtMs: integer('created_at_ms').notNull(),
  nextAttemptAtMs: integer('next_attempt_at_ms').notNull(),
  leaseUntilMs: integer('lease_until_ms').notNull().default(0)
}, (t) => [
  index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAtMs),
  index('webhook_deliveries_order_idx').on(t.subscriptionId, t.orderingKey, t.status, t.eventSeq)
])

/** The deliveries log: one row per attempt, shown per subscription newest first. */
export const webhookAttempts = sqliteTable('webhook_attempts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  subscriptionId: text('subscription_id').notNull(),
  deliveryId: integer('delivery_id').notNull(),
  eventId: text('event_id').notNull(),
  type: text('type').notNull(),
  attempt: integer('attempt').notNull(),
  /** delivered, retrying or failed. */
  status: text('status').notNull(),
  responseStatus: integer('response_status'),
  durationMs: integer('duration_ms').notNull(),
  error: text('error'),
  at: text('at').notNull()
}, (t) => [index('webhook_attempts_subscription_idx').on(t.subscriptionId, t.id)])

/**
 * One row: whether the search index waits for the end of a bulk write (migrations/0006_search_index_deferral.sql).
 * Set and cleared inside one transaction, so no commit ever leaves it set.
 */
export const searchIndexing = sqliteTable('search_indexing', {
  id: integer('id').primaryKey(),
  deferred: integer('deferred', { mode: 'boolean' }).notNull().default(false)
}, () => [check('search_indexing_one_row', sql`id = 1`)])
