// Search that finds the right prompt: typed words become term groups (the word, its synonyms, its
// completions when it is the last word, its corrections when it has no hit), then tiers of FTS5
// queries run best first: all words, then (when that finds only a handful) any word, exact before corrected.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BadRequestError } from '../domain/errors.js'
import { highlightMarked, holdsMarkers, escapeHtml } from '../domain/highlight.js'
import { decodeSearchCursor, encodeSearchCursor, MAX_SEARCH_OFFSET } from '../domain/search-cursor.js'
import { planWords, type WordPlan } from '../domain/search-plan.js'
import { matchExpression, MAX_QUERY_WORDS, parseSearchText, type TermGroup } from '../domain/search-query.js'
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
    const allPlans = planWords(words, {
      vocabulary: this.vocabulary(),
      synonyms: this.synonyms,
      hasMatch: (alternatives) => this.repository.hasMatch(matchExpression([alternatives], 'all')),
      lastIsPrefix: !/\s$/.test(q)
    })
    // Words that match nothing, even corrected, are left out rather than emptying the result.
    const plans = allPlans.filter((plan) => plan.live)
    const exact = (plan: WordPlan): TermGroup => [plan.exact]
    const related = (plan: WordPlan): TermGroup => [plan.exact, ...plan.related]
    const broad = (plan: WordPlan): TermGroup => [...related(plan), ...plan.completions]
    const full = (plan: WordPlan): TermGroup => [...broad(plan), ...plan.corrections.map((term) => ({ tokens: [term] }))]

    const hits: SearchHit[] = []
    const seen = new Set<number>()
    const taken = new Set<string>()
    const take = (expression: string): void => {
      if (expression === '' || taken.has(expression)) return
      taken.add(expression)
      for (const hit of this.repository.matches(expression, tag, MAX_HITS)) {
        if (seen.has(hit[0])) continue
        seen.add(hit[0])
        hits.push(hit)
      }
    }
    // Best first: every word as typed, then with related words, completions, corrections.
    take(matchExpression(plans.map(exact), 'all'))
    take(matchExpression(plans.map(related), 'all'))
    take(matchExpression(plans.map(broad), 'all'))
    take(matchExpression(plans.map(full), 'all'))
    if (hits.length < HANDFUL && plans.length > 1) {
      // Any word, leaving out words so common that they would match nearly everything.
      const rare = plans.some((plan) => !plan.common) ? plans.filter((plan) => !plan.common) : plans
      take(matchExpression(rare.map(related), 'any'))
      take(matchExpression(rare.map(broad), 'any'))
      take(matchExpression(rare.map(full), 'any'))
    }

    let didYouMean: string | undefined
    if (hits.length > 0 && plans.some((plan) => plan.corrections.length > 0)) {
      didYouMean = allPlans.map((plan) => plan.corrections[0] ?? plan.word.text.toLowerCase()).join(' ')
    }
    return { hits, highlightExpression: matchExpression(plans.map(full), 'any'), didYouMean }
  }

  /** Plain BM25 over the same index (any word, equal column weights): the evaluation's baseline. */
  plainBm25 (q: string, limit: number): string[] {
    const groups = parseSearchText(q).map((word) => [{ tokens: word.tokens }])
    const expression = matchExpression(groups, 'any')
    return expression === '' ? [] : this.repository.plainBm25(expression, limit)
  }

  /** The index vocabulary, reloaded when a write has changed the index since it was read. */
  private vocabulary (): SearchVocabulary {
    const generation = this.repository.generation()
    if (this.vocabularyCache?.generation !== generation) {
      this.vocabularyCache = { generation, vocabulary: new SearchVocabulary(this.repository.vocabulary(), this.repository.documentCount()) }
    }
    return this.vocabularyCache.vocabulary
  }
}
