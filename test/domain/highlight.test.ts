import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { escapeHtml, highlightMarked, MARK_CLOSE, MARK_OPEN } from '../../src/domain/highlight.js'

describe('highlight', () => {
  it('escapes the template and wraps marked words in <mark>', () => {
    const marked = `Use <b>${MARK_OPEN}Saga${MARK_CLOSE}</b> & "${MARK_OPEN}ctx.Run${MARK_CLOSE}" for {{name}}'s`
    assert.equal(highlightMarked(marked), 'Use &lt;b&gt;<mark>Saga</mark>&lt;/b&gt; &amp; &quot;<mark>ctx.Run</mark>&quot; for {{name}}&#39;s')
  })

  it('closes a mark left open and ignores a stray close', () => {
    assert.equal(highlightMarked(`a${MARK_CLOSE} ${MARK_OPEN}b`), 'a <mark>b</mark>')
    assert.equal(escapeHtml('<script>'), '&lt;script&gt;')
  })
})
