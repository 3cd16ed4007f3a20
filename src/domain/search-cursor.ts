// Opaque page cursors for search results: the offset of the next item in the ranked list.
import { BadRequestError } from './errors.js'

const PREFIX = 's1'
/** Ranked results are read at most this deep, so a cursor never points further. */
export const MAX_SEARCH_OFFSET = 10_000

export function encodeSearchCursor (offset: number): string {
  return Buffer.from(`${PREFIX}:${offset}`).toString('base64url')
}

export function decodeSearchCursor (cursor: string): number {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split(':')
  const offset = Number(parts[1])
  if (parts.length !== 2 || parts[0] !== PREFIX || !Number.isSafeInteger(offset) || offset < 0 || offset > MAX_SEARCH_OFFSET) {
    throw new BadRequestError('cursor is not one this search issued: pass the nextCursor of the previous page unchanged, with the same q',
      [{ pointer: '#/query/cursor', detail: 'malformed search cursor' }])
  }
  return offset
}
