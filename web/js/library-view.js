// The library (prompts in document order, narrowed by category or tag) and search results.
import { api, query } from './api.js'
import { h, highlightNodes, replace } from './dom.js'
import { messagesText } from './word-diff.js'
import { categoryName, count } from './side-panel.js'

const PAGE = 50

function promptText (item) {
  return item.template ?? messagesText(item.messages)
}

function resultItem (item, withHighlight) {
  return h('li', {},
    h('a', { class: 'id', href: `/app/prompts/${item.id}` }, item.id),
    ' ', h('span', { class: 'muted' }, categoryName(item.category)),
    item.type === 'chat' ? h('span', { class: 'tag' }, 'chat') : null,
    h('p', { class: 'text' }, withHighlight && item.highlight ? highlightNodes(item.highlight) : promptText(item)),
    item.tags?.length ? h('div', { class: 'row' }, item.tags.map((tag) => h('a', { class: 'tag', href: '/app/' + query({ tag }) }, tag))) : null)
}

/** A list with a "Show more" button that follows nextCursor. */
function pagedList (ctx, path, params, withHighlight, first) {
  const list = h('ul', { class: 'results', dataset: { query: params.q ?? '' } }, first.items.map((item) => resultItem(item, withHighlight)))
  const more = h('button', { type: 'button', class: 'secondary' }, 'Show more')
  let cursor = first.nextCursor
  more.hidden = !cursor
  more.addEventListener('click', async () => {
    more.disabled = true
    try {
      const { body } = await api(path + query({ ...params, cursor }), { signal: ctx.signal })
      list.append(...body.items.map((item) => resultItem(item, withHighlight)))
      cursor = body.nextCursor
      more.hidden = !cursor
      list.children[list.children.length - body.items.length]?.querySelector('a')?.focus()
    } catch (error) {
      ctx.reportError(error)
    } finally {
      more.disabled = false
    }
  })
  return [list, more]
}

export async function showLibrary (ctx, params) {
  const category = params.get('category') || undefined
  const tag = params.get('tag') || undefined
  const request = { category, tag, limit: PAGE }
  const { body } = await api('/v1/prompts' + query(request), { signal: ctx.signal })
  const title = category ? categoryName(category) : tag ? `Tag: ${tag}` : 'All prompts'
  document.title = `${title} · promptshelf`
  replace(ctx.main,
    h('h1', { tabindex: '-1' }, title),
    category || tag ? h('p', {}, h('a', { href: '/app/' }, 'Show all prompts')) : null,
    body.items.length === 0 ? h('p', { class: 'muted' }, 'No prompts here yet.') : pagedList(ctx, '/v1/prompts', request, false, body))
}

export async function showSearch (ctx, params) {
  const q = params.get('q')
  const category = params.get('category') || undefined
  const request = { q, category, limit: 20 }
  const { body } = await api('/v1/prompts' + query(request), { signal: ctx.signal })
  document.title = `Search: ${q} · promptshelf`
  const facets = body.facets?.categories ?? []
  const total = facets.length ? null : body.items.length
  replace(ctx.main, h('div', { class: 'search-answer', dataset: { query: q } },
    h('h1', { tabindex: '-1' }, 'Search results'),
    h('p', { class: 'status', role: 'status' }, body.items.length === 0 ? `No prompt matches “${q}”.` : `Prompts matching “${q}”${category ? ` in ${categoryName(category)}` : ''}${total !== null ? `: ${total}` : ''}.`),
    body.didYouMean ? h('p', {}, 'Did you mean ', h('a', { href: '/app/' + query({ q: body.didYouMean }) }, body.didYouMean), '?') : null,
    facets.length
      ? h('nav', { 'aria-label': 'Narrow by category' },
        h('ul', { class: 'facets' },
          h('li', {}, h('a', { href: '/app/' + query({ q }), 'aria-current': category ? false : 'true' }, 'All categories')),
          facets.map((f) => h('li', {}, h('a', { href: '/app/' + query({ q, category: f.slug }), 'aria-current': f.slug === category ? 'true' : false }, categoryName(f.slug), ' ', count(f.count))))))
      : null,
    body.items.length ? pagedList(ctx, '/v1/prompts', request, true, body) : null))
}
