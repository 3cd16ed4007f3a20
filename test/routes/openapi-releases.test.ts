// The OpenAPI document describes the label and webhook routes with every status they answer.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

describe('OpenAPI: labels and webhooks', () => {
  let t: TestApp
  let paths: Record<string, Record<string, { responses: Record<string, { description: string }>, security?: unknown[], requestBody?: unknown }>>
  before(async () => {
    t = await buildTestApp()
    paths = (await t.http.get('/openapi.json').expect(200)).body.paths
  })
  after(async () => { await t.close() })

  const expected: Array<[string, string, string[]]> = [
    ['/v1/prompts/{id}/labels', 'get', ['200', '400', '404', '429', '500']],
    ['/v1/prompts/{id}/labels/{label}', 'get', ['200', '400', '404']],
    ['/v1/prompts/{id}/labels/{label}', 'put', ['200', '400', '401', '403', '404', '412', '413', '415', '429', '500']],
    ['/v1/prompts/{id}/labels/{label}', 'delete', ['204', '400', '401', '403', '404', '412']],
    ['/v1/prompts/{id}/labels/{label}/history', 'get', ['200', '400', '404']],
    ['/v1/prompts/{id}/labels/{label}/rollback', 'post', ['200', '400', '401', '403', '404', '409', '412']],
    ['/v1/webhooks', 'post', ['201', '400', '401', '403', '409', '413', '415', '429', '500']],
    ['/v1/webhooks', 'get', ['200', '401', '403']],
    ['/v1/webhooks/{id}', 'get', ['200', '400', '401', '403', '404']],
    ['/v1/webhooks/{id}', 'patch', ['200', '400', '401', '403', '404']],
    ['/v1/webhooks/{id}', 'delete', ['204', '400', '401', '403', '404']],
    ['/v1/webhooks/{id}/deliveries', 'get', ['200', '400', '401', '403', '404']],
    ['/v1/webhooks/{id}/ping', 'post', ['202', '400', '401', '403', '404']]
  ]
  for (const [path, method, statuses] of expected) {
    it(`${method.toUpperCase()} ${path} lists ${statuses.join(', ')}`, () => {
      const operation = paths[path]?.[method]
      assert.ok(operation, `${method} ${path} is documented`)
      for (const status of statuses) assert.ok(operation.responses[status], `${status} of ${method} ${path}`)
    })
  }

  it('says why a protected label answers 403, and that webhooks need admin', () => {
    assert.match(paths['/v1/prompts/{id}/labels/{label}']!.put!.responses['403']!.description, /labels:promote/)
    assert.deepEqual(paths['/v1/webhooks']!.post!.security, [{ bearerAuth: ['admin'] }, { apiKeyHeader: ['admin'] }])
  })
})
