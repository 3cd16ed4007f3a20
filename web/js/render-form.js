// The variables as a labelled form, typed by each variable's type, and Render through the API.
import { api, ApiError, enc } from './api.js'
import { h, replace, uniqueId } from './dom.js'

function variableType (variable) {
  if (Array.isArray(variable.enum) && variable.enum.length) return 'enum'
  return variable.type ?? 'string'
}

function control (variable, id) {
  const type = variableType(variable)
  const common = { id, name: variable.name, required: variable.required && variable.default === undefined }
  if (type === 'enum' || type === 'boolean') {
    const choices = type === 'enum' ? variable.enum : ['true', 'false']
    return h('select', common,
      h('option', { value: '' }, variable.default !== undefined ? `Default (${variable.default})` : 'Choose…'),
      choices.map((choice) => h('option', { value: String(choice) }, String(choice))))
  }
  const input = h('input', {
    ...common,
    type: type === 'number' || type === 'integer' ? 'number' : 'text',
    step: type === 'integer' ? '1' : type === 'number' ? 'any' : undefined,
    inputmode: type === 'integer' ? 'numeric' : type === 'number' ? 'decimal' : undefined,
    maxlength: type === 'string' ? '10000' : undefined,
    autocomplete: 'off',
    placeholder: variable.default !== undefined ? `Default: ${variable.default}` : (variable.examples?.[0] ? `e.g. ${variable.examples[0]}` : undefined)
  })
  if (variable.examples?.length && type === 'string') {
    const listId = `${id}-examples`
    input.setAttribute('list', listId)
    return [input, h('datalist', { id: listId }, variable.examples.map((example) => h('option', { value: example })))]
  }
  return input
}

/** The form's values in their types: an empty field is left out so the default (or "missing") applies. */
function readValues (form, variables) {
  const values = {}
  for (const variable of variables) {
    const field = form.elements.namedItem(variable.name)
    const raw = field?.value ?? ''
    if (raw === '') continue
    const type = variableType(variable)
    values[variable.name] = type === 'number' || type === 'integer' ? Number(raw) : type === 'boolean' ? raw === 'true' : raw
  }
  return values
}

function resultView (answer) {
  if (Array.isArray(answer.messages)) {
    return h('ol', { class: 'messages', id: 'render-output', 'aria-label': 'Rendered messages' },
      answer.messages.map((m) => h('li', { class: 'message' }, h('div', { class: 'role' }, m.role), h('pre', {}, m.content))))
  }
  return h('pre', { id: 'render-output' }, answer.text)
}

function copyText (answer) {
  return Array.isArray(answer.messages) ? JSON.stringify(answer.messages, null, 2) : answer.text
}

export function renderForm (ctx, prompt) {
  const variables = prompt.variables ?? []
  const output = h('div', { 'aria-live': 'polite' })
  const strictBox = h('input', { type: 'checkbox', id: uniqueId('strict') })
  const form = h('form', { class: 'render-form', novalidate: false, 'aria-labelledby': 'render-heading' },
    variables.length === 0 ? h('p', { class: 'muted' }, 'This prompt has no variables.') : null,
    variables.map((variable) => {
      const id = uniqueId(`var-${variable.name}`)
      const hintId = `${id}-hint`
      const label = variable.description || variable.name
      const hint = [variable.description && variable.description !== variable.name ? `{{${variable.name}}}` : null,
        variableType(variable) !== 'string' ? variableType(variable) : null,
        variable.required && variable.default === undefined ? 'required' : 'optional',
        variable.from ? `from ${variable.from}` : null].filter(Boolean).join(' · ')
      const field = control(variable, id)
      const first = Array.isArray(field) ? field[0] : field
      first.setAttribute('aria-describedby', hintId)
      return h('div', { class: 'field' }, h('label', { for: id }, label), field, h('span', { class: 'hint', id: hintId }, hint))
    }),
    variables.length ? h('div', { class: 'row' }, strictBox, h('label', { for: strictBox.id }, 'Leave missing placeholders as {{name}}')) : null,
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Render')))
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    ctx.clearNotice()
    for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid')
    if (!form.reportValidity()) return
    const body = { variables: readValues(form, variables), version: prompt.version }
    if (strictBox.checked) body.strict = false
    try {
      const { body: answer } = await api(`/v1/prompts/${enc(prompt.id)}/render`, { method: 'POST', body })
      const copy = h('button', { type: 'button', class: 'secondary' }, 'Copy')
      const copied = h('span', { class: 'status', role: 'status' })
      copy.addEventListener('click', async () => {
        try {
          await navigator.clipboard.writeText(copyText(answer))
          copied.textContent = 'Copied.'
        } catch {
          copied.textContent = 'Copying is not allowed here: select the text and copy it.'
        }
      })
      replace(output,
        h('h3', {}, `Result (version ${answer.version})`),
        resultView(answer),
        h('div', { class: 'row' }, copy, copied),
        answer.missing?.length ? h('p', { class: 'muted' }, `Missing: ${answer.missing.join(', ')}`) : null,
        answer.unused?.length ? h('p', { class: 'muted' }, `Not used: ${answer.unused.join(', ')}`) : null)
    } catch (error) {
      replace(output)
      if (error instanceof ApiError) {
        const names = [...(error.problem.missing ?? []), ...(error.problem.invalid ?? []).map((i) => i.name)]
        for (const name of names) form.elements.namedItem(name)?.setAttribute?.('aria-invalid', 'true')
        const invalid = (error.problem.invalid ?? []).map((i) => `${i.name}: ${i.detail}`)
        replace(output, h('p', { class: 'error-text', role: 'alert' }, [error.message, ...invalid].join(' — ')))
      } else ctx.reportError(error)
    }
  })
  return h('section', { 'aria-labelledby': 'render-heading' }, h('h2', { id: 'render-heading' }, 'Render'), form, output)
}
