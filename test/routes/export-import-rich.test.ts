// Export then import keeps chat prompts, config, typed variables, includes and commit messages: over random
// stores written through the API, the JSON export imported into a fresh store gives back the same prompts,
// and the Markdown export is either the seed layout or the 409 that points to JSON.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const admin = { authorization: `Bearer ${TEST_ADMIN_KEY}` }
const ids = ['pa', 'pb', 'pc', 'pd', 'pe']
const categories = ['sagas', 'state-management-patterns']
const names = ['city', 'count', 'mood']

const word = fc.stringMatching(/^[A-Za-z0-9,.?!'-]{1,8}$/)
const templateOf = fc.array(fc.oneof(
  { arbitrary: word, weight: 4 },
  { arbitrary: fc.constantFrom(...names).map((name) => `{{${name}}}`), weight: 2 },
  { arbitrary: fc.constantFrom(...ids).map((id) => `{{> ${id}}}`), weight: 2 }
), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '))

const typed = (name: string) => fc.oneof(
  fc.constant({ name }),
  fc.record({ name: fc.constant(name), type: fc.constant('number'), default: fc.double({ min: -100, max: 100, noNaN: true }) }),
  fc.record({ name: fc.constant(name), type: fc.constant('integer'), required: fc.boolean() }),
  fc.record({ name: fc.constant(name), type: fc.constant('boolean'), default: fc.boolean() }),
  fc.record({ name: fc.constant(name), type: fc.constant('enum'), enum: fc.constant(['low', 'high']), default: fc.constantFrom('low', 'high') })
)
const variablesOf = (text: string) => fc.tuple(...names.filter((name) => text.includes(`{{${name}}}`)).map(typed))
const config = fc.option(fc.dictionary(fc.constantFrom('model', 'temperature', 'stop', 'tools'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), { nil: undefined })
const message = fc.option(fc.stringMatching(/^[a-z ]{1,20}$/), { nil: undefined })
const messagesOf = fc.array(fc.oneof(
  fc.record({ role: fc.constantFrom('system', 'user', 'assistant'), content: templateOf }),
  fc.record({ placeholder: fc.constantFrom('history', 'examples') })
), { minLength: 1, maxLength: 3 })

const content: fc.Arbitrary<Content> = fc.oneof(
  { arbitrary: templateOf.map((template) => ({ template })), weight: 3 },
  { arbitrary: messagesOf.map((messages) => ({ type: 'chat', messages })), weight: 1 }
)
interface Content { template?: string, type?: string, messages?: ReadonlyArray<{ content: string } | { placeholder: string }> }
const withVariables = (body: Content) =>
  variablesOf(body.template ?? (body.messages ?? []).map((entry) => 'content' in entry ? entry.content : '').join(' ')).map((variables) => ({ ...body, variables }))

const create = fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...categories), content, config, message)
  .chain(([id, category, body, settings, commit]) => withVariables(body).map((full) => ({
    op: 'create' as const,
    body: { id, category, ...full, ...(settings === undefined ? {} : { config: settings }), ...(commit === undefined ? {} : { message: commit }) }
  })))
const edit = fc.oneof(
  fc.record({ op: fc.constant('patch' as const), id: fc.constantFrom(...ids), body: content.chain(withVariables) }),
  fc.record({ op: fc.constant('patch' as const), id: fc.constantFrom(...ids), body: fc.record({ config: fc.dictionary(fc.constantFrom('model', 'top_p'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }), message: fc.constant('tune') }) }),
  fc.record({ op: fc.constant('delete' as const), id: fc.constantFrom(...ids) })
)

interface Exported { id: string, [field: string]: unknown }

/** What an import must give back: the exported prompt without the store's own bookkeeping. */
function kept (prompt: Exported): Record<string, unknown> {
  const { version: _version, createdAt: _createdAt, updatedAt: _updatedAt, renderCount: _renderCount, ...rest } = prompt
  return rest
}

describe('export then import keeps the new shapes (property)', () => {
  let source: TestApp
  before(async () => { source = await buildTestApp() })
  after(async () => { await source.close() })

  it('a fresh store importing the JSON export holds the same prompts; Markdown is the seed layout or a 409 to JSON', { timeout: 240_000 }, async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof({ arbitrary: create, weight: 2 }, { arbitrary: edit, weight: 1 }), { minLength: 1, maxLength: 10 }), async (ops) => {
      for (const op of ops) {
        if (op.op === 'create') {
          const res = await source.http.post('/v1/prompts').set(admin).send(op.body)
          assert.ok([201, 400, 409].includes(res.status), JSON.stringify(res.body))
          continue
        }
        const current = await source.http.get(`/v1/prompts/${op.id}`)
        if (current.status === 404) continue
        if (op.op === 'delete') {
          await source.http.delete(`/v1/prompts/${op.id}`).set(admin).expect(204)
          continue
        }
        const res = await source.http.patch(`/v1/prompts/${op.id}`).set(admin).set('if-match', current.headers.etag!).send(op.body)
        assert.ok([200, 400].includes(res.status), JSON.stringify(res.body))
      }
      const exported = (await source.http.get('/v1/export?format=json').expect(200)).body
      const rich = (exported.prompts as Exported[]).filter((prompt) => ids.includes(prompt.id))
      const markdown = await source.http.get('/v1/export?format=markdown')
      const beyondLayout = rich.filter((prompt) => prompt.type === 'chat' || Object.keys(prompt.config ?? {}).length > 0 ||
        (prompt.variables as Array<{ type?: string }>).some((variable) => variable.type !== undefined))
      if (beyondLayout.length > 0) {
        assert.equal(markdown.status, 409, markdown.text)
        assert.match(markdown.body.detail, /format=json/)
        for (const prompt of beyondLayout) assert.ok(markdown.body.ids.includes(prompt.id))
      }

      const target = await buildTestApp()
      try {
        const imported = await target.http.post('/v1/import').set(admin).send(exported)
        assert.equal(imported.status, 200, JSON.stringify(imported.body))
        const again = (await target.http.get('/v1/export?format=json').expect(200)).body
        const byId = new Map((again.prompts as Exported[]).map((prompt) => [prompt.id, prompt]))
        for (const prompt of rich) assert.deepEqual(kept(byId.get(prompt.id)!), kept(prompt))
        const back = await source.http.post('/v1/import').set(admin).send(exported).expect(200)
        assert.deepEqual(back.body.created, [])
        assert.deepEqual(back.body.updated, [])
      } finally {
        await target.close()
      }
    }), { numRuns: 12 })
  })
})

describe('export of the new shapes', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('an include of a text prompt round-trips through Markdown', async () => {
    await t.http.post('/v1/prompts').set(admin).send({ id: 'shared-intro', category: 'sagas', template: 'You know Restate well.' }).expect(201)
    await t.http.post('/v1/prompts').set(admin).send({ id: 'uses-intro', category: 'sagas', template: '{{> shared-intro}} Explain sagas.' }).expect(201)
    const markdown = await t.http.get('/v1/export?format=markdown').expect(200)
    assert.ok(markdown.text.includes('"{{> shared-intro}} Explain sagas." <!-- id: uses-intro -->'))
    const res = await t.http.post('/v1/import').set(admin).set('content-type', 'text/markdown').send(markdown.text).expect(200)
    assert.deepEqual(res.body.updated, [])
  })

  it('imports an include of a prompt that has since become a chat prompt, whose render stays the 422 it was', async () => {
    // Its own stores: the chat prompt it makes would join the 409's list in the test below.
    const source = await buildTestApp()
    const fresh = await buildTestApp({ SEED_ON_START: 'false' })
    try {
      await source.http.post('/v1/prompts').set(admin).send({ id: 'was-text', category: 'sagas', template: 'Plain words.' }).expect(201)
      await source.http.post('/v1/prompts').set(admin).send({ id: 'includes-it', category: 'sagas', template: '{{> was-text}} More.' }).expect(201)
      const etag = (await source.http.get('/v1/prompts/was-text').expect(200)).headers.etag!
      await source.http.patch('/v1/prompts/was-text').set(admin).set('if-match', etag)
        .send({ type: 'chat', messages: [{ role: 'user', content: 'Now a chat.' }] }).expect(200)
      await source.http.post('/v1/prompts/includes-it/render').send({}).expect(422)
      const json = (await source.http.get('/v1/export?format=json').expect(200)).body
      await fresh.http.post('/v1/import').set(admin).send(json).expect(200)
      const imported = (await fresh.http.get('/v1/prompts/includes-it').expect(200)).body
      assert.equal(imported.template, '{{> was-text}} More.')
      await fresh.http.post('/v1/prompts/includes-it/render').send({}).expect(422)
    } finally {
      await source.close()
      await fresh.close()
    }
  })

  it('answers 409 pointing to JSON for a chat prompt, a config or a typed variable, and JSON keeps them', async () => {
    await t.http.post('/v1/prompts').set(admin).send({ id: 'chatty', category: 'sagas', type: 'chat', messages: [{ role: 'system', content: 'Hi' }, { placeholder: 'history' }], message: 'chat v1' }).expect(201)
    await t.http.post('/v1/prompts').set(admin).send({ id: 'tuned', category: 'sagas', template: 'T', config: { temperature: 0 } }).expect(201)
    await t.http.post('/v1/prompts').set(admin).send({ id: 'counted', category: 'sagas', template: '{{n}} items', variables: [{ name: 'n', type: 'integer' }] }).expect(201)
    const res = await t.http.get('/v1/export?format=markdown').expect(409)
    assert.match(res.headers['content-type']!, /^application\/problem\+json/)
    assert.match(res.body.detail, /format=json/)
    assert.deepEqual(res.body.prompts, [
      { id: 'chatty', reason: 'it is a chat prompt' },
      { id: 'tuned', reason: 'it has a config' },
      { id: 'counted', reason: 'it has a typed variable' }
    ])
    const json = (await t.http.get('/v1/export?format=json&history=true').expect(200)).body
    const chatty = json.prompts.find((p: { id: string }) => p.id === 'chatty')
    assert.equal(chatty.type, 'chat')
    assert.equal(chatty.message, 'chat v1')
    assert.deepEqual(chatty.versions[0].messages, [{ role: 'system', content: 'Hi' }, { placeholder: 'history' }])
    assert.equal(chatty.versions[0].message, 'chat v1')
    await t.http.post('/v1/import').set(admin).send(json).expect(200)
  })
})
