import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openStore } from '../../src/db/open.js'
import { SearchRepository } from '../../src/repositories/search-repository.js'
import { Library } from '../../src/services/library.js'
import { PromptWriter } from '../../src/services/prompt-writer.js'
import { SearchFacetCounts } from '../../src/services/search-facet-counts.js'
import { seedFromFile } from '../../src/services/seed-from-file.js'

const directory = mkdtempSync(join(tmpdir(), 'promptshelf-facets-'))
after(() => rmSync(directory, { recursive: true, force: true }))

const EXPRESSIONS = ['"saga"', '"workflow"', '"idempotency" OR "retry"', '"the"', '"nothingmatchesthis"']

/** The counts as SQL groups them, sorted, to compare with. */
function sqlCounts (repository: SearchRepository, expression: string, tag: string | null): Array<[number, number]> {
  return repository.categoryCounts(expression, tag).sort((a, b) => a[0] - b[0])
}
const sorted = (counts: Map<number, number>): Array<[number, number]> => [...counts].sort((a, b) => a[0] - b[0])

describe('search facet counts', () => {
  const store = openStore(join(directory, 'store.db'))
  const library = new Library(store)
  seedFromFile(library)
  const repository = new SearchRepository(store.sqlite)
  const facets = new SearchFacetCounts(repository)
  after(() => store.sqlite.close())

  it('are the SQL counts of every expression, with and without a tag', () => {
    let nonEmpty = 0
    for (const expression of EXPRESSIONS) {
      const expected = sqlCounts(repository, expression, null)
      if (expected.length > 0) nonEmpty++
      assert.deepEqual(sorted(facets.counts(expression, null)), expected, expression)
      assert.deepEqual(sorted(facets.counts(expression, 'sagas')), sqlCounts(repository, expression, 'sagas'), `${expression} with a tag`)
    }
    assert.ok(nonEmpty >= 4, 'the expressions match something')
    const total = sorted(facets.counts('"the"', null)).reduce((sum, [, count]) => sum + count, 0)
    assert.equal(total, repository.matchingDocIds('"the"').length)
    assert.ok(total > 20)
  })

  it('follow every write at once: a new prompt, a move to another category, a deletion', () => {
    const writer = new PromptWriter(library)
    const before = sorted(facets.counts('"saga"', null))
    const created = writer.create({ category: 'security', template: 'A saga dashboard for {{service}}.' }, 'test')
    const afterCreate = sorted(facets.counts('"saga"', null))
    assert.deepEqual(afterCreate, sqlCounts(repository, '"saga"', null))
    assert.notDeepEqual(afterCreate, before)

    writer.patch('sagas-1', 'any', { category: 'security' }, 'test')
    assert.deepEqual(sorted(facets.counts('"saga"', null)), sqlCounts(repository, '"saga"', null))

    writer.remove(created.id)
    writer.remove('sagas-2')
    const afterRemove = sorted(facets.counts('"saga"', null))
    assert.deepEqual(afterRemove, sqlCounts(repository, '"saga"', null))
    const total = (counts: Array<[number, number]>): number => counts.reduce((sum, [, count]) => sum + count, 0)
    assert.equal(total(afterRemove), total(before) - 1, 'the seed prompt removed is no longer counted; the created one came and went')
  })

  it('follow a write made by another connection to the same file', () => {
    const other = openStore(join(directory, 'store.db'))
    try {
      new PromptWriter(new Library(other)).patch('sagas-3', 'any', { category: 'security' }, 'other instance')
    } finally {
      other.sqlite.close()
    }
    assert.deepEqual(sorted(facets.counts('"saga"', null)), sqlCounts(repository, '"saga"', null))
    assert.deepEqual(sorted(facets.counts('"workflow"', null)), sqlCounts(repository, '"workflow"', null))
  })
})
