// Opens the SQLite file (connection.ts: the pragmas), checks it, and applies migrations.
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { migrationsFolder } from '../project-root.js'
import { DatabaseOpenError, openConnection, type Sqlite } from './connection.js'
import * as schema from './schema.js'

export { DatabaseOpenError, type Sqlite }
export type Drizzle = BetterSQLite3Database<typeof schema>

export interface Store {
  sqlite: Sqlite
  orm: Drizzle
  path: string
}

export function openStore (path: string): Store {
  const sqlite = openConnection(path)
  try {
    const check = sqlite.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`)
    const orm = drizzle(sqlite, { schema })
    migrate(orm, { migrationsFolder })
    return { sqlite, orm, path }
  } catch (error) {
    sqlite.close()
    throw new DatabaseOpenError(path, (error as Error).message)
  }
}

/** A check, prepared once, that every migration in migrations/ has been applied (used by /readyz). */
export function migrationsCheck (sqlite: Sqlite, expectedCount: number): () => boolean {
  const count = sqlite.prepare<[], number>('SELECT count(*) FROM __drizzle_migrations').pluck()
  return () => sqlite.open && count.get()! >= expectedCount
}
