import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { expandIncludes, IncludeError, type IncludeLookup, includedIds, MAX_INCLUDE_DEPTH } from '../../src/domain/partials.js'
import { parseTemplate } from '../../src/domain/template.js'

const store = (templates: Record<string, string>): IncludeLookup => (ref) => {
  const template = templates[ref.id]
  if (template === undefined) return 'missing'
  return { id: ref.id, version: 1, parsed: parseTemplate(template), variables: parseTemplate(template).variables.map((name) => ({ name, description: '', examples: [], required: true })) }
}

describe('include parsing', () => {
  it('reads {{> id}}, {{> id@label}} and {{> id@N}} as written', () => {
    const parsed = parseTemplate('A {{> one}} B {{>two@production}} C {{> three@12}} {{x}}')
    assert.deepEqual(parsed.includes!.map((part) => [part.include, part.source]), [
      [{ id: 'one' }, '{{> one}}'], [{ id: 'two', label: 'production' }, '{{>two@production}}'], [{ id: 'three', version: 12 }, '{{> three@12}}']
    ])
    assert.deepEqual(parsed.variables, ['x'])
    assert.deepEqual(includedIds([parsed]), ['one', 'two', 'three'])
    assert.equal(parseTemplate('{{x}}').includes, undefined)
  })

  it('refuses malformed includes', () => {
    for (const bad of ['{{>}}', '{{> Bad}}', '{{> a@}}', '{{> a@Prod}}', '{{> a b}}']) assert.throws(() => parseTemplate(bad), /include/, bad)
  })
})

describe('expandIncludes', () => {
  it('replaces includes depth first and lists included variables once, with from', () => {
    const lookup = store({ a: 'a({{x}} {{> b}})', b: 'b({{y}} {{x}})' })
    const out = expandIncludes('root', parseTemplate('{{y}} {{> a}}'), lookup)
    assert.deepEqual(out.included, ['a', 'b'])
    assert.deepEqual(out.variables.map((v) => [v.name, v.from]), [['x', 'a']])
    assert.deepEqual(out.parsed.variables, ['y', 'x'])
    assert.equal(out.parsed.parts.filter((part) => typeof part === 'string').join(''), ' a( b( ))')
  })

  it('finds a cycle through three prompts, depth past the limit and failures, at the top include', () => {
    const cyclic = store({ b: '{{> c}}', c: '{{> d}}', d: 'x {{> a}}', a: '{{> b}}' })
    assert.throws(() => expandIncludes('a', parseTemplate('{{> b}}'), cyclic), (e: IncludeError) => e.reason === 'cycle' && e.at.source === '{{> b}}')
    const chain: Record<string, string> = { l0: 'end' }
    for (let i = 1; i <= MAX_INCLUDE_DEPTH + 1; i++) chain[`l${i}`] = `{{> l${i - 1}}}`
    expandIncludes('root', parseTemplate('{{> l4}}'), store(chain))
    assert.throws(() => expandIncludes('root', parseTemplate('{{> l5}}'), store(chain)), (e: IncludeError) => e.reason === 'depth')
    assert.throws(() => expandIncludes('root', parseTemplate('{{> nope}}'), store({})), (e: IncludeError) => e.reason === 'missing' && e.target === 'nope')
  })

  it('stops a wide graph in bounded time', () => {
    const wide = (id: string): string => `{{> ${id}}}`.repeat(40)
    const started = performance.now()
    assert.throws(() => expandIncludes('root', parseTemplate(wide('w1')), store({ w1: wide('w2'), w2: wide('w3'), w3: 'leaf' })), (e: IncludeError) => e.reason === 'too-many')
    assert.ok(performance.now() - started < 1000)
  })
})
