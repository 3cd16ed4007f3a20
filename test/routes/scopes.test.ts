// The scope each real route demands, checked with real keys of each scope.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

type Caller = 'anonymous' | 'read' | 'write' | 'admin'

describe('scopes on the real routes', () => {
  let t: TestApp
  const secrets: Partial<Record<Caller, string>> = {}
  before(async () => {
    t = await buildTestApp()
    for (const scope of ['read', 'write', 'admin'] as const) {
      const scopes = scope === 'read' ? ['prompts:read'] : scope === 'write' ? ['prompts:write'] : ['admin']
      secrets[scope] = (await t.http.post('/v1/keys').set('x-api-key', TEST_ADMIN_KEY).send({ name: scope, scopes }).expect(201)).body.key
    }
  })
  after(async () => { await t.close() })

  // Each request is valid for a caller allowed to make it; `allowed` lists who may.
  const routes: Array<{ name: string, allowed: Caller[], send: (auth: Record<string, string>) => Promise<{ status: number }> }> = [
    { name: 'GET /v1/prompts', allowed: ['anonymous', 'read', 'write', 'admin'], send: (auth) => t.http.get('/v1/prompts?category=sagas').set(auth) },
    { name: 'POST render', allowed: ['anonymous', 'read', 'write', 'admin'], send: (auth) => t.http.post('/v1/prompts/sagas-2/render').set(auth).send({ variables: {} }) },
    { name: 'POST /v1/prompts', allowed: ['write', 'admin'], send: (auth) => t.http.post('/v1/prompts').set(auth).send({ category: 'sagas', template: 'Scoped {{x}}' }) },
    { name: 'PUT label', allowed: ['write', 'admin'], send: (auth) => t.http.put('/v1/prompts/sagas-1/labels/production').set(auth).send({ version: 1 }) },
    { name: 'POST restore', allowed: ['admin'], send: (auth) => t.http.post('/v1/prompts/sagas-3/restore').set(auth) },
    { name: 'POST import (dry run)', allowed: ['admin'], send: (auth) => t.http.post('/v1/import?dryRun=true').set(auth).set('content-type', 'text/markdown').send('## 1. A\n\n### Prompts for B\n\n```\n"x"\n```\n') },
    { name: 'GET /v1/keys', allowed: ['admin'], send: (auth) => t.http.get('/v1/keys').set(auth) }
  ]

  for (const route of routes) {
    it(`${route.name}: ${route.allowed.join(', ')} only`, async () => {
      for (const caller of ['anonymous', 'read', 'write', 'admin'] as const) {
        const auth: Record<string, string> = caller === 'anonymous' ? {} : { authorization: `Bearer ${secrets[caller]!}` }
        const { status } = await route.send(auth)
        const expected = route.allowed.includes(caller) ? 'allowed' : caller === 'anonymous' ? 401 : 403
        if (expected === 'allowed') assert.ok(status >= 200 && status < 300, `${caller}: ${status}`)
        else assert.equal(status, expected, caller)
      }
    })
  }
})
