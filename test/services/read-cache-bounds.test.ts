import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ReadCache } from '../../src/services/read-cache.js'

describe('ReadCache bounds', () => {
  it('drops the oldest entries past its entry count', () => {
    const cache = new ReadCache(3, 1000)
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, { body: key })
    assert.equal(cache.get('a'), undefined)
    assert.deepEqual(['b', 'c', 'd'].map((key) => cache.get(key)?.body), ['b', 'c', 'd'])
  })

  it('drops the oldest entries past its size in characters, and never holds an oversized body', () => {
    const cache = new ReadCache(100, 100)
    cache.set('a', { body: 'x'.repeat(20) })
    cache.set('b', { body: 'y'.repeat(20) })
    cache.set('huge', { body: 'z'.repeat(26) })
    assert.equal(cache.get('huge'), undefined)
    for (let i = 0; i < 5; i++) cache.set(`k${i}`, { body: 'w'.repeat(20) })
    assert.equal(cache.get('a'), undefined)
    assert.equal(cache.get('b'), undefined)
    assert.ok(cache.get('k3'))
    cache.set('k3', { body: 'v'.repeat(20) })
    assert.equal(cache.get('k3')!.body, 'v'.repeat(20))
  })

  it('drops only the bodies that carry a render count when counts change', () => {
    const cache = new ReadCache()
    cache.set('list', { body: '[]' })
    cache.set('prompt', { body: '{}', renderCount: 3, version: 1 })
    cache.invalidateRenderCounts()
    assert.ok(cache.get('list'))
    assert.equal(cache.get('prompt'), undefined)
  })
})
