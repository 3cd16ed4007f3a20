// Opens the SQLite file with the pragmas promptshelf relies on, checks it, and applies migrations.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { migrationsFolder } from '../project-root.js'
import * as schema from './schema.js'

export type Sqlite = Database.Database
export type Drizzle = BetterSQLite3Database<typeof schema>

export interface Store {
  sqlite: Sqlite
  orm: Drizzle
  path: string
}

/** Raised when the database file cannot be opened, is not a database, or fails its integrity check. */
export class DatabaseOpenError extends Error {
  constructor (readonly path: string, reason: string) {
    super(`cannot open the database at ${path}: ${reason}`)
  }
}

export function openStore (path: string): Store {
  let sqlite: Sqlite
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    sqlite = new Database(path)
  } catch (error) {
    throw new DatabaseOpenError(path, (error as Error).message)
  }
  try {
    sqlite.pragma('journal_mode = WAL')
    // Writers wait for each other instead of failing with SQLITE_BUSY.
    sqlite.pragma('busy_timeout = 5000')
    sqlite.pragma('foreign_keys = ON')
    // WAL + NORMAL is durable across process crashes; only a power loss may drop the last commits.
    sqlite.pragma('synchronous = NORMAL')
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
