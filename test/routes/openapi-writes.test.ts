import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

interface Operation {
  parameters?: Array<{ in: string, name: string }>
  requestBody?: { content: Record<string, unknown> }
  responses: Record<string, { headers?: Record<string, unknown>, content?: Record<string, unknown> }>
}

describe('OpenAPI document of the write routes', () => {
  let t: TestApp
  let paths: Record<string, Record<string, Operation>>
  before(async () => {
    t = await buildTestApp()
    paths = (await t.http.get('/openapi.json').expect(200)).body.paths
  })
  after(async () => { await t.close() })

  const op = (path: string, method: string): Operation => {
    const operation = paths[path]?.[method]
    assert.ok(operation, `${method.toUpperCase()} ${path} is not documented`)
    return operation
  }
  const headerParams = (operation: Operation): string[] =>
    (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name.toLowerCase())
  const statuses = (operation: Operation): string[] => Object.keys(operation.responses)

  it('documents POST /v1/prompts: Idempotency-Key in, Location and ETag out, every error status', () => {
    const post = op('/v1/prompts', 'post')
    assert.ok(headerParams(post).includes('idempotency-key'))
    assert.ok(post.requestBody?.content['application/json'])
    assert.ok(post.responses['201']?.headers?.Location)
    assert.ok(post.responses['201']?.headers?.ETag)
    for (const status of ['400', '401', '403', '409', '413', '415', '422', '429']) assert.ok(statuses(post).includes(status), status)
    assert.ok(post.responses['409']?.content?.['application/problem+json'])
  })

  it('documents PATCH with If-Match, 412 and 428; DELETE with 204 and 412', () => {
    const patch = op('/v1/prompts/{id}', 'patch')
    assert.ok(headerParams(patch).includes('if-match'))
    assert.deepEqual(Object.keys(patch.requestBody!.content).sort(), ['application/json', 'application/merge-patch+json'])
    assert.ok(patch.responses['200']?.headers?.ETag)
    for (const status of ['400', '401', '403', '404', '412', '413', '415', '428']) assert.ok(statuses(patch).includes(status), status)
    const del = op('/v1/prompts/{id}', 'delete')
    assert.ok(headerParams(del).includes('if-match'))
    for (const status of ['204', '401', '403', '404', '412']) assert.ok(statuses(del).includes(status), status)
  })

  it('documents restore, versions, one version, diff and labels', () => {
    assert.ok(statuses(op('/v1/prompts/{id}/restore', 'post')).includes('403'))
    assert.ok(statuses(op('/v1/prompts/{id}/versions', 'get')).includes('404'))
    assert.ok(op('/v1/prompts/{id}/versions/{version}', 'get').responses['200']?.headers?.ETag)
    assert.ok(statuses(op('/v1/prompts/{id}/diff', 'get')).includes('200'))
    const label = op('/v1/prompts/{id}/labels/{label}', 'put')
    for (const status of ['200', '400', '401', '403', '404']) assert.ok(statuses(label).includes(status), status)
  })
})
