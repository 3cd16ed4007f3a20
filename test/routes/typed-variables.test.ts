import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { promptCount, versionCount } from '../helpers/store-counts.js'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const AUTH = { authorization: `Bearer ${TEST_ADMIN_KEY}` }
const TEMPLATE = 'Write {{count}} {{tone}} tips on {{topic}} at temperature {{temperature}}, with code: {{code}}'
const VARIABLES = [
  { name: 'count', type: 'integer', default: 3 },
  { name: 'tone', type: 'enum', enum: ['formal', 'casual'], default: 'casual' },
  { name: 'topic', type: 'string' },
  { name: 'temperature', type: 'number', default: 0.2 },
  { name: 'code', type: 'boolean', default: true }
]

describe('typed variables', () => {
  let t: TestApp
  before(async () => {
    t = await buildTestApp()
    await t.http.post('/v1/prompts').set(AUTH).send({ id: 'typed', category: 'sagas', template: TEMPLATE, variables: VARIABLES }).expect(201)
  })
  after(async () => { await t.close() })

  it('shows each type; string, the default, is not written out', async () => {
    const res = await t.http.get('/v1/prompts/typed').expect(200)
    assert.deepEqual(res.body.variables.map((v: { name: string, type?: string }) => [v.name, v.type]), [
      ['count', 'integer'], ['tone', 'enum'], ['topic', undefined], ['temperature', 'number'], ['code', 'boolean']
    ])
    assert.deepEqual(res.body.variables[1].enum, ['formal', 'casual'])
    assert.equal(res.body.variables[3].default, 0.2)
  })

  it('renders defaults and values in their JSON form', async () => {
    const defaults = await t.http.post('/v1/prompts/typed/render').send({ variables: { topic: 'sagas' } }).expect(200)
    assert.equal(defaults.body.text, 'Write 3 casual tips on sagas at temperature 0.2, with code: true')
    const values = await t.http.post('/v1/prompts/typed/render')
      .send({ variables: { topic: 'sagas', count: 5, tone: 'formal', temperature: 1, code: false } }).expect(200)
    assert.equal(values.body.text, 'Write 5 formal tips on sagas at temperature 1, with code: false')
  })

  const mismatches: Array<[string, Record<string, unknown>, string[]]> = [
    ['a string for an integer', { count: '5' }, ['count']],
    ['a fraction for an integer', { count: 2.5 }, ['count']],
    ['a value outside the enum', { tone: 'rude' }, ['tone']],
    ['a string for a number', { temperature: 'hot' }, ['temperature']],
    ['a string for a boolean', { code: 'yes' }, ['code']],
    ['several at once', { count: true, code: 1 }, ['count', 'code']]
  ]
  for (const [name, values, invalid] of mismatches) {
    it(`answers 422 naming ${name}, strict or not`, async () => {
      for (const strict of [true, false]) {
        const res = await t.http.post('/v1/prompts/typed/render').send({ variables: { topic: 'x', ...values }, strict }).expect(422)
        assert.match(res.headers['content-type']!, /^application\/problem\+json/)
        assert.deepEqual(res.body.invalid.map((entry: { name: string }) => entry.name), invalid)
        for (const entry of res.body.invalid) assert.equal(typeof entry.detail, 'string')
        assert.deepEqual(res.body.errors.map((e: { pointer: string }) => e.pointer), invalid.map((n) => `#/variables/${n}`))
      }
    })
  }

  it('checks types in a batch render item by item', async () => {
    const res = await t.http.post('/v1/render').send({ items: [{ id: 'typed', variables: { topic: 'x' } }, { id: 'typed', variables: { topic: 'x', count: 'many' } }] }).expect(200)
    assert.equal(res.body.results[0].status, 200)
    assert.equal(res.body.results[1].status, 422)
    assert.deepEqual(res.body.results[1].problem.invalid.map((e: { name: string }) => e.name), ['count'])
  })

  describe('bad declarations: a 400 with a pointer, nothing written', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['an enum of 0 values', { name: 'topic', type: 'enum', enum: [] }, '#/variables/0/enum'],
      ['an enum of 101 values', { name: 'topic', type: 'enum', enum: Array.from({ length: 101 }, (_, i) => `v${i}`) }, '#/variables/0/enum'],
      ['an enum without values', { name: 'topic', type: 'enum' }, '#/variables/0/enum'],
      ['enum values on a number', { name: 'topic', type: 'number', enum: ['a'] }, '#/variables/0/enum'],
      ['a string default for a number', { name: 'topic', type: 'number', default: '3' }, '#/variables/0/default'],
      ['a fraction default for an integer', { name: 'topic', type: 'integer', default: 1.5 }, '#/variables/0/default'],
      ['a number default for a boolean', { name: 'topic', type: 'boolean', default: 0 }, '#/variables/0/default'],
      ['a default outside the enum', { name: 'topic', type: 'enum', enum: ['a', 'b'], default: 'c' }, '#/variables/0/default'],
      ['a number default for a string', { name: 'topic', default: 3 }, '#/variables/0/default'],
      ['an unknown type', { name: 'topic', type: 'date' }, '#/variables/0/type']
    ]
    for (const [name, declaration, pointer] of cases) {
      it(`refuses ${name}`, async () => {
        const prompts = promptCount(t)
        const versions = versionCount(t)
        const res = await t.http.post('/v1/prompts').set(AUTH).send({ category: 'sagas', template: 'About {{topic}}', variables: [declaration] }).expect(400)
        assert.match(res.headers['content-type']!, /^application\/problem\+json/)
        assert.ok(res.body.errors.some((error: { pointer: string }) => error.pointer === pointer), JSON.stringify(res.body.errors))
        const read = await t.http.get('/v1/prompts/typed').expect(200)
        await t.http.patch('/v1/prompts/typed').set(AUTH).set('If-Match', read.headers.etag!)
          .send({ template: 'About {{topic}}', variables: [declaration] }).expect(400)
        assert.equal(promptCount(t), prompts)
        assert.equal(versionCount(t), versions)
      })
    }
  })
})
