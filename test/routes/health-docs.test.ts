import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

describe('health and documentation', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('answers /healthz and /readyz, whatever credentials come with them', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-key' }, { 'x-api-key': '' }]) {
      assert.deepEqual((await t.http.get('/healthz').set(headers).expect(200)).body, { status: 'ok' })
      assert.deepEqual((await t.http.get('/readyz').set(headers).expect(200)).body, { status: 'ok' })
    }
  })

  it('serves an OpenAPI 3.1 document listing the /v1 paths with schemas, tags and examples', async () => {
    const doc = (await t.http.get('/openapi.json').expect(200).expect('content-type', /application\/json/)).body
    assert.equal(doc.openapi, '3.1.0')
    for (const path of ['/v1/prompts', '/v1/prompts/{id}', '/v1/categories', '/v1/tags', '/healthz', '/readyz']) {
      assert.ok(doc.paths[path], `${path} is documented`)
      for (const operation of Object.values(doc.paths[path]) as Array<Record<string, unknown>>) {
        assert.ok(Array.isArray(operation.tags) && operation.tags.length > 0, `${path} has tags`)
        assert.ok(Object.keys(operation.responses as Record<string, unknown>).some((status) => /^2\d\d$/.test(status)), `${path} documents its success`)
        if (path.startsWith('/v1/')) assert.ok((operation.responses as Record<string, unknown>)['500'], `${path} documents 500`)
      }
    }
    assert.ok(!doc.paths['/prompts'], 'unprefixed aliases are not listed')
    const list = doc.paths['/v1/prompts'].get
    assert.ok(list.responses['400'].content['application/problem+json'])
    const category = list.parameters.find((p: { name: string }) => p.name === 'category')
    assert.equal(category.example, 'sagas')
    const get = doc.paths['/v1/prompts/{id}'].get
    for (const status of ['200', '304', '400', '404']) assert.ok(get.responses[status], `GET /v1/prompts/{id} documents ${status}`)
    assert.ok(doc.components.schemas.Prompt && doc.components.schemas.Problem)
  })

  it('serves Swagger UI at /docs', async () => {
    const res = await t.http.get('/docs/').redirects(2).expect(200)
    assert.match(res.text, /swagger/i)
  })

  it('answers /readyz with a 503 problem once the database is closed, while /healthz stays up', async () => {
    const other = await buildTestApp()
    try {
      other.app.library.store.sqlite.close()
      const res = await other.http.get('/readyz').expect(503)
      assert.match(res.headers['content-type']!, /^application\/problem\+json/)
      await other.http.get('/healthz').expect(200)
    } finally {
      await other.close()
    }
  })
})
