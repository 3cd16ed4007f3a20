// SQL for building the search index in bulk. Single writes are indexed as they happen, by the trigger chain of
// migrations/0001_search.sql; a bulk write defers that to the end of its transaction and builds the documents of
// every prompt it queued at once, from the same view (search_document_source, migrations/0006_search_index_deferral.sql).
import type { Sqlite } from '../db/open.js'

// The queue may name a prompt more than once; IN (…) reads each id once.
const QUEUED = 'SELECT prompt_id FROM search_reindex'

export class SearchIndexRepository {
  private readonly setDeferredStatement
  private readonly storeChangedStatement
  private readonly anyQueuedStatement
  private readonly buildStatements

  constructor (private readonly sqlite: Sqlite) {
    this.setDeferredStatement = sqlite.prepare<[number]>('UPDATE search_indexing SET deferred = ? WHERE id = 1')
    this.storeChangedStatement = sqlite.prepare('UPDATE store_generation SET generation = generation + 1 WHERE id = 1')
    this.anyQueuedStatement = sqlite.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM search_reindex)').pluck()
    this.buildStatements = [
      `DELETE FROM prompt_search WHERE rowid IN (SELECT doc_id FROM search_documents WHERE prompt_id IN (${QUEUED}))`,
      `DELETE FROM prompt_search_words WHERE rowid IN (SELECT doc_id FROM search_documents WHERE prompt_id IN (${QUEUED}))`,
      `DELETE FROM search_documents WHERE prompt_id IN (${QUEUED})`,
      // Document ids in the order the prompts were last queued, as one reindex run per queued row gives them:
      // matches that rank the same come out in document order, so search answers as if each write had indexed.
      `INSERT INTO search_documents (prompt_id, category_id)
        SELECT s.prompt_id, s.category_id
        FROM (SELECT prompt_id, max(rowid) AS queued FROM search_reindex GROUP BY prompt_id) q
        JOIN search_document_source s ON s.prompt_id = q.prompt_id
        ORDER BY q.queued`,
      `INSERT INTO prompt_search (rowid, template, variables, category, tags)
        SELECT d.doc_id, s.template, s.variables, s.category, s.tags
        FROM search_documents d JOIN search_document_source s ON s.prompt_id = d.prompt_id
        WHERE d.prompt_id IN (${QUEUED}) ORDER BY d.doc_id`,
      `INSERT INTO prompt_search_words (rowid, body)
        SELECT doc_id, body FROM search_words_source WHERE prompt_id IN (${QUEUED}) ORDER BY doc_id`,
      'DELETE FROM search_reindex',
      'UPDATE search_generation SET generation = generation + 1 WHERE id = 1'
    ].map((sql) => sqlite.prepare(sql))
  }

  /**
   * Until indexQueued, writes in the caller's transaction only queue their prompts for indexing. Only inside a
   * transaction: a rollback takes the deferral back, so no commit leaves single writes unindexed.
   */
  defer (): void {
    if (!this.sqlite.inTransaction) throw new Error('the search index can only be deferred inside a transaction')
    this.setDeferredStatement.run(1)
  }

  /**
   * Ends the deferral and builds the documents of every queued prompt (a deleted one is left without one), then
   * moves the index generation once, so that the vocabulary reloads. The store generation, whose triggers stood
   * aside too (migrations/0009_store_generation.sql), moves once as well.
   */
  indexQueued (): void {
    this.setDeferredStatement.run(0)
    this.storeChangedStatement.run()
    if (this.anyQueuedStatement.get() === 0) return
    for (const statement of this.buildStatements) statement.run()
  }
}
