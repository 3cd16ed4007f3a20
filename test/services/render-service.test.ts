import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { RenderRepository } from '../../src/repositories/render-repository.js'
import { RenderCounter } from '../../src/services/render-counter.js'
import { BoundedCache } from '../../src/services/bounded-cache.js'
import { RenderService, type CompiledVersion } from '../../src/services/render-service.js'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

describe('RenderService over the seeded store', () => {
  let t: TestApp
  let repository: RenderRepository
  before(async () => {
    t = await buildTestApp()
    repository = new RenderRepository(t.app.library.store.sqlite)
  })
  after(async () => { await t.close() })
  const generation = () => () => t.app.library.generation()

  it('keeps at most maxEntries parsed versions, dropping the oldest', () => {
    const parsed = new BoundedCache<CompiledVersion>(null, { maxEntries: 2, maxWeight: 1_000_000 })
    const service = new RenderService(repository, new RenderCounter(() => {}), generation(), parsed)
    for (const id of ['sagas-1', 'sagas-2', 'sagas-3', 'sagas-2']) service.render({ id, variables: {}, strict: false })
    assert.equal(parsed.size, 2)
    const tightCache = new BoundedCache<CompiledVersion>(null, { maxEntries: 100, maxWeight: 150 })
    const tight = new RenderService(repository, new RenderCounter(() => {}), generation(), tightCache)
    for (const id of ['sagas-1', 'sagas-2', 'sagas-3']) tight.render({ id, variables: {}, strict: false })
    assert.equal(tightCache.size, 1)
  })

  it('counts only successful renders, and a failed flush keeps the counts pending', () => {
    let fail = true
    const written: number[] = []
    const counter = new RenderCounter((deltas) => {
      if (fail) throw new Error('database is locked')
      written.push(...deltas.map((d) => d.count))
    })
    const service = new RenderService(repository, counter, generation())
    service.render({ id: 'sagas-1', variables: { specific_distributed_transaction: 'x' } })
    service.render({ id: 'sagas-1', variables: { specific_distributed_transaction: 'y' } })
    assert.throws(() => service.render({ id: 'sagas-1', variables: {} }))
    assert.throws(() => counter.flush(), /locked/)
    assert.equal(counter.pending('sagas-1', 1), 2)
    fail = false
    assert.equal(counter.flush(), 1)
    assert.deepEqual(written, [2])
    assert.equal(counter.pending('sagas-1', 1), 0)
  })

  it('adds counts to the stored render_count in one transaction', () => {
    repository.addRenderCounts([{ promptId: 'sagas-4', version: 1, count: 7 }, { promptId: 'sagas-5', version: 1, count: 2 }])
    repository.addRenderCounts([{ promptId: 'sagas-4', version: 1, count: 1 }])
    assert.equal(t.app.library.prompts.current('sagas-4')!.renderCount, 8)
    assert.equal(t.app.library.prompts.current('sagas-5')!.renderCount, 2)
  })
})
