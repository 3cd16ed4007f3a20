// RFC 9110 entity-tag lists as If-Match and If-None-Match carry them: a list of tags or "*".

/** Whether `header` names `etag`; with `weak`, a W/ prefix is ignored (If-None-Match), otherwise it never matches (If-Match). */
export function etagListMatches (header: string, etag: string, weak: boolean): boolean {
  if (header.trim() === '*') return true
  return header.split(',').some((candidate) => {
    const tag = candidate.trim()
    return (weak && tag.startsWith('W/') ? tag.slice(2) : tag) === etag
  })
}
