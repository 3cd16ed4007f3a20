// A prompt's versions, newest first, and a word diff between any two of them.
import { api, enc, query } from './api.js'
import { h, replace, uniqueId } from './dom.js'
import { messagesText, wordDiff } from './word-diff.js'

const MAX_VERSIONS = 500

export async function allVersions (ctx, id) {
  const items = []
  let cursor
  do {
    const { body } = await api(`/v1/prompts/${enc(id)}/versions` + query({ limit: 100, cursor }), { signal: ctx.signal })
    items.push(...body.items)
    cursor = body.nextCursor
  } while (cursor && items.length < MAX_VERSIONS)
  return items
}

export function diffView (changes) {
  return h('p', { class: 'diff text-block', id: 'diff-output' }, changes.map((change) =>
    change.op === 'added' ? h('ins', {}, change.text) : change.op === 'removed' ? h('del', {}, change.text) : change.text))
}

function nameChanges (title, changes) {
  if (!changes || (!changes.added.length && !changes.removed.length)) return null
  return h('p', {}, `${title}: `,
    changes.added.map((name) => [h('ins', {}, name), ' ']),
    changes.removed.map((name) => [h('del', {}, name), ' ']))
}

async function compare (ctx, id, byVersion, from, to) {
  const a = byVersion.get(from)
  const b = byVersion.get(to)
  const chat = a?.messages || b?.messages
  if (ctx.features.diff && !chat) {
    const { body } = await api(`/v1/prompts/${enc(id)}/diff` + query({ from, to }), { signal: ctx.signal })
    return [diffView(body.changes), nameChanges('Variables', body.variables), nameChanges('Tags', body.tags),
      body.category.from !== body.category.to ? h('p', {}, `Category: ${body.category.from} → ${body.category.to}`) : null]
  }
  const text = (v) => v.template ?? messagesText(v.messages)
  return [diffView(wordDiff(text(a), text(b))),
    JSON.stringify(a.config ?? {}) !== JSON.stringify(b.config ?? {})
      ? diffView(wordDiff(JSON.stringify(a.config ?? {}, null, 2), JSON.stringify(b.config ?? {}, null, 2)))
      : null]
}

export function versionsPanel (ctx, id, currentVersion, versionsLoaded) {
  const section = h('section', { 'aria-labelledby': 'versions-heading' }, h('h2', { id: 'versions-heading' }, 'Versions'), h('p', { class: 'muted' }, 'Loading versions…'))
  versionsLoaded.then((versions) => {
    const byVersion = new Map(versions.map((v) => [v.version, v]))
    const table = h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Version', 'Made', 'By', 'Labels'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, versions.map((v) => h('tr', {},
        h('td', {}, h('a', { href: `/app/prompts/${id}` + (v.version === currentVersion ? '' : query({ version: v.version })) }, `v${v.version}`)),
        h('td', {}, new Date(v.createdAt).toLocaleString()),
        h('td', {}, v.createdBy ?? '', v.message ? h('div', { class: 'muted' }, v.message) : null),
        h('td', {}, (v.labels ?? []).join(', ')))))))
    const fromId = uniqueId('diff-from')
    const toId = uniqueId('diff-to')
    const options = (selected) => versions.map((v) => h('option', { value: String(v.version), selected: v.version === selected }, `v${v.version}`))
    const output = h('div', { 'aria-live': 'polite' })
    const newest = versions[0]?.version ?? currentVersion
    const fromSelect = h('select', { id: fromId }, options(Math.max(1, newest - 1)))
    const toSelect = h('select', { id: toId }, options(newest))
    const form = h('form', { class: 'row', 'aria-label': 'Compare versions' },
      h('label', { for: fromId }, 'From'), fromSelect, h('label', { for: toId }, 'to'), toSelect,
      h('button', { type: 'submit' }, 'Compare'))
    const show = async () => {
      try {
        replace(output, h('h3', {}, `Changes from v${fromSelect.value} to v${toSelect.value}`), await compare(ctx, id, byVersion, Number(fromSelect.value), Number(toSelect.value)))
      } catch (error) {
        ctx.reportError(error)
      }
    }
    form.addEventListener('submit', (event) => { event.preventDefault(); show() })
    replace(section, h('h2', { id: 'versions-heading' }, 'Versions'), table, versions.length > 1 ? [form, output] : h('p', { class: 'muted' }, 'Only one version so far.'))
    if (versions.length > 1) show()
  }).catch(ctx.reportError)
  return section
}
