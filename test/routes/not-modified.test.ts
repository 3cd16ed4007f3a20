// A 304 carries the validator and no body: no Content-Length, no Content-Type (RFC 9110 §15.4.5).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

describe('304 Not Modified', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  for (const path of ['/v1/prompts/sagas-1', '/v1/prompts/sagas-1/versions/1']) {
    it(`answers ${path} with an empty 304 that keeps its ETag`, async () => {
      const first = await t.http.get(path).expect(200)
      assert.match(String(first.headers['content-type']), /^application\/json/)
      const revalidated = await t.http.get(path).set('If-None-Match', first.headers.etag!).expect(304)
      assert.equal(revalidated.headers.etag, first.headers.etag)
      assert.equal(revalidated.headers['content-length'], undefined)
      assert.equal(revalidated.headers['content-type'], undefined)
      assert.equal(revalidated.text, '')
    })
  }
})
