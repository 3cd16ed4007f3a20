// The template as HTML with the matched words wrapped in <mark>: everything else is escaped, so the
// result is safe to insert into a page whatever the template holds.

/** Private-use characters that open and close a match in the text the index hands back. */
export const MARK_OPEN = '\uE000'
export const MARK_CLOSE = '\uE001'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml (text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

/** True when text already holds a marker character, so markers in it could not be told apart. */
export function holdsMarkers (text: string): boolean {
  return text.includes(MARK_OPEN) || text.includes(MARK_CLOSE)
}

/** Turns text with MARK_OPEN/MARK_CLOSE around matches into escaped HTML with <mark> elements. */
export function highlightMarked (marked: string): string {
  let html = ''
  let open = false
  for (const part of marked.split(/([\uE000\uE001])/)) {
    if (part === MARK_OPEN) {
      if (!open) html += '<mark>'
      open = true
    } else if (part === MARK_CLOSE) {
      if (open) html += '</mark>'
      open = false
    } else {
      html += escapeHtml(part)
    }
  }
  return open ? html + '</mark>' : html
}
