// A database file migrated only up to an earlier migration, as a release before a later one left it: for tests of
// what the later migrations do to existing data. Opened without openStore, which would apply the rest.
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type { Store } from '../../src/db/open.js'
import * as schema from '../../src/db/schema.js'
import { migrationsFolder } from '../../src/project-root.js'

/** A store at `<directory>/at-<last>.db` with migrations 0000 … last applied (last is the journal's idx). */
export function storeAtMigration (directory: string, last: number): Store {
  const name = String(last).padStart(4, '0')
  const folder = join(directory, `migrations-${name}`)
  cpSync(migrationsFolder, folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ idx: number }> }
  journal.entries = journal.entries.filter((entry) => entry.idx <= last)
  writeFileSync(journalPath, JSON.stringify(journal))
  const path = join(directory, `at-${name}.db`)
  const sqlite = new Database(path)
  const orm = drizzle(sqlite, { schema })
  migrate(orm, { migrationsFolder: folder })
  return { sqlite, orm, path }
}
