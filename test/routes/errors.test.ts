import assert from 'node:assert/strict'
import type { IncomingMessage } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { requestId } from '../../src/plugins/request-logging.js'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

function assertProblem (res: { status: number, headers: Record<string, string>, body: Record<string, unknown> }, status: number): void {
  assert.equal(res.status, status)
  assert.match(res.headers['content-type']!, /^application\/problem\+json/)
  assert.equal(res.body.status, status)
  for (const member of ['type', 'title', 'detail']) assert.equal(typeof res.body[member], 'string', member)
}

describe('errors are problem+json', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  for (const limit of ['0', '101', '-1', 'abc', '1.5']) {
    it(`refuses limit=${limit} with a pointer`, async () => {
      const res = await t.http.get(`/v1/prompts?limit=${limit}`)
      assertProblem(res, 400)
      assert.deepEqual((res.body.errors as Array<{ pointer: string }>).map((e) => e.pointer), ['#/query/limit'])
    })
  }

  it('accepts limit=1 and limit=100', async () => {
    assert.equal((await t.http.get('/v1/prompts?limit=1').expect(200)).body.items.length, 1)
    assert.equal((await t.http.get('/v1/prompts?limit=100').expect(200)).body.items.length, 100)
  })

  const valid = Buffer.from('p1:18:2').toString('base64url')
  for (const cursor of ['abc', 'cDE6eDp5', Buffer.from('p1:1').toString('base64url'), '%00', 'x'.repeat(201),
    valid + '|junk', valid.slice(0, 4) + '|' + valid.slice(4), Buffer.from('p1:-1:2').toString('base64url')]) {
    it(`refuses the malformed cursor ${cursor.slice(0, 12)}`, async () => {
      const res = await t.http.get('/v1/prompts').query({ cursor })
      assertProblem(res, 400)
      assert.equal((res.body.errors as Array<{ pointer: string }>)[0]!.pointer, '#/query/cursor')
    })
  }

  it('does not serve one query\'s cached page to another whose parameters join to the same text', async () => {
    const cursor = Buffer.from('p1:18:2').toString('base64url')
    const first = await t.http.get('/v1/prompts').query({ tag: 'sagas', cursor }).expect(200)
    assert.ok(first.body.items.length > 0)
    const second = await t.http.get('/v1/prompts').query({ tag: `sagas|${cursor.slice(0, 4)}`, cursor: cursor.slice(4) })
    assert.equal(second.status, 400, 'the shifted cursor is malformed, not a cache hit')
  })

  it('names an unknown category', async () => {
    const res = await t.http.get('/v1/prompts?category=no-such-thing')
    assertProblem(res, 400)
    assert.match(res.body.detail as string, /"no-such-thing"/)
  })

  it('refuses a category that is not a slug', async () => {
    assertProblem(await t.http.get('/v1/prompts?category=Sagas!'), 400)
  })

  it('refuses unknown query parameters on every read route', async () => {
    for (const path of ['/v1/prompts?foo=1', '/v1/prompts/sagas-1?foo=1', '/prompts?category=sagas&categry=x']) {
      const res = await t.http.get(path)
      assertProblem(res, 400)
      assert.match(res.body.detail as string, /unknown query parameter/)
    }
  })

  it('answers 404 for an unknown prompt, version and route', async () => {
    assertProblem(await t.http.get('/v1/prompts/sagas-99'), 404)
    assertProblem(await t.http.get('/v1/prompts/sagas-1?version=2'), 404)
    assertProblem(await t.http.get('/v1/prompts/sagas-1?label=production'), 404)
    const res = await t.http.get('/v1/nothing-here')
    assertProblem(res, 404)
    assert.equal(res.body.instance, '/v1/nothing-here')
  })

  it('refuses an id outside [a-z0-9-] or over 100 characters', async () => {
    assertProblem(await t.http.get('/v1/prompts/Sagas_1'), 400)
    assertProblem(await t.http.get(`/v1/prompts/${'a'.repeat(101)}`), 400)
  })

  it('refuses version and label together, and a version below 1', async () => {
    assertProblem(await t.http.get('/v1/prompts/sagas-1?version=1&label=production'), 400)
    assertProblem(await t.http.get('/v1/prompts/sagas-1?version=0'), 400)
  })

  it('never answers 5xx to odd input', async () => {
    const paths = ['/v1/prompts?limit=%FF', '/v1/prompts/%00', '/v1/prompts?category=%E2%80%AE', '/v1/prompts?cursor=' + encodeURIComponent('\u0000\u0001'),
      '/v1/prompts?limit=1&limit=2', '/v1/prompts/' + encodeURIComponent('../../etc/passwd'), '/%2e%2e/v1/prompts']
    for (const path of paths) {
      const res = await t.http.get(path)
      assert.ok(res.status >= 400 && res.status < 500, `${path} -> ${res.status}`)
      assert.match(res.headers['content-type']!, /^application\/problem\+json/)
    }
  })
})

describe('body validation', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('does not coerce JSON body types, while query strings are coerced', async () => {
    const res = await t.http.post('/v1/prompts').set('authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .send({ category: 'sagas', template: 123, tags: 'x' })
    assertProblem(res, 400)
    const pointers = (res.body.errors as Array<{ pointer: string }>).map((e) => e.pointer)
    assert.ok(pointers.includes('#/template'), pointers.join(' '))
    assert.ok(pointers.includes('#/tags'), pointers.join(' '))
    assert.equal((await t.http.get('/v1/prompts?limit=3').expect(200)).body.items.length, 3)
  })
})

describe('errors before routing', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('answers a URL that does not decode with a 400 problem', async () => {
    for (const path of ['/v1/prompts/%E0%A4%A', '/prompts/%']) {
      const res = await t.http.get(path)
      assertProblem(res, 400)
      assert.match(res.body.detail as string, /URL is not valid/)
    }
  })

  it('answers oversized headers with a 431 problem', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    const res = await fetch(`${address}/v1/prompts`, { headers: { 'x-filler': 'a'.repeat(20_000) } })
    assert.equal(res.status, 431)
    assert.match(res.headers.get('content-type')!, /^application\/problem\+json/)
    assert.equal((await res.json() as { status: number }).status, 431)
  })

  it('refuses __proto__ and constructor in a write body as unknown fields, with a pointer', async () => {
    const res = await t.http.post('/v1/prompts').set('authorization', `Bearer ${TEST_ADMIN_KEY}`).set('content-type', 'application/json')
      .send('{"category":"sagas","template":"x","__proto__":{"admin":true}}')
    assertProblem(res, 400)
    assert.deepEqual((res.body.errors as Array<{ pointer: string }>).map((e) => e.pointer), ['#/__proto__'])
    assert.equal(({} as Record<string, unknown>).admin, undefined)
  })

  it('keeps a plain X-Request-Id and replaces one that is long or odd', () => {
    const id = (value: string): string => requestId({ headers: { 'x-request-id': value } } as unknown as IncomingMessage)
    assert.equal(id('trace-42'), 'trace-42')
    assert.match(id('x'.repeat(500)), /^[0-9a-f-]{36}$/)
    assert.match(id('has spaces'), /^[0-9a-f-]{36}$/)
  })
})

describe('unknown query parameters on every route', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('answers 400 naming the parameter, on routes that take no query at all too', async () => {
    const auth = { authorization: `Bearer ${TEST_ADMIN_KEY}` }
    const requests = [
      t.http.get('/v1/tags?foo=1'),
      t.http.get('/v1/categories?foo=1'),
      t.http.get('/v1/keys?foo=1').set(auth),
      t.http.get('/v1/prompts/sagas-1/versions/1?foo=1'),
      t.http.post('/v1/prompts?foo=1').set(auth).send({ category: 'sagas', template: 'x' }),
      t.http.post('/v1/prompts/sagas-1/render?foo=1').send({ variables: {} }),
      t.http.delete('/v1/prompts/sagas-2?foo=1').set(auth),
      t.http.get('/healthz?foo=1')
    ]
    for (const [index, res] of (await Promise.all(requests)).entries()) {
      assertProblem(res, 400)
      assert.deepEqual((res.body.errors as Array<{ pointer: string }>).map((e) => e.pointer), ['#/query/foo'], `request ${index}`)
    }
    await t.http.get('/v1/prompts/sagas-2').expect(200)
    const docs = await t.http.get('/docs/?v=1')
    assert.ok(docs.status < 400, `/docs/?v=1 -> ${docs.status}`)
  })
})
