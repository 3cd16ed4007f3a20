// The category tree with prompt counts, and the tags, in the side panel.
import { api, query } from './api.js'
import { h, replace } from './dom.js'

const tree = document.getElementById('category-tree')
const tagList = document.getElementById('tag-list')
let categoriesBySlug = new Map()

export function categoryName (slug) {
  return categoriesBySlug.get(slug)?.name ?? slug
}

export async function categories () {
  if (categoriesBySlug.size === 0) await loadSide()
  return [...categoriesBySlug.values()]
}

export async function loadSide () {
  const [cats, tags] = await Promise.all([api('/v1/categories'), api('/v1/tags')])
  categoriesBySlug = new Map(cats.body.items.map((c) => [c.slug, c]))
  const children = new Map()
  for (const c of cats.body.items) {
    const siblings = children.get(c.parent ?? null) ?? []
    siblings.push(c)
    children.set(c.parent ?? null, siblings)
  }
  const branch = (parent) => (children.get(parent) ?? []).map((c) => h('li', {},
    h('a', { href: '/app/' + query({ category: c.slug }), dataset: { category: c.slug } }, c.name),
    count(c.promptCount),
    children.has(c.slug) ? h('ul', {}, branch(c.slug)) : null))
  replace(tree, branch(null))
  replace(tagList, tags.body.items.map((t) => h('li', {},
    h('a', { class: 'tag', href: '/app/' + query({ tag: t.tag }), dataset: { tag: t.tag } }, t.tag,
      count(t.count)))))
  markSide(new URLSearchParams(location.search).get('category'), new URLSearchParams(location.search).get('tag'))
  // On a phone the panel starts folded so the content comes first.
  if (window.matchMedia('(max-width: 48rem)').matches) document.getElementById('side-details').open = false
}

export function count (n) {
  return h('span', { class: 'count' }, String(n), h('span', { class: 'visually-hidden' }, n === 1 ? ' prompt' : ' prompts'))
}

export function markSide (category, tag) {
  for (const link of tree.querySelectorAll('a')) {
    if (link.dataset.category === category && !new URLSearchParams(location.search).has('q')) link.setAttribute('aria-current', 'true')
    else link.removeAttribute('aria-current')
  }
  for (const link of tagList.querySelectorAll('a')) {
    if (link.dataset.tag === tag) link.setAttribute('aria-current', 'true')
    else link.removeAttribute('aria-current')
  }
}
