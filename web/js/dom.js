// Builds DOM nodes. Text from the API is only ever set as text: nothing here assigns HTML.

/** h('a', { href }, 'text', child) — attributes as properties or attributes, children as nodes or text. */
export function h (tag, attributes = {}, ...children) {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value)
    else if (name === 'dataset') Object.assign(element.dataset, value)
    else if (name in element && typeof value !== 'string') element[name] = value
    else element.setAttribute(name, value === true ? '' : String(value))
  }
  append(element, children)
  return element
}

export function append (parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
  return parent
}

export function replace (parent, ...children) {
  parent.replaceChildren()
  return append(parent, children)
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", apos: "'" }

function unescape (text) {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (_, name) => ENTITIES[name])
}

/**
 * The API's highlight (HTML-escaped text with <mark> around matches) as nodes: <mark> is the one element
 * kept, every other character becomes text, so a template holding <script> shows as those characters.
 */
export function highlightNodes (highlight) {
  const nodes = []
  let open = null
  for (const part of String(highlight).split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') { open = document.createElement('mark'); nodes.push(open); continue }
    if (part === '</mark>') { open = null; continue }
    if (part === '') continue
    const text = document.createTextNode(unescape(part))
    if (open) open.append(text)
    else nodes.push(text)
  }
  return nodes
}

let uniqueCounter = 0
export function uniqueId (prefix) {
  uniqueCounter += 1
  return `${prefix}-${uniqueCounter}`
}
