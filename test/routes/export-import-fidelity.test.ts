// Export then import gives back the store it came from, once the store holds more than the seed:
// custom ids, deleted and moved prompts, variables with descriptions and defaults, new categories.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { seedDocumentPath } from '../../src/project-root.js'
import { allPrompts, type PromptItem } from '../helpers/all-prompts.js'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const seed = readFileSync(seedDocumentPath, 'utf8')
const admin = { authorization: `Bearer ${TEST_ADMIN_KEY}` }


async function importMarkdown (t: TestApp, markdown: string): Promise<{ status: number, body: Record<string, unknown> }> {
  return t.http.post('/v1/import').set(admin).set('content-type', 'text/markdown').send(markdown)
}

async function remove (t: TestApp, id: string): Promise<void> {
  await t.http.delete(`/v1/prompts/${id}`).set(admin).expect(204)
}

async function patch (t: TestApp, id: string, body: Record<string, unknown>): Promise<{ status: number }> {
  const current = await t.http.get(`/v1/prompts/${id}`).expect(200)
  return t.http.patch(`/v1/prompts/${id}`).set(admin).set('if-match', current.headers.etag!).send(body)
}

/** Imports the store's own Markdown and JSON exports back into it: nothing may change. */
async function assertExportsImportUnchanged (t: TestApp): Promise<void> {
  const before = await allPrompts(t)
  const markdown = await t.http.get('/v1/export?format=markdown')
  assert.equal(markdown.status, 200, markdown.text)
  const json = (await t.http.get('/v1/export?format=json').expect(200)).body
  const fromMarkdown = await importMarkdown(t, markdown.text)
  assert.equal(fromMarkdown.status, 200, JSON.stringify(fromMarkdown.body))
  assert.deepEqual(fromMarkdown.body, { created: [], updated: [], unchanged: before.length })
  const fromJson = await t.http.post('/v1/import').set(admin).send(json)
  assert.deepEqual(fromJson.body, { created: [], updated: [], unchanged: before.length })
  assert.deepEqual(await allPrompts(t), before)
}

describe('export/import keeps ids the positions do not give', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('marks custom, shifted and moved ids, and imports its own export unchanged', async () => {
    await t.http.post('/v1/prompts').set(admin).send({ id: 'my-custom', category: 'sagas', template: 'Plan a saga for {{flow}}.' }).expect(201)
    await remove(t, 'sagas-2')
    assert.equal((await patch(t, 'service-architecture-1', { category: 'sagas' })).status, 200)
    const markdown = (await t.http.get('/v1/export').expect(200)).text
    const sagasBlock = markdown.slice(markdown.indexOf('### Prompts for Sagas'))
    const lines = sagasBlock.split('\n').filter((line) => line.startsWith('"')).slice(0, 6)
    assert.ok(!lines[0]!.includes('<!--'), 'sagas-1 is still first: no marker')
    assert.match(lines[1]!, /" <!-- id: sagas-3 -->$/)
    assert.match(lines[4]!, /" <!-- id: my-custom -->$/)
    assert.match(lines[5]!, /" <!-- id: service-architecture-1 -->$/)
    await assertExportsImportUnchanged(t)
    assert.equal((await t.http.get('/v1/prompts/sagas-2')).status, 404, 'the deleted prompt stays deleted')

    const fresh = await buildTestApp({ SEED_ON_START: 'false' })
    try {
      assert.equal((await importMarkdown(fresh, markdown)).status, 200)
      const ids = (await allPrompts(fresh)).map((p) => p.id)
      assert.deepEqual(ids, (await allPrompts(t)).map((p) => p.id))
    } finally {
      await fresh.close()
    }
  })

  it('refuses a document that gives one id twice, naming the line', async () => {
    const doubled = seed.replace('"Design a Saga pattern for a [specific distributed transaction] using Restate, including all compensating actions."',
      '"Design a Saga pattern for a [specific distributed transaction] using Restate, including all compensating actions." <!-- id: sagas-3 -->')
    const before = await allPrompts(t)
    const res = await importMarkdown(t, doubled)
    assert.equal(res.status, 400)
    assert.match(res.body.detail as string, /line \d+: the id "sagas-3" was already given to the prompt on line \d+/)
    assert.deepEqual(await allPrompts(t), before)
  })
})

describe('export/import keeps what the API wrote', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('keeps descriptions that are not labels, examples, required and default', async () => {
    const variables = [
      { name: 'city', description: 'The city to visit', examples: ['Paris'], required: false, default: 'Rome' },
      { name: 'budget', description: 'budget like low, high', examples: ['low', 'high'] },
      { name: 'days', description: 'days like 3, 5', examples: ['7'], default: '3' }
    ]
    await t.http.post('/v1/prompts').set(admin).send({ id: 'trip-plan', category: 'sagas', template: 'Plan a {{days}}-day trip to {{city}} on a {{budget}} budget.', variables }).expect(201)
    const markdown = (await t.http.get('/v1/export').expect(200)).text
    assert.ok(markdown.includes('"Plan a [days]-day trip to [city] on a [budget like low, high] budget." <!-- id: trip-plan -->'), 'only a description that reads back is written as the label')
    await assertExportsImportUnchanged(t)
    const stored = (await t.http.get('/v1/prompts/trip-plan').expect(200)).body
    assert.deepEqual(stored.variables, [
      { name: 'days', description: 'days like 3, 5', examples: ['7'], required: true, default: '3' },
      { name: 'city', description: 'The city to visit', examples: ['Paris'], required: false, default: 'Rome' },
      { name: 'budget', description: 'budget like low, high', examples: ['low', 'high'], required: true }
    ])
  })

  it('a label that says more updates the description and examples, and keeps required and default', async () => {
    const markdown = (await t.http.get('/v1/export').expect(200)).text
      .replace('[city]', '[city like Oslo, Bergen]')
    const res = await importMarkdown(t, markdown)
    assert.deepEqual(res.body.updated, ['trip-plan'])
    const city = (await t.http.get('/v1/prompts/trip-plan').expect(200)).body.variables.find((v: { name: string }) => v.name === 'city')
    assert.deepEqual(city, { name: 'city', description: 'city like Oslo, Bergen', examples: ['Oslo', 'Bergen'], required: false, default: 'Rome' })
  })

  it('answers 409 naming the prompts the layout cannot hold; JSON still exports them', async () => {
    await t.http.post('/v1/prompts').set(admin).send({ id: 'two-lines', category: 'sagas', template: 'First line\nsecond line about {{topic}}' }).expect(201)
    await t.http.post('/v1/prompts').set(admin).send({ id: 'brackets', category: 'sagas', template: 'Use a[0] for {{topic}}' }).expect(201)
    await t.http.post('/v1/prompts').set(admin).send({ id: 'quoted', category: 'sagas', template: '"Quoted" {{topic}}' }).expect(201)
    await t.http.post('/v1/prompts').set(admin).send({ id: 'spaced', category: 'sagas', template: 'About {{ topic }}' }).expect(201)
    const res = await t.http.get('/v1/export').expect(409).expect('content-type', /application\/problem\+json/)
    assert.deepEqual(res.body.ids, ['two-lines', 'brackets', 'quoted', 'spaced'])
    assert.match(res.body.detail, /format=json/)
    assert.deepEqual(res.body.prompts[0], { id: 'two-lines', reason: 'it spans several lines' })
    const json = (await t.http.get('/v1/export?format=json').expect(200)).body
    assert.equal(json.prompts.find((p: { id: string }) => p.id === 'two-lines').template, 'First line\nsecond line about {{topic}}')
    for (const id of ['two-lines', 'brackets', 'quoted', 'spaced']) await remove(t, id)
    await t.http.get('/v1/export').expect(200)
  })
})

describe('an import keeps the write limits', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('refuses a Markdown prompt over 100,000 characters or a label over the description limit, naming the line', async () => {
    const long = seed.replace('## 15. LLM-Specific Prompts', `## 15. LLM-Specific Prompts\n\n\`\`\`\n"${'x'.repeat(100_001)}"\n\`\`\`\n`)
    const res = await importMarkdown(t, long)
    assert.equal(res.status, 400)
    assert.match(res.body.detail as string, /^line \d+ \(prompt "llm-specific-prompts-1"\)/)
    const longLabel = seed.replace('[specific distributed transaction]', `[specific distributed transaction ${'y'.repeat(1000)}]`)
    assert.equal((await importMarkdown(t, longLabel)).status, 400)
    assert.equal((await t.http.get('/v1/prompts/llm-specific-prompts-1')).status, 404)
  })

  it('refuses JSON tags and variables the write routes refuse', async () => {
    const library = (prompt: Record<string, unknown>) => ({ format: 'promptshelf-library', formatVersion: 1, categories: [], prompts: [{ id: 'sagas-1', category: 'sagas', ...prompt }] })
    const before = (await t.http.get('/v1/prompts/sagas-1').expect(200)).body
    for (const prompt of [
      { template: 'Tagged', tags: ['Not A Tag'] },
      { template: 'Tagged', tags: ['-leading-hyphen'] },
      { template: 'About {{topic}}', variables: [{ name: 'topic', description: 'd'.repeat(1001) }] },
      { template: 'About {{topic}}', variables: [{ name: 'topic', examples: ['e'.repeat(201)] }] }
    ]) {
      const res = await t.http.post('/v1/import').set(admin).send(library(prompt))
      assert.equal(res.status, 400, JSON.stringify(prompt).slice(0, 100))
    }
    assert.deepEqual((await t.http.get('/v1/prompts/sagas-1').expect(200)).body, before)
  })
})

describe('a partial Markdown import', () => {
  it('keeps the stored title and closing text', async () => {
    const t = await buildTestApp()
    try {
      const partial = '## 8. Error Handling and Sagas\n\n### Prompts for Sagas\n\n```\n"Design a Saga pattern for a [specific distributed transaction] using Restate, including every compensating action."\n```\n'
      const res = await importMarkdown(t, partial)
      assert.deepEqual(res.body, { created: [], updated: ['sagas-1'], unchanged: 0 })
      const markdown = (await t.http.get('/v1/export').expect(200)).text
      assert.ok(markdown.startsWith(seed.slice(0, seed.indexOf('## 1.'))), 'the title and introduction stay')
      assert.ok(markdown.endsWith(seed.slice(seed.lastIndexOf('```') + 3)), 'the closing text stays')
    } finally {
      await t.close()
    }
  })
})

describe('categories added by an import', () => {
  it('go at their place in the document, not at the end', async () => {
    const t = await buildTestApp()
    try {
      const edited = seed
        .replace('### Prompts for Service Architecture', '### Prompts for Service Naming\n\n```\n"Name a service for [domain]."\n```\n\n### Prompts for Service Architecture')
        .replace('## 2. Deterministic Execution', '## 2. Capacity Planning\n\n### Prompts for Load Estimates\n\n```\n"Estimate the load of [service]."\n```\n\n## 3. Deterministic Execution')
      const res = await importMarkdown(t, edited)
      assert.deepEqual(res.body.created, ['service-naming-1', 'load-estimates-1'])
      const categories = (await t.http.get('/v1/export?format=json').expect(200)).body.categories.map((c: { slug: string, parent: string | null }) => `${c.slug}<${c.parent ?? ''}`)
      assert.deepEqual(categories.slice(0, 8), [
        'service-selection-and-design-patterns<', 'service-type-selection<service-selection-and-design-patterns',
        'service-naming<service-selection-and-design-patterns', 'service-architecture<service-selection-and-design-patterns',
        'capacity-planning<', 'load-estimates<capacity-planning',
        'deterministic-execution-and-data-plane-separation<', 'deterministic-execution<deterministic-execution-and-data-plane-separation'
      ])
      const markdown = (await t.http.get('/v1/export').expect(200)).text
      assert.deepEqual(markdown.split('\n').filter((line) => line.startsWith('"')), edited.split('\n').filter((line) => line.startsWith('"')))
    } finally {
      await t.close()
    }
  })
})

describe('export then import through the store (property)', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  const categories = ['sagas', 'service-type-selection', 'state-management-patterns']
  const names = ['city', 'topic', 'the_goal']
  const word = fc.stringMatching(/^[A-Za-z0-9,.?!'-]{1,10}$/)
  const templateOf = fc.array(fc.oneof(word, fc.constantFrom(...names).map((name) => `{{${name}}}`)), { minLength: 1, maxLength: 6 })
    .map((parts) => parts.join(' ')).filter((template) => !template.startsWith('"') && !template.endsWith('"'))
  const declaration = (name: string) => fc.record({
    name: fc.constant(name),
    description: fc.oneof(fc.constant(''), fc.constant(name), fc.constant(`The ${name}`), fc.constant(`${name.replace('_', ' ')} like a, b`), fc.stringMatching(/^[^\n\r[\]]{0,20}$/)),
    examples: fc.oneof(fc.constant([]), fc.constant(['a', 'b']), fc.array(word, { maxLength: 2 })),
    required: fc.boolean(),
    default: fc.option(word, { nil: undefined })
  }).map((value) => Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)))
  const variablesFor = (template: string) => fc.tuple(...names.filter((name) => template.includes(`{{${name}}}`)).map(declaration))
  const id = fc.oneof(fc.stringMatching(/^[a-z]{2,6}(-[a-z0-9]{1,3})?$/), fc.tuple(fc.constantFrom(...categories), fc.integer({ min: 1, max: 9 })).map(([slug, n]) => `${slug}-${n}`))
  const create = fc.tuple(fc.option(id, { nil: undefined }), fc.constantFrom(...categories), templateOf)
    .chain(([promptId, category, template]) => variablesFor(template).map((variables) => ({ op: 'create' as const, body: { ...(promptId ? { id: promptId } : {}), category, template, variables } })))
  const target = fc.integer({ min: 0, max: 1000 })
  const edit = fc.oneof(
    fc.record({ op: fc.constant('patch' as const), target, body: templateOf.map((template) => ({ template })) }),
    fc.record({ op: fc.constant('patch' as const), target, body: fc.constantFrom(...categories).map((category) => ({ category })) }),
    fc.record({ op: fc.constant('delete' as const), target })
  )

  it('imports its own Markdown and JSON exports unchanged after any API writes', { timeout: 120_000 }, async () => {
    let run = 0
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(create, edit), { minLength: 1, maxLength: 6 }), async (ops) => {
      // What the writes left, by id: the template and category, or null once deleted. Every run writes at least
      // its own prompt, so the property cannot hold by writing nothing.
      const written = new Map<string, { template: string, category: string } | null>()
      const own = { id: `property-run-${++run}`, category: categories[run % 3]!, template: `Run ${run} plans {{topic}}.` }
      await t.http.post('/v1/prompts').set(admin).send(own).expect(201)
      written.set(own.id, { template: own.template, category: own.category })
      for (const op of ops) {
        if (op.op === 'create') {
          const res = await t.http.post('/v1/prompts').set(admin).send(op.body)
          assert.ok([201, 409].includes(res.status), JSON.stringify(res.body))
          if (res.status === 201) written.set(res.body.id as string, { template: op.body.template, category: op.body.category })
          continue
        }
        const live = (await t.http.get('/v1/prompts').query({ category: categories[op.target % 3], limit: 100 }).expect(200)).body.items as PromptItem[]
        if (live.length === 0) continue
        const chosen = live[op.target % live.length]!
        if (op.op === 'delete') {
          await remove(t, chosen.id)
          written.set(chosen.id, null)
          continue
        }
        const res = await patch(t, chosen.id, op.body)
        assert.ok([200, 400].includes(res.status))
        if (res.status === 200) {
          const after = (await t.http.get(`/v1/prompts/${chosen.id}`).expect(200)).body as PromptItem
          written.set(chosen.id, { template: after.template, category: after.category })
          if ('template' in op.body) assert.equal(after.template, op.body.template)
          if ('category' in op.body) assert.equal(after.category, op.body.category)
        }
      }
      const exported = (await t.http.get('/v1/export?format=json').expect(200)).body as { prompts: Array<{ id: string, template: string, category: string }> }
      const byId = new Map(exported.prompts.map((prompt) => [prompt.id, prompt]))
      for (const [id, state] of written) {
        if (state === null) assert.equal(byId.has(id), false, `${id} was deleted`)
        else assert.deepEqual({ template: byId.get(id)?.template, category: byId.get(id)?.category }, state, `${id} is exported as written`)
      }
      await assertExportsImportUnchanged(t)
    }), { numRuns: 12 })
    assert.equal(run, 12, 'every run wrote')
  })
})
