import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

interface Item { id: string, highlight: string, category: string, tags: string[] }

describe('GET /v1/prompts?q=', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  const search = async (query: string, status = 200): Promise<{ items: Item[], nextCursor: string | null, facets: { categories: Array<{ slug: string, count: number }> }, didYouMean?: string }> =>
    (await t.http.get('/v1/prompts?' + query).expect(status)).body

  it('ranks prompts with every word first and highlights the matches, HTML-escaped', async () => {
    const body = await search('q=saga%20compensation')
    const top = body.items.slice(0, 5).map((p) => p.id)
    assert.ok(top.includes('sagas-1') && top.includes('sagas-3'), top.join())
    const sagas1 = body.items.find((p) => p.id === 'sagas-1')!
    assert.equal(sagas1.highlight, 'Design a <mark>Saga</mark> pattern for a {{specific_distributed_transaction}} using Restate, including all <mark>compensating actions</mark>.')
    const quoted = (await search('q=external%20api')).items.find((p) => p.highlight.includes('Restate&#39;s'))
    assert.ok(quoted, 'apostrophes are escaped')
    assert.equal(body.didYouMean, undefined)
  })

  it('finds Go identifiers, prefixes and corrected typos, and says didYouMean', async () => {
    assert.equal((await search('q=ctx.Run')).items[0]?.id, 'deterministic-execution-3')
    assert.equal((await search('q=FanOutFail')).items[0]?.id, 'rea-framework-usage-4')
    assert.equal((await search('q=terminal%20err')).items.slice(0, 2).some((p) => p.id === 'error-handling-4'), true)
    const prefix = await search('q=compensat')
    assert.ok(prefix.items.length >= 5 && prefix.items.every((p) => /compensat/i.test(p.highlight)))
    const typo = await search('q=securty')
    assert.equal(typo.didYouMean, 'security')
    assert.ok(typo.items[0]!.category.startsWith('security'))
    assert.equal((await search('q=circut%20breaker')).items[0]?.id, 'error-handling-5')
  })

  it('ranks prompts matched as typed above prompts matched only through a correction', async () => {
    const body = await search('q=securty%20strangler')
    assert.equal(body.didYouMean, 'security strangler')
    const kinds = body.items.map((p) => /Strangler/.test(p.highlight) ? 'typed' : 'corrected')
    assert.equal(kinds[0], 'typed')
    assert.ok(kinds.includes('corrected'))
    assert.ok(kinds.lastIndexOf('typed') < kinds.indexOf('corrected'), kinds.join())
  })

  it('counts facets over every match, ignoring the category filter but not the tag', async () => {
    const all = await search('q=saga')
    const filtered = await search('q=saga&category=sagas')
    assert.deepEqual(filtered.facets, all.facets)
    assert.deepEqual(filtered.items.map((p) => p.id).sort(), ['sagas-1', 'sagas-2', 'sagas-3', 'sagas-4', 'sagas-5'])
    const section = all.facets.categories.find((f) => f.slug === 'error-handling-and-sagas')!
    const children = all.facets.categories.filter((f) => f.slug === 'sagas' || f.slug === 'error-handling')
    assert.equal(section.count, children.reduce((sum, f) => sum + f.count, 0))
    const tagged = await search('q=saga&tag=rea')
    assert.ok(tagged.items.length > 0 && tagged.items.every((p) => p.tags.includes('rea')))
    assert.ok(tagged.facets.categories.reduce((s, f) => s + f.count, 0) < all.facets.categories.reduce((s, f) => s + f.count, 0))
  })

  it('counts facets of a short result from its matches, sections included', async () => {
    const body = await search('q=strangler%20fig')
    assert.deepEqual(body.items.map((p) => p.id), ['migration-3'])
    assert.deepEqual(body.facets.categories, [{ slug: 'migration-and-integration', count: 1 }, { slug: 'migration', count: 1 }])
    assert.deepEqual((await search('q=strangler%20fig&category=sagas')).facets, body.facets)
  })

  // Multi-word queries whose all-words matches are too few in most categories, so the filtered search
  // would fall back to looser tiers than the search without a category
  // (each of these once gave other facets under most categories).
  const fallbackQueries = ['error handling retry', 'virtual object state', 'testing strategy', 'unit tests mocking']
  it('facets with any category equal the facets without it; items are the unfiltered items within it', async () => {
    const categories = (await t.http.get('/v1/categories').expect(200)).body.items as Array<{ slug: string, parent: string | null }>
    assert.ok(categories.length >= 45)
    const subtree = (slug: string): Set<string> => {
      const found = new Set([slug])
      for (const c of categories) if (c.parent !== null && found.has(c.parent)) found.add(c.slug)
      return found // document order: a parent always comes before its children
    }
    for (const text of fallbackQueries) {
      const q = encodeURIComponent(text)
      const all = await search(`q=${q}&limit=100`)
      assert.ok(all.facets.categories.length > 0, text)
      for (const { slug } of categories) {
        const filtered = await search(`q=${q}&category=${slug}&limit=100`)
        assert.deepEqual(filtered.facets, all.facets, `${text} / ${slug}: facets`)
        const inside = subtree(slug)
        const expected = all.items.filter((p) => inside.has(p.category)).map((p) => p.id)
        const ids = filtered.items.map((p) => p.id)
        assert.ok(filtered.items.every((p) => inside.has(p.category)), `${text} / ${slug}: outside the category`)
        // The unfiltered page may stop before the category's last matches: then it gives a prefix.
        assert.deepEqual(all.nextCursor === null ? ids : ids.slice(0, expected.length), expected, `${text} / ${slug}: items`)
        const count = all.facets.categories.find((f) => f.slug === slug)?.count ?? 0
        if (all.nextCursor === null) assert.equal(ids.length, count, `${text} / ${slug}: item count equals its facet`)
      }
    }
  })

  it('documents q in the OpenAPI document', async () => {
    const spec = (await t.http.get('/openapi.json').expect(200)).body
    const q = spec.paths['/v1/prompts'].get.parameters.find((p: { name: string }) => p.name === 'q')
    assert.equal(q.schema.maxLength, 200)
  })

  it('pages with an opaque cursor and refuses a malformed one', async () => {
    const first = await search('q=restate&limit=7')
    assert.equal(first.items.length, 7)
    assert.ok(first.nextCursor)
    const second = await search(`q=restate&limit=7&cursor=${first.nextCursor}`)
    assert.equal(second.items.length, 7)
    assert.equal(new Set([...first.items, ...second.items].map((p) => p.id)).size, 14)
    for (const cursor of ['bogus', Buffer.from('s1:-1').toString('base64url'), Buffer.from('p1:1:1').toString('base64url')]) {
      const res = await t.http.get(`/v1/prompts?q=restate&cursor=${cursor}`).expect(400).expect('content-type', /problem\+json/)
      assert.equal(res.body.errors[0].pointer, '#/query/cursor')
    }
  })

  it('takes only the exact cursor text it wrote, and only for the same q, category and tag', async () => {
    const { nextCursor } = await search('q=restate&limit=7')
    const text = Buffer.from(nextCursor!, 'base64url').toString()
    const [, offset, hash] = text.split(':')
    assert.equal(offset, '7')
    const variants = [`s2:7.0:${hash}`, `s2:07:${hash}`, `s2:7e0:${hash}`, `s2:0x7:${hash}`, `s2: 7:${hash}`, `s2:7:${hash}:`, `s1:7:${hash}`]
      .map((v) => Buffer.from(v).toString('base64url'))
    for (const cursor of [...variants, nextCursor + '=', nextCursor + '.', nextCursor!.slice(0, -1), ` ${nextCursor}`, nextCursor!.toUpperCase()]) {
      const res = await t.http.get('/v1/prompts').query({ q: 'restate', cursor }).expect(400).expect('content-type', /problem\+json/)
      assert.equal(res.body.errors[0].pointer, '#/query/cursor', cursor)
    }
    for (const other of [{ q: 'saga' }, { q: 'restate ' }, { q: 'Restate' }, { q: 'restate', category: 'sagas' }, { q: 'restate', tag: 'rea' }]) {
      const res = await t.http.get('/v1/prompts').query({ ...other, cursor: nextCursor }).expect(400).expect('content-type', /problem\+json/)
      assert.equal(res.body.errors[0].pointer, '#/query/cursor')
      assert.match(res.body.errors[0].detail, /same query/)
    }
    // The same search takes it whatever the page size.
    assert.equal((await search(`q=restate&limit=3&cursor=${nextCursor}`)).items.length, 3)
    const filtered = await search('q=restate&category=error-handling-and-sagas&limit=2')
    assert.ok(filtered.nextCursor)
    assert.equal((await search(`q=restate&category=error-handling-and-sagas&limit=2&cursor=${filtered.nextCursor}`)).items.length, 2)
  })

  it('refuses q over 200 characters or 12 words with a 400 problem naming q', async () => {
    for (const q of ['a'.repeat(201), Array.from({ length: 13 }, (_, i) => `w${i}`).join(' '), '']) {
      const res = await t.http.get('/v1/prompts').query({ q }).expect(400).expect('content-type', /problem\+json/)
      assert.match(res.body.errors[0].pointer, /q/)
    }
  })

  // Each hostile q is searched as plain words: FTS5 syntax never reaches the index, and nothing fails.
  // none: no word in it matches (or it has no words at all); sagas: its one real word is saga;
  // words: ordinary words that match some prompts (related words included, which highlights may not mark).
  const hostile: Array<[q: string, expect: 'none' | 'sagas' | 'words']> = [
    ['"', 'none'], ['saga"', 'sagas'], ['(saga', 'sagas'], ['saga)', 'sagas'], ['AND', 'words'], ['OR', 'words'], ['NOT', 'none'],
    ['NEAR', 'none'], ['saga AND', 'sagas'], ['OR saga', 'words'], ['NOT saga', 'sagas'], ['NEAR(saga compensation, 2)', 'sagas'],
    ['*', 'none'], ['saga*', 'sagas'], ['*saga', 'sagas'], ['template:saga', 'none'], [':', 'none'], ['-saga', 'sagas'],
    ['saga -workflow', 'words'], ['^saga', 'sagas'], ['\u0000saga\u0001\u001b[31m', 'sagas'], ['a'.repeat(300).slice(0, 200), 'none'],
    ['{'.repeat(200), 'none'], ['{{specific_domain}}', 'words'], ['\\', 'none'], ["'; DROP TABLE prompts; --", 'words'], ['%', 'none'], ['🙂', 'none']
  ]
  for (const [q, expect] of hostile) {
    it(`answers 200 for q=${JSON.stringify(q.slice(0, 24))} with ${expect === 'none' ? 'no items' : expect === 'sagas' ? 'the saga prompts first' : 'items, markup only <mark>'}`, async () => {
      const res = await t.http.get('/v1/prompts').query({ q }).expect(200)
      assert.match(res.headers['content-type']!, /^application\/json/)
      const body = res.body as { items: Item[], nextCursor: string | null, facets: { categories: Array<{ slug: string, count: number }> }, didYouMean?: string }
      assert.equal(body.didYouMean, undefined)
      if (expect === 'none') {
        assert.deepEqual(body.items, [])
        assert.deepEqual(body.facets.categories, [])
        assert.equal(body.nextCursor, null)
        return
      }
      assert.ok(body.items.length > 0, 'some prompts match')
      for (const item of body.items) {
        assert.doesNotMatch(item.highlight.replace(/<\/?mark>/g, ''), /[<>]/, `${item.id}: nothing but <mark> is markup`)
      }
      const counted = body.facets.categories.filter((facet) => facet.count > 0)
      assert.ok(counted.length > 0, 'facets count the matches')
      if (expect === 'sagas') {
        assert.match(body.items[0]!.id, /^sagas-/)
        assert.match(body.items[0]!.highlight, /<mark>Saga/i)
      }
    })
  }

  it('still holds every prompt after the hostile queries', async () => {
    const categories = (await t.http.get('/v1/categories').expect(200)).body.items as Array<{ parent: string | null, promptCount: number }>
    assert.equal(categories.filter((c) => c.parent === null).reduce((sum, c) => sum + c.promptCount, 0), 150)
  })

  it('answers 400, not 5xx, for 500 { and a 300-character word (over the length limit)', async () => {
    await t.http.get('/v1/prompts').query({ q: '{'.repeat(500) }).expect(400)
    await t.http.get('/v1/prompts').query({ q: 'x'.repeat(300) }).expect(400)
  })

  it('follows writes: a new version, a soft delete and a category move reach the index without the write code knowing', async () => {
    const { sqlite } = t.app.library.store
    const now = new Date().toISOString()
    t.app.library.transaction(() => {
      t.app.library.prompts.insertVersion({ promptId: 'sagas-2', version: 2, template: 'Plan a zanzibarish rollout for {{service}}.', variables: [], tags: ['sagas'], categoryId: 18, createdBy: 'test', createdAt: now })
      sqlite.prepare('UPDATE prompts SET current_version = 2 WHERE id = ?').run('sagas-2')
    })
    assert.deepEqual((await search('q=zanzibarish')).items.map((p) => p.id), ['sagas-2'])
    assert.deepEqual((await search('q=zanzib')).items.map((p) => p.id), ['sagas-2'], 'the vocabulary follows too')
    assert.ok(!(await search('q=defer%20statement')).items.some((p) => p.id === 'sagas-2'), 'the old version left the index')

    // Writes go through library.transaction, as the app's own writes do (it also empties the read cache).
    const write = (sql: string, ...params: unknown[]): void => { t.app.library.transaction(() => sqlite.prepare(sql).run(...params)) }
    write('UPDATE prompts SET deleted_at = ? WHERE id = ?', now, 'sagas-2')
    assert.deepEqual((await search('q=zanzibarish')).items, [])
    write('UPDATE prompts SET deleted_at = NULL WHERE id = ?', 'sagas-2')
    const moved = sqlite.prepare("SELECT id FROM categories WHERE slug = 'testing'").pluck().get() as number
    write('UPDATE prompts SET category_id = ? WHERE id = ?', moved, 'sagas-2')
    const back = await search('q=zanzibarish')
    assert.deepEqual(back.items.map((p) => p.id), ['sagas-2'])
    assert.deepEqual(back.facets.categories.map((f) => f.slug), ['testing-and-debugging', 'testing'])
  })
})
