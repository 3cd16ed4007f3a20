// How a prompt reads in an MCP client's slash-command menu: a short title from its category and opening words,
// and a description that is the whole prompt with each placeholder shown as [its description].

const TITLE_MAX = 60
const DESCRIPTION_MAX = 300
/** Words a cut title should not end on ("Design a Saga pattern for a…"). */
const TRAILING_SMALL_WORDS = /(?:\s+(?:a|an|the|for|of|to|and|or|with|in|on|using|by|from|as|at|your|that|which))+$/i
const PLACEHOLDER = /\{\{\s*([a-z0-9_]+)\s*\}\}|\{\{>\s*[^}]*\}\}/g

export interface MenuVariable {
  name: string
  description: string
}

/** The text with {{name}} shown as [description], as the seed document writes placeholders; includes drop out. */
export function readableText (text: string, variables: readonly MenuVariable[]): string {
  const described = new Map(variables.map((variable) => [variable.name, variable.description || variable.name.replace(/_/g, ' ')]))
  return text.replace(PLACEHOLDER, (_match, name: string | undefined) => name === undefined ? '' : `[${described.get(name) ?? name.replace(/_/g, ' ')}]`)
    .replace(/\s+/g, ' ').trim()
}

/**
 * Cuts at a word boundary so that the result, with its ellipsis, has at most max characters; a [placeholder] is
 * kept whole or left out.
 */
export function clip (text: string, max: number): string {
  if (text.length <= max) return text
  let cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  if (space > max / 2) cut = cut.slice(0, space)
  const open = cut.lastIndexOf('[')
  if (open > cut.lastIndexOf(']') && open > max / 2) cut = cut.slice(0, open)
  return cut.replace(/[\s,;:.-]+$/, '').replace(TRAILING_SMALL_WORDS, '') + '…'
}

/** "Sagas: Design a Saga pattern for a [specific …" — the category says where it belongs, the words what it does. */
export function menuTitle (categoryName: string, text: string, variables: readonly MenuVariable[]): string {
  const opening = readableText(text, variables).replace(/^["'“]+|["'”]+$/g, '')
  return clip(`${categoryName}: ${opening}`, TITLE_MAX)
}

/** The prompt as one line, then where it lives ("Error Handling and Sagas › Sagas"). */
export function menuDescription (text: string, variables: readonly MenuVariable[], place: readonly string[]): string {
  const where = place.join(' › ')
  const body = clip(readableText(text, variables), DESCRIPTION_MAX - where.length - 3)
  return where === '' ? body : `${body} (${where})`
}
