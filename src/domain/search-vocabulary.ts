// The index's words with their document counts, held in memory for search as you type (prefixes)
// and typo tolerance (nearby words), which would otherwise scan the index on every request.
import { editDistance } from './edit-distance.js'

/**
 * The characters a word holds, as bits (character code mod 32). One edit changes that set by at most two members
 * (a substitution removes one and adds one, an insertion or a deletion one, a swap none), so words within d edits
 * differ in at most 2d bits: a word further apart needs no distance computed. Codes that share a bit only make the
 * test pass more often, never wrongly fail.
 */
function characterBits (word: string): number {
  let bits = 0
  for (let i = 0; i < word.length; i++) bits |= 1 << (word.charCodeAt(i) & 31)
  return bits
}

function bitCount (value: number): number {
  let v = value - ((value >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

interface LengthBucket {
  terms: VocabularyTerm[]
  /** characterBits of each term, in the same order. */
  bits: Int32Array
}

export interface VocabularyTerm {
  term: string
  docs: number
}

export class SearchVocabulary {
  private readonly sorted: VocabularyTerm[]
  private readonly counts: Map<string, number>
  private readonly byLength = new Map<number, LengthBucket>()

  /** documents: how many documents the index holds, for share(). */
  constructor (terms: readonly VocabularyTerm[], private readonly documents = 0) {
    this.sorted = [...terms].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    this.counts = new Map(this.sorted.map((t) => [t.term, t.docs]))
    const byLength = new Map<number, VocabularyTerm[]>()
    for (const t of this.sorted) {
      const bucket = byLength.get(t.term.length) ?? []
      bucket.push(t)
      byLength.set(t.term.length, bucket)
    }
    for (const [length, bucket] of byLength) {
      this.byLength.set(length, { terms: bucket, bits: Int32Array.from(bucket, (t) => characterBits(t.term)) })
    }
  }

  get size (): number {
    return this.sorted.length
  }

  /** The share of documents that hold term, 0 to 1. */
  share (term: string): number {
    return this.documents === 0 ? 0 : (this.counts.get(term) ?? 0) / this.documents
  }

  has (term: string): boolean {
    return this.counts.has(term)
  }

  /** The most frequent words that start with prefix (the prefix itself excluded), most documents first. */
  completions (prefix: string, max: number): string[] {
    let low = 0
    let high = this.sorted.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.sorted[mid]!.term < prefix) low = mid + 1
      else high = mid
    }
    const found: VocabularyTerm[] = []
    for (let i = low; i < this.sorted.length && this.sorted[i]!.term.startsWith(prefix); i++) {
      if (this.sorted[i]!.term !== prefix) found.push(this.sorted[i]!)
    }
    return found.sort((a, b) => b.docs - a.docs).slice(0, max).map((t) => t.term)
  }

  /** Words within maxDistance of word, closest first, then the most frequent. */
  near (word: string, maxDistance: number, max: number): Array<{ term: string, distance: number }> {
    const found: Array<{ term: string, distance: number, docs: number }> = []
    const bits = characterBits(word)
    const maxBitsApart = 2 * maxDistance
    for (let length = word.length - maxDistance; length <= word.length + maxDistance; length++) {
      const bucket = this.byLength.get(length)
      if (bucket === undefined) continue
      for (let i = 0; i < bucket.terms.length; i++) {
        if (bitCount(bits ^ bucket.bits[i]!) > maxBitsApart) continue
        const t = bucket.terms[i]!
        const distance = editDistance(word, t.term, maxDistance)
        if (distance > 0 && distance <= maxDistance) found.push({ term: t.term, distance, docs: t.docs })
      }
    }
    return found.sort((a, b) => a.distance - b.distance || b.docs - a.docs).slice(0, max)
      .map(({ term, distance }) => ({ term, distance }))
  }
}
