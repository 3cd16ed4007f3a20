// The OpenAPI document's chat prompt and partial examples are real: created as written, they render as documented.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const AUTH = { authorization: `Bearer ${TEST_ADMIN_KEY}` }

describe('OpenAPI examples of chat prompts and partials', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('creates the documented partial and chat prompt and renders the documented result', async () => {
    const doc = (await t.http.get('/openapi.json').expect(200)).body
    const examples = Object.values(doc.paths['/v1/prompts'].post.requestBody.content['application/json'].examples as Record<string, { value: { id?: string, type?: string } }>).map((example) => example.value)
    const chat = examples.find((example) => example.type === 'chat')
    const partial = examples.find((example) => example.id === 'restate-house-style')
    assert.ok(chat && partial, 'both examples are documented')
    await t.http.post('/v1/prompts').set(AUTH).send(partial).expect(201)
    await t.http.post('/v1/prompts').set(AUTH).send(chat).expect(201)

    const render = doc.paths['/v1/prompts/{id}/render'].post
    const bodies = Object.values(render.requestBody.content['application/json'].examples as Record<string, { value: { placeholders?: unknown } }>).map((example) => example.value)
    const body = bodies.find((example) => example.placeholders !== undefined)
    const results = render.responses['200'].content['application/json'].examples ?? render.responses['200'].content['application/json'].schema.examples
    const expected = (Array.isArray(results) ? results : Object.values(results as Record<string, { value: unknown }>).map((example) => example.value))
      .find((example: { type?: string }) => example.type === 'chat')
    const res = await t.http.post(`/v1/prompts/${chat.id}/render`).send(body).expect(200)
    assert.deepEqual(res.body, expected)
  })
})
