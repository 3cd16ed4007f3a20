// The app's shell: the URL decides the view (history.pushState, the back button works), the header holds
// search and the key, the side panel the category tree and tags.
import { api, apiKey, ApiError, onKeyChange, setApiKey } from './api.js'
import { h, replace } from './dom.js'
import { showLibrary, showSearch } from './library-view.js'
import { showPrompt } from './prompt-page.js'
import { showEditor } from './prompt-editor.js'
import { loadSide, markSide } from './side-panel.js'

const main = document.getElementById('main')
const notice = document.getElementById('notice')
const searchInput = document.getElementById('search-input')
const SEARCH_DELAY_MS = 60

let features = { labels: false, labelHistory: false, rollback: false, labelDelete: false, diff: true }
let current = new AbortController()

export function navigate (href, { replace: replaceEntry = false, focus = true } = {}) {
  if (replaceEntry) history.replaceState(null, '', href)
  else history.pushState(null, '', href)
  return route({ focus })
}

export function showNotice (message, kind = 'error') {
  notice.className = kind === 'error' ? 'notice' : 'notice info'
  replace(notice, message)
  notice.hidden = false
}

export function clearNotice () {
  notice.hidden = true
  notice.replaceChildren()
}

/** An error as the person should read it: the problem's detail when the API sent one. */
export function reportError (error) {
  if (error?.name === 'AbortError') return
  if (error instanceof ApiError) showNotice(error.message)
  else showNotice(`Something went wrong: ${error?.message ?? error}`)
}

function context () {
  return { main, features, signal: current.signal, navigate, showNotice, clearNotice, reportError }
}

async function route ({ focus = true } = {}) {
  current.abort()
  current = new AbortController()
  const url = new URL(location.href)
  const path = url.pathname.replace(/\/+$/, '') || '/'
  const params = url.searchParams
  const ctx = context()
  if (document.activeElement !== searchInput) searchInput.value = params.get('q') ?? ''
  markSide(params.get('category'), params.get('tag'))
  try {
    let match
    if (path === '/app' && params.get('q')) await showSearch(ctx, params)
    else if (path === '/app') await showLibrary(ctx, params)
    else if (path === '/app/new') await showEditor(ctx, null)
    else if ((match = /^\/app\/prompts\/([a-z0-9-]+)\/edit$/.exec(path))) await showEditor(ctx, match[1])
    else if ((match = /^\/app\/prompts\/([a-z0-9-]+)$/.exec(path))) await showPrompt(ctx, match[1], params)
    else {
      document.title = 'Not found · promptshelf'
      replace(main, h('h1', { tabindex: '-1' }, 'Not found'), h('p', {}, 'No page has this address. ', h('a', { href: '/app/', dataset: { nav: '' } }, 'Go to the library')))
    }
    if (focus) main.querySelector('h1')?.focus({ preventScroll: false })
  } catch (error) {
    if (error?.name === 'AbortError') return
    if (error instanceof ApiError && error.status === 404) {
      replace(main, h('h1', { tabindex: '-1' }, 'Not found'), h('p', {}, error.message))
    } else {
      replace(main, h('h1', { tabindex: '-1' }, 'Could not load this page'))
      reportError(error)
    }
  }
}

// Same-origin links inside the app change the view without a page load.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  const link = event.target.closest('a[href]')
  if (!link || link.target || link.origin !== location.origin || !link.pathname.startsWith('/app')) return
  event.preventDefault()
  clearNotice()
  navigate(link.pathname + link.search)
})
window.addEventListener('popstate', () => route())

// Search as you type: a short pause, then one request; a newer keystroke aborts the older request.
let typingTimer
searchInput.addEventListener('input', () => {
  clearTimeout(typingTimer)
  typingTimer = setTimeout(() => {
    const q = searchInput.value.trim()
    const params = new URLSearchParams(location.pathname === '/app/' ? location.search : '')
    params.delete('cursor')
    params.delete('tag')
    if (!q) params.delete('q')
    else params.set('q', q)
    if (!q) params.delete('category')
    const href = '/app/' + (params.toString() ? `?${params}` : '')
    // Typing refines one search: replace the entry, except when the search starts from another view.
    const searching = location.pathname === '/app/' && new URLSearchParams(location.search).has('q')
    navigate(href, { replace: searching, focus: false })
  }, SEARCH_DELAY_MS)
})
document.getElementById('search-form').addEventListener('submit', (event) => event.preventDefault())

// The key: entered once, kept in sessionStorage for this tab, checked against the API before use.
const keyButton = document.getElementById('key-button')
const keyPanel = document.getElementById('key-panel')
const keyInput = document.getElementById('key-input')
const keyState = document.getElementById('key-state')
const newLink = document.getElementById('new-link')

function showKeyState () {
  const key = apiKey()
  keyButton.textContent = key ? 'API key ✓' : 'API key'
  newLink.hidden = !key
  keyState.textContent = key
    ? 'A key is set for this tab: you can create and edit prompts and move labels.'
    : 'Reading needs no key. Enter a key with the scope prompts:write to create and edit prompts.'
}

keyButton.addEventListener('click', () => {
  keyPanel.hidden = !keyPanel.hidden
  keyButton.setAttribute('aria-expanded', String(!keyPanel.hidden))
  if (!keyPanel.hidden) keyInput.focus()
})
document.getElementById('key-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  const key = keyInput.value.trim()
  if (!key) return
  try {
    // An unknown or revoked key is a 401 even on a read.
    await api('/v1/prompts?limit=1', { headers: { 'x-api-key': key }, withKey: false })
    setApiKey(key)
    keyInput.value = ''
    keyPanel.hidden = true
    keyButton.setAttribute('aria-expanded', 'false')
    showNotice('Key accepted. It is kept for this tab only.', 'info')
    route({ focus: false })
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) showNotice(`This key was refused: ${error.message}`)
    else reportError(error)
  }
})
document.getElementById('key-forget').addEventListener('click', () => {
  setApiKey(null)
  showNotice('The key is forgotten.', 'info')
  route({ focus: false })
})
onKeyChange(({ revoked }) => {
  showKeyState()
  if (revoked) showNotice('Your key was refused by the API (unknown or revoked), so it has been forgotten. Enter another key to make changes.')
})

async function start () {
  showKeyState()
  const side = loadSide().catch(reportError)
  try {
    features = { ...features, ...(await api('/app/features.json')).body }
  } catch (error) {
    reportError(error)
  }
  await route({ focus: false })
  await side
}

start()
