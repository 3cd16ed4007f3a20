import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BadRequestError } from '../../src/domain/errors.js'
import { checkConfig, MAX_CONFIG_BYTES, MAX_CONFIG_DEPTH } from '../../src/domain/prompt-config.js'

const nested = (depth: number): unknown => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth))

describe('checkConfig', () => {
  it('takes any JSON object within the limits', () => {
    assert.deepEqual(checkConfig({ model: 'm', temperature: 0.2, stop: ['\n'] }), { model: 'm', temperature: 0.2, stop: ['\n'] })
    checkConfig(nested(MAX_CONFIG_DEPTH))
    checkConfig({ text: 'x'.repeat(MAX_CONFIG_BYTES - 20) })
  })

  it('refuses what is not an object, nests too deep or is too large, with the pointer given', () => {
    for (const value of [null, [], 'x', 3, true]) assert.throws(() => checkConfig(value, '#/p'), (e: BadRequestError) => (e.extensions.errors as Array<{ pointer: string }>)[0]!.pointer === '#/p')
    assert.throws(() => checkConfig(nested(MAX_CONFIG_DEPTH + 1)), BadRequestError)
    assert.throws(() => checkConfig({ list: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] }), BadRequestError, 'arrays count as levels')
    assert.throws(() => checkConfig({ text: 'x'.repeat(MAX_CONFIG_BYTES) }), BadRequestError)
  })

  it('stops quickly on a very deep value', () => {
    const started = performance.now()
    assert.throws(() => checkConfig(nested(5000)), BadRequestError)
    assert.ok(performance.now() - started < 500)
  })
})
