import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BadRequestError } from '../../src/domain/errors.js'
import { normalizedTags, variablesFor } from '../../src/domain/prompt-input.js'

describe('variablesFor', () => {
  it('derives the variables from the template, with blank descriptions', () => {
    assert.deepEqual(variablesFor('Use {{tool}} for {{task}} with {{tool}}', undefined), [
      { name: 'tool', description: '', examples: [], required: true },
      { name: 'task', description: '', examples: [], required: true }
    ])
  })

  it('takes descriptions, examples, required and default from declarations, in template order', () => {
    const variables = variablesFor('{{a}} {{b}}', [
      { name: 'b', description: 'the b', examples: ['x'], required: false, default: 'y' },
      { name: 'a', description: 'the a' }
    ])
    assert.deepEqual(variables, [
      { name: 'a', description: 'the a', examples: [], required: true },
      { name: 'b', description: 'the b', examples: ['x'], required: false, default: 'y' }
    ])
  })

  it('keeps the previous version\'s description of a name the new template still uses', () => {
    const previous = [{ name: 'a', description: 'kept', examples: ['e'], required: true }, { name: 'gone', description: 'dropped', examples: [], required: true }]
    assert.deepEqual(variablesFor('{{a}} {{new}}', undefined, previous), [
      previous[0],
      { name: 'new', description: '', examples: [], required: true }
    ])
  })

  it('refuses a declared name the template does not use, pointing at it', () => {
    assert.throws(() => variablesFor('{{a}}', [{ name: 'a' }, { name: 'b' }]), (error: unknown) => {
      assert.ok(error instanceof BadRequestError)
      assert.deepEqual(error.extensions.errors, [{ pointer: '#/variables/1/name', detail: 'the template has no {{b}} placeholder' }])
      return true
    })
  })

  it('refuses a name declared twice, and a blank template', () => {
    assert.throws(() => variablesFor('{{a}}', [{ name: 'a' }, { name: 'a' }]), /declared twice/)
    assert.throws(() => variablesFor('  \n ', undefined), /blank/)
  })

  it('passes malformed placeholders on as 400s', () => {
    assert.throws(() => variablesFor('{{a', undefined), (error: unknown) => error instanceof BadRequestError && /unclosed/.test(error.message))
  })
})

describe('normalizedTags', () => {
  it('drops repeats and keeps the first order', () => {
    assert.deepEqual(normalizedTags(['b', 'a', 'b']), ['b', 'a'])
  })
})
