// A connection to the SQLite file with the pragmas promptshelf relies on, and nothing else: no ORM, no check, no
// migrations. openStore (open.ts) builds on it; the webhook deliverer's thread opens its own with it alone.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'

export type Sqlite = Database.Database

/** Raised when the database file cannot be opened, is not a database, or fails its integrity check. */
export class DatabaseOpenError extends Error {
  constructor (readonly path: string, reason: string) {
    super(`cannot open the database at ${path}: ${reason}`)
  }
}

export function openConnection (path: string): Sqlite {
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
    return sqlite
  } catch (error) {
    sqlite.close()
    throw new DatabaseOpenError(path, (error as Error).message)
  }
}
