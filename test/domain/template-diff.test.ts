import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type DiffChunk, diffTemplates, diffText } from '../../src/domain/template-diff.js'

const side = (changes: DiffChunk[], keep: 'added' | 'removed'): string =>
  changes.filter((chunk) => chunk.op === 'equal' || chunk.op === keep).map((chunk) => chunk.text).join('')

describe('diffTemplates', () => {
  it('shows a replaced word as a removal then an addition, the rest equal', () => {
    const diff = diffTemplates('Design a Saga including all actions.', 'Design a Saga listing all actions.')
    assert.deepEqual(diff.changes, [
      { op: 'equal', text: 'Design a Saga ' },
      { op: 'removed', text: 'including' },
      { op: 'added', text: 'listing' },
      { op: 'equal', text: ' all actions.' }
    ])
  })

  it('lists the variables added and removed', () => {
    const diff = diffTemplates('Use {{tool}} for {{task}}', 'Use {{tool}} for {{goal}} in {{lang}}')
    assert.deepEqual(diff.variables, { added: ['goal', 'lang'], removed: ['task'] })
    assert.ok(diff.changes.some((chunk) => chunk.op === 'removed' && chunk.text === '{{task}}'))
  })

  it('gives back both texts exactly, for identical, empty and multi-line inputs', () => {
    const cases: Array<[string, string]> = [['same', 'same'], ['', 'new text'], ['old text', ''], ['a\nb\nc\n', 'a\nB\nc\nd\n'], ['naïve café', 'naive café']]
    for (const [from, to] of cases) {
      const changes = diffText(from, to)
      assert.equal(side(changes, 'removed'), from)
      assert.equal(side(changes, 'added'), to)
    }
    assert.deepEqual(diffText('same', 'same'), [{ op: 'equal', text: 'same' }])
  })

  it('stays fast and exact on two unrelated 100,000-character templates', () => {
    const from = Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(' ').slice(0, 100_000)
    const to = Array.from({ length: 20_000 }, (_, i) => `v${i}`).join(' ').slice(0, 100_000)
    const started = performance.now()
    const changes = diffText(from, to)
    assert.ok(performance.now() - started < 1000, 'diff took over a second')
    assert.equal(side(changes, 'removed'), from)
    assert.equal(side(changes, 'added'), to)
  })
})
