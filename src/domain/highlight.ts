// The template as HTML with the matched words wrapped in <mark>: everything else is escaped, so the
// result is safe to insert into a page whatever the template holds. Which words match is the caller's
// question (the index decides: same stem as a query term); neighbouring matches share one <mark>.
import { normalizeText } from './search-query.js'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const WORD = /[\p{L}\p{N}]+/gu

export function escapeHtml (text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

/** isMatch receives each word of the template lowercased and without diacritics, as the index holds it. */
export function highlightTemplate (template: string, isMatch: (word: string) => boolean): string {
  let html = ''
  let copied = 0
  let openEnd = -1
  for (const found of template.matchAll(WORD)) {
    const start = found.index
    const end = start + found[0].length
    if (!isMatch(normalizeText(found[0]))) continue
    const gap = template.slice(copied, start)
    if (openEnd === copied && /^ +$/.test(gap)) {
      html += gap + escapeHtml(found[0])
    } else {
      if (openEnd === copied) html += '</mark>'
      html += escapeHtml(gap) + '<mark>' + escapeHtml(found[0])
    }
    copied = end
    openEnd = end
  }
  if (openEnd === copied && copied > 0) html += '</mark>'
  return html + escapeHtml(template.slice(copied))
}
