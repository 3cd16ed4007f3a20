// The OpenAPI document as generated clients and linters read it (npm run lint:api lints the same document).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

interface Header { $ref?: string, schema?: Record<string, unknown> }
interface Operation {
  operationId?: string
  parameters?: Array<{ in: string, name: string, required?: boolean, schema: Record<string, unknown> }>
  responses: Record<string, { headers?: Record<string, Header> }>
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete']

describe('OpenAPI document: operation ids, headers, statuses', () => {
  let t: TestApp
  let document: { servers: unknown[], info: Record<string, unknown>, paths: Record<string, Record<string, Operation>>, components: { headers: Record<string, Header> } }
  before(async () => {
    t = await buildTestApp()
    document = (await t.http.get('/openapi.json').expect(200)).body
  })
  after(async () => { await t.close() })

  const operations = (): Array<[string, string, Operation]> => Object.entries(document.paths)
    .flatMap(([path, item]) => METHODS.filter((method) => item[method]).map((method) => [path, method, item[method]!] as [string, string, Operation]))

  it('gives every operation a unique verb-first operationId', () => {
    const ids = operations().map(([path, method, operation]) => {
      assert.match(operation.operationId ?? '', /^[a-z]+[A-Z][A-Za-z]*$/, `${method} ${path}`)
      return operation.operationId
    })
    assert.equal(new Set(ids).size, ids.length)
    assert.equal(document.paths['/v1/prompts']!.get!.operationId, 'listPrompts')
    assert.equal(document.paths['/v1/prompts/{id}/render']!.post!.operationId, 'renderPrompt')
  })

  it('names servers, contact and license', () => {
    assert.ok(document.servers.length > 0)
    assert.ok(document.info.contact)
    assert.ok(document.info.license)
  })

  it('declares the rate-limit headers on every answer of a limited route, and Retry-After on its 429', () => {
    for (const name of ['RateLimit', 'RateLimit-Policy', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After']) {
      assert.ok(document.components.headers[name]?.schema, name)
    }
    for (const [path, method, operation] of operations()) {
      // The probes and the service index are never rate limited.
      if (path === '/healthz' || path === '/readyz' || path === '/') {
        assert.equal(operation.responses['429'], undefined, `${path} is never rate limited`)
        continue
      }
      assert.ok(operation.responses['429']?.headers?.['Retry-After'], `${method} ${path} 429`)
      for (const [status, response] of Object.entries(operation.responses)) {
        // A request shed under overload is refused before the limiter counts it.
        if (status === '503') {
          assert.ok(response.headers?.['Retry-After'], `${method} ${path} 503`)
          continue
        }
        assert.equal(response.headers?.RateLimit?.$ref, '#/components/headers/RateLimit', `${method} ${path} ${status}`)
        assert.ok(response.headers?.['X-RateLimit-Remaining'], `${method} ${path} ${status}`)
      }
    }
  })

  it('declares ETag and Location once wrapped in a schema, never { schema: { schema } }', () => {
    const created = document.paths['/v1/prompts']!.post!.responses['201']!.headers!
    assert.equal(created.Location!.schema!.type, 'string')
    assert.equal(created.ETag!.schema!.type, 'string')
    for (const [path, method, operation] of operations()) {
      for (const response of Object.values(operation.responses)) {
        for (const [name, header] of Object.entries(response.headers ?? {})) assert.equal(header.schema?.schema, undefined, `${method} ${path} ${name}`)
      }
    }
  })

  it('keeps optional parameters optional, bounds integers, and declares the 400 of unknown query parameters', () => {
    const limit = document.paths['/v1/prompts/{id}/versions']!.get!.parameters!.find((p) => p.name === 'limit')!
    assert.notEqual(limit.required, true)
    for (const [path, method, operation] of operations()) {
      assert.ok(operation.responses['400'], `${method} ${path} declares 400`)
      for (const parameter of operation.parameters ?? []) {
        if (parameter.schema.type === 'integer') assert.equal(typeof parameter.schema.maximum, 'number', `${method} ${path} ${parameter.name}`)
      }
    }
  })

  it('refuses a version beyond 32 bits with a 400 that names the limit exactly', async () => {
    const answer = await t.http.get('/v1/prompts/sagas-1?version=9223372036854775808').expect(400)
    assert.match(answer.body.errors[0].detail, /2147483647/)
    assert.doesNotMatch(JSON.stringify(answer.body), /9223372036854776000/)
    const path = await t.http.get('/v1/prompts/sagas-1/versions/9223372036854775808').expect(400)
    assert.match(path.body.errors[0].detail, /2147483647/)
  })
})
