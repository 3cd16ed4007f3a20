// Create a prompt, or edit one with If-Match: a 412 says it changed since it was opened and shows the new version.
import { api, apiKey, ApiError, enc } from './api.js'
import { h, replace, uniqueId } from './dom.js'
import { promptBody } from './prompt-page.js'
import { categories } from './side-panel.js'

const ROLES = ['system', 'user', 'assistant']

function field (label, control, hint) {
  const id = control.id || (control.id = uniqueId('field'))
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('span', { class: 'hint' }, hint) : null)
}

function messagesEditor (messages) {
  const list = h('ol', { class: 'messages' })
  const addRow = (message) => {
    const roleId = uniqueId('role')
    const contentId = uniqueId('content')
    const row = message.placeholder !== undefined
      ? h('li', { class: 'message', dataset: { placeholder: message.placeholder } }, h('span', { class: 'role' }, 'Placeholder'), ' ', h('code', {}, message.placeholder))
      : h('li', { class: 'message' },
        h('label', { for: roleId }, 'Role'), h('select', { id: roleId, class: 'message-role' }, ROLES.map((role) => h('option', { value: role, selected: role === message.role }, role))),
        h('label', { for: contentId }, 'Content'), h('textarea', { id: contentId, class: 'message-content', maxlength: '100000' }, message.content ?? ''))
    list.append(row)
  }
  for (const message of messages) addRow(message)
  const add = h('button', { type: 'button', class: 'secondary' }, 'Add a message')
  add.addEventListener('click', () => addRow({ role: 'user', content: '' }))
  const read = () => [...list.children].map((row) => row.dataset.placeholder !== undefined
    ? { placeholder: row.dataset.placeholder }
    : { role: row.querySelector('.message-role').value, content: row.querySelector('.message-content').value })
  return { element: h('fieldset', {}, h('legend', {}, 'Messages'), list, add), read }
}

function problemText (error) {
  const details = (error.problem?.errors ?? []).map((e) => `${e.pointer}: ${e.detail}`)
  return [error.message, ...details].join(' — ')
}

export async function showEditor (ctx, id) {
  document.title = `${id ? `Edit ${id}` : 'New prompt'} · promptshelf`
  if (!apiKey()) {
    replace(ctx.main, h('h1', { tabindex: '-1' }, id ? `Edit ${id}` : 'New prompt'),
      h('p', {}, 'Writing needs an API key with the scope prompts:write. Use the “API key” button at the top to enter one.'))
    return
  }
  const [cats, loaded] = await Promise.all([categories(), id ? api(`/v1/prompts/${enc(id)}`, { signal: ctx.signal }) : null])
  let prompt = loaded?.body ?? null
  let etag = loaded?.etag ?? null
  const chat = prompt ? (prompt.type === 'chat' || (prompt.template === undefined && Array.isArray(prompt.messages))) : false
  const rich = prompt ? 'type' in prompt : false

  const idInput = h('input', { name: 'id', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxlength: '100', autocomplete: 'off' })
  const categorySelect = h('select', { name: 'category', required: true }, cats.map((c) => h('option', { value: c.slug, selected: prompt?.category === c.slug }, c.parent ? `— ${c.name}` : c.name)))
  const templateArea = h('textarea', { name: 'template', required: !chat, maxlength: '100000', rows: '8' }, prompt?.template ?? '')
  const messages = chat ? messagesEditor(prompt.messages) : null
  const tagsInput = h('input', { name: 'tags', autocomplete: 'off', value: (prompt?.tags ?? []).join(', ') })
  const configArea = prompt && 'config' in prompt ? h('textarea', { name: 'config', rows: '4' }, JSON.stringify(prompt.config ?? {}, null, 2)) : null
  const messageInput = rich ? h('input', { name: 'message', maxlength: '500', autocomplete: 'off' }) : null
  const conflict = h('div', { 'aria-live': 'polite' })
  const status = h('p', { class: 'status', role: 'status' })

  const form = h('form', { class: 'editor' },
    id ? null : field('Id (optional)', idInput, 'Leave empty for the next free <category>-<n>.'),
    field('Category', categorySelect),
    chat ? messages.element : field('Template', templateArea, 'Placeholders are written {{name}}.'),
    field('Tags', tagsInput, 'Separated by commas: a-z, 0-9 and -.'),
    configArea ? field('Configuration (JSON)', configArea) : null,
    messageInput ? field('Commit message (optional)', messageInput) : null,
    h('div', { class: 'row' }, h('button', { type: 'submit' }, id ? 'Save a new version' : 'Create'), id ? h('a', { href: `/app/prompts/${id}` }, 'Cancel') : null),
    status)

  const readBody = () => {
    const tags = tagsInput.value.split(',').map((t) => t.trim()).filter(Boolean)
    const body = { category: categorySelect.value, tags }
    if (chat) body.messages = messages.read()
    else body.template = templateArea.value
    if (configArea) body.config = JSON.parse(configArea.value || '{}')
    return body
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    ctx.clearNotice()
    status.textContent = ''
    if (!form.reportValidity()) return
    let body
    try {
      body = readBody()
    } catch {
      status.textContent = 'The configuration is not valid JSON.'
      return
    }
    try {
      if (!id) {
        if (idInput.value.trim()) body.id = idInput.value.trim()
        if (!body.tags.length) delete body.tags
        const { body: created } = await api('/v1/prompts', { method: 'POST', body })
        ctx.navigate(`/app/prompts/${created.id}`)
        return
      }
      // Only what changed, so that a change nobody made is not written.
      const patch = {}
      for (const [name, value] of Object.entries(body)) {
        if (JSON.stringify(value) !== JSON.stringify(prompt[name] ?? (name === 'config' ? {} : undefined))) patch[name] = value
      }
      if (Object.keys(patch).length === 0) {
        status.textContent = 'Nothing changed.'
        return
      }
      if (messageInput?.value.trim()) patch.message = messageInput.value.trim()
      await api(`/v1/prompts/${enc(id)}`, { method: 'PATCH', body: patch, headers: { 'if-match': etag } })
      ctx.navigate(`/app/prompts/${id}`)
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        const fresh = await api(`/v1/prompts/${enc(id)}`)
        prompt = fresh.body
        etag = fresh.etag
        replace(conflict,
          h('p', { class: 'error-text', role: 'alert' }, `This prompt changed since you opened it: version ${prompt.version} is now current, and your change was not saved. Your text is kept in the form; saving again makes it the version after ${prompt.version}.`),
          h('h2', {}, `Version ${prompt.version} as it now stands`),
          promptBody(prompt))
        conflict.querySelector('p').focus?.()
      } else if (error instanceof ApiError) {
        status.textContent = problemText(error)
      } else ctx.reportError(error)
    }
  })
  replace(ctx.main,
    h('h1', { tabindex: '-1' }, id ? `Edit ${id}` : 'New prompt'),
    prompt ? h('p', { class: 'muted' }, `You are editing version ${prompt.version}.`) : null,
    conflict, form)
}
