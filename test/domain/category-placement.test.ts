import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { placeCategories, type StoredCategory } from '../../src/domain/category-placement.js'

// a (section) with a1, a2; b (section) with b1.
const STORED: StoredCategory[] = [
  { slug: 'a', parent: null, position: 1 },
  { slug: 'a1', parent: 'a', position: 2 },
  { slug: 'a2', parent: 'a', position: 3 },
  { slug: 'b', parent: null, position: 4 },
  { slug: 'b1', parent: 'b', position: 5 }
]

/** The store's order after the insertions, each moving down the categories at or after its position. */
function orderAfter (stored: readonly StoredCategory[], insertions: ReturnType<typeof placeCategories>): string[] {
  const rows = stored.map((row) => ({ ...row }))
  for (const insertion of insertions) {
    for (const row of rows) if (row.position >= insertion.position) row.position++
    rows.push({ slug: insertion.slug, parent: insertion.parent, position: insertion.position })
  }
  return rows.sort((x, y) => x.position - y.position).map((row) => row.slug)
}

describe('placeCategories', () => {
  it('adds nothing when the store has every category', () => {
    assert.deepEqual(placeCategories(STORED, [{ slug: 'a', name: 'A', parent: null }, { slug: 'b1', name: 'B1', parent: 'b' }]), [])
  })

  it('puts a subsection after the category before it in the document', () => {
    const planned = [{ slug: 'a1', name: 'A1', parent: 'a' }, { slug: 'new', name: 'New', parent: 'a' }, { slug: 'a2', name: 'A2', parent: 'a' }]
    const insertions = placeCategories(STORED, planned)
    assert.deepEqual(insertions, [{ slug: 'new', name: 'New', parent: 'a', position: 3 }])
    assert.deepEqual(orderAfter(STORED, insertions), ['a', 'a1', 'new', 'a2', 'b', 'b1'])
  })

  it('puts a subsection at the end of its section when the category before it is elsewhere', () => {
    const planned = [{ slug: 'b1', name: 'B1', parent: 'b' }, { slug: 'late', name: 'Late', parent: 'a' }]
    assert.deepEqual(orderAfter(STORED, placeCategories(STORED, planned)), ['a', 'a1', 'a2', 'late', 'b', 'b1'])
  })

  it('puts a section after the whole subtree of the section before it, and the first one before everything', () => {
    const planned = [{ slug: 'first', name: 'First', parent: null }, { slug: 'a', name: 'A', parent: null }, { slug: 'mid', name: 'Mid', parent: null }, { slug: 'b', name: 'B', parent: null }]
    assert.deepEqual(orderAfter(STORED, placeCategories(STORED, planned)), ['first', 'a', 'a1', 'a2', 'mid', 'b', 'b1'])
  })

  it('adds a planned parent before its children, and places a whole new tree in an empty store in document order', () => {
    const early = placeCategories(STORED, [{ slug: 'kid', name: 'Kid', parent: 'top' }, { slug: 'top', name: 'Top', parent: null }])
    assert.deepEqual(early.map((i) => i.slug), ['top', 'kid'])
    assert.deepEqual(orderAfter(STORED, early), ['top', 'kid', 'a', 'a1', 'a2', 'b', 'b1'])
    const planned = [{ slug: 'top', name: 'Top', parent: null }, { slug: 'kid', name: 'Kid', parent: 'top' }, { slug: 'kid2', name: 'Kid 2', parent: 'top' }, { slug: 'next', name: 'Next', parent: null }]
    const insertions = placeCategories([], planned)
    assert.deepEqual(insertions.map((i) => i.slug), ['top', 'kid', 'kid2', 'next'])
    assert.deepEqual(orderAfter([], insertions), ['top', 'kid', 'kid2', 'next'])
  })

  it('does not change its inputs', () => {
    const stored = STORED.map((row) => ({ ...row }))
    placeCategories(stored, [{ slug: 'first', name: 'First', parent: null }])
    assert.deepEqual(stored, STORED)
  })
})
