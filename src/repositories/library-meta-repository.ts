// SQL for the library document's own text (title, introduction, closing), kept for export.
import type { Sqlite } from '../db/open.js'

export type LibraryMetaKey = 'preamble' | 'closing'

export class LibraryMetaRepository {
  private readonly getStatement
  private readonly setIfMissingStatement
  private readonly setStatement

  constructor (sqlite: Sqlite) {
    this.getStatement = sqlite.prepare<[string], { value: string }>('SELECT value FROM library_meta WHERE key = ?')
    this.setIfMissingStatement = sqlite.prepare<[string, string]>('INSERT OR IGNORE INTO library_meta (key, value) VALUES (?, ?)')
    this.setStatement = sqlite.prepare<[string, string]>(
      'INSERT INTO library_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  }

  get (key: LibraryMetaKey): string | undefined {
    return this.getStatement.get(key)?.value
  }

  setIfMissing (key: LibraryMetaKey, value: string): void {
    this.setIfMissingStatement.run(key, value)
  }

  set (key: LibraryMetaKey, value: string): void {
    this.setStatement.run(key, value)
  }
}
