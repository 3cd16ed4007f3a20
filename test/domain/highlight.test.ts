import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { escapeHtml, highlightTemplate } from '../../src/domain/highlight.js'

describe('highlight', () => {
  const words = (...matches: string[]) => (word: string) => matches.includes(word)

  it('escapes the template and wraps matched words in <mark>, neighbours in one', () => {
    assert.equal(highlightTemplate('Use <b>Saga</b> & "ctx.Run" for {{name}}\'s compensating actions.', words('saga', 'ctx', 'run', 'compensating', 'actions')),
      'Use &lt;b&gt;<mark>Saga</mark>&lt;/b&gt; &amp; &quot;<mark>ctx</mark>.<mark>run</mark>&quot; for {{name}}&#39;s <mark>compensating actions</mark>.'
        .replace('<mark>run</mark>', '<mark>Run</mark>'))
  })

  it('matches words without case or diacritics and leaves a template without matches escaped only', () => {
    assert.equal(highlightTemplate('Café SAGA', words('cafe', 'saga')), '<mark>Café SAGA</mark>')
    assert.equal(highlightTemplate('<script>alert(1)</script>', words()), escapeHtml('<script>alert(1)</script>'))
    assert.equal(highlightTemplate('', words('x')), '')
    assert.equal(highlightTemplate('x', words('x')), '<mark>x</mark>')
  })
})
