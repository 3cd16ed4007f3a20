import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DomainError } from '../../src/domain/errors.js'
import { decodeSearchCursor, encodeSearchCursor, MAX_SEARCH_OFFSET, type SearchCursorScope } from '../../src/domain/search-cursor.js'

describe('search cursors', () => {
  const scope: SearchCursorScope = { q: 'saga compensation', categoryIds: [17, 18, 19], tag: null }
  const refused = (cursor: string, forScope = scope): void => {
    assert.throws(() => decodeSearchCursor(cursor, forScope), (error: unknown) =>
      error instanceof DomainError && error.status === 400 && JSON.stringify(error.extensions).includes('"#/query/cursor"'))
  }

  it('round-trips every offset for the search it was written for', () => {
    for (const offset of [0, 1, 20, 999, MAX_SEARCH_OFFSET]) assert.equal(decodeSearchCursor(encodeSearchCursor(offset, scope), scope), offset)
  })

  it('refuses a cursor of another q, category or tag', () => {
    const cursor = encodeSearchCursor(20, scope)
    for (const other of [{ ...scope, q: 'saga' }, { ...scope, q: 'saga compensation ' }, { ...scope, categoryIds: null },
      { ...scope, categoryIds: [18] }, { ...scope, tag: 'sagas' }]) refused(cursor, other)
  })

  it('refuses any text the encoder would not write', () => {
    const hash = Buffer.from(encodeSearchCursor(20, scope), 'base64url').toString().split(':')[2]!
    for (const text of ['s2:1e1:', 's2:20.0:', 's2:020:', 's2:+20:', 's2:-1:', `s2:${MAX_SEARCH_OFFSET + 1}:`, 's2:0x14:']) {
      refused(Buffer.from(text + hash).toString('base64url'))
    }
    const cursor = encodeSearchCursor(20, scope)
    for (const text of [cursor + '=', cursor + '==', `${cursor} `, cursor.replace(/.$/, (c) => c === 'A' ? 'B' : 'A'), '', 'bogus']) refused(text)
  })
})
