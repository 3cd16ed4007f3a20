import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { declarationErrors, valueMismatch, valueText } from '../../src/domain/variable-types.js'

describe('valueMismatch', () => {
  it('checks each type', () => {
    assert.equal(valueMismatch({ name: 'a' }, 'x'), undefined)
    assert.equal(valueMismatch({ name: 'a' }, 3), undefined, 'strings take numbers, as they always have')
    assert.equal(valueMismatch({ name: 'a', type: 'number' }, 0.2), undefined)
    assert.notEqual(valueMismatch({ name: 'a', type: 'number' }, '0.2'), undefined)
    assert.equal(valueMismatch({ name: 'a', type: 'integer' }, 7), undefined)
    assert.notEqual(valueMismatch({ name: 'a', type: 'integer' }, 7.5), undefined)
    assert.equal(valueMismatch({ name: 'a', type: 'boolean' }, false), undefined)
    assert.notEqual(valueMismatch({ name: 'a', type: 'boolean' }, 'false'), undefined)
    assert.equal(valueMismatch({ name: 'a', type: 'enum', enum: ['x', 'y'] }, 'y'), undefined)
    assert.notEqual(valueMismatch({ name: 'a', type: 'enum', enum: ['x', 'y'] }, 'z'), undefined)
  })

  it('writes numbers and booleans in their JSON form', () => {
    assert.equal(valueText(0.2), '0.2')
    assert.equal(valueText(true), 'true')
    assert.equal(valueText('x'), 'x')
  })
})

describe('declarationErrors', () => {
  it('wants 1 to 100 distinct enum values, enum only on enum, and a default that fits', () => {
    assert.deepEqual(declarationErrors({ name: 'a', type: 'enum', enum: ['x'], default: 'x' }, '#/v'), [])
    assert.deepEqual(declarationErrors({ name: 'a', type: 'enum', enum: [] }, '#/v').map((e) => e.pointer), ['#/v/enum'])
    assert.deepEqual(declarationErrors({ name: 'a', type: 'enum', enum: Array.from({ length: 101 }, (_, i) => String(i)) }, '#/v').map((e) => e.pointer), ['#/v/enum'])
    assert.deepEqual(declarationErrors({ name: 'a', type: 'enum', enum: ['x', 'x'] }, '#/v').map((e) => e.pointer), ['#/v/enum'])
    assert.deepEqual(declarationErrors({ name: 'a', enum: ['x'] }, '#/v').map((e) => e.pointer), ['#/v/enum'])
    assert.deepEqual(declarationErrors({ name: 'a', type: 'number', default: '1' }, '#/v').map((e) => e.pointer), ['#/v/default'])
    assert.deepEqual(declarationErrors({ name: 'a', default: 1 }, '#/v').map((e) => e.pointer), ['#/v/default'])
    assert.deepEqual(declarationErrors({ name: 'a', type: 'integer', default: 1 }, '#/v'), [])
  })
})
