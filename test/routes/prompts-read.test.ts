import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

interface Item { id: string, category: string, section: string }

describe('reading prompts', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('answers sagas-1 … sagas-5 in order for category=sagas, with and without /v1', async () => {
    for (const path of ['/v1/prompts?category=sagas', '/prompts?category=sagas']) {
      const res = await t.http.get(path).expect(200).expect('content-type', /application\/json/)
      assert.deepEqual(res.body.items.map((p: Item) => p.id), ['sagas-1', 'sagas-2', 'sagas-3', 'sagas-4', 'sagas-5'])
      assert.equal(res.body.nextCursor, null)
    }
  })

  it('includes every category below a section', async () => {
    const res = await t.http.get('/v1/prompts?category=error-handling-and-sagas').expect(200)
    assert.deepEqual(res.body.items.map((p: Item) => p.id),
      ['error-handling-1', 'error-handling-2', 'error-handling-3', 'error-handling-4', 'error-handling-5',
        'sagas-1', 'sagas-2', 'sagas-3', 'sagas-4', 'sagas-5'])
    assert.ok(res.body.items.every((p: Item) => p.section === 'error-handling-and-sagas'))
  })

  it('reaches all 150 prompts by cursor, in document order, each once', async () => {
    const ids: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const res: { body: { items: Item[], nextCursor: string | null } } = await t.http.get('/v1/prompts')
        .query({ limit: 7, ...(cursor ? { cursor } : {}) }).expect(200)
      assert.ok(res.body.items.length <= 7)
      ids.push(...res.body.items.map((p) => p.id))
      cursor = res.body.nextCursor
      pages++
    } while (cursor !== null && pages < 100)
    assert.equal(ids.length, 150)
    assert.equal(new Set(ids).size, 150)
    assert.equal(pages, Math.ceil(150 / 7))
    assert.equal(ids[0], 'service-type-selection-1')
    assert.equal(ids.indexOf('sagas-1'), 55)
    assert.equal(ids[149], 'llm-analysis-5')
  })

  it('defaults to 20 items a page', async () => {
    const res = await t.http.get('/v1/prompts').expect(200)
    assert.equal(res.body.items.length, 20)
    assert.equal(typeof res.body.nextCursor, 'string')
  })

  it('filters by tag', async () => {
    const res = await t.http.get('/v1/prompts?tag=awakeables&limit=100').expect(200)
    assert.ok(res.body.items.length >= 5)
    for (const item of res.body.items) assert.ok(item.tags.includes('awakeables'))
    const none = await t.http.get('/v1/prompts?tag=no-such-tag').expect(200)
    assert.deepEqual(none.body, { items: [], nextCursor: null })
  })

  it('returns one prompt in the contract shape with a strong ETag', async () => {
    const res = await t.http.get('/v1/prompts/sagas-1').expect(200)
    assert.match(res.headers.etag!, /^"[^"]+"$/)
    const { createdAt, updatedAt, ...rest } = res.body
    assert.ok(!Number.isNaN(Date.parse(createdAt)) && !Number.isNaN(Date.parse(updatedAt)))
    assert.deepEqual(rest, {
      id: 'sagas-1',
      category: 'sagas',
      section: 'error-handling-and-sagas',
      config: {},
      template: 'Design a Saga pattern for a {{specific_distributed_transaction}} using Restate, including all compensating actions.',
      variables: [{ name: 'specific_distributed_transaction', description: 'specific distributed transaction', examples: [], required: true }],
      tags: ['sagas'],
      version: 1,
      renderCount: 0
    })
  })

  it('keeps the example of a placeholder hint', async () => {
    const res = await t.http.get('/prompts/service-architecture-4').expect(200)
    assert.deepEqual(res.body.variables, [{ name: 'specific_domain', description: 'specific domain like e-commerce, IoT, etc.', examples: ['e-commerce', 'IoT'], required: true }])
  })

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const first = await t.http.get('/v1/prompts/sagas-2').expect(200)
    const res = await t.http.get('/v1/prompts/sagas-2').set('If-None-Match', first.headers.etag!).expect(304)
    assert.equal(res.text, '')
    assert.equal(res.headers.etag, first.headers.etag)
    await t.http.get('/v1/prompts/sagas-2').set('If-None-Match', '"other"').expect(200)
    await t.http.get('/v1/prompts/sagas-2').set('If-None-Match', `"x", W/${first.headers.etag}`).expect(304)
  })

  it('selects a version with ?version', async () => {
    const res = await t.http.get('/v1/prompts/sagas-1?version=1').expect(200)
    assert.equal(res.body.version, 1)
  })
})

describe('categories and tags', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('lists 45 categories in document order with counts that include their children', async () => {
    const res = await t.http.get('/v1/categories').expect(200)
    const items = res.body.items as Array<{ slug: string, name: string, parent: string | null, promptCount: number }>
    assert.equal(items.length, 45)
    assert.deepEqual(items.slice(0, 3), [
      { slug: 'service-selection-and-design-patterns', name: 'Service Selection and Design Patterns', parent: null, promptCount: 10 },
      { slug: 'service-type-selection', name: 'Service Type Selection', parent: 'service-selection-and-design-patterns', promptCount: 5 },
      { slug: 'service-architecture', name: 'Service Architecture', parent: 'service-selection-and-design-patterns', promptCount: 5 }
    ])
    assert.equal(items.filter((item) => item.parent === null).length, 15)
    assert.equal(items.filter((item) => item.parent === null).reduce((sum, item) => sum + item.promptCount, 0), 150)
    assert.deepEqual(items.find((item) => item.slug === 'sagas'), { slug: 'sagas', name: 'Sagas', parent: 'error-handling-and-sagas', promptCount: 5 })
    assert.ok(items.some((item) => item.slug === 'framework-specific-prompts-rea'))
  })

  it('lists tags with counts, most used first', async () => {
    const res = await t.http.get('/tags').expect(200)
    const items = res.body.items as Array<{ tag: string, count: number }>
    assert.ok(items.length > 5)
    for (let i = 1; i < items.length; i++) assert.ok(items[i - 1]!.count >= items[i]!.count)
    const sagas = await t.http.get('/v1/prompts?tag=sagas&limit=100').expect(200)
    assert.equal(items.find((item) => item.tag === 'sagas')!.count, sagas.body.items.length)
  })
})
