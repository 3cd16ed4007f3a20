// Retrieval quality of a ranking function on the labelled queries in queries.json:
// nDCG@10 over graded relevance, MRR@10 and misses counting a prompt of grade 2 or more as relevant.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../../src/db/open.js'
import { Library } from '../../src/services/library.js'
import { matchExpression, parseSearchText } from '../../src/domain/search-query.js'
import { SearchRepository } from '../../src/repositories/search-repository.js'
import { SearchService } from '../../src/services/search-service.js'
import { seedFromFile } from '../../src/services/seed-from-file.js'

export interface LabelledQuery {
  q: string
  kind: string
  relevant: Record<string, number>
}

export interface QueryResult {
  query: LabelledQuery
  ndcg: number
  reciprocalRank: number
  top: string[]
}

export interface Evaluation {
  ndcg: number
  mrr: number
  /** Queries without a prompt of grade 2 or more in the top 10. */
  misses: number
  results: QueryResult[]
}

export const K = 10
const RELEVANT_GRADE = 2

export function loadQueries (): LabelledQuery[] {
  return (JSON.parse(readFileSync(new URL('./queries.json', import.meta.url), 'utf8')) as { queries: LabelledQuery[] }).queries
}

function dcg (grades: number[]): number {
  return grades.slice(0, K).reduce((sum, grade, i) => sum + (2 ** grade - 1) / Math.log2(i + 2), 0)
}

export function evaluate (queries: readonly LabelledQuery[], rank: (q: string) => string[]): Evaluation {
  const results = queries.map((query) => {
    const top = rank(query.q).slice(0, K)
    const ideal = dcg(Object.values(query.relevant).sort((a, b) => b - a))
    const ndcg = ideal === 0 ? 0 : dcg(top.map((id) => query.relevant[id] ?? 0)) / ideal
    const first = top.findIndex((id) => (query.relevant[id] ?? 0) >= RELEVANT_GRADE)
    return { query, ndcg, reciprocalRank: first === -1 ? 0 : 1 / (first + 1), top }
  })
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)
  return {
    ndcg: mean(results.map((r) => r.ndcg)),
    mrr: mean(results.map((r) => r.reciprocalRank)),
    misses: results.filter((r) => r.reciprocalRank === 0).length,
    results
  }
}

/** The seeded library on a fresh SQLite file, and a way to throw it away. */
export interface SeededSearch {
  search: SearchService
  /** The same index, for the plain BM25 baseline. */
  index: SearchRepository
  close: () => void
}

export function seededSearch (): SeededSearch {
  const directory = mkdtempSync(join(tmpdir(), 'promptshelf-eval-'))
  const store = openStore(join(directory, 'eval.db'))
  const library = new Library(store)
  seedFromFile(library)
  return {
    search: new SearchService(library),
    index: new SearchRepository(store.sqlite),
    close: () => {
      store.sqlite.close()
      rmSync(directory, { recursive: true, force: true })
    }
  }
}

/** This search's ranking and plain BM25's, both as prompt ids. */
export function engines ({ search, index }: Pick<SeededSearch, 'search' | 'index'>): Record<'search' | 'bm25', (q: string) => string[]> {
  return {
    search: (q) => search.rank(q, { depth: K }).hits.slice(0, K).map(([, promptId]) => promptId),
    bm25: (q) => {
      // Plain BM25 over the same index (any word, equal column weights): the baseline.
      const expression = matchExpression(parseSearchText(q).map((word) => [{ tokens: word.tokens }]), 'any')
      return expression === '' ? [] : index.plainBm25(expression, K)
    }
  }
}
