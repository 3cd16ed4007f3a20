import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { editDistance } from '../../src/domain/edit-distance.js'

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit', () => {
    assert.equal(editDistance('saga', 'saga', 2), 0)
    assert.equal(editDistance('awakable', 'awakeable', 2), 1)
    assert.equal(editDistance('securty', 'security', 2), 1)
    assert.equal(editDistance('paymnet', 'payment', 2), 1)
    assert.equal(editDistance('circut', 'circuit', 1), 1)
    assert.equal(editDistance('obserability', 'observability', 2), 1)
    assert.equal(editDistance('kitten', 'sitting', 3), 3)
  })

  it('answers max + 1 as soon as the distance exceeds max', () => {
    assert.equal(editDistance('saga', 'workflow', 1), 2)
    assert.equal(editDistance('abcdef', 'badcfe', 2), 3)
  })

  it('agrees with the textbook table on random words, long ones included', () => {
    // The full table, without bounds or reused buffers.
    const reference = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
        }
      }
      return d[a.length]![b.length]!
    }
    let seed = 7
    const random = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
    const word = (length: number): string => Array.from({ length }, () => 'abcde'[random(5)]).join('')
    let compared = 0
    for (let round = 0; round < 3000; round++) {
      const a = word(random(round < 2900 ? 12 : 200))
      const b = random(2) === 0 ? word(random(12)) : a.slice(0, random(a.length + 1)) + word(random(3)) + a.slice(random(a.length + 1))
      for (const max of [1, 2, 3]) {
        const exact = reference(a, b)
        assert.equal(editDistance(a, b, max), exact > max ? max + 1 : exact, `${a} / ${b} within ${max}`)
        compared++
      }
    }
    assert.equal(compared, 9000)
  })
})
