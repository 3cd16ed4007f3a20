// A prompt's labels: where each points, its history, and (with a key) moving, splitting and rolling back.
import { api, apiKey, ApiError, enc } from './api.js'
import { h, replace, uniqueId } from './dom.js'
import { allVersions } from './versions-panel.js'

const SLUG = '^[a-z0-9]+(-[a-z0-9]+)*$'

async function loadLabels (ctx, id, versionsLoaded) {
  if (ctx.features.labels) return (await api(`/v1/prompts/${enc(id)}/labels`, { signal: ctx.signal })).body.items
  // Without the labels route, each version names the labels on it.
  const versions = await versionsLoaded
  return versions.flatMap((v) => (v.labels ?? []).map((label) => ({ label, version: v.version, splits: null })))
}

function target (entry) {
  if (!entry) return 'nothing'
  if (entry.splits) return entry.splits.map((s) => `v${s.version} ${s.weight}%`).join(' / ')
  return `v${entry.version}`
}

function historyView (ctx, id, label) {
  const box = h('div', { 'aria-live': 'polite' })
  const button = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false' }, `History of ${label}`)
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-expanded') === 'true') {
      replace(box)
      button.setAttribute('aria-expanded', 'false')
      return
    }
    try {
      const { body } = await api(`/v1/prompts/${enc(id)}/labels/${enc(label)}/history`, { signal: ctx.signal })
      replace(box, h('ol', {}, body.items.map((entry) => h('li', {},
        `${target(entry.from)} → ${target(entry.to)}`, ' ',
        h('span', { class: 'muted' }, `by ${entry.by ?? 'unknown'}, ${new Date(entry.at).toLocaleString()}${entry.reason ? ` — ${entry.reason}` : ''}`)))))
      button.setAttribute('aria-expanded', 'true')
    } catch (error) {
      ctx.reportError(error)
    }
  })
  return [button, box]
}

function splitRows (versions) {
  const rows = h('div', {})
  const addRow = (version, weight) => {
    const versionId = uniqueId('split-version')
    const weightId = uniqueId('split-weight')
    rows.append(h('div', { class: 'row split-row' },
      h('label', { for: versionId }, 'Version'),
      h('select', { id: versionId, class: 'split-version' }, versions.map((v) => h('option', { value: String(v.version), selected: v.version === version }, `v${v.version}`))),
      h('label', { for: weightId }, 'Weight (%)'),
      h('input', { id: weightId, class: 'split-weight', type: 'number', min: '1', max: '100', step: '1', required: true, value: String(weight) })))
  }
  const newest = versions[0]?.version ?? 1
  addRow(newest, 90)
  addRow(Math.max(1, newest - 1), 10)
  const add = h('button', { type: 'button', class: 'secondary' }, 'Add a version to the split')
  add.addEventListener('click', () => { if (rows.children.length < 10) addRow(newest, 1) })
  return { rows, add, read: () => [...rows.querySelectorAll('.split-row')].map((row) => ({ version: Number(row.querySelector('.split-version').value), weight: Number(row.querySelector('.split-weight').value) })) }
}

function moveForm (ctx, id, versions, labels, reload) {
  const labelId = uniqueId('label-name')
  const versionId = uniqueId('label-version')
  const reasonId = uniqueId('label-reason')
  const splitId = uniqueId('label-split')
  const labelInput = h('input', { id: labelId, required: true, pattern: SLUG, maxlength: '50', value: labels[0]?.label ?? 'production', autocomplete: 'off' })
  const versionSelect = h('select', { id: versionId }, versions.map((v) => h('option', { value: String(v.version) }, `v${v.version}`)))
  const reasonInput = h('input', { id: reasonId, maxlength: '500', autocomplete: 'off' })
  const rich = ctx.features.labels
  const split = rich ? splitRows(versions) : null
  const splitBox = rich ? h('input', { type: 'checkbox', id: splitId }) : null
  const splitFields = rich ? h('fieldset', { hidden: true }, h('legend', {}, 'Traffic split (weights sum to 100)'), split.rows, split.add) : null
  splitBox?.addEventListener('change', () => { splitFields.hidden = !splitBox.checked; versionSelect.disabled = splitBox.checked })
  const status = h('p', { role: 'status', class: 'status' })
  const form = h('form', { 'aria-labelledby': 'move-label-heading' },
    h('h3', { id: 'move-label-heading' }, 'Move a label'),
    h('div', { class: 'field' }, h('label', { for: labelId }, 'Label'), labelInput, h('span', { class: 'hint' }, 'A slug such as production or staging.')),
    h('div', { class: 'field' }, h('label', { for: versionId }, 'Version'), versionSelect),
    rich ? [h('div', { class: 'row' }, splitBox, h('label', { for: splitId }, 'Split traffic between versions')), splitFields,
      h('div', { class: 'field' }, h('label', { for: reasonId }, 'Reason (optional)'), reasonInput)] : null,
    h('button', { type: 'submit' }, 'Move label'), status)
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    ctx.clearNotice()
    const label = labelInput.value.trim()
    const body = splitBox?.checked ? { splits: split.read() } : { version: Number(versionSelect.value) }
    if (rich && reasonInput.value.trim()) body.reason = reasonInput.value.trim()
    if (body.splits && body.splits.reduce((sum, s) => sum + s.weight, 0) !== 100) {
      status.textContent = 'The weights must add up to 100.'
      return
    }
    try {
      await api(`/v1/prompts/${enc(id)}/labels/${enc(label)}`, { method: 'PUT', body })
      status.textContent = `${label} now points at ${target(body)}.`
      await reload()
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) status.textContent = `Not allowed: ${error.message}`
      else ctx.reportError(error)
    }
  })
  return form
}

export function labelsPanel (ctx, id, versionsLoaded) {
  const section = h('section', { 'aria-labelledby': 'labels-heading' }, h('h2', { id: 'labels-heading' }, 'Labels'))
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading labels…'))
  section.append(body)
  const draw = async (fresh = false) => {
    // After a move, the versions' label lists changed too.
    if (fresh) versionsLoaded = allVersions(ctx, id)
    const [labels, versions] = await Promise.all([loadLabels(ctx, id, versionsLoaded), versionsLoaded])
    const rows = labels.map((entry) => {
      const rollback = ctx.features.rollback && apiKey() ? h('button', { type: 'button', class: 'secondary' }, `Roll back ${entry.label}`) : null
      rollback?.addEventListener('click', async () => {
        try {
          await api(`/v1/prompts/${enc(id)}/labels/${enc(entry.label)}/rollback`, { method: 'POST', body: {} })
          await draw(true)
        } catch (error) {
          ctx.reportError(error)
        }
      })
      return h('li', {},
        h('strong', {}, entry.label), ` → ${target(entry)}`,
        entry.protected ? h('span', { class: 'muted' }, ' (protected: only a key with the scope labels:promote may move, split or remove it)') : null,
        entry.updatedBy ? h('span', { class: 'muted' }, ` — moved by ${entry.updatedBy}`) : null,
        ctx.features.labelHistory ? h('div', { class: 'row' }, historyView(ctx, id, entry.label), rollback) : rollback)
    })
    replace(body,
      labels.length ? h('ul', {}, rows) : h('p', { class: 'muted' }, 'No labels point at this prompt yet.'),
      apiKey() ? moveForm(ctx, id, versions, labels, () => draw(true)) : h('p', { class: 'muted' }, 'Enter an API key to move labels.'))
  }
  draw().catch(ctx.reportError)
  return section
}
