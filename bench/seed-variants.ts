// What the 100,000-prompt generators (generate-library.ts, search-large-store.ts) vary the seed with: a
// deterministic PRNG, so every run makes the same prompts, and invented identifiers (service and product names),
// used with a skewed frequency as real names are.

/** A small deterministic PRNG (mulberry32). */
export function random (seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SYLLABLES = ['ka', 'lo', 'mi', 'zen', 'tor', 'ul', 'bra', 'qui', 'vex', 'shi', 'dra', 'po', 'neth', 'sa', 'gri', 'fo']

/** pick (one of a list) and inventedWord, drawing from next; the 20,000 invented words are made first. */
export function variantWords (next: () => number): { pick: <T>(items: readonly T[]) => T, inventedWord: () => string } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const invented = Array.from({ length: 20_000 }, () => {
    const parts = 2 + Math.floor(next() * 3)
    let word = ''
    for (let i = 0; i < parts; i++) word += pick(SYLLABLES)
    return word.charAt(0).toUpperCase() + word.slice(1)
  })
  return { pick, inventedWord: () => invented[Math.floor(invented.length * next() ** 3)]! }
}
