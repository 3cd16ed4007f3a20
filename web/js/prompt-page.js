// One prompt: its template or chat messages, config, the render form, versions with diffs, labels.
import { api, apiKey, enc, query } from './api.js'
import { h, replace } from './dom.js'
import { labelsPanel } from './labels-panel.js'
import { renderForm } from './render-form.js'
import { categoryName } from './side-panel.js'
import { allVersions, versionsPanel } from './versions-panel.js'

export function promptBody (prompt) {
  if (prompt.type === 'chat' || (prompt.template === undefined && Array.isArray(prompt.messages))) {
    return h('ol', { class: 'messages', 'aria-label': 'Chat messages' }, prompt.messages.map((m) => m.placeholder !== undefined
      ? h('li', { class: 'message' }, h('span', { class: 'role' }, 'Placeholder'), ' ', h('code', {}, m.placeholder))
      : h('li', { class: 'message' }, h('div', { class: 'role' }, m.role), h('pre', {}, m.content))))
  }
  return h('pre', { class: 'template' }, prompt.template)
}

export function configBlock (config) {
  if (!config || typeof config !== 'object' || Object.keys(config).length === 0) return null
  return [h('h2', {}, 'Configuration'), h('pre', { class: 'config' }, JSON.stringify(config, null, 2))]
}

export async function showPrompt (ctx, id, params) {
  const version = params.get('version') || undefined
  const label = params.get('label') || undefined
  const { body: prompt, etag } = await api(`/v1/prompts/${enc(id)}` + query({ version, label }), { signal: ctx.signal })
  const { body: latest } = version || label ? await api(`/v1/prompts/${enc(id)}`, { signal: ctx.signal }) : { body: prompt }
  document.title = `${prompt.id} · promptshelf`
  const isCurrent = prompt.version === latest.version
  const versions = allVersions(ctx, prompt.id)
  versions.catch(() => {})
  replace(ctx.main,
    h('nav', { 'aria-label': 'Breadcrumb', class: 'meta' },
      h('a', { href: '/app/' + query({ category: prompt.section }) }, categoryName(prompt.section)),
      prompt.section !== prompt.category ? ['›', h('a', { href: '/app/' + query({ category: prompt.category }) }, categoryName(prompt.category))] : null),
    h('h1', { tabindex: '-1' }, prompt.id),
    h('div', { class: 'meta' },
      h('span', {}, `Version ${prompt.version}${isCurrent ? ' (current)' : ` of ${latest.version}`}`),
      prompt.type ? h('span', {}, `Type: ${prompt.type}`) : null,
      h('span', {}, `Updated ${new Date(prompt.updatedAt ?? prompt.createdAt).toLocaleString()}`),
      typeof prompt.renderCount === 'number' ? h('span', {}, `Rendered ${prompt.renderCount} times`) : null,
      !isCurrent ? h('a', { href: `/app/prompts/${prompt.id}` }, 'Show the current version') : null,
      apiKey() && isCurrent ? h('a', { href: `/app/prompts/${prompt.id}/edit` }, 'Edit') : null),
    prompt.tags?.length ? h('div', { class: 'row' }, prompt.tags.map((tag) => h('a', { class: 'tag', href: '/app/' + query({ tag }) }, tag))) : null,
    h('h2', {}, prompt.type === 'chat' ? 'Messages' : 'Template'),
    promptBody(prompt),
    prompt.includes?.length ? h('p', { class: 'muted' }, 'Includes: ', prompt.includes.map((other, i) => [i ? ', ' : '', h('a', { href: `/app/prompts/${other}` }, other)])) : null,
    configBlock(prompt.config),
    renderForm(ctx, prompt),
    versionsPanel(ctx, prompt.id, latest.version, versions),
    labelsPanel(ctx, prompt.id, versions))
  return etag
}
