import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BoundedCache } from '../../src/services/bounded-cache.js'

describe('BoundedCache', () => {
  it('drops the oldest entries past its entry count', () => {
    const cache = new BoundedCache<string>(null, { maxEntries: 3, maxWeight: 1000 })
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, key)
    assert.equal(cache.get('a'), undefined)
    assert.deepEqual(['b', 'c', 'd'].map((key) => cache.get(key)), ['b', 'c', 'd'])
    assert.equal(cache.size, 3)
  })

  it('drops the oldest entries past its weight, and never holds an oversized entry', () => {
    const cache = new BoundedCache<string>(null, { maxEntries: 100, maxWeight: 100, maxEntryWeight: 25 })
    const put = (key: string, value: string): void => cache.set(key, value, value.length)
    put('a', 'x'.repeat(20))
    put('b', 'y'.repeat(20))
    put('huge', 'z'.repeat(26))
    assert.equal(cache.get('huge'), undefined)
    for (let i = 0; i < 5; i++) put(`k${i}`, 'w'.repeat(20))
    assert.equal(cache.get('a'), undefined)
    assert.equal(cache.get('b'), undefined)
    assert.ok(cache.get('k3'))
    put('k3', 'v'.repeat(20))
    assert.equal(cache.get('k3'), 'v'.repeat(20))
  })

  it('empties itself when the generation moves, and only then', () => {
    let generation = 1
    const cache = new BoundedCache<number>(() => generation)
    cache.set('a', 1)
    assert.equal(cache.get('a'), 1)
    generation = 2
    assert.equal(cache.get('a'), undefined)
    cache.set('a', 2)
    assert.equal(cache.get('a'), 2)
  })
})
