import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openStore } from '../../src/db/open.js'
import { Library } from '../../src/services/library.js'
import { PromptWriter } from '../../src/services/prompt-writer.js'
import { seedFromFile } from '../../src/services/seed-from-file.js'
import { storeAtMigration } from '../helpers/store-at-migration.js'

describe('search migrations', () => {
  const directory = mkdtempSync(join(tmpdir(), 'promptshelf-migration-'))
  after(() => { rmSync(directory, { recursive: true, force: true }) })

  it('0001 indexes the prompts of a store seeded before it ran', () => {
    // A store at migration 0000 only, seeded.
    const { sqlite: old, orm, path } = storeAtMigration(directory, 0)
    // Seeded through the real code path, as the release before search did.
    seedFromFile(new Library({ sqlite: old, orm, path }))
    assert.equal(old.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'prompt_search'").pluck().get(), 0)
    old.close()

    // Opening it applies 0001, which indexes what is there.
    const store = openStore(path)
    try {
      assert.equal(store.sqlite.prepare('SELECT count(*) FROM prompt_search').pluck().get(), 150)
      assert.equal(store.sqlite.prepare("SELECT count(*) FROM prompt_search WHERE prompt_search MATCH 'fanoutfail'").pluck().get(), 1)
    } finally {
      store.sqlite.close()
    }
  })

  it('0006 keeps the index of a store indexed before it, and writes go on indexing at once', () => {
    const { sqlite: old, orm, path } = storeAtMigration(directory, 5)
    seedFromFile(new Library({ sqlite: old, orm, path }))
    assert.equal(old.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'search_indexing'").pluck().get(), 0)
    old.close()

    const store = openStore(path)
    try {
      const count = (sql: string): unknown => store.sqlite.prepare(sql).pluck().get()
      assert.equal(count('SELECT deferred FROM search_indexing WHERE id = 1'), 0)
      assert.equal(count('SELECT count(*) FROM search_document_source'), 150)
      assert.equal(count(`SELECT count(*) FROM search_documents d JOIN prompt_search s ON s.rowid = d.doc_id
        JOIN search_document_source v ON v.prompt_id = d.prompt_id
        WHERE s.template = v.template AND s.variables = v.variables AND s.category = v.category AND s.tags = v.tags`), 150,
        'the view builds the documents the earlier trigger built')
      const library = new Library(store)
      new PromptWriter(library).patch('sagas-1', 'any', { template: 'Plan a zanzibarish saga.', variables: [] }, 'test')
      assert.equal(count("SELECT d.prompt_id FROM prompt_search s JOIN search_documents d ON d.doc_id = s.rowid WHERE prompt_search MATCH 'zanzibarish'"), 'sagas-1')
      assert.equal(count('SELECT count(*) FROM search_reindex'), 0)
    } finally {
      store.sqlite.close()
    }
  })
})
