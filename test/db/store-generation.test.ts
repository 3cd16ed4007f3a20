import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openStore } from '../../src/db/open.js'
import { Library } from '../../src/services/library.js'
import { seedFromFile } from '../../src/services/seed-from-file.js'
import { storeAtMigration } from '../helpers/store-at-migration.js'

const directory = mkdtempSync(join(tmpdir(), 'promptshelf-store-generation-'))
after(() => rmSync(directory, { recursive: true, force: true }))

const NOW = '2026-01-01T00:00:00.000Z'

describe('store_generation (migration 0009)', () => {
  const store = openStore(join(directory, 'store.db'))
  seedFromFile(new Library(store))
  const db = store.sqlite
  after(() => db.close())
  const generation = (): number => db.prepare('SELECT generation FROM store_generation WHERE id = 1').pluck().get() as number

  it('moves with an insert, an update and a delete in every table whose rows reads show', () => {
    const changes: Array<[string, string]> = [
      ['categories', "INSERT INTO categories (slug, name, parent_id, position) VALUES ('gen-test', 'Gen', NULL, 999)"],
      ['categories', "UPDATE categories SET name = 'Gen 2' WHERE slug = 'gen-test'"],
      ['prompts', `INSERT INTO prompts (id, category_id, position, current_version, created_at, updated_at) VALUES ('gen-1', (SELECT id FROM categories WHERE slug = 'gen-test'), 1, 1, '${NOW}', '${NOW}')`],
      ['prompt_versions', `INSERT INTO prompt_versions (prompt_id, version, template, variables, tags, category_id, created_by, created_at) VALUES ('gen-1', 1, 'x', '[]', '[]', (SELECT id FROM categories WHERE slug = 'gen-test'), 'test', '${NOW}')`],
      ['prompt_versions', "UPDATE prompt_versions SET render_count = render_count + 3 WHERE prompt_id = 'gen-1'"],
      ['prompt_tags', "INSERT INTO prompt_tags (prompt_id, tag) VALUES ('gen-1', 'gen')"],
      ['prompt_labels', `INSERT INTO prompt_labels (prompt_id, label, version, updated_at, updated_by) VALUES ('gen-1', 'production', 1, '${NOW}', 'test')`],
      ['label_history', `INSERT INTO label_history (prompt_id, label, from_target, to_target, by, at) VALUES ('gen-1', 'production', NULL, '1', 'test', '${NOW}')`],
      ['api_keys', `INSERT INTO api_keys (id, name, prefix, hash, scopes, created_at) VALUES ('key_gen', 'gen', 'psk_gen', 'hash', '[]', '${NOW}')`],
      ['api_keys', `UPDATE api_keys SET revoked_at = '${NOW}' WHERE id = 'key_gen'`],
      ['webhook_subscriptions', `INSERT INTO webhook_subscriptions (id, url, events, description, secret_ciphertext, created_at, updated_at) VALUES ('whs_gen', 'https://example.com/hook', '[]', '', 'x', '${NOW}', '${NOW}')`],
      ['library_meta', "INSERT INTO library_meta (key, value) VALUES ('gen-test', 'x')"],
      ['library_meta', "DELETE FROM library_meta WHERE key = 'gen-test'"],
      ['webhook_subscriptions', "DELETE FROM webhook_subscriptions WHERE id = 'whs_gen'"],
      ['api_keys', "DELETE FROM api_keys WHERE id = 'key_gen'"],
      ['label_history', "DELETE FROM label_history WHERE prompt_id = 'gen-1'"],
      ['prompt_labels', "DELETE FROM prompt_labels WHERE prompt_id = 'gen-1'"],
      ['prompt_tags', "DELETE FROM prompt_tags WHERE prompt_id = 'gen-1'"],
      ['prompts', `UPDATE prompts SET deleted_at = '${NOW}' WHERE id = 'gen-1'`],
      ['prompt_versions', "DELETE FROM prompt_versions WHERE prompt_id = 'gen-1'"],
      ['prompts', "DELETE FROM prompts WHERE id = 'gen-1'"],
      ['categories', "DELETE FROM categories WHERE slug = 'gen-test'"]
    ]
    for (const [table, sql] of changes) {
      const before = generation()
      assert.equal(db.prepare(sql).run().changes, 1, sql)
      assert.ok(generation() > before, `${table}: ${sql}`)
    }
  })

  it('stays where it was for webhook delivery bookkeeping and the search index', () => {
    const before = generation()
    db.prepare('UPDATE webhook_fan_out SET last_seq = last_seq + 1 WHERE id = 1').run()
    db.prepare("INSERT INTO webhook_attempts (delivery_id, subscription_id, event_id, attempt, at, status, duration_ms) SELECT -1, 'whs_x', 'evt_x', 1, '2026-01-01', 'failed', 1 WHERE 0").run()
    db.prepare('DELETE FROM webhook_deliveries WHERE id = -1').run()
    db.prepare('UPDATE search_generation SET generation = generation + 1 WHERE id = 1').run()
    assert.equal(generation(), before)
  })

  it('stands aside while a bulk write defers indexing, and moves once when it ends', () => {
    const library = new Library(store)
    const before = generation()
    library.transaction(() => {
      library.searchIndex.defer()
      for (let i = 0; i < 20; i++) db.prepare("INSERT INTO categories (slug, name, parent_id, position) VALUES (?, 'Bulk', NULL, ?)").run(`bulk-${i}`, 2000 + i)
      db.prepare("UPDATE prompt_versions SET render_count = render_count + 1 WHERE prompt_id = 'sagas-1'").run()
      assert.equal(generation(), before, 'no trigger ran while deferred')
      library.searchIndex.indexQueued()
    })
    assert.equal(generation(), before + 1)
    db.prepare("DELETE FROM categories WHERE slug LIKE 'bulk-%'").run()
    assert.ok(generation() > before + 1, 'after the bulk write, triggers run again')
  })

  it('is added at 0 to a store made before it, whose data stays', () => {
    const { sqlite: old, path } = storeAtMigration(directory, 8)
    old.prepare("INSERT INTO categories (slug, name, parent_id, position) VALUES ('old', 'Old', NULL, 1)").run()
    old.close()
    const migrated = openStore(path)
    try {
      assert.equal(migrated.sqlite.prepare('SELECT generation FROM store_generation WHERE id = 1').pluck().get(), 0)
      assert.equal(migrated.sqlite.prepare("SELECT name FROM categories WHERE slug = 'old'").pluck().get(), 'Old')
    } finally {
      migrated.sqlite.close()
    }
  })
})
