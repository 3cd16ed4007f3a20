// How the service learns that another connection changed the store: SQLite's data_version (moves with any commit
// of another connection) and store_generation (moves only with what reads show; see migrations/0009).
import type { Sqlite } from '../db/open.js'

export class StoreChangesRepository {
  private readonly dataVersionStatement
  private readonly generationStatement

  constructor (sqlite: Sqlite) {
    this.dataVersionStatement = sqlite.prepare<[], number>('PRAGMA data_version').pluck()
    // A store opened at a migration before 0009 (tools, migration tests) has no table: every commit counts.
    const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'store_generation'").get() !== undefined
    this.generationStatement = hasTable ? sqlite.prepare<[], number>('SELECT generation FROM store_generation WHERE id = 1').pluck() : undefined
  }

  /** Changes whenever another connection has committed since the last call that saw another value. */
  dataVersion (): number {
    return this.dataVersionStatement.get()!
  }

  /** Changes whenever prompts, versions, tags, categories, labels, keys, subscriptions or library metadata do. */
  generation (): number {
    return this.generationStatement?.get() ?? this.dataVersion()
  }
}
