// Search that finds the right prompt: typed words become term groups (the word, its synonyms, its
// completions when it is the last word, its corrections when it has no hit), then tiers of FTS5
// queries run best first: all words, then (when that finds only a handful) any word, exact before corrected.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BadRequestError } from '../domain/errors.js'
import { highlightMarked, holdsMarkers, escapeHtml } from '../domain/highlight.js'
import { decodeSearchCursor, encodeSearchCursor, MAX_SEARCH_OFFSET } from '../domain/search-cursor.js'
import { matchExpression, MAX_QUERY_WORDS, parseSearchText, type Alternative, type QueryWord, type TermGroup } from '../domain/search-query.js'
import { buildSynonymIndex, type SynonymIndex } from '../domain/search-synonyms.js'
import { SearchVocabulary } from '../domain/search-vocabulary.js'
import { projectRoot } from '../project-root.js'
import { SearchRepository, type SearchHit } from '../repositories/search-repository.js'
import type { PromptView } from '../schemas/prompt.js'
import type { Library } from './library.js'
import { toPromptView } from './prompt-view.js'

export const synonymsPath = join(projectRoot, 'seed', 'search-synonyms.json')

/** Fewer all-words matches than this and documents with any of the words follow them. */
const HANDFUL = 5
/** Typo correction applies to words at least this long; two edits are allowed from TWO_EDITS_FROM. */
const CORRECT_FROM = 5
const TWO_EDITS_FROM = 9
const MAX_CORRECTIONS = 3
const MAX_COMPLETIONS = 24
const MIN_PREFIX = 2
/** Results read per tier: the deepest page a cursor can reach, plus one page. */
const MAX_HITS = MAX_SEARCH_OFFSET + 100

export interface SearchRequest {
  q: string
  /** A category and everything below it; null for all. Facets ignore it. */
  categoryIds: readonly number[] | null
  tag: string | null
  limit: number
  cursor?: string | undefined
}

export interface SearchPage {
  items: PromptView[]
  nextCursor: string | null
  facets: { categories: Array<{ slug: string, count: number }> }
  didYouMean?: string
}

export interface Ranking {
  hits: SearchHit[]
  /** Matches every term the ranking used: the expression highlights are drawn from. */
  highlightExpression: string
  didYouMean: string | undefined
}

interface WordPlan {
  exact: Alternative[]
  corrections: string[]
  live: boolean
}

export class SearchService {
  private readonly repository: SearchRepository
  private readonly synonyms: SynonymIndex
  private vocabularyCache: { generation: number, vocabulary: SearchVocabulary } | undefined

  constructor (private readonly library: Library, synonymsDocument: unknown = JSON.parse(readFileSync(synonymsPath, 'utf8'))) {
    this.repository = new SearchRepository(library.store.sqlite)
    this.synonyms = buildSynonymIndex(synonymsDocument)
    this.vocabulary()
  }

  search (request: SearchRequest): SearchPage {
    const offset = request.cursor === undefined ? 0 : decodeSearchCursor(request.cursor)
    const ranking = this.rank(request.q, request.tag)
    const tree = this.library.categoryTree
    const counts = new Map<number, number>()
    for (const [, , categoryId] of ranking.hits) counts.set(categoryId, (counts.get(categoryId) ?? 0) + 1)
    const categories = tree.nodes
      .map((node) => ({ slug: node.slug, count: node.subtreeIds.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0) }))
      .filter((facet) => facet.count > 0)

    const allowed = request.categoryIds === null ? null : new Set(request.categoryIds)
    const filtered = allowed === null ? ranking.hits : ranking.hits.filter(([, , categoryId]) => allowed.has(categoryId))
    const end = offset + request.limit
    const items: PromptView[] = []
    for (const [docId, promptId] of filtered.slice(offset, end)) {
      const row = this.library.prompts.current(promptId)
      if (!row) continue
      const marked = holdsMarkers(row.template) ? undefined : this.repository.markedTemplate(docId, ranking.highlightExpression)
      items.push({ ...toPromptView(row, tree), highlight: marked === undefined ? escapeHtml(row.template) : highlightMarked(marked) })
    }
    return {
      items,
      nextCursor: filtered.length > end && end <= MAX_SEARCH_OFFSET ? encodeSearchCursor(end) : null,
      facets: { categories },
      ...(ranking.didYouMean === undefined ? {} : { didYouMean: ranking.didYouMean })
    }
  }

  /** Every match for q (and tag), best first. */
  rank (q: string, tag: string | null = null): Ranking {
    const words = parseSearchText(q)
    if (words.length > MAX_QUERY_WORDS) {
      throw new BadRequestError(`q has ${words.length} words; at most ${MAX_QUERY_WORDS} are searched`,
        [{ pointer: '#/query/q', detail: `more than ${MAX_QUERY_WORDS} words` }])
    }
    const vocabulary = this.vocabulary()
    const lastIsPrefix = !/\s$/.test(q)
    const allPlans = words.map((word, i) => this.planWord(word, vocabulary, lastIsPrefix && i === words.length - 1))
    // Words that match nothing, even corrected, are left out rather than emptying the result.
    const plans = allPlans.filter((plan) => plan.live)
    const exact: TermGroup[] = plans.map((plan) => plan.exact)
    const combined: TermGroup[] = plans.map((plan) => [...plan.exact, ...plan.corrections.map((term) => ({ tokens: [term] }))])
    const corrected = plans.some((plan) => plan.corrections.length > 0)

    const hits: SearchHit[] = []
    const seen = new Set<number>()
    const take = (expression: string): void => {
      if (expression === '') return
      for (const hit of this.repository.matches(expression, tag, MAX_HITS)) {
        if (seen.has(hit[0])) continue
        seen.add(hit[0])
        hits.push(hit)
      }
    }
    take(matchExpression(combined, 'all'))
    if (hits.length < HANDFUL && plans.length > 1) {
      take(matchExpression(exact, 'any'))
      take(matchExpression(combined, 'any'))
    }

    let didYouMean: string | undefined
    if (corrected && hits.length > 0) {
      didYouMean = words.map((word, i) => allPlans[i]!.corrections[0] ?? word.text.toLowerCase()).join(' ')
    }
    return { hits, highlightExpression: matchExpression(combined, 'any'), didYouMean }
  }

  /** Plain BM25 over the same index (any word, equal column weights): the evaluation's baseline. */
  plainBm25 (q: string, limit: number): string[] {
    const groups = parseSearchText(q).map((word) => [{ tokens: word.tokens }])
    const expression = matchExpression(groups, 'any')
    return expression === '' ? [] : this.repository.plainBm25(expression, limit)
  }

  private planWord (word: QueryWord, vocabulary: SearchVocabulary, isPrefix: boolean): WordPlan {
    const exact: Alternative[] = [{ tokens: word.tokens }]
    for (const synonym of this.synonyms.get(word.tokens.join(' ')) ?? []) exact.push({ tokens: synonym })
    const single = word.tokens.length === 1 ? word.tokens[0]! : undefined
    const completions = isPrefix && single !== undefined && single.length >= MIN_PREFIX
      ? vocabulary.completions(single, MAX_COMPLETIONS)
      : []
    for (const term of completions) exact.push({ tokens: [term] })

    const wordHit = (single !== undefined && vocabulary.has(single)) || completions.length > 0 ||
      this.repository.hasMatch(matchExpression([[{ tokens: word.tokens }]], 'all'))
    let corrections: string[] = []
    if (!wordHit && single !== undefined && single.length >= CORRECT_FROM) {
      corrections = vocabulary.near(single, single.length >= TWO_EDITS_FROM ? 2 : 1, MAX_CORRECTIONS).map((n) => n.term)
    }
    const live = wordHit || corrections.length > 0 || (exact.length > 1 && this.repository.hasMatch(matchExpression([exact], 'all')))
    return { exact, corrections, live }
  }

  /** The index vocabulary, reloaded when a write has changed the index since it was read. */
  private vocabulary (): SearchVocabulary {
    const generation = this.repository.generation()
    if (this.vocabularyCache?.generation !== generation) {
      this.vocabularyCache = { generation, vocabulary: new SearchVocabulary(this.repository.vocabulary()) }
    }
    return this.vocabularyCache.vocabulary
  }
}
