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
})
