import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

describe('GET /v1/prompts', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('answers sagas-1 … sagas-5 in order for category=sagas, with and without /v1', async () => {
    for (const path of ['/v1/prompts?category=sagas', '/prompts?category=sagas']) {
      const res = await t.http.get(path).expect(200).expect('content-type', /application\/json/)
      assert.deepEqual(res.body.items.map((p: { id: string }) => p.id), ['sagas-1', 'sagas-2', 'sagas-3', 'sagas-4', 'sagas-5'])
      assert.equal(res.body.nextCursor, null)
    }
  })
})
