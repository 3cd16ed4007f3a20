// An opaque cursor over rows paged by an increasing integer (a row id, a version number): `<prefix><id>` in base64url. The prefix tells
// one list's cursors from another's, so a cursor of the label history is refused by the deliveries log.
import { BadRequestError } from './errors.js'

export function encodeRowIdCursor (prefix: string, id: number): string {
  return Buffer.from(prefix + id).toString('base64url')
}

export function decodeRowIdCursor (prefix: string, cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  const id = Number(text.slice(prefix.length))
  if (!text.startsWith(prefix) || !Number.isSafeInteger(id) || id < 1) {
    throw new BadRequestError('cursor is not one this API issued: pass the nextCursor of the previous page unchanged',
      [{ pointer: '#/query/cursor', detail: 'malformed cursor' }])
  }
  return id
}
