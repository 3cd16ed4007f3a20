// How each typed word is matched: the word itself; related terms (synonyms, the word joined with its
// neighbours as in `terminal error` -> TerminalError, completions of the last word); and corrections
// for a word of 5+ characters without a hit. Pure: the index is reached through the two callbacks given.
import type { Alternative, QueryWord } from './search-query.js'
import type { SynonymIndex } from './search-synonyms.js'
import type { SearchVocabulary } from './search-vocabulary.js'

export const CORRECT_FROM = 5
export const TWO_EDITS_FROM = 9
const MAX_CORRECTIONS = 3
const MAX_COMPLETIONS = 24
const MIN_PREFIX = 2
/** Up to this many adjacent words are tried joined into one identifier. */
const MAX_JOIN = 3
/** A word in more than this share of prompts is too common to carry an any-word match alone. */
const COMMON_SHARE = 0.25

export interface WordPlan {
  word: QueryWord
  exact: Alternative
  /** Synonyms, and joins with neighbouring words that form an indexed identifier. */
  related: Alternative[]
  /** Words the last word begins, when it is still being typed. */
  completions: Alternative[]
  corrections: string[]
  /** The word, or something related or corrected, matches at least one prompt. */
  live: boolean
  common: boolean
}

export interface PlanContext {
  vocabulary: SearchVocabulary
  synonyms: SynonymIndex
  /** Whether the alternative matches any prompt (through the stemmed index). */
  hasMatch: (alternatives: readonly Alternative[]) => boolean
  /** The last word is still being typed: also match words it begins. */
  lastIsPrefix: boolean
}

export function planWords (words: readonly QueryWord[], context: PlanContext): WordPlan[] {
  const { vocabulary, synonyms, hasMatch, lastIsPrefix } = context
  const related: Alternative[][] = words.map(() => [])
  const last = words.length - 1
  for (let start = 0; start < words.length; start++) {
    for (let end = start; end < Math.min(words.length, start + MAX_JOIN); end++) {
      const tokens = words.slice(start, end + 1).flatMap((word) => word.tokens)
      if (tokens.length < 2) continue
      const joined = tokens.join('')
      const found = vocabulary.has(joined) ? [joined] : []
      if (end === last && lastIsPrefix) found.push(...vocabulary.completions(joined, 4))
      for (let i = start; i <= end; i++) related[i]!.push(...found.map((term) => ({ tokens: [term] })))
    }
  }
  return words.map((word, i) => {
    const single = word.tokens.length === 1 ? word.tokens[0]! : undefined
    const exact: Alternative = { tokens: word.tokens }
    const alternatives = related[i]!
    for (const synonym of synonyms.get(word.tokens.join(' ')) ?? []) alternatives.push({ tokens: synonym })
    const completions = i === last && lastIsPrefix && single !== undefined && single.length >= MIN_PREFIX
      ? vocabulary.completions(single, MAX_COMPLETIONS)
      : []

    const wordHit = (single !== undefined && vocabulary.has(single)) || completions.length > 0 || hasMatch([exact])
    const corrections = !wordHit && single !== undefined && single.length >= CORRECT_FROM
      ? vocabulary.near(single, single.length >= TWO_EDITS_FROM ? 2 : 1, MAX_CORRECTIONS).map((n) => n.term)
      : []
    return {
      word,
      exact,
      related: alternatives,
      completions: completions.map((term) => ({ tokens: [term] })),
      corrections,
      live: wordHit || corrections.length > 0 || (alternatives.length > 0 && hasMatch(alternatives)),
      common: single !== undefined && vocabulary.share(single) > COMMON_SHARE
    }
  })
}
