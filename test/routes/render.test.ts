import type { Variable } from '../../src/domain/variable.js'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import supertest from 'supertest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import Database from 'better-sqlite3'
import { buildTestApp, TEST_ADMIN_KEY, testEnv, type TestApp } from '../helpers/test-app.js'

const SAGAS_1 = '/v1/prompts/sagas-1/render'
const HOTEL = 'Design a Saga pattern for a hotel booking using Restate, including all compensating actions.'

/** Makes `template` the current version of a prompt, as a write would, and returns its number. */
function addVersion (t: TestApp, id: string, template: string, variables: object[]): number {
  const { library } = t.app
  const version = library.prompts.current(id)!.version + 1
  library.transaction(() => {
    library.prompts.insertVersion({
      promptId: id, version, template, variables: variables as Variable[], tags: [],
      categoryId: library.prompts.current(id)!.categoryId, createdBy: 'test', createdAt: new Date().toISOString()
    })
    library.store.sqlite.prepare('UPDATE prompts SET current_version = ? WHERE id = ?').run(version, id)
  })
  return version
}

function variable (name: string, extra: object = {}): object {
  return { name, description: name, examples: [], required: true, ...extra }
}

describe('POST /v1/prompts/:id/render', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('renders sagas-1 exactly as the contract says, with and without /v1, anonymously', async () => {
    for (const path of [SAGAS_1, '/prompts/sagas-1/render']) {
      const res = await t.http.post(path).send({ variables: { specific_distributed_transaction: 'hotel booking' } })
        .expect(200).expect('content-type', /application\/json/)
      assert.deepEqual(res.body, { id: 'sagas-1', version: 1, text: HOTEL, missing: [], unused: [], config: {} })
    }
  })

  it('answers 422 with every missing name when strict, and keeps {{name}} when strict is false', async () => {
    const strict = await t.http.post(SAGAS_1).send({ variables: {} }).expect(422).expect('content-type', /application\/problem\+json/)
    assert.deepEqual(strict.body.missing, ['specific_distributed_transaction'])
    assert.equal(strict.body.status, 422)
    await t.http.post(SAGAS_1).send({}).expect(422)
    const lenient = await t.http.post(SAGAS_1).send({ strict: false }).expect(200)
    assert.equal(lenient.body.text, 'Design a Saga pattern for a {{specific_distributed_transaction}} using Restate, including all compensating actions.')
    assert.deepEqual(lenient.body.missing, ['specific_distributed_transaction'])
  })

  it('inserts values literally, never expanding a {{placeholder}} inside a value', async () => {
    const res = await t.http.post(SAGAS_1).send({ variables: { specific_distributed_transaction: '{{specific_distributed_transaction}} $& $1 \\n' } }).expect(200)
    assert.equal(res.body.text, 'Design a Saga pattern for a {{specific_distributed_transaction}} $& $1 \\n using Restate, including all compensating actions.')
  })

  it('stringifies numbers and booleans', async () => {
    const number = await t.http.post(SAGAS_1).send({ variables: { specific_distributed_transaction: 1.5e-7 } }).expect(200)
    assert.match(number.body.text, /for a 1\.5e-7 using/)
    const boolean = await t.http.post(SAGAS_1).send({ variables: { specific_distributed_transaction: false } }).expect(200)
    assert.match(boolean.body.text, /for a false using/)
  })

  it('lists unknown names in unused; __proto__, constructor and toString are ordinary names', async () => {
    const body = '{"variables":{"specific_distributed_transaction":"x","__proto__":"p","constructor":"c","toString":"t","hasOwnProperty":"h","a/b~c":"s"}}'
    const res = await t.http.post(SAGAS_1).set('content-type', 'application/json').send(body).expect(200)
    assert.deepEqual(res.body.unused, ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a/b~c'])
    assert.equal(res.body.text, 'Design a Saga pattern for a x using Restate, including all compensating actions.')
    assert.equal(({} as Record<string, unknown>).p, undefined)
    const poisoned = await t.http.post(SAGAS_1).set('content-type', 'application/json')
      .send('{"variables":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}}').expect(400)
    assert.deepEqual(poisoned.body.errors.map((e: { pointer: string }) => e.pointer), ['#/variables/__proto__', '#/variables/constructor'])
    assert.equal(({} as Record<string, unknown>).polluted, undefined)
  })

  it('refuses objects, arrays and null with a pointer to each', async () => {
    const res = await t.http.post(SAGAS_1).send({ variables: { specific_distributed_transaction: { a: 1 }, b: [1], c: null, 'd/e': [] } })
      .expect(400).expect('content-type', /application\/problem\+json/)
    assert.deepEqual(res.body.errors.map((e: { pointer: string }) => e.pointer),
      ['#/variables/specific_distributed_transaction', '#/variables/b', '#/variables/c', '#/variables/d~1e'])
  })

  it('accepts a value of 10,000 characters and refuses 10,001; refuses more than 100 variables', async () => {
    await t.http.post(SAGAS_1).send({ variables: { specific_distributed_transaction: 'v'.repeat(10_000) } }).expect(200)
    const long = await t.http.post(SAGAS_1).send({ variables: { specific_distributed_transaction: 'v'.repeat(10_001) } }).expect(400)
    assert.equal(long.body.errors[0].pointer, '#/variables/specific_distributed_transaction')
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, 'x']))
    const tooMany = await t.http.post(SAGAS_1).send({ variables: many }).expect(400)
    assert.equal(tooMany.body.errors[0].pointer, '#/variables')
    many.specific_distributed_transaction = 'x'
    delete many.v0
    delete many.v1
    const hundred = await t.http.post(SAGAS_1).send({ variables: many }).expect(200)
    assert.equal(hundred.body.unused.length, 99)
  })

  it('handles a value of 50,000 "{" in bounded time: refused as too long, and 10,000 of them render literally', async () => {
    const started = performance.now()
    await t.http.post(SAGAS_1).send({ variables: { specific_distributed_transaction: '{'.repeat(50_000) } }).expect(400)
    const res = await t.http.post(SAGAS_1).send({ variables: { specific_distributed_transaction: '{'.repeat(10_000) } }).expect(200)
    assert.ok(res.body.text.includes('{'.repeat(10_000)))
    assert.ok(performance.now() - started < 1000)
  })

  it('adds messages with format "messages"', async () => {
    const res = await t.http.post(SAGAS_1).send({ variables: { specific_distributed_transaction: 'hotel booking' }, format: 'messages' }).expect(200)
    assert.deepEqual(res.body.messages, [{ role: 'user', content: HOTEL }])
    assert.equal(res.body.text, HOTEL)
    await t.http.post(SAGAS_1).send({ format: 'xml' }).expect(400)
  })

  it('answers 404 for an unknown prompt and 400 for a malformed id, unknown fields or a wrong version type', async () => {
    const missing = await t.http.post('/v1/prompts/sagas-99/render').send({ variables: {} }).expect(404)
    assert.match(missing.body.detail, /sagas-99/)
    await t.http.post('/v1/prompts/Bad_Id/render').send({}).expect(400)
    const unknown = await t.http.post(SAGAS_1).send({ variables: {}, colour: 'red' }).expect(400)
    assert.equal(unknown.body.errors[0].pointer, '#/colour')
    await t.http.post(SAGAS_1).send({ version: 'latest' }).expect(400)
    await t.http.post(SAGAS_1).send({ variables: 'x' }).expect(400)
  })

  it('answers problems for bad bodies: malformed JSON 400, other media types 415, 10 MB 413', async () => {
    const broken = await t.http.post(SAGAS_1).set('content-type', 'application/json').send('{"variables":').expect(400)
    assert.equal(broken.body.status, 400)
    await t.http.post(SAGAS_1).set('content-type', 'application/xml').send('<variables/>').expect(415)
    await t.http.post(SAGAS_1).set('content-type', 'text/plain').send('hello').expect(415)
    const big = JSON.stringify({ variables: { specific_distributed_transaction: 'x'.repeat(10 * 1024 * 1024) } })
    const res = await t.http.post(SAGAS_1).set('content-type', 'application/json').send(big).expect(413)
    assert.equal(res.body.status, 413)
    assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/)
  })

  it('renders every seeded prompt with no placeholder left', async () => {
    let cursor: string | null = null
    let count = 0
    do {
      const page: { body: { items: Array<{ id: string, variables: Array<{ name: string }> }>, nextCursor: string | null } } =
        await t.http.get('/v1/prompts').query({ limit: 100, ...(cursor ? { cursor } : {}) }).expect(200)
      for (const prompt of page.body.items) {
        const variables = Object.fromEntries(prompt.variables.map((v) => [v.name, `<${v.name}>`]))
        const res = await t.http.post(`/v1/prompts/${prompt.id}/render`).send({ variables }).expect(200)
        assert.ok(!res.body.text.includes('{{'), `${prompt.id}: ${res.body.text}`)
        count++
      }
      cursor = page.body.nextCursor
    } while (cursor !== null)
    assert.equal(count, 150)
  })

  it('is documented in the OpenAPI document', async () => {
    const { body } = await t.http.get('/openapi.json').expect(200)
    const render = body.paths['/v1/prompts/{id}/render'].post
    assert.deepEqual(render.tags, ['render'])
    for (const status of ['200', '400', '404', '413', '415', '422', '429']) assert.ok(render.responses[status], status)
    assert.ok(body.paths['/v1/render'].post.responses['200'])
  })
})

describe('render: versions, labels, defaults and the result limit', () => {
  let t: TestApp
  let v2: number
  before(async () => {
    t = await buildTestApp()
    v2 = addVersion(t, 'sagas-2', '{{topic}}/{{topic}}/{{topic}}/{{topic}}/{{topic}}/{{topic}}/{{topic}}/{{topic}}/{{topic}}/{{topic}}/{{topic}} in a {{tone}} tone{{extra}}.',
      [variable('topic'), variable('tone', { required: false, default: 'calm' }), variable('extra', { required: false })])
    t.app.library.store.sqlite.prepare("INSERT INTO prompt_labels (prompt_id, label, version, updated_at) VALUES ('sagas-2', 'production', 1, '2026-01-01T00:00:00Z')").run()
  })
  after(async () => { await t.close() })

  it('renders the current version, using defaults and "" for variables that are not required', async () => {
    const res = await t.http.post('/v1/prompts/sagas-2/render').send({ variables: { topic: 'T' } }).expect(200)
    assert.equal(res.body.version, v2)
    assert.equal(res.body.text, 'T/T/T/T/T/T/T/T/T/T/T in a calm tone.')
    const given = await t.http.post('/v1/prompts/sagas-2/render').send({ variables: { topic: 'T', tone: 'dry', extra: '!' } }).expect(200)
    assert.match(given.body.text, /in a dry tone!\.$/)
    const missing = await t.http.post('/v1/prompts/sagas-2/render').send({ variables: { tone: 'dry' } }).expect(422)
    assert.deepEqual(missing.body.missing, ['topic'])
  })

  it('selects a version or a label, and answers 404 for an unknown one and 400 for both', async () => {
    const byVersion = await t.http.post('/v1/prompts/sagas-2/render').send({ version: 1, strict: false }).expect(200)
    assert.equal(byVersion.body.version, 1)
    assert.match(byVersion.body.text, /^Write a complete example/)
    const byLabel = await t.http.post('/v1/prompts/sagas-2/render').send({ label: 'production', variables: { topic: 'T' } }).expect(200)
    assert.equal(byLabel.body.version, 1)
    assert.deepEqual(byLabel.body.unused, ['topic'])
    await t.http.post('/v1/prompts/sagas-2/render').send({ version: 99 }).expect(404)
    await t.http.post('/v1/prompts/sagas-2/render').send({ label: 'staging' }).expect(404)
    const both = await t.http.post('/v1/prompts/sagas-2/render').send({ version: 1, label: 'production' }).expect(400)
    assert.equal(both.body.errors[0].pointer, '#/label')
  })

  it('refuses a result over 100,000 characters with a 422, quickly', async () => {
    const started = performance.now()
    const res = await t.http.post('/v1/prompts/sagas-2/render').send({ variables: { topic: 'x'.repeat(10_000) } }).expect(422)
    assert.equal(res.body.limit, 100_000)
    assert.ok(res.body.length > 100_000)
    assert.ok(performance.now() - started < 1000)
    await t.http.post('/v1/prompts/sagas-2/render').send({ variables: { topic: 'x'.repeat(9_000) } }).expect(200)
  })
})

describe('POST /v1/render (batch)', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('answers every item in order with its own status', async () => {
    const res = await t.http.post('/v1/render').send({
      items: [
        { id: 'sagas-1', variables: { specific_distributed_transaction: 'hotel booking' } },
        { id: 'sagas-99' },
        { id: 'sagas-1', variables: { specific_distributed_transaction: [1] } },
        { id: 'sagas-1' },
        { id: 'sagas-1', strict: false, format: 'messages' }
      ]
    }).expect(200)
    const { results } = res.body
    assert.deepEqual(results.map((r: { status: number }) => r.status), [200, 404, 400, 422, 200])
    assert.equal(results[0].result.text, HOTEL)
    assert.equal(results[1].problem.title, 'Not Found')
    assert.equal(results[2].problem.errors[0].pointer, '#/items/2/variables/specific_distributed_transaction')
    assert.deepEqual(results[3].problem.missing, ['specific_distributed_transaction'])
    assert.equal(results[4].result.messages[0].role, 'user')
  })

  it('refuses a batch of more than 50 items, an empty one and unknown item fields as a whole', async () => {
    const item = { id: 'sagas-1', variables: { specific_distributed_transaction: 'x' } }
    const fifty = await t.http.post('/render').send({ items: Array.from({ length: 50 }, () => item) }).expect(200)
    assert.equal(fifty.body.results.length, 50)
    await t.http.post('/v1/render').send({ items: Array.from({ length: 51 }, () => item) }).expect(400)
    await t.http.post('/v1/render').send({ items: [] }).expect(400)
    const unknown = await t.http.post('/v1/render').send({ items: [{ ...item, extra: 1 }] }).expect(400)
    assert.equal(unknown.body.errors[0].pointer, '#/items/0/extra')
  })
})

describe('render: anonymous clients', () => {
  it('may render under the anonymous rate limit, then get a 429 problem', async () => {
    const t = await buildTestApp({ RATE_LIMIT_ANON_MAX: '2' })
    try {
      const body = { variables: { specific_distributed_transaction: 'x' } }
      await t.http.post(SAGAS_1).send(body).expect(200)
      await t.http.post('/v1/render').send({ items: [{ id: 'sagas-1', ...body }] }).expect(200)
      const limited = await t.http.post(SAGAS_1).send(body).expect(429).expect('content-type', /application\/problem\+json/)
      assert.equal(limited.body.status, 429)
    } finally {
      await t.close()
    }
  })
})

describe('render counts', () => {
  it('shows stored and pending counts as renderCount, flushes them in batches, and writes the rest on close', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'promptshelf-test-'))
    const open = async (): Promise<{ app: Awaited<ReturnType<typeof buildApp>>, http: ReturnType<typeof supertest> }> => {
      const app = await buildApp(loadConfig(testEnv(directory)))
      await app.ready()
      return { app, http: supertest(app.server) }
    }
    try {
      const first = await open()
      const storedCount = (): number => (first.app.library.prompts.current('sagas-1')!.renderCount)
      const render = (): unknown => first.http.post(SAGAS_1).send({ variables: { specific_distributed_transaction: 'x' } }).expect(200)
      for (let i = 0; i < 3; i++) await render()
      await first.http.post(SAGAS_1).send({}).expect(422) // a refused render is not counted
      assert.equal(storedCount(), 0, 'no database write per render')
      assert.equal((await first.http.get('/v1/prompts/sagas-1').expect(200)).body.renderCount, 3)
      first.app.renderCounter.flush()
      assert.equal(storedCount(), 3)
      assert.equal((await first.http.get('/v1/prompts/sagas-1').expect(200)).body.renderCount, 3)
      await render()
      await render()
      await first.app.close()

      const second = await open()
      try {
        assert.equal((await second.http.get('/v1/prompts/sagas-1').expect(200)).body.renderCount, 5)
        assert.equal((await second.http.get('/v1/prompts/sagas-2').expect(200)).body.renderCount, 0)
      } finally {
        await second.app.close()
      }
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })
})

describe('render follows writes', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('renders the new current version after a PATCH, and 404 after a DELETE', async () => {
    const auth = { authorization: `Bearer ${TEST_ADMIN_KEY}` }
    const body = { variables: { specific_distributed_transaction: 'hotel booking' } }
    assert.equal((await t.http.post(SAGAS_1).send(body).expect(200)).body.version, 1)
    await t.http.patch('/v1/prompts/sagas-1').set(auth).set('if-match', '"sagas-1.v1"')
      .send({ template: 'Saga for a {{specific_distributed_transaction}}.' }).expect(200)
    const after = await t.http.post(SAGAS_1).send(body).expect(200)
    assert.deepEqual([after.body.version, after.body.text], [2, 'Saga for a hotel booking.'])
    await t.http.delete('/v1/prompts/sagas-1').set(auth).expect(204)
    await t.http.post(SAGAS_1).send(body).expect(404)
  })

  it('renders the version another process made current', async () => {
    const body = { variables: {} }
    assert.equal((await t.http.post('/v1/prompts/sagas-2/render').send(body).expect(200)).body.version, 1)
    const other = new Database(t.config.databasePath)
    try {
      other.exec(`INSERT INTO prompt_versions (prompt_id, version, template, variables, tags, category_id, created_by, created_at)
        SELECT prompt_id, 2, 'Changed elsewhere.', '[]', tags, category_id, 'cli', created_at FROM prompt_versions WHERE prompt_id = 'sagas-2' AND version = 1;
        UPDATE prompts SET current_version = 2 WHERE id = 'sagas-2';`)
    } finally {
      other.close()
    }
    const res = await t.http.post('/v1/prompts/sagas-2/render').send(body).expect(200)
    assert.deepEqual([res.body.version, res.body.text], [2, 'Changed elsewhere.'])
  })
})
