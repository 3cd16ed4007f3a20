import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { matchExpression, parseSearchText, type TermGroup } from '../../src/domain/search-query.js'

// A real FTS5 table: the builder's promise is that FTS5 accepts whatever it produces.
const sqlite = new Database(':memory:')
sqlite.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2')")
sqlite.prepare('INSERT INTO t (body) VALUES (?)').run("Use Restate's ctx.Run and FanOutFail (NOT \"NEAR\") in a Saga: compensating actions")
const search = sqlite.prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck()

function expressionsFor (text: string): string[] {
  const groups: TermGroup[] = parseSearchText(text).map((word) => [{ tokens: word.tokens }, { tokens: word.tokens, prefix: true }])
  return [matchExpression(groups, 'all'), matchExpression(groups, 'any')].filter((e) => e !== '')
}

describe('search query builder', () => {
  it('splits words into tokens of letters and digits, lowercased, without diacritics', () => {
    assert.deepEqual(parseSearchText('  ctx.Run  Café\tFanOutFail '), [
      { text: 'ctx.Run', tokens: ['ctx', 'run'] },
      { text: 'Café', tokens: ['cafe'] },
      { text: 'FanOutFail', tokens: ['fanoutfail'] }
    ])
  })

  it('quotes every token and writes the only operators', () => {
    const groups = parseSearchText('saga OR "NOT" ctx.Run').map((word) => [{ tokens: word.tokens }])
    assert.equal(matchExpression(groups, 'all'), '"saga" AND "or" AND "not" AND "ctx run"')
    assert.equal(matchExpression([[{ tokens: ['saga'] }, { tokens: ['compens'], prefix: true }]], 'any'), '("saga" OR "compens"*)')
  })

  it('finds a phrase such as ctx.Run and treats operators as plain words', () => {
    assert.equal(search.get(expressionsFor('ctx.Run')[0]), 1)
    assert.equal(search.get(expressionsFor('NOT NEAR')[0]), 1)
    assert.equal(search.get(expressionsFor('saga NOT missing')[0]), 0)
  })

  for (const input of ['"', '"unclosed', '(saga', 'saga)', 'AND', 'OR OR', 'NOT saga', 'NEAR(a b)', '*', 'saga*', 'body:saga', ':', '-saga', '^saga',
    '\u0000\u0001\u001f\u007f', 'a'.repeat(300), '{'.repeat(500), '{{name}}', 'x AND (y OR "z")', '\u202e\u200b', '🙂 saga', '\\"']) {
    it(`never produces an FTS5 syntax error for ${JSON.stringify(input.slice(0, 30))}`, () => {
      for (const expression of expressionsFor(input)) assert.doesNotThrow(() => search.get(expression), expression)
    })
  }

  it('never produces an FTS5 syntax error for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      for (const expression of expressionsFor(text)) search.get(expression)
    }), { numRuns: 500 })
  })
})
