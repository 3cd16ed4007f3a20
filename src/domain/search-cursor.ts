// Opaque page cursors for search results: the offset of the next item in the ranked list, and a short hash
// of the search it pages through, since an offset means nothing in another query's ranking.
import { createHash } from 'node:crypto'
import { BadRequestError } from './errors.js'

const PREFIX = 's2'
/** Ranked results are read at most this deep, so a cursor never points further. */
export const MAX_SEARCH_OFFSET = 10_000

/** What a cursor is tied to: the search whose ranking its offset counts in. */
export interface SearchCursorScope {
  q: string
  /** The category filter as given (its ids, a category and everything below it); null for all. */
  categoryIds: readonly number[] | null
  tag: string | null
}

const FORMAT = /^s2:(0|[1-9][0-9]{0,4}):([A-Za-z0-9_-]{11})$/

function scopeHash (scope: SearchCursorScope): string {
  // 64 bits: enough that a cursor of another search is never taken for this one by chance.
  return createHash('sha256').update(JSON.stringify([scope.q, scope.categoryIds, scope.tag])).digest('base64url').slice(0, 11)
}

export function encodeSearchCursor (offset: number, scope: SearchCursorScope): string {
  return Buffer.from(`${PREFIX}:${offset}:${scopeHash(scope)}`).toString('base64url')
}

export function decodeSearchCursor (cursor: string, scope: SearchCursorScope): number {
  const malformed = (detail: string): BadRequestError => new BadRequestError(
    'cursor is not one this search issued: pass the nextCursor of the same query (same q, category and tag) unchanged',
    [{ pointer: '#/query/cursor', detail }])
  // Base64 decoding forgives stray characters and padding: only the exact text the encoder writes is taken.
  const match = FORMAT.exec(Buffer.from(cursor, 'base64url').toString('latin1'))
  const offset = match === null ? NaN : Number(match[1])
  if (match === null || offset > MAX_SEARCH_OFFSET || Buffer.from(match[0], 'latin1').toString('base64url') !== cursor) {
    throw malformed('malformed search cursor')
  }
  if (match[2] !== scopeHash(scope)) throw malformed('cursor of another search: pass the nextCursor of the same query unchanged')
  return offset
}
