// SQL for full-text search over prompt_search (porter-stemmed, ranked with the column weights set in
// migrations/0001_search.sql) and the vocabulary of its unstemmed twin. The index itself is written by triggers, and for
// an import by search-index-repository.ts.
import type { Sqlite } from '../db/open.js'
import type { VocabularyTerm } from '../domain/search-vocabulary.js'

/** [docId, promptId, categoryId]. */
export type SearchHit = [docId: number, promptId: string, categoryId: number]

export interface SearchFilter {
  tag: string | null
  categoryIds: readonly number[] | null
}

export interface DocumentCategories {
  generation: number
  categories: Int32Array
}

/** Comma-separated non-negative integers (as group_concat writes them) as numbers. */
function parseIds (text: string | null): Int32Array {
  if (text === null) return new Int32Array(0)
  let count = 1
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++
  const ids = new Int32Array(count)
  let value = 0
  let at = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 44) {
      ids[at++] = value
      value = 0
    } else {
      value = value * 10 + code - 48
    }
  }
  ids[at] = value
  return ids
}

const STEMMER_TOKENIZER = 'porter unicode61 remove_diacritics 2'
const WEIGHTED_BM25 = /^bm25\(\s*(\d+(?:\.\d+)?(?:\s*,\s*\d+(?:\.\d+)?)*)\s*\)$/

/**
 * The index's rank setting (column weights, set by its migration) as a direct bm25() call: the same order as
 * FTS5's rank column, which took half as long again to rank the matches of a common word at 100,000 prompts.
 */
function rankExpression (sqlite: Sqlite): string {
  const setting = sqlite.prepare<[], string>("SELECT v FROM prompt_search_config WHERE k = 'rank'").pluck().get()
  const weights = typeof setting === 'string' ? WEIGHTED_BM25.exec(setting)?.[1] : undefined
  return weights === undefined ? 's.rank' : `bm25(prompt_search, ${weights})`
}

export class SearchRepository {
  private readonly rankedStatement
  private readonly filteredStatement
  private readonly categoryCountsStatement
  private readonly anyStatement
  private readonly plainRankStatement
  private readonly vocabularyStatement
  private readonly generationStatement
  private readonly documentCountStatement
  private readonly clearStemmerStatement
  private readonly stemInsertStatement
  private readonly stemsStatement
  private readonly stemAll
  private readonly matchingIdsStatement
  private readonly documentCategoriesStatement
  private readonly readDocumentCategories

  constructor (sqlite: Sqlite) {
    const rank = rankExpression(sqlite)
    // Without a filter, the index ranks its own rows and only the best are joined to their prompts: a join per
    // match cost a third of the ranking of a common word.
    this.rankedStatement = sqlite.prepare<Record<string, unknown>>(`SELECT d.doc_id, d.prompt_id, d.category_id
      FROM (SELECT rowid AS doc_id, ${rank} AS score FROM prompt_search s WHERE prompt_search MATCH @expression ORDER BY score LIMIT @limit) r
      JOIN search_documents d ON d.doc_id = r.doc_id
      ORDER BY r.score`).raw()
    this.filteredStatement = sqlite.prepare<Record<string, unknown>>(`SELECT d.doc_id, d.prompt_id, d.category_id
      FROM prompt_search s JOIN search_documents d ON d.doc_id = s.rowid
      WHERE prompt_search MATCH @expression
        AND (@categoryIds IS NULL OR d.category_id IN (SELECT value FROM json_each(@categoryIds)))
        AND (@tag IS NULL OR EXISTS (SELECT 1 FROM prompt_tags t WHERE t.prompt_id = d.prompt_id AND t.tag = @tag))
      ORDER BY ${rank} LIMIT @limit`).raw()
    this.categoryCountsStatement = sqlite.prepare<Record<string, unknown>>(`SELECT d.category_id, count(*)
      FROM prompt_search s JOIN search_documents d ON d.doc_id = s.rowid
      WHERE prompt_search MATCH @expression
        AND (@tag IS NULL OR EXISTS (SELECT 1 FROM prompt_tags t WHERE t.prompt_id = d.prompt_id AND t.tag = @tag))
      GROUP BY d.category_id`).raw()
    // One text of every matching id, parsed here: a row per match through the driver costs more than the count.
    this.matchingIdsStatement = sqlite.prepare<[string], string | null>('SELECT group_concat(rowid) FROM prompt_search WHERE prompt_search MATCH ?').pluck()
    this.documentCategoriesStatement = sqlite.prepare<[], string | null>("SELECT group_concat(doc_id || ',' || category_id) FROM search_documents").pluck()
    // The generation and the categories read in one snapshot: a write by another process cannot fall between them.
    this.readDocumentCategories = sqlite.transaction((): DocumentCategories => {
      const generation = this.generation()
      const pairs = parseIds(this.documentCategoriesStatement.get() ?? null)
      let maxDocId = 0
      for (let i = 0; i < pairs.length; i += 2) if (pairs[i]! > maxDocId) maxDocId = pairs[i]!
      const categories = new Int32Array(maxDocId + 1)
      for (let i = 0; i < pairs.length; i += 2) categories[pairs[i]!] = pairs[i + 1]!
      return { generation, categories }
    })
    this.anyStatement = sqlite.prepare<[string]>('SELECT 1 FROM prompt_search WHERE prompt_search MATCH ? LIMIT 1').pluck()
    // Plain BM25, equal column weights: the baseline the evaluation compares against.
    this.plainRankStatement = sqlite.prepare<[string, number]>(`SELECT d.prompt_id
      FROM prompt_search s JOIN search_documents d ON d.doc_id = s.rowid
      WHERE prompt_search MATCH ? ORDER BY bm25(prompt_search) LIMIT ?`).pluck()
    this.vocabularyStatement = sqlite.prepare<[], VocabularyTerm>('SELECT term, doc AS docs FROM prompt_search_vocab')
    this.documentCountStatement = sqlite.prepare<[], number>('SELECT count(*) FROM search_documents').pluck()
    this.generationStatement = sqlite.prepare<[], number>('SELECT generation FROM search_generation WHERE id = 1').pluck()

    // The index's own stemmer, reached through a scratch table of this connection (temp: never in the file),
    // so that highlights mark exactly the word forms a search matched.
    sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_stemmer USING fts5(word, tokenize = '${STEMMER_TOKENIZER}');
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_stemmer_terms USING fts5vocab(temp, search_stemmer, 'instance');`)
    this.clearStemmerStatement = sqlite.prepare('DELETE FROM temp.search_stemmer')
    this.stemInsertStatement = sqlite.prepare<[number, string]>('INSERT INTO temp.search_stemmer (rowid, word) VALUES (?, ?)')
    this.stemsStatement = sqlite.prepare<[], [number, string]>('SELECT doc, term FROM temp.search_stemmer_terms').raw()
    this.stemAll = sqlite.transaction((words: readonly string[]): Array<[number, string]> => {
      this.clearStemmerStatement.run()
      words.forEach((word, i) => this.stemInsertStatement.run(i, word))
      const stems = this.stemsStatement.all() as Array<[number, string]>
      this.clearStemmerStatement.run()
      return stems
    })
  }

  /** Live prompts matching expression, best first, optionally only those with tag or in the categories. */
  matches (expression: string, filter: SearchFilter, limit: number): SearchHit[] {
    if (filter.categoryIds === null && filter.tag === null) return this.rankedStatement.all({ expression, limit }) as SearchHit[]
    return this.filteredStatement.all({
      expression,
      categoryIds: filter.categoryIds === null ? null : JSON.stringify(filter.categoryIds),
      tag: filter.tag,
      limit
    }) as SearchHit[]
  }

  /** [categoryId, count] of the live prompts matching expression (and tag). */
  categoryCounts (expression: string, tag: string | null): Array<[categoryId: number, count: number]> {
    return this.categoryCountsStatement.all({ expression, tag }) as Array<[number, number]>
  }

  /** The ids of the index documents matching expression, in no order. */
  matchingDocIds (expression: string): Int32Array {
    return parseIds(this.matchingIdsStatement.get(expression) ?? null)
  }

  /** Every document's category id, indexed by document id (0: no document), and the index generation it was read at. */
  documentCategories (): DocumentCategories {
    return this.readDocumentCategories()
  }

  hasMatch (expression: string): boolean {
    return this.anyStatement.get(expression) !== undefined
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

  /** The stem the index keeps for each word (single tokens, as the vocabulary holds them). */
  stems (words: readonly string[]): Map<string, string> {
    const stems = new Map<string, string>()
    if (words.length === 0) return stems
    for (const [i, stem] of this.stemAll(words)) stems.set(words[i]!, stem)
    return stems
  }
}
