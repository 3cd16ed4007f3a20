import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const AUTH = { authorization: `Bearer ${TEST_ADMIN_KEY}` }
const SAGA = 'Design a Saga pattern for a {{transaction}} using Restate, including all compensating actions.'

function assertProblem (res: { status: number, headers: Record<string, string>, body: { status: number, type: string, detail: string } }, status: number): void {
  assert.equal(res.status, status, JSON.stringify(res.body))
  assert.match(res.headers['content-type']!, /^application\/problem\+json/)
  assert.equal(res.body.status, status)
  assert.equal(typeof res.body.detail, 'string')
}

describe('POST /v1/prompts', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('creates version 1 as sagas-6 at the end of the category, with Location and ETag', async () => {
    const res = await t.http.post('/v1/prompts').set(AUTH)
      .send({ category: 'sagas', template: SAGA, variables: [{ name: 'transaction', description: 'what to coordinate', examples: ['hotel booking'] }] })
      .expect(201)
    assert.equal(res.headers.location, '/v1/prompts/sagas-6')
    assert.equal(res.headers.etag, '"sagas-6.v1"')
    assert.equal(res.body.id, 'sagas-6')
    assert.equal(res.body.version, 1)
    assert.equal(res.body.section, 'error-handling-and-sagas')
    assert.deepEqual(res.body.variables, [{ name: 'transaction', description: 'what to coordinate', examples: ['hotel booking'], required: true }])
    assert.deepEqual(res.body.tags, ['sagas'], 'tags default to the topics found in the text')

    const read = await t.http.get('/v1/prompts/sagas-6').expect(200)
    assert.equal(read.headers.etag, '"sagas-6.v1"')
    assert.equal(read.body.template, SAGA)
    const list = await t.http.get('/v1/prompts?category=sagas').expect(200)
    assert.deepEqual(list.body.items.map((p: { id: string }) => p.id), ['sagas-1', 'sagas-2', 'sagas-3', 'sagas-4', 'sagas-5', 'sagas-6'])
    const versions = await t.http.get('/v1/prompts/sagas-6/versions').expect(200)
    assert.equal(versions.body.items[0].createdBy, 'admin (ADMIN_API_KEY)')
  })

  it('takes an explicit id and tags, via X-API-Key and the unversioned path', async () => {
    const res = await t.http.post('/prompts').set('x-api-key', TEST_ADMIN_KEY)
      .send({ id: 'my-saga', category: 'sagas', template: 'No placeholders here.', tags: ['mine', 'mine', 'x-1'] }).expect(201)
    assert.equal(res.headers.location, '/v1/prompts/my-saga')
    assert.deepEqual(res.body.tags, ['mine', 'x-1'])
    const tagged = await t.http.get('/v1/prompts?tag=mine').expect(200)
    assert.deepEqual(tagged.body.items.map((p: { id: string }) => p.id), ['my-saga'])
  })

  it('numbers new ids past a huge numbered id without looping', { timeout: 10_000 }, async () => {
    await t.http.post('/v1/prompts').set(AUTH).send({ id: 'promises-9223372036854775807', category: 'promises', template: 'Huge.' }).expect(201)
    await t.http.post('/v1/prompts').set(AUTH).send({ id: 'promises-99999999999999999999', category: 'promises', template: 'Huger.' }).expect(201)
    const first = await t.http.post('/v1/prompts').set(AUTH).send({ category: 'promises', template: 'Next one.' }).expect(201)
    const second = await t.http.post('/v1/prompts').set(AUTH).send({ category: 'promises', template: 'And the next.' }).expect(201)
    assert.deepEqual([first.body.id, second.body.id], ['promises-6', 'promises-7'])
  })

  it('numbers new ids after the largest <category>-<n>, found through an index rather than a scan of every prompt', async () => {
    for (const id of ['deterministic-execution-99', 'deterministic-execution-0500', 'deterministic-execution-x-700', 'deterministic-execution-12a', 'deterministic-execution-1000000000']) {
      await t.http.post('/v1/prompts').set(AUTH).send({ id, category: 'deterministic-execution', template: `Numbered ${id}.` }).expect(201)
    }
    // 99 is the largest plain number: a leading zero, another prefix, a letter or ten digits do not count.
    const next = await t.http.post('/v1/prompts').set(AUTH).send({ category: 'deterministic-execution', template: 'After 99.' }).expect(201)
    assert.equal(next.body.id, 'deterministic-execution-100')
    // The plan of the repository's own statement.
    const statement = Reflect.get(t.app.library.prompts, 'maxNumberedIdStatement') as { source: string }
    const plan = t.app.library.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all({ prefix: 'deterministic-execution' }) as Array<{ detail: string }>
    assert.deepEqual(plan.map((row) => row.detail), ['SEARCH prompts USING COVERING INDEX prompts_numbered_id_idx (<expr>=? AND <expr>>? AND <expr><?)'])
  })

  it('answers 409 for an existing id, leaving the prompt as it was', async () => {
    const before = await t.http.get('/v1/prompts/sagas-1').expect(200)
    assertProblem(await t.http.post('/v1/prompts').set(AUTH).send({ id: 'sagas-1', category: 'sagas', template: 'x' }), 409)
    const after = await t.http.get('/v1/prompts/sagas-1').expect(200)
    assert.deepEqual(after.body, before.body)
  })

  it('answers 401 without a key and with an unknown key, before looking at the body', async () => {
    assertProblem(await t.http.post('/v1/prompts').send({ nonsense: true }), 401)
    assertProblem(await t.http.post('/v1/prompts').set('authorization', 'Bearer not-a-real-key-000000').send({ category: 'sagas', template: 'x' }), 401)
    // Before the body is even parsed: malformed JSON and a wrong media type still answer 401.
    assertProblem(await t.http.post('/v1/prompts').set('content-type', 'application/json').send('{"broken'), 401)
    assertProblem(await t.http.post('/v1/import').set('content-type', 'text/markdown').send('## 1. A\n```\n'), 401)
  })

  it('refuses bad input with 400 problems that point at the field, and writes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ category: 'no-such-category', template: 'x' }, '#/category'],
      [{ category: 'sagas', template: 'x', id: 'Bad_Id' }, '#/id'],
      [{ category: 'sagas', template: 'x', id: 'a'.repeat(101) }, '#/id'],
      [{ category: 'sagas', template: 'x', extra: 1 }, '#/extra'],
      [{ category: 'sagas' }, '#/template'],
      [{ category: 'sagas', template: '' }, '#/template'],
      [{ category: 'sagas', template: 'a'.repeat(100_001) }, '#/template'],
      [{ category: 'sagas', template: 'Broken {{topic' }, '#/template'],
      [{ category: 'sagas', template: 'Empty {{ }}' }, '#/template'],
      [{ category: 'sagas', template: 'Bad {{Topic-Name}}' }, '#/template'],
      [{ category: 'sagas', template: 'Uses {{a}}', variables: [{ name: 'b' }] }, '#/variables/0/name'],
      [{ category: 'sagas', template: 'x', tags: ['Not A Tag'] }, '#/tags/0'],
      [{ category: 'sagas', template: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, '#/tags'],
      [{ category: 'sagas', template: 'x', tags: ['a'.repeat(51)] }, '#/tags/0'],
      [{ category: 'sagas', template: '{{a}}', variables: [{ name: 'a', examples: Array.from({ length: 21 }, () => 'e') }] }, '#/variables/0/examples'],
      [{ category: 'sagas', template: '{{a}}', variables: [{ name: 'a', description: 'd'.repeat(1001) }] }, '#/variables/0/description']
    ]
    for (const [body, pointer] of cases) {
      const res = await t.http.post('/v1/prompts').set(AUTH).send(body)
      assertProblem(res, 400)
      assert.ok(res.body.errors.some((e: { pointer: string }) => e.pointer === pointer), `${JSON.stringify(body).slice(0, 80)} -> ${JSON.stringify(res.body.errors)}`)
    }
    const list = await t.http.get('/v1/prompts?category=sagas&limit=100').expect(200)
    assert.equal(list.body.items.length, 7, 'only the two prompts created above were added')
  })

  it('accepts a template of exactly 100,000 characters', async () => {
    const res = await t.http.post('/v1/prompts').set(AUTH).send({ id: 'long-one', category: 'sagas', template: 'a'.repeat(100_000), tags: [] }).expect(201)
    assert.equal(res.body.template.length, 100_000)
  })

  it('answers 413 for a body over 1 MiB, 415 for a non-JSON type, 400 for malformed JSON: all problem+json', async () => {
    const big = JSON.stringify({ category: 'sagas', template: 'x', tags: [], variables: [{ name: 'x', description: 'd'.repeat(1024 * 1024) }] })
    assertProblem(await t.http.post('/v1/prompts').set(AUTH).set('content-type', 'application/json').send(big), 413)
    assertProblem(await t.http.post('/v1/prompts').set(AUTH).set('content-type', 'text/plain').send('category=sagas'), 415)
    assertProblem(await t.http.post('/v1/prompts').set(AUTH).set('content-type', 'application/xml').send('<p/>'), 415)
    assertProblem(await t.http.post('/v1/prompts').set(AUTH).set('content-type', 'application/json').send('{"category": "sagas",'), 400)
    assertProblem(await t.http.post('/v1/prompts').set(AUTH).set('content-type', 'application/json').send('{"__proto__": {"x": 1}, "category": "sagas", "template": "x"}'), 400)
    assertProblem(await t.http.post('/v1/prompts').set(AUTH).set('content-type', 'application/json').send('[1, 2]'), 400)
  })
})

describe('PATCH /v1/prompts/:id', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('answers 428 without If-Match and 412 with a stale one, changing nothing', async () => {
    assertProblem(await t.http.patch('/v1/prompts/sagas-2').set(AUTH).send({ template: 'new' }), 428)
    assertProblem(await t.http.patch('/v1/prompts/sagas-2').set(AUTH).set('if-match', '"sagas-2.v9"').send({ template: 'new' }), 412)
    assertProblem(await t.http.patch('/v1/prompts/sagas-2').set(AUTH).set('if-match', 'W/"sagas-2.v1"').send({ template: 'new' }), 412)
    const read = await t.http.get('/v1/prompts/sagas-2').expect(200)
    assert.equal(read.body.version, 1)
    assert.notEqual(read.body.template, 'new')
  })

  it('makes version N+1 on a change, keeps the old version readable, and makes no version for no change', async () => {
    const v1 = await t.http.get('/v1/prompts/sagas-1').expect(200)
    const edited = v1.body.template.replace('including all', 'listing every')
    const patched = await t.http.patch('/v1/prompts/sagas-1').set(AUTH).set('if-match', v1.headers.etag!).send({ template: edited }).expect(200)
    assert.equal(patched.headers.etag, '"sagas-1.v2"')
    assert.equal(patched.body.version, 2)
    assert.deepEqual(patched.body.variables, v1.body.variables, 'descriptions of unchanged placeholders are kept')
    assert.equal(patched.body.createdAt, v1.body.createdAt)

    const same = await t.http.patch('/v1/prompts/sagas-1').set(AUTH).set('if-match', '"sagas-1.v2"').send({ template: edited, tags: v1.body.tags }).expect(200)
    assert.equal(same.body.version, 2)
    assert.equal(same.headers.etag, '"sagas-1.v2"')
    const versions = await t.http.get('/v1/prompts/sagas-1/versions').expect(200)
    assert.deepEqual(versions.body.items.map((v: { version: number }) => v.version), [2, 1])

    const old = await t.http.get('/v1/prompts/sagas-1?version=1').expect(200)
    assert.equal(old.body.template, v1.body.template)
    assert.equal(old.headers.etag, '"sagas-1.v1"')
  })

  it('moves a prompt to the end of a new category and keeps tags in step', async () => {
    const v1 = await t.http.get('/v1/prompts/sagas-3').expect(200)
    const moved = await t.http.patch('/v1/prompts/sagas-3').set(AUTH).set('if-match', v1.headers.etag!)
      .set('content-type', 'application/merge-patch+json').send(JSON.stringify({ category: 'error-handling-and-sagas', tags: ['moved-here'] })).expect(200)
    assert.equal(moved.body.category, 'error-handling-and-sagas')
    assert.equal(moved.body.version, 2)
    const sagas = await t.http.get('/v1/prompts?category=sagas').expect(200)
    assert.ok(!sagas.body.items.some((p: { id: string }) => p.id === 'sagas-3'))
    const section = await t.http.get('/v1/prompts?category=error-handling-and-sagas&limit=100').expect(200)
    const ids = section.body.items.map((p: { id: string }) => p.id)
    assert.ok(ids.indexOf('sagas-3') < ids.indexOf('sagas-1'), 'a section\'s own prompts come before its subsections')
    const tagged = await t.http.get('/v1/prompts?tag=moved-here').expect(200)
    assert.deepEqual(tagged.body.items.map((p: { id: string }) => p.id), ['sagas-3'])
    const categories = await t.http.get('/v1/categories').expect(200)
    assert.equal(categories.body.items.find((c: { slug: string }) => c.slug === 'sagas').promptCount, 4)
  })

  it('refuses read-only and unknown fields, an empty body, and unknown categories with 400', async () => {
    for (const body of [{ id: 'x' }, { version: 3 }, { createdAt: '2020-01-01T00:00:00Z' }, {}, { category: 'nowhere' }, { template: '{{oops' }]) {
      assertProblem(await t.http.patch('/v1/prompts/sagas-4').set(AUTH).set('if-match', '"sagas-4.v1"').send(body), 400)
    }
    assert.equal((await t.http.get('/v1/prompts/sagas-4').expect(200)).body.version, 1)
  })

  it('answers 404 for an unknown prompt and 400 for a malformed id', async () => {
    assertProblem(await t.http.patch('/v1/prompts/sagas-99').set(AUTH).set('if-match', '"sagas-99.v1"').send({ template: 'x' }), 404)
    assertProblem(await t.http.patch('/v1/prompts/Bad_Id').set(AUTH).set('if-match', '*').send({ template: 'x' }), 400)
  })

  it('lets exactly one of 12 parallel PATCHes holding one ETag win; the others get 412', async () => {
    const v1 = await t.http.get('/v1/prompts/sagas-5').expect(200)
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      t.http.patch('/v1/prompts/sagas-5').set(AUTH).set('if-match', v1.headers.etag!).send({ template: `Writer ${i} was here {{x}}` })))
    const statuses = responses.map((res) => res.status).sort()
    assert.deepEqual(statuses, [200, ...Array(11).fill(412)])
    const winner = responses.find((res) => res.status === 200)!
    const current = await t.http.get('/v1/prompts/sagas-5').expect(200)
    assert.equal(current.body.version, 2)
    assert.equal(current.body.template, winner.body.template)
    const versions = await t.http.get('/v1/prompts/sagas-5/versions').expect(200)
    assert.equal(versions.body.items.length, 2)
  })
})

describe('DELETE /v1/prompts/:id and restore', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('honours a stale If-Match with 412, then deletes with 204: 404 on every read, gone from lists', async () => {
    assertProblem(await t.http.delete('/v1/prompts/sagas-2').set(AUTH).set('if-match', '"sagas-2.v7"'), 412)
    await t.http.get('/v1/prompts/sagas-2').expect(200)
    await t.http.put('/v1/prompts/sagas-2/labels/production').set(AUTH).send({ version: 1 }).expect(200)

    await t.http.delete('/v1/prompts/sagas-2').set(AUTH).set('if-match', '"sagas-2.v1"').expect(204)
    for (const path of ['/v1/prompts/sagas-2', '/v1/prompts/sagas-2?version=1', '/v1/prompts/sagas-2?label=production',
      '/v1/prompts/sagas-2/versions', '/v1/prompts/sagas-2/versions/1', '/v1/prompts/sagas-2/diff']) {
      assertProblem(await t.http.get(path), 404)
    }
    const list = await t.http.get('/v1/prompts?category=sagas').expect(200)
    assert.deepEqual(list.body.items.map((p: { id: string }) => p.id), ['sagas-1', 'sagas-3', 'sagas-4', 'sagas-5'])
    assertProblem(await t.http.delete('/v1/prompts/sagas-2').set(AUTH), 404)
    assertProblem(await t.http.patch('/v1/prompts/sagas-2').set(AUTH).set('if-match', '"sagas-2.v1"').send({ template: 'x' }), 404)
    assertProblem(await t.http.post('/v1/prompts').set(AUTH).send({ id: 'sagas-2', category: 'sagas', template: 'x' }), 409)
    const next = await t.http.post('/v1/prompts').set(AUTH).send({ category: 'sagas', template: 'x' }).expect(201)
    assert.equal(next.body.id, 'sagas-6', 'a new id never reuses a deleted one')
  })

  it('restores with the admin scope: the prompt, its place, its history and labels come back', async () => {
    assertProblem(await t.http.post('/v1/prompts/sagas-2/restore'), 401)
    assertProblem(await t.http.post('/v1/prompts/sagas-404/restore').set(AUTH), 404)
    const restored = await t.http.post('/v1/prompts/sagas-2/restore').set(AUTH).expect(200)
    assert.equal(restored.body.id, 'sagas-2')
    assert.equal(restored.headers.etag, '"sagas-2.v1"')
    const list = await t.http.get('/v1/prompts?category=sagas').expect(200)
    assert.deepEqual(list.body.items.map((p: { id: string }) => p.id).slice(0, 3), ['sagas-1', 'sagas-2', 'sagas-3'])
    await t.http.get('/v1/prompts/sagas-2?label=production').expect(200)
    await t.http.post('/v1/prompts/sagas-2/restore').set(AUTH).expect(200)
  })

  it('deletes without If-Match, and refuses anonymous callers', async () => {
    assertProblem(await t.http.delete('/v1/prompts/sagas-4'), 401)
    await t.http.delete('/v1/prompts/sagas-4').set(AUTH).expect(204)
    assertProblem(await t.http.get('/v1/prompts/sagas-4'), 404)
  })
})
