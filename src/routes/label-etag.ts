// A label's If-Match turned into the revisions a change expects; the label service compares them inside its
// transaction. Strong comparison: weak tags and tags of other labels name nothing.
import type { ExpectedVersion } from '../domain/expected-version.js'

/** The revisions of label `label` of prompt `id` an If-Match header names, 'any' for "*", undefined without one. */
export function expectedRevisionOf (header: string | undefined, id: string, label: string): ExpectedVersion | undefined {
  if (header === undefined) return undefined
  if (header.trim() === '*') return 'any'
  const prefix = `"${id}.label.${label}.r`
  const revisions: number[] = []
  for (const candidate of header.split(',')) {
    const tag = candidate.trim()
    if (!tag.startsWith(prefix) || !tag.endsWith('"')) continue
    const digits = tag.slice(prefix.length, -1)
    if (/^(?:0|[1-9][0-9]{0,14})$/.test(digits)) revisions.push(Number(digits))
  }
  return revisions
}
