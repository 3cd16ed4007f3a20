// Domain synonyms, kept as data (seed/search-synonyms.json): each group lists words and phrases
// that people use for the same thing. A query word in a group also matches the group's other entries.
import { tokenize } from './search-query.js'

export type SynonymIndex = ReadonlyMap<string, ReadonlyArray<readonly string[]>>

/** Parses `{ "groups": [["saga", "compensation", …], …] }` into word -> the other entries' tokens. */
export function buildSynonymIndex (document: unknown): SynonymIndex {
  const groups = (document as { groups?: unknown }).groups
  if (!Array.isArray(groups) || !groups.every((g) => Array.isArray(g) && g.every((e) => typeof e === 'string'))) {
    throw new Error('search synonyms: expected { "groups": [["word", "other word", …], …] }')
  }
  const index = new Map<string, string[][]>()
  for (const group of groups as string[][]) {
    const entries = group.map(tokenize).filter((tokens) => tokens.length > 0)
    for (const entry of entries) {
      const key = entry.join(' ')
      const others = index.get(key) ?? []
      for (const other of entries) {
        if (other.join(' ') !== key && !others.some((o) => o.join(' ') === other.join(' '))) others.push(other)
      }
      index.set(key, others)
    }
  }
  return index
}
