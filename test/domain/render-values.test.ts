import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BadRequestError } from '../../src/domain/errors.js'
import { MAX_VALUE_LENGTH, MAX_VARIABLES, toRenderValues } from '../../src/domain/render-values.js'

function pointers (fn: () => unknown): string[] {
  try {
    fn()
  } catch (error) {
    assert.ok(error instanceof BadRequestError)
    return (error.extensions.errors as Array<{ pointer: string }>).map((e) => e.pointer)
  }
  assert.fail('expected a BadRequestError')
}

describe('toRenderValues', () => {
  it('keeps strings and stringifies numbers and booleans, in a Map that any name can key', () => {
    const input = JSON.parse('{"a":"x","b":2,"c":true,"__proto__":"p","constructor":"k"}') as object
    const values = toRenderValues(input)
    assert.deepEqual([...values], [['a', 'x'], ['b', '2'], ['c', 'true'], ['__proto__', 'p'], ['constructor', 'k']])
    assert.equal(Object.getPrototypeOf(input), Object.prototype)
  })

  it('refuses null, arrays and objects with an escaped pointer under the given base', () => {
    assert.deepEqual(pointers(() => toRenderValues({ a: null, 'x/y~z': [], c: {} }, '#/items/3/variables')),
      ['#/items/3/variables/a', '#/items/3/variables/x~1y~0z', '#/items/3/variables/c'])
  })

  it('enforces the value length and the number of variables', () => {
    assert.equal(toRenderValues({ a: 'x'.repeat(MAX_VALUE_LENGTH) }).get('a')!.length, MAX_VALUE_LENGTH)
    assert.deepEqual(pointers(() => toRenderValues({ a: 'x'.repeat(MAX_VALUE_LENGTH + 1) })), ['#/variables/a'])
    const many = Object.fromEntries(Array.from({ length: MAX_VARIABLES + 1 }, (_, i) => [`v${i}`, i]))
    assert.deepEqual(pointers(() => toRenderValues(many)), ['#/variables'])
  })

  it('refuses a name over 200 characters, naming it only by its first 200', () => {
    const [pointer] = pointers(() => toRenderValues({ ['n'.repeat(5000)]: 'x' }))
    assert.equal(pointer, '#/variables/' + 'n'.repeat(200))
  })
})
