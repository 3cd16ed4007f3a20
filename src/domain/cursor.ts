// Opaque page cursors: the sort position of the last item on the previous page.
import { BadRequestError } from './errors.js'

export interface CursorPosition {
  categoryPosition: number
  position: number
}

const PREFIX = 'p1'

export function encodeCursor (at: CursorPosition): string {
  return Buffer.from(`${PREFIX}:${at.categoryPosition}:${at.position}`).toString('base64url')
}

export function decodeCursor (cursor: string): CursorPosition {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split(':')
  const [prefix, categoryPosition, position] = [parts[0], Number(parts[1]), Number(parts[2])]
  // Only the exact text this module writes is accepted (base64url decoding skips stray characters).
  const valid = parts.length === 3 && prefix === PREFIX && Number.isSafeInteger(categoryPosition) && Number.isSafeInteger(position) &&
    categoryPosition >= 0 && position >= 0 && encodeCursor({ categoryPosition, position }) === cursor
  if (!valid) {
    throw new BadRequestError('cursor is not one this API issued: pass the nextCursor of the previous page unchanged',
      [{ pointer: '#/query/cursor', detail: 'malformed cursor' }])
  }
  return { categoryPosition, position }
}
