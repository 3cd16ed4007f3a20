// SQL for full-text search over prompt_search (porter-stemmed, ranked with the column weights set in
// migrations/0001_search.sql) and the vocabulary of its unstemmed twin. The index itself is written by triggers.
import type { Sqlite } from '../db/open.js'
import type { VocabularyTerm } from '../domain/search-vocabulary.js'

/** [docId, promptId, categoryId], best match first. */
export type SearchHit = [docId: number, promptId: string, categoryId: number]

export class SearchRepository {
  private readonly matchStatement
  private readonly matchTaggedStatement
  private readonly anyStatement
  private readonly highlightStatement
  private readonly plainRankStatement
  private readonly vocabularyStatement
  private readonly generationStatement
  private readonly documentCountStatement

  constructor (sqlite: Sqlite) {
    this.matchStatement = sqlite.prepare<[string, number]>(`SELECT d.doc_id, d.prompt_id, d.category_id
      FROM prompt_search s JOIN search_documents d ON d.doc_id = s.rowid
      WHERE prompt_search MATCH ? ORDER BY s.rank LIMIT ?`).raw()
    this.matchTaggedStatement = sqlite.prepare<[string, string, number]>(`SELECT d.doc_id, d.prompt_id, d.category_id
      FROM prompt_search s JOIN search_documents d ON d.doc_id = s.rowid
      WHERE prompt_search MATCH ? AND EXISTS (SELECT 1 FROM prompt_tags t WHERE t.prompt_id = d.prompt_id AND t.tag = ?)
      ORDER BY s.rank LIMIT ?`).raw()
    this.anyStatement = sqlite.prepare<[string]>('SELECT 1 FROM prompt_search WHERE prompt_search MATCH ? LIMIT 1').pluck()
    // The CAST matters: FTS5 ignores a rowid constraint bound as a REAL, which is how JS numbers arrive.
    this.highlightStatement = sqlite.prepare<[number, string, number]>(
      'SELECT highlight(prompt_search, ?, char(57344), char(57345)) FROM prompt_search WHERE prompt_search MATCH ? AND rowid = CAST(? AS INTEGER)').pluck()
    // Plain BM25, equal column weights: the baseline the evaluation compares against.
    this.plainRankStatement = sqlite.prepare<[string, number]>(`SELECT d.prompt_id
      FROM prompt_search s JOIN search_documents d ON d.doc_id = s.rowid
      WHERE prompt_search MATCH ? ORDER BY bm25(prompt_search) LIMIT ?`).pluck()
    this.vocabularyStatement = sqlite.prepare<[], VocabularyTerm>('SELECT term, doc AS docs FROM prompt_search_vocab')
    this.documentCountStatement = sqlite.prepare<[], number>('SELECT count(*) FROM search_documents').pluck()
    this.generationStatement = sqlite.prepare<[], number>('SELECT generation FROM search_generation WHERE id = 1').pluck()
  }

  /** Live prompts matching expression, best first, optionally only those with tag. */
  matches (expression: string, tag: string | null, limit: number): SearchHit[] {
    return (tag === null
      ? this.matchStatement.all(expression, limit)
      : this.matchTaggedStatement.all(expression, tag, limit)) as SearchHit[]
  }

  hasMatch (expression: string): boolean {
    return this.anyStatement.get(expression) !== undefined
  }

  /** The template of docId with the terms of expression between U+E000 and U+E001. */
  markedTemplate (docId: number, expression: string): string | undefined {
    return this.highlightStatement.get(0, expression, docId) as string | undefined
  }

  plainBm25 (expression: string, limit: number): string[] {
    return this.plainRankStatement.all(expression, limit) as string[]
  }

  vocabulary (): VocabularyTerm[] {
    return this.vocabularyStatement.all()
  }

  documentCount (): number {
    return this.documentCountStatement.get() as number
  }

  /** Changes whenever the index does. */
  generation (): number {
    return this.generationStatement.get() as number
  }
}
