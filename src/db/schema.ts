// The prompt store's tables: the single source of truth for drizzle-kit migrations.

import { foreignKey, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

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
  index('prompts_category_position_idx').on(t.categoryId, t.position)
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
  version: integer('version').notNull(),
  updatedAt: text('updated_at').notNull()
}, (t) => [primaryKey({ columns: [t.promptId, t.label] })])

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

