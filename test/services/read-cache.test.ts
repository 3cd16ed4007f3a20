import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

describe('cached reads stay fresh', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('shows a commit made by another connection (another process) on the next read', async () => {
    const before = await t.http.get('/v1/prompts/sagas-3').expect(200)
    await t.http.get('/v1/prompts?category=sagas').expect(200)
    const other = new Database(t.config.databasePath)
    try {
      other.prepare("UPDATE prompt_versions SET template = 'changed elsewhere' WHERE prompt_id = 'sagas-3'").run()
      other.prepare("UPDATE prompts SET deleted_at = '2026-01-01T00:00:00.000Z' WHERE id = 'sagas-5'").run()
    } finally {
      other.close()
    }
    const after = await t.http.get('/v1/prompts/sagas-3').expect(200)
    assert.notEqual(before.body.template, 'changed elsewhere')
    assert.equal(after.body.template, 'changed elsewhere')
    const list = await t.http.get('/v1/prompts?category=sagas').expect(200)
    assert.deepEqual(list.body.items.map((p: { id: string }) => p.id), ['sagas-1', 'sagas-2', 'sagas-3', 'sagas-4'])
    const categories = await t.http.get('/v1/categories').expect(200)
    assert.equal(categories.body.items.find((c: { slug: string }) => c.slug === 'sagas').promptCount, 4)
  })

  it('shows a write made through this process\'s library on the next read', async () => {
    await t.http.get('/v1/prompts/sagas-1').expect(200)
    t.app.library.transaction(() => {
      t.app.library.store.sqlite.prepare("UPDATE prompt_versions SET template = 'changed here' WHERE prompt_id = 'sagas-1'").run()
    })
    assert.equal((await t.http.get('/v1/prompts/sagas-1').expect(200)).body.template, 'changed here')
  })

  it('answers a repeated search from the cache until a write through the API changes the answer', async () => {
    const first = await t.http.get('/v1/prompts?q=quokka').expect(200)
    assert.deepEqual(first.body.items, [])
    const current = await t.http.get('/v1/prompts/sagas-2').expect(200)
    await t.http.patch('/v1/prompts/sagas-2').set('authorization', `Bearer ${TEST_ADMIN_KEY}`).set('if-match', current.headers.etag!)
      .send({ template: 'Write a saga for a quokka sanctuary.' }).expect(200)
    const after = await t.http.get('/v1/prompts?q=quokka').expect(200)
    assert.deepEqual(after.body.items.map((p: { id: string }) => p.id), ['sagas-2'])
  })

  it('sees a category added by another process', async () => {
    const other = new Database(t.config.databasePath)
    try {
      other.prepare("INSERT INTO categories (slug, name, parent_id, position) VALUES ('brand-new', 'Brand New', NULL, 1000)").run()
    } finally {
      other.close()
    }
    await t.http.get('/v1/prompts?category=brand-new').expect(200)
  })

  it('serves every route, cached or not, for a category and prompt another process added', async () => {
    const other = new Database(t.config.databasePath)
    try {
      other.exec(`INSERT INTO categories (slug, name, parent_id, position) VALUES ('ext', 'Ext', NULL, 2000);
        INSERT INTO prompts (id, category_id, position, current_version, created_at, updated_at)
          VALUES ('ext-1', (SELECT id FROM categories WHERE slug = 'ext'), 1, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
        INSERT INTO prompt_versions (prompt_id, version, template, variables, tags, category_id, created_by, created_at)
          VALUES ('ext-1', 1, 'External {{x}}', '[{"name":"x","description":"","examples":[],"required":true}]', '[]',
            (SELECT id FROM categories WHERE slug = 'ext'), 'cli', '2026-01-01T00:00:00.000Z');`)
    } finally {
      other.close()
    }
    const auth = { authorization: `Bearer ${TEST_ADMIN_KEY}` }
    await t.http.get('/v1/prompts/ext-1/versions').expect(200)
    await t.http.get('/v1/export?format=json').expect(200)
    const patched = await t.http.patch('/v1/prompts/ext-1').set(auth).set('if-match', '"ext-1.v1"').send({ template: 'External {{x}}, edited' }).expect(200)
    assert.equal(patched.body.category, 'ext')
    await t.http.post('/v1/prompts').set(auth).send({ category: 'ext', template: 'Another' }).expect(201)
  })

  it('keeps what it read while another connection commits only webhook delivery bookkeeping, and drops it for a label', async () => {
    const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5))
    await t.http.get('/v1/prompts/sagas-4').expect(200)
    const tree = t.app.library.categoryTree
    const generation = t.app.library.generation()
    const other = new Database(t.config.databasePath)
    try {
      for (let i = 0; i < 5; i++) {
        // What the deliverer's thread commits while it delivers: its fan-out cursor, its claims and attempts.
        other.prepare('UPDATE webhook_fan_out SET last_seq = last_seq + 1 WHERE id = 1').run()
        other.prepare('UPDATE webhook_deliveries SET lease_until_ms = 0 WHERE id = -1').run()
        await pause()
        assert.equal(t.app.library.generation(), generation, 'bookkeeping is not a change of what reads show')
      }
      assert.equal(t.app.library.categoryTree, tree, 'the category tree was not reloaded')
      other.prepare("INSERT INTO prompt_labels (prompt_id, label, version, updated_at, updated_by) VALUES ('sagas-4', 'elsewhere', 1, '2026-01-01T00:00:00.000Z', 'other')").run()
      await pause()
      assert.notEqual(t.app.library.generation(), generation, 'a label set elsewhere is a change')
      assert.equal((await t.http.get('/v1/prompts/sagas-4?label=elsewhere').expect(200)).body.version, 1)
    } finally {
      other.close()
    }
  })
})
