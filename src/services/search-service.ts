// Search that finds the right prompt. Typed words become term groups (search-plan.ts): the word, its
// synonyms and identifier joins, completions of the last word, corrections of a word without a hit.
// Tiers of FTS5 queries then run best first, each ranked by BM25 with column weights: all words as typed,
// with related words, completions, corrections; when that finds only a handful, all words but one, then
// any word. A tier only reads as deep as the page needs.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BadRequestError } from '../domain/errors.js'
import { highlightTemplate } from '../domain/highlight.js'
import { decodeSearchCursor, encodeSearchCursor, MAX_SEARCH_OFFSET } from '../domain/search-cursor.js'
import { planWords, type WordPlan } from '../domain/search-plan.js'
import { matchExpression, MAX_QUERY_WORDS, parseSearchText, type Alternative, type TermGroup } from '../domain/search-query.js'
import { buildSynonymIndex, type SynonymIndex } from '../domain/search-synonyms.js'
import { SearchVocabulary } from '../domain/search-vocabulary.js'
import { projectRoot } from '../project-root.js'
import { SearchRepository, type SearchFilter, type SearchHit } from '../repositories/search-repository.js'
import { contentText } from '../domain/prompt-content.js'
import type { PromptView } from '../schemas/prompt.js'
import type { Library } from './library.js'
import { toPromptView } from './prompt-view.js'

export const synonymsPath = join(projectRoot, 'seed', 'search-synonyms.json')

/** Fewer all-words matches than this and documents with any of the words follow them. */
const HANDFUL = 5
/** Reloading a vocabulary that loads faster than this is always fine. */
const CHEAP_RELOAD_MS = 20
const RELOAD_SPACING = 10
/** Stems kept for words that are not (or no longer) in the index; the cache starts over past this. */
const MAX_EXTRA_STEMS = 10_000

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

export interface RankOptions {
  tag?: string | null
  categoryIds?: readonly number[] | null
  /** How many of the best matches to return. */
  depth: number
}

export interface Ranking {
  /** The best matches, at most depth + 1 (one more tells that another page follows). */
  hits: SearchHit[]
  /** True when hits hold every match (a page that was not full): facets can be counted from them. */
  complete: boolean
  /** Matches every prompt the ranking could return, whatever the category: facets count it. */
  facetExpression: string
  /** Stems of every term the ranking matched on: template words with these stems are highlighted. */
  highlightStems: ReadonlySet<string>
  didYouMean: string | undefined
}

export class SearchService {
  private readonly repository: SearchRepository
  private readonly synonyms: SynonymIndex
  private vocabularyCache: { generation: number, vocabulary: SearchVocabulary, loadedAt: number, loadMs: number } | undefined
  /** The index's stem of every word in the vocabulary, for highlighting. */
  private vocabularyStems = new Map<string, string>()
  private readonly extraStems = new Map<string, string>()

  constructor (private readonly library: Library, synonymsDocument: unknown = JSON.parse(readFileSync(synonymsPath, 'utf8'))) {
    this.repository = new SearchRepository(library.store.sqlite)
    this.synonyms = buildSynonymIndex(synonymsDocument)
    this.vocabulary()
  }

  search (request: SearchRequest): SearchPage {
    const offset = request.cursor === undefined ? 0 : decodeSearchCursor(request.cursor, request)
    const end = offset + request.limit
    const ranking = this.rank(request.q, { tag: request.tag, categoryIds: request.categoryIds, depth: end })
    const tree = this.library.categoryTree

    let counts: Map<number, number>
    if (ranking.complete && request.categoryIds === null) {
      counts = new Map()
      for (const [, , categoryId] of ranking.hits) counts.set(categoryId, (counts.get(categoryId) ?? 0) + 1)
    } else {
      counts = new Map(ranking.facetExpression === '' ? [] : this.repository.categoryCounts(ranking.facetExpression, request.tag))
    }
    const categories = tree.nodes
      .map((node) => ({ slug: node.slug, count: node.subtreeIds.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0) }))
      .filter((facet) => facet.count > 0)

    const items: PromptView[] = []
    for (const [, promptId] of ranking.hits.slice(offset, end)) {
      const row = this.library.prompts.current(promptId)
      if (!row) continue
      items.push({ ...toPromptView(row, tree), highlight: highlightTemplate(contentText(row), (word) => ranking.highlightStems.has(this.stem(word))) })
    }
    return {
      items,
      nextCursor: ranking.hits.length > end && end <= MAX_SEARCH_OFFSET ? encodeSearchCursor(end, request) : null,
      facets: { categories },
      ...(ranking.didYouMean === undefined ? {} : { didYouMean: ranking.didYouMean })
    }
  }

  /** The best matches for q, best first, down to depth. */
  rank (q: string, options: RankOptions): Ranking {
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
    // Words that match nothing, even corrected, are left out rather than emptying the result; so are words
    // in most prompts (how, to, a, …) when rarer ones remain: they filter little and cost the most to read.
    const live = allPlans.filter((plan) => plan.live)
    const plans = live.some((plan) => !plan.common) ? live.filter((plan) => !plan.common) : live
    const exact = (plan: WordPlan): TermGroup => [plan.exact]
    const related = (plan: WordPlan): TermGroup => [plan.exact, ...plan.related]
    const broad = (plan: WordPlan): TermGroup => [...related(plan), ...plan.completions]
    const full = (plan: WordPlan): TermGroup => [...broad(plan), ...plan.corrections.map((term) => ({ tokens: [term] }))]

    // Tiers, best first; each holds the matches of the ones before it, and its last expression matches
    // everything the tier can return. A tier is entered only while fewer than a handful matched so far.
    const tiers: string[][] = [[
      matchExpression(plans.map(exact), 'all'),
      matchExpression(plans.map(related), 'all'),
      matchExpression(plans.map(broad), 'all'),
      matchExpression(plans.map(full), 'all')
    ]]
    if (plans.length > 2) {
      // All words but one: a few selective queries, where any-word would score most of a large library.
      const mostWords = (group: (plan: WordPlan) => TermGroup): string => plans
        .map((_, skipped) => `(${matchExpression(plans.filter((_, i) => i !== skipped).map(group), 'all')})`).join(' OR ')
      tiers.push([mostWords(broad), mostWords(full)])
    }
    if (plans.length > 1) {
      tiers.push([matchExpression(plans.map(related), 'any'), matchExpression(plans.map(broad), 'any'), matchExpression(plans.map(full), 'any')])
    }

    // Enough to fill the page, tell whether another follows, and judge whether all-words found a handful.
    const wanted = Math.max(options.depth + 1, HANDFUL)
    const filter = { tag: options.tag ?? null, categoryIds: options.categoryIds ?? null }
    let used: number
    let hits: SearchHit[]
    if (filter.categoryIds === null) {
      ({ used, hits } = this.collect(tiers, filter, wanted, HANDFUL))
    } else {
      // How deep the tiers go is decided without the category filter, so that a category only narrows the
      // result: facets stay those of the same q alone, and items are its items within the category.
      used = this.collect(tiers, { ...filter, categoryIds: null }, HANDFUL, HANDFUL).used
      hits = this.collect(tiers.slice(0, used), filter, wanted, Infinity).hits
    }
    const facetExpression = tiers[used - 1]!.at(-1)!

    let didYouMean: string | undefined
    if (hits.length > 0 && plans.some((plan) => plan.corrections.length > 0)) {
      didYouMean = allPlans.map((plan) => plan.corrections[0] ?? plan.word.text.toLowerCase()).join(' ')
    }
    // A tier that read fewer rows than it asked for was read to the end; all were, unless the page filled.
    return { hits, complete: hits.length < wanted, facetExpression, highlightStems: this.stemsOf(plans.flatMap(full)), didYouMean }
  }

  /**
   * Matches of the tiers in order, without repeats, until wanted are found. The next tier is entered only
   * while fewer than enterBelow matched; used says how many tiers were entered.
   */
  private collect (tiers: readonly string[][], filter: SearchFilter, wanted: number, enterBelow: number): { used: number, hits: SearchHit[] } {
    const hits: SearchHit[] = []
    const seen = new Set<number>()
    const taken = new Set<string>()
    let used = 0
    for (const tier of tiers) {
      if (used > 0 && hits.length >= enterBelow) break
      used++
      for (const expression of tier) {
        if (expression === '' || taken.has(expression) || hits.length >= wanted) continue
        taken.add(expression)
        // Each tier holds the earlier ones' matches too: read past those.
        for (const hit of this.repository.matches(expression, filter, wanted + seen.size)) {
          if (seen.has(hit[0])) continue
          seen.add(hit[0])
          hits.push(hit)
          if (hits.length >= wanted) break
        }
      }
    }
    return { used, hits }
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
    const cache = this.vocabularyCache
    // A large vocabulary is costly to read: while writes keep coming, reload it at most every
    // RELOAD_SPACING times its load time, so searches never spend more than a tenth of their time on it.
    // Word matches follow writes at once (the index); prefixes and corrections after that delay.
    const current = cache?.generation === generation ||
      (cache !== undefined && cache.loadMs > CHEAP_RELOAD_MS && performance.now() - cache.loadedAt < cache.loadMs * RELOAD_SPACING)
    if (!current) {
      const started = performance.now()
      const terms = this.repository.vocabulary()
      const known = this.vocabularyCache === undefined ? new Map<string, string>() : this.vocabularyStems
      const added = this.repository.stems(terms.map((t) => t.term).filter((term) => !known.has(term)))
      this.vocabularyStems = new Map(terms.map((t) => [t.term, known.get(t.term) ?? added.get(t.term) ?? t.term]))
      const vocabulary = new SearchVocabulary(terms, this.repository.documentCount())
      const loadedAt = performance.now()
      this.vocabularyCache = { generation, vocabulary, loadedAt, loadMs: loadedAt - started }
    }
    return this.vocabularyCache!.vocabulary
  }

  /** The index's stem of one word; a word the index does not hold stems to itself (it matches nothing anyway). */
  private stem (word: string): string {
    return this.vocabularyStems.get(word) ?? this.extraStems.get(word) ?? word
  }

  /** Stems of every token of the alternatives, asking the index for query words it does not hold. */
  private stemsOf (alternatives: readonly Alternative[]): Set<string> {
    const tokens = [...new Set(alternatives.flatMap((a) => a.tokens))]
    const unknown = tokens.filter((token) => !this.vocabularyStems.has(token) && !this.extraStems.has(token))
    if (unknown.length > 0) {
      if (this.extraStems.size > MAX_EXTRA_STEMS) this.extraStems.clear()
      for (const [word, stem] of this.repository.stems(unknown)) this.extraStems.set(word, stem)
    }
    return new Set(tokens.map((token) => this.stem(token)))
  }
}
