import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BadRequestError } from '../../src/domain/errors.js'
import { parseTemplate } from '../../src/domain/template.js'

function parseError (template: string): BadRequestError {
  try {
    parseTemplate(template)
  } catch (error) {
    assert.ok(error instanceof BadRequestError)
    return error
  }
  assert.fail(`"${template}" parsed`)
}

describe('parseTemplate', () => {
  it('lists placeholder names once each, in order of first appearance', () => {
    const parsed = parseTemplate('{{b}} then {{a}}, again {{b}} and {{ c_1 }}')
    assert.deepEqual(parsed.variables, ['b', 'a', 'c_1'])
    assert.deepEqual(parsed.parts, [{ variable: 'b' }, ' then ', { variable: 'a' }, ', again ', { variable: 'b' }, ' and ', { variable: 'c_1' }])
  })

  it('keeps text without placeholders as one part', () => {
    assert.deepEqual(parseTemplate('plain text, {single} braces').parts, ['plain text, {single} braces'])
    assert.deepEqual(parseTemplate('').variables, [])
  })

  it('refuses an unclosed {{ and says where it opens', () => {
    const error = parseError('Design a {{topic and stop')
    assert.equal(error.status, 400)
    assert.match(error.message, /unclosed "\{\{" at position 9/)
    assert.deepEqual((error.extensions.errors as Array<{ pointer: string }>)[0]!.pointer, '#/template')
  })

  it('refuses an empty placeholder at its position', () => {
    assert.match(parseError('ab {{  }} cd').message, /empty placeholder at position 3/)
  })

  it('refuses names outside a-z, 0-9 and _, and over 100 characters', () => {
    assert.match(parseError('x {{Topic}}').message, /position 2 has an invalid name/)
    assert.match(parseError('{{my-topic}}').message, /position 0 has an invalid name/)
    assert.match(parseError(`{{${'a'.repeat(101)}}}`).message, /invalid name/)
    assert.deepEqual(parseTemplate(`{{${'a'.repeat(100)}}}`).variables, ['a'.repeat(100)])
  })

  it('reports every malformed placeholder, under the pointer it was given', () => {
    const error = parseError('{{}} and {{A}} and {{ok}}')
    const errors = error.extensions.errors as Array<{ pointer: string, detail: string }>
    assert.equal(errors.length, 2)
    assert.ok(errors.every((item) => item.pointer === '#/template'))
    const other = (() => { try { parseTemplate('{{', '#/x') } catch (e) { return e as BadRequestError } })()
    assert.equal((other!.extensions.errors as Array<{ pointer: string }>)[0]!.pointer, '#/x')
  })
})
