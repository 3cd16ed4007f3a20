import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { BadRequestError } from '../../src/domain/errors.js'
import { parseTemplate, renderedLength, renderParsed, RenderTooLongError, type ParsedTemplate } from '../../src/domain/template.js'

const RUNS = { numRuns: 300 }

/** Any string, with braces made frequent so that placeholders and near-placeholders appear. */
const anyText = fc.string({ unit: fc.oneof(fc.constantFrom('{', '}', '{{', '}}', ' ', 'a', '_'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 60 })
const name = fc.stringMatching(/^[a-z0-9_]{1,12}$/)
/** Literal text that cannot open a placeholder. */
const literal = fc.string({ unit: fc.oneof(fc.constantFrom('}', ' ', '.', 'x', 'é', '😀'), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }).filter((c) => c !== '{')), maxLength: 20 })
/** A well-formed template as a list of parts, and the template text. */
const template = fc.array(fc.oneof(literal, name.map((variable) => ({ variable }))), { maxLength: 12 })
  .map((parts) => ({ parts, text: parts.map((part) => typeof part === 'string' ? part : `{{${part.variable}}}`).join('') }))

function valuesFor (parsed: ParsedTemplate, pick: (name: string) => string): Map<string, string> {
  return new Map(parsed.variables.map((variable) => [variable, pick(variable)]))
}

describe('parseTemplate and renderParsed: properties', () => {
  it('never throw on any template and values, except parseTemplate\'s typed BadRequestError', () => {
    fc.assert(fc.property(anyText, fc.dictionary(fc.string({ maxLength: 8 }), anyText), (text, values) => {
      let parsed: ParsedTemplate
      try {
        parsed = parseTemplate(text)
      } catch (error) {
        assert.ok(error instanceof BadRequestError, `unexpected ${String(error)}`)
        return
      }
      const outcome = renderParsed(parsed, new Map(Object.entries(values)))
      assert.equal(typeof outcome.text, 'string')
      assert.equal(outcome.text.length, renderedLength(parsed, new Map(Object.entries(values))))
    }), RUNS)
  })

  it('insert every value literally, exactly once per placeholder, never expanding it again', () => {
    fc.assert(fc.property(template, fc.func(anyText), ({ parts, text }, pick) => {
      const parsed = parseTemplate(text)
      const values = valuesFor(parsed, pick)
      const expected = parts.map((part) => typeof part === 'string' ? part : values.get(part.variable)!).join('')
      const outcome = renderParsed(parsed, values)
      assert.equal(outcome.text, expected)
      assert.deepEqual(outcome.missing, [])
      for (const value of values.values()) assert.ok(outcome.text.includes(value))
    }), RUNS)
  })

  it('leave no placeholder after a full render', () => {
    const plain = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', '-', 'é'), maxLength: 10 })
    fc.assert(fc.property(template, fc.func(plain), ({ text }, pick) => {
      const parsed = parseTemplate(text)
      const outcome = renderParsed(parsed, valuesFor(parsed, pick))
      assert.deepEqual(outcome.missing, [])
      assert.ok(!outcome.text.includes('{{'), outcome.text)
      assert.deepEqual(parseTemplate(outcome.text).variables, [])
    }), RUNS)
  })

  it('keep each missing placeholder as {{name}} and list it once', () => {
    fc.assert(fc.property(template, ({ text }) => {
      const parsed = parseTemplate(text)
      const outcome = renderParsed(parsed, new Map())
      assert.deepEqual(outcome.missing, parsed.variables)
      assert.deepEqual(parseTemplate(outcome.text).variables, parsed.variables)
    }), RUNS)
  })
})

describe('renderParsed', () => {
  it('treats __proto__, constructor and toString as plain names', () => {
    const parsed = parseTemplate('{{constructor}} {{tostring}}')
    const outcome = renderParsed(parsed, new Map([['__proto__', 'p'], ['toString', 't']]))
    assert.equal(outcome.text, '{{constructor}} {{tostring}}')
    assert.deepEqual(outcome.missing, ['constructor', 'tostring'])
    assert.equal(renderParsed(parsed, new Map([['constructor', 'c'], ['tostring', 't']])).text, 'c t')
  })

  it('refuses a text over maxLength before building it, and accepts one exactly at it', () => {
    const parsed = parseTemplate('ab{{x}}{{x}}')
    assert.equal(renderParsed(parsed, new Map([['x', '123']]), 8).text, 'ab123123')
    assert.throws(() => renderParsed(parsed, new Map([['x', '1234']]), 8), (error) =>
      error instanceof RenderTooLongError && error.status === 422 && error.length === 10 && error.limit === 8)
    // A missing placeholder counts with its {{name}} text.
    assert.throws(() => renderParsed(parsed, new Map(), 11), RenderTooLongError)
    assert.equal(renderParsed(parsed, new Map(), 12).text, 'ab{{x}}{{x}}')
  })

  it('renders a value of 50,000 "{" literally and quickly', () => {
    const value = '{'.repeat(50_000)
    const started = performance.now()
    const outcome = renderParsed(parseTemplate('a {{x}} b'), new Map([['x', value]]))
    assert.equal(outcome.text, `a ${value} b`)
    assert.ok(performance.now() - started < 100)
  })
})
