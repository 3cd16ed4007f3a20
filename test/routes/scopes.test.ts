// The scope each real route demands, checked with real keys of each scope.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

type Caller = 'anonymous' | 'read' | 'write' | 'promote' | 'promoteOnly' | 'admin'

describe('scopes on the real routes', () => {
  let t: TestApp
  const secrets: Partial<Record<Caller, string>> = {}
  before(async () => {
    t = await buildTestApp()
    const scopesOf = { read: ['prompts:read'], write: ['prompts:write'], promote: ['prompts:write', 'labels:promote'], promoteOnly: ['labels:promote'], admin: ['admin'] }
    for (const scope of ['read', 'write', 'promote', 'promoteOnly', 'admin'] as const) {
      const scopes = scopesOf[scope]
      secrets[scope] = (await t.http.post('/v1/keys').set('x-api-key', TEST_ADMIN_KEY).send({ name: scope, scopes }).expect(201)).body.key
    }
    // A second version of sagas-1, for the split.
    const etag = (await t.http.get('/v1/prompts/sagas-1').expect(200)).headers.etag!
    await t.http.patch('/v1/prompts/sagas-1').set('x-api-key', TEST_ADMIN_KEY).set('if-match', etag).send({ tags: ['scoped'] }).expect(200)
  })
  after(async () => { await t.close() })

  // Each request is valid for a caller allowed to make it; `allowed` lists who may.
  const routes: Array<{ name: string, allowed: Caller[], send: (auth: Record<string, string>) => Promise<{ status: number }> }> = [
    { name: 'GET /v1/prompts', allowed: ['anonymous', 'read', 'write', 'promote', 'promoteOnly', 'admin'], send: (auth) => t.http.get('/v1/prompts?category=sagas').set(auth) },
    { name: 'POST render', allowed: ['anonymous', 'read', 'write', 'promote', 'promoteOnly', 'admin'], send: (auth) => t.http.post('/v1/prompts/sagas-2/render').set(auth).send({ variables: {} }) },
    { name: 'POST /v1/prompts', allowed: ['write', 'promote', 'admin'], send: (auth) => t.http.post('/v1/prompts').set(auth).send({ category: 'sagas', template: 'Scoped {{x}}' }) },
    { name: 'PUT label', allowed: ['write', 'promote', 'admin'], send: (auth) => t.http.put('/v1/prompts/sagas-1/labels/staging').set(auth).send({ version: 1 }) },
    { name: 'PUT protected label', allowed: ['promote', 'admin'], send: (auth) => t.http.put('/v1/prompts/sagas-1/labels/production').set(auth).send({ version: 1 }) },
    { name: 'PUT protected label split', allowed: ['promote', 'admin'], send: (auth) => t.http.put('/v1/prompts/sagas-1/labels/production').set(auth).send({ splits: [{ version: 1, weight: 50 }, { version: 2, weight: 50 }] }) },
    { name: 'GET labels', allowed: ['anonymous', 'read', 'write', 'promote', 'promoteOnly', 'admin'], send: (auth) => t.http.get('/v1/prompts/sagas-1/labels').set(auth) },
    { name: 'GET label history', allowed: ['anonymous', 'read', 'write', 'promote', 'promoteOnly', 'admin'], send: (auth) => t.http.get('/v1/prompts/sagas-1/labels/staging/history').set(auth) },
    { name: 'GET /v1/webhooks', allowed: ['admin'], send: (auth) => t.http.get('/v1/webhooks').set(auth) },
    { name: 'POST restore', allowed: ['admin'], send: (auth) => t.http.post('/v1/prompts/sagas-3/restore').set(auth) },
    { name: 'POST import (dry run)', allowed: ['admin'], send: (auth) => t.http.post('/v1/import?dryRun=true').set(auth).set('content-type', 'text/markdown').send('## 1. A\n\n### Prompts for B\n\n```\n"x"\n```\n') },
    { name: 'GET /v1/keys', allowed: ['admin'], send: (auth) => t.http.get('/v1/keys').set(auth) }
  ]

  for (const route of routes) {
    it(`${route.name}: ${route.allowed.join(', ')} only`, async () => {
      for (const caller of ['anonymous', 'read', 'write', 'promote', 'promoteOnly', 'admin'] as const) {
        const auth: Record<string, string> = caller === 'anonymous' ? {} : { authorization: `Bearer ${secrets[caller]!}` }
        const { status } = await route.send(auth)
        const expected = route.allowed.includes(caller) ? 'allowed' : caller === 'anonymous' ? 401 : 403
        if (expected === 'allowed') assert.ok(status >= 200 && status < 300, `${caller}: ${status}`)
        else assert.equal(status, expected, caller)
      }
    })
  }
})
