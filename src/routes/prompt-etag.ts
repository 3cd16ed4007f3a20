// Prompt ETags in HTTP terms: a strong validator per version ("sagas-1.v3"), matched against If-None-Match, and
// If-Match turned into the versions a write expects. Versions are immutable, so id and version name the content.
import type { ExpectedVersion } from '../domain/expected-version.js'

export function promptEtag (id: string, version: number): string {
  return `"${id}.v${version}"`
}

/** RFC 9110 If-None-Match matching: a list of tags or "*"; W/ is ignored (weak comparison). */
export function etagMatches (header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  if (header.trim() === '*') return true
  return header.split(',').some((candidate) => {
    const tag = candidate.trim()
    return (tag.startsWith('W/') ? tag.slice(2) : tag) === etag
  })
}

/**
 * The versions of prompt `id` an If-Match header names (strong comparison: weak tags never match), or 'any' for "*".
 * Tags of other prompts or of no version at all name nothing, so such a header matches no version.
 */
export function expectedVersionOf (header: string, id: string): ExpectedVersion {
  if (header.trim() === '*') return 'any'
  const prefix = `"${id}.v`
  const versions: number[] = []
  for (const candidate of header.split(',')) {
    const tag = candidate.trim()
    if (!tag.startsWith(prefix) || !tag.endsWith('"')) continue
    const digits = tag.slice(prefix.length, -1)
    if (/^[1-9][0-9]{0,14}$/.test(digits)) versions.push(Number(digits))
  }
  return versions
}
