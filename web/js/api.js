// The REST API at the same origin. The key lives in sessionStorage (this tab only) and travels in a
// header, never in a URL. A key the API refuses (401) is forgotten at once.

const KEY_ITEM = 'promptshelf.key'
const listeners = new Set()

export class ApiError extends Error {
  constructor (status, problem) {
    super(problem?.detail || problem?.title || `the API answered ${status}`)
    this.status = status
    this.problem = problem ?? {}
  }
}

export function apiKey () {
  try { return sessionStorage.getItem(KEY_ITEM) } catch { return null }
}

export function setApiKey (key) {
  if (key) sessionStorage.setItem(KEY_ITEM, key)
  else sessionStorage.removeItem(KEY_ITEM)
  for (const listener of listeners) listener({ key: apiKey(), revoked: false })
}

/** listener({ key, revoked }) runs whenever the key changes. */
export function onKeyChange (listener) {
  listeners.add(listener)
}

function forgetRevokedKey () {
  sessionStorage.removeItem(KEY_ITEM)
  for (const listener of listeners) listener({ key: null, revoked: true })
}

/**
 * One request: JSON in and out. Resolves { status, body, etag }; rejects with ApiError for 4xx/5xx.
 * options: { method, body, headers, signal, withKey (default: when one is set) }.
 */
export async function api (path, options = {}) {
  const key = options.withKey === false ? null : apiKey()
  const headers = { accept: 'application/json', ...options.headers }
  if (key) headers['x-api-key'] = key
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
    credentials: 'omit',
    cache: 'no-store'
  })
  const body = response.status === 204 ? null : await readBody(response)
  if (response.status === 401 && key) {
    forgetRevokedKey()
    // Reading needs no key: try again without the one that was refused.
    if ((options.method ?? 'GET') === 'GET') return api(path, { ...options, withKey: false })
  }
  if (!response.ok) throw new ApiError(response.status, body)
  return { status: response.status, body, etag: response.headers.get('etag') }
}

async function readBody (response) {
  const text = await response.text()
  if (text === '') return null
  try { return JSON.parse(text) } catch { return { detail: text.slice(0, 500) } }
}

export function query (params) {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

export const enc = encodeURIComponent
