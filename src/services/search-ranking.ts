// Ranking for search that finds the right prompt. Typed words become term groups (search-plan.ts): the word, its
// synonyms and identifier joins, completions of the last word, corrections of a word without a hit.
// Tiers of FTS5 queries then run best first, each ranked by BM25 with column weights: all words as typed,
// with related words, completions, corrections; when that finds only a handful, all words but one, then
// any word. A tier only reads as deep as the page needs.
import { BadRequestError } from '../domain/errors.js'
import { planWords, type WordPlan } from '../domain/search-plan.js'
import { matchExpression, MAX_QUERY_WORDS, parseSearchText, type TermGroup } from '../domain/search-query.js'
import type { SynonymIndex } from '../domain/search-synonyms.js'
import type { SearchFilter, SearchHit, SearchRepository } from '../repositories/search-repository.js'
import type { SearchVocabularySource } from './search-vocabulary-source.js'

/** Fewer all-words matches than this and documents with any of the words follow them. */
const HANDFUL = 5

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

export class SearchRanking {
  constructor (
    private readonly repository: SearchRepository,
    private readonly words: SearchVocabularySource,
    private readonly synonyms: SynonymIndex
  ) {}

  /** The best matches for q, best first, down to depth. */
  rank (q: string, options: RankOptions): Ranking {
    const words = parseSearchText(q)
    if (words.length > MAX_QUERY_WORDS) {
      throw new BadRequestError(`q has ${words.length} words; at most ${MAX_QUERY_WORDS} are searched`,
        [{ pointer: '#/query/q', detail: `more than ${MAX_QUERY_WORDS} words` }])
    }
    const allPlans = planWords(words, {
      vocabulary: this.words.vocabulary(),
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
    return { hits, complete: hits.length < wanted, facetExpression, highlightStems: this.words.stemsOf(plans.flatMap(full)), didYouMean }
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
}
