import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { seedDocumentPath } from '../../src/project-root.js'
import { allPrompts, type PromptItem } from '../helpers/all-prompts.js'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const seed = readFileSync(seedDocumentPath, 'utf8')
const admin = { authorization: `Bearer ${TEST_ADMIN_KEY}` }


function essentials (items: PromptItem[]): Array<Pick<PromptItem, 'id' | 'category' | 'template' | 'variables'>> {
  return items.map(({ id, category, template, variables }) => ({ id, category, template, variables }))
}

async function importMarkdown (t: TestApp, markdown: string, query = ''): Promise<{ status: number, body: Record<string, unknown> }> {
  return t.http.post(`/v1/import${query}`).set(admin).set('content-type', 'text/markdown').send(markdown)
}

describe('GET /v1/export', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('reproduces seed/PROMPTS.md byte for byte on a freshly seeded store', async () => {
    const res = await t.http.get('/v1/export?format=markdown').expect(200).expect('content-type', /^text\/markdown/)
    assert.equal(res.text, seed)
    const exportedLines = res.text.split('\n').filter((line) => line.startsWith('"'))
    const seedLines = seed.split('\n').filter((line) => line.startsWith('"'))
    assert.equal(exportedLines.length, 150)
    assert.deepEqual(exportedLines, seedLines)
    assert.equal((await t.http.get('/export').expect(200)).text, seed, 'markdown is the default, unprefixed path works')
  })

  it('answers JSON with categories and prompts, and every version with history=true', async () => {
    const plain = (await t.http.get('/v1/export?format=json').expect(200).expect('content-type', /application\/json/)).body
    assert.equal(plain.format, 'promptshelf-library')
    assert.equal(plain.categories.length, 45)
    assert.equal(plain.prompts.length, 150)
    assert.deepEqual(plain.categories.find((c: { slug: string }) => c.slug === 'sagas'), { slug: 'sagas', name: 'Sagas', parent: 'error-handling-and-sagas' })
    assert.equal(plain.prompts[55].id, 'sagas-1')
    assert.equal(plain.prompts[55].versions, undefined)

    const current = await t.http.get('/v1/prompts/sagas-1').expect(200)
    await t.http.patch('/v1/prompts/sagas-1').set(admin).set('if-match', current.headers.etag!)
      .send({ template: 'Design a Saga for a {{specific_distributed_transaction}}.' }).expect(200)
    const withHistory = (await t.http.get('/v1/export?format=json&history=true').expect(200)).body
    const sagas1 = withHistory.prompts.find((p: { id: string }) => p.id === 'sagas-1')
    assert.deepEqual(sagas1.versions.map((v: { version: number }) => v.version), [1, 2])
    assert.equal(sagas1.versions[1].template, 'Design a Saga for a {{specific_distributed_transaction}}.')
    assert.equal(sagas1.versions[1].createdBy, 'admin (ADMIN_API_KEY)')
  })

  it('refuses an unknown format, and history with markdown', async () => {
    assert.equal((await t.http.get('/v1/export?format=yaml')).status, 400)
    assert.equal((await t.http.get('/v1/export?history=true')).status, 400)
  })
})

describe('POST /v1/import', () => {
  it('imports the Markdown export into an empty store: the same prompts', async () => {
    const source = await buildTestApp()
    const target = await buildTestApp({ SEED_ON_START: 'false' })
    try {
      const markdown = (await source.http.get('/v1/export').expect(200)).text
      assert.equal((await allPrompts(target)).length, 0)
      const res = await importMarkdown(target, markdown)
      assert.equal(res.status, 200)
      assert.equal((res.body.created as string[]).length, 150)
      assert.deepEqual(res.body.updated, [])
      assert.equal(res.body.unchanged, 0)
      assert.deepEqual(essentials(await allPrompts(target)), essentials(await allPrompts(source)))
      assert.equal((await target.http.get('/v1/export').expect(200)).text, seed)
    } finally {
      await source.close()
      await target.close()
    }
  })

  it('imports the JSON export into an empty store: the same prompts, tags included', async () => {
    const source = await buildTestApp()
    const target = await buildTestApp({ SEED_ON_START: 'false' })
    try {
      const json = (await source.http.get('/v1/export?format=json&history=true').expect(200)).body
      const res = await target.http.post('/v1/import').set(admin).send(json).expect(200)
      assert.equal(res.body.created.length, 150)
      const imported = await allPrompts(target)
      assert.deepEqual(essentials(imported), essentials(await allPrompts(source)))
      assert.deepEqual(imported.map((p) => p.tags), (await allPrompts(source)).map((p) => p.tags))
      assert.equal((await target.http.get('/v1/categories').expect(200)).body.items.length, 45)
    } finally {
      await source.close()
      await target.close()
    }
  })

  it('changes nothing when the export goes back into the store it came from', async () => {
    const t = await buildTestApp()
    try {
      const before = await allPrompts(t)
      for (const format of ['markdown', 'json']) {
        const exported = await t.http.get(`/v1/export?format=${format}`).expect(200)
        const res = format === 'json'
          ? await t.http.post('/v1/import').set(admin).send(exported.body)
          : await importMarkdown(t, exported.text)
        assert.equal(res.status, 200)
        assert.deepEqual(res.body, { created: [], updated: [], unchanged: 150 })
      }
      assert.deepEqual(await allPrompts(t), before)
    } finally {
      await t.close()
    }
  })

  it('adds, changes and keeps prompts exactly as its report says', async () => {
    const t = await buildTestApp()
    try {
      const before = await allPrompts(t)
      const edited = seed
        .replace('"Design a Saga pattern for a [specific distributed transaction] using Restate, including all compensating actions."',
          '"Design a Saga pattern for a [specific distributed transaction] using Restate, with every compensating action spelled out."')
        .replace('"Design a pattern for monitoring and debugging Sagas in Restate, including how to track the state of each step."',
          '"Design a pattern for monitoring and debugging Sagas in Restate, including how to track the state of each step."\n\n"Explain how to version a Saga definition for [service name] without breaking running instances."')
        .replace('## 15. LLM-Specific Prompts', '## 15. LLM-Specific Prompts\n\n### Prompts for Prompt Review\n\n```\n"Review this prompt for ambiguity: [prompt text]"\n```\n')
      const dry = await importMarkdown(t, edited, '?dryRun=true')
      assert.equal(dry.status, 200)
      assert.deepEqual(dry.body, { created: ['sagas-6', 'prompt-review-1'], updated: ['sagas-1'], unchanged: 149 })
      assert.deepEqual(await allPrompts(t), before, 'a dry run writes nothing')
      assert.equal((await t.http.get('/v1/prompts?category=prompt-review')).status, 400, 'nor adds categories')

      const res = await importMarkdown(t, edited)
      assert.deepEqual(res.body, dry.body)
      const sagas = (await t.http.get('/v1/prompts?category=sagas').expect(200)).body.items as PromptItem[]
      assert.deepEqual(sagas.map((p) => p.id), ['sagas-1', 'sagas-2', 'sagas-3', 'sagas-4', 'sagas-5', 'sagas-6'])
      assert.equal(sagas[0]!.version, 2)
      assert.equal(sagas[0]!.template, 'Design a Saga pattern for a {{specific_distributed_transaction}} using Restate, with every compensating action spelled out.')
      assert.equal(sagas[5]!.template, 'Explain how to version a Saga definition for {{service_name}} without breaking running instances.')
      assert.deepEqual(sagas.slice(1, 5), before.filter((p) => ['sagas-2', 'sagas-3', 'sagas-4', 'sagas-5'].includes(p.id)))
      const review = (await t.http.get('/v1/prompts/prompt-review-1').expect(200)).body
      assert.equal(review.section, 'llm-specific-prompts')
      assert.equal((await allPrompts(t)).length, 152)
    } finally {
      await t.close()
    }
  })

  it('changes nothing when the document does not parse, and names the line', async () => {
    const t = await buildTestApp()
    try {
      const before = await t.http.get('/v1/export?format=json').expect(200)
      const broken = seed.replace('"Design a Saga pattern for a [specific distributed transaction] using Restate, including all compensating actions."', '"Design a {{ broken"')
        .replace(/```\s*$/, '')
      for (const document of [broken, seed.slice(0, seed.lastIndexOf('```')), '## 1. A\n\n```\n"[  ]"\n```\n']) {
        const res = await importMarkdown(t, document)
        assert.equal(res.status, 400)
        assert.match(res.body.detail as string, /line \d+/)
      }
      const after = await t.http.get('/v1/export?format=json').expect(200)
      assert.deepEqual({ ...after.body, exportedAt: null }, { ...before.body, exportedAt: null })
    } finally {
      await t.close()
    }
  })

  it('rolls back every prompt when one of them is invalid', async () => {
    const t = await buildTestApp()
    try {
      const json = (await t.http.get('/v1/export?format=json').expect(200)).body
      json.prompts[0].template = 'Changed {{ok}}'
      json.prompts[0].variables = []
      json.prompts[3].template = 'Broken {{'
      json.prompts[3].variables = []
      const res = await t.http.post('/v1/import').set(admin).send(json)
      assert.equal(res.status, 400)
      assert.match(res.body.detail, /#\/prompts\/3/)
      assert.equal((await t.http.get(`/v1/prompts/${json.prompts[0].id as string}`).expect(200)).body.version, 1)
    } finally {
      await t.close()
    }
  })

  it('needs the admin scope and a known content type', async () => {
    const t = await buildTestApp()
    try {
      assert.equal((await t.http.post('/v1/import').set('content-type', 'text/markdown').send(seed)).status, 401)
      assert.equal((await t.http.post('/v1/import').set(admin).set('content-type', 'text/plain').send(seed)).status, 415)
      assert.equal((await t.http.post('/v1/import').set(admin).send({ format: 'promptshelf-library', formatVersion: 1, categories: [], prompts: [], extra: 1 })).status, 400)
      const dupes = { format: 'promptshelf-library', formatVersion: 1, categories: [], prompts: [{ id: 'sagas-1', category: 'sagas', template: 'a' }, { id: 'sagas-1', category: 'sagas', template: 'b' }] }
      assert.equal((await t.http.post('/v1/import').set(admin).send(dupes)).status, 400)
      const unknownCategory = { format: 'promptshelf-library', formatVersion: 1, categories: [], prompts: [{ id: 'x-1', category: 'nowhere', template: 'a' }] }
      assert.equal((await t.http.post('/v1/import').set(admin).send(unknownCategory)).status, 400)
    } finally {
      await t.close()
    }
  })
})
