import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { openStore } from '../../src/db/open.js'
import * as schema from '../../src/db/schema.js'
import { migrationsFolder } from '../../src/project-root.js'
import { Library } from '../../src/services/library.js'
import { seedFromFile } from '../../src/services/seed-from-file.js'

describe('migration 0001_search', () => {
  const directory = mkdtempSync(join(tmpdir(), 'promptshelf-migration-'))
  after(() => { rmSync(directory, { recursive: true, force: true }) })

  it('indexes the prompts of a store seeded before it ran', () => {
    // A store at migration 0000 only, seeded.
    const before = join(directory, 'migrations-0000')
    cpSync(migrationsFolder, before, { recursive: true })
    const journalPath = join(before, 'meta', '_journal.json')
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> }
    journal.entries = journal.entries.filter((entry) => entry.tag === '0000_init')
    writeFileSync(journalPath, JSON.stringify(journal))
    const path = join(directory, 'old.db')
    const old = new Database(path)
    const orm = drizzle(old, { schema })
    migrate(orm, { migrationsFolder: before })
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

})
