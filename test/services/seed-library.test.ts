import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openStore } from '../../src/db/open.js'
import { Library } from '../../src/services/library.js'
import { seedFromFile, seedIfEmpty } from '../../src/services/seed-from-file.js'

const directory = mkdtempSync(join(tmpdir(), 'promptshelf-seed-'))
after(() => rmSync(directory, { recursive: true, force: true }))

function snapshot (library: Library): string {
  const db = library.store.sqlite
  return JSON.stringify([
    db.prepare('SELECT * FROM categories ORDER BY id').all(),
    db.prepare('SELECT * FROM prompts ORDER BY id').all(),
    db.prepare('SELECT * FROM prompt_versions ORDER BY prompt_id, version').all(),
    db.prepare('SELECT * FROM prompt_tags ORDER BY prompt_id, tag').all()
  ])
}

describe('seeding', () => {
  it('adds 45 categories and 150 prompts once; a second run changes nothing', () => {
    const store = openStore(join(directory, 'seed.db'))
    const library = new Library(store)
    assert.deepEqual(seedFromFile(library), { categoriesCreated: 45, promptsCreated: 150 })
    const before = snapshot(library)
    assert.deepEqual(seedFromFile(library), { categoriesCreated: 0, promptsCreated: 0 })
    assert.equal(snapshot(library), before)
    assert.equal(seedIfEmpty(library), undefined)
    assert.equal(library.prompts.liveCount(), 150)
    const ids = store.sqlite.prepare("SELECT id FROM prompts WHERE category_id = (SELECT id FROM categories WHERE slug = 'sagas') ORDER BY position").all()
    assert.deepEqual(ids, ['sagas-1', 'sagas-2', 'sagas-3', 'sagas-4', 'sagas-5'].map((id) => ({ id })))
    store.sqlite.close()
  })

  it('keeps the seed document\'s title and closing text', () => {
    const store = openStore(join(directory, 'meta.db'))
    const library = new Library(store)
    seedFromFile(library)
    assert.match(library.meta.get('preamble')!, /^\n\n# PROMPTS\.MD: Effective Prompts/)
    assert.match(library.meta.get('closing')!, /^These prompts are designed/)
    store.sqlite.close()
  })
})
