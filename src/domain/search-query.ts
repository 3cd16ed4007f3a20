// User search text -> FTS5 MATCH expressions. Every token is reduced to letters and digits and
// double-quoted, so no input (quotes, parentheses, AND/OR/NOT/NEAR, *, :, -, ^) can reach FTS5 as
// syntax: the only operators in the output are the ones written here.

export const MAX_QUERY_LENGTH = 200
export const MAX_QUERY_WORDS = 12
/** Longer tokens are cut: no indexed word is this long, and it bounds the work per token. */
export const MAX_TOKEN_LENGTH = 64

/** One word as typed (split on white space) and its index tokens: `ctx.Run` -> ["ctx", "run"]. */
export interface QueryWord {
  text: string
  tokens: string[]
}

/** One way to match a word: a token or a phrase of tokens, the last one optionally a prefix. */
export interface Alternative {
  tokens: readonly string[]
  prefix?: boolean
}

/** Alternatives for one word; a document matches the group when it matches any of them. */
export type TermGroup = readonly Alternative[]

const TOKEN = /[\p{L}\p{N}]+/gu
const CONTROL = /[\p{Cc}\p{Cf}]/gu

/** Lowercase, without diacritics or control characters: the form unicode61 indexes. */
export function normalizeText (text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(CONTROL, ' ').toLowerCase()
}

export function tokenize (text: string): string[] {
  return (normalizeText(text).match(TOKEN) ?? []).map((token) => token.slice(0, MAX_TOKEN_LENGTH))
}

/** The words of a query that hold at least one token; punctuation-only words are dropped. */
export function parseSearchText (text: string): QueryWord[] {
  const words: QueryWord[] = []
  for (const raw of text.replace(CONTROL, ' ').split(/\s+/)) {
    const tokens = tokenize(raw)
    if (tokens.length > 0) words.push({ text: raw, tokens })
  }
  return words
}

function quote (alternative: Alternative): string {
  // Tokens hold only letters and digits (tokenize), so nothing inside the quotes can end them.
  const phrase = `"${alternative.tokens.map((token) => token.replace(/[^\p{L}\p{N}]/gu, '')).join(' ')}"`
  return alternative.prefix ? phrase + '*' : phrase
}

function groupExpression (group: TermGroup): string {
  const parts = [...new Set(group.filter((a) => a.tokens.length > 0).map(quote))]
  if (parts.length === 0) return ''
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`
}

/** A MATCH expression requiring every group ('all') or any group ('any'); '' when nothing is left to match. */
export function matchExpression (groups: readonly TermGroup[], mode: 'all' | 'any'): string {
  const parts = groups.map(groupExpression).filter((part) => part !== '')
  return parts.join(mode === 'all' ? ' AND ' : ' OR ')
}
