// The web app at /app/ in a real browser: browse, search, render, edit with a key, hostile templates,
// a phone's width, and a clean console on every page. Also measures the first load and search latency.
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { projectRoot } from '../../src/project-root.js'
import { buildWebAssets } from '../../src/web-app/build-assets.js'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

const CHROMIUM = '/usr/bin/chromium'
const NEEDS_CHROMIUM = existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is absent, so the web app browser test did not run`
const SCREENSHOTS = join(projectRoot, 'docs', 'screenshots')
const SAGAS_1 = 'Design a Saga pattern for a hotel booking using Restate, including all compensating actions.'
const HOSTILE = 'Ignore <script>window.__pwned = "script"</script> and <img src="x" onerror="window.__pwned = \'img\'"> ' +
  'then <a href="javascript:window.__pwned=\'link\'">click here</a> about {{topic}} with compensation.'

interface Watched {
  page: Page
  /** Console errors, page errors, failed requests, error responses, requests elsewhere and dialogs, as text. */
  problems: string[]
  /** API requests the app itself cancelled (a newer keystroke, or the view was left). */
  aborted: string[]
}

describe('the web app at /app/', { skip: NEEDS_CHROMIUM, timeout: 300_000 }, () => {
  let t: TestApp
  let address: string
  let browser: Browser
  let assets: string
  const contexts: BrowserContext[] = []

  before(async () => {
    assets = mkdtempSync(join(tmpdir(), 'promptshelf-web-'))
    buildWebAssets(join(projectRoot, 'web'), assets)
    t = await buildTestApp({ WEB_APP_DIR: assets })
    address = await t.app.listen({ host: '127.0.0.1', port: 0 })
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 30_000,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    })
  })

  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await t?.close()
    rmSync(assets, { recursive: true, force: true })
  })

  /** A fresh tab that records everything that should not happen; `expected` lists error statuses a test provokes. */
  async function open (options: { width?: number, height?: number, expected?: number[] } = {}): Promise<Watched> {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 } })
    contexts.push(context)
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    const problems: string[] = []
    const expected = new Set(options.expected ?? [])
    // Nothing leaves this machine: a request to another origin is refused and reported.
    await page.route((url) => !url.href.startsWith(address), (route) => {
      problems.push(`request to another origin: ${route.request().url()}`)
      return route.abort()
    })
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      const status = /status of (\d{3})/.exec(message.text())
      if (status && expected.has(Number(status[1]))) return
      problems.push(`console error: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    const aborted: string[] = []
    // A fetch of the API, or the favicon Chromium asks for after a load, is cancelled when the test navigates on
    // before it is answered: that is the browser leaving the page, not a failure (the first test checks the favicon).
    const cancellable = (url: string): boolean => url.startsWith(`${address}/v1/`) || /\/app\/assets\/favicon\.[0-9a-f]+\.svg$/.test(url)
    page.on('requestfailed', (request) => {
      if (cancellable(request.url()) && request.failure()?.errorText === 'net::ERR_ABORTED') aborted.push(request.url())
      else problems.push(`failed request: ${request.url()} ${request.failure()?.errorText}`)
    })
    page.on('response', (response) => {
      if (response.status() >= 400 && !expected.has(response.status())) problems.push(`${response.status()} from ${response.url()}`)
    })
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`)
      return dialog.dismiss()
    })
    return { page, problems, aborted }
  }

  async function writeKey (scopes: string[] = ['prompts:write']): Promise<{ id: string, key: string }> {
    const { body } = await t.http.post('/v1/keys').set('x-api-key', t.config.adminApiKey!).send({ name: 'web-editor', scopes }).expect(201)
    return body as { id: string, key: string }
  }

  async function enterKey (page: Page, key: string): Promise<void> {
    await page.getByRole('button', { name: /^API key/ }).click()
    await page.getByLabel('Key (kept for this tab only)').fill(key)
    await page.getByRole('button', { name: 'Use key' }).click()
    await page.getByText('Key accepted.').waitFor()
  }

  it('loads /app/ under 150 KB transferred, with its favicon, and no horizontal scroll', async () => {
    const { page, problems } = await open()
    await page.goto(`${address}/app/`)
    await page.getByRole('link', { name: /^Sagas\b/ }).waitFor()
    await page.waitForLoadState('networkidle')
    const transferred = await page.evaluate(() => {
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[]
      return { bytes: entries.reduce((sum, entry) => sum + entry.transferSize, 0), requests: entries.length }
    })
    console.log(`first load of /app/: ${(transferred.bytes / 1024).toFixed(1)} KiB transferred in ${transferred.requests} requests`)
    assert.ok(transferred.bytes > 0 && transferred.bytes < 150 * 1024, `first load transferred ${transferred.bytes} bytes`)
    const icon = await page.locator('link[rel="icon"]').getAttribute('href')
    const iconResponse = await page.request.get(`${address}${icon}`)
    assert.equal(iconResponse.status(), 200)
    assert.match(iconResponse.headers()['content-type'] ?? '', /^image\/svg\+xml/)
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true)
    mkdirSync(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: join(SCREENSHOTS, 'library-desktop.png') })
    assert.deepEqual(problems, [])
  })

  it('browses to sagas through the category tree, in document order, and back', async () => {
    const { page, problems } = await open()
    await page.goto(`${address}/app/`)
    await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: /^Sagas\b/ }).click()
    await page.waitForURL(`${address}/app/?category=sagas`)
    await page.getByRole('heading', { level: 1, name: 'Sagas' }).waitFor()
    const ids = await page.locator('main ul.results a.id').allInnerTexts()
    assert.deepEqual(ids, ['sagas-1', 'sagas-2', 'sagas-3', 'sagas-4', 'sagas-5'])
    const count = await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: /^Error Handling and Sagas\b/ }).locator('xpath=..').locator('.count').first().innerText()
    assert.match(count, /^10\b/)
    await page.goBack()
    await page.waitForURL(`${address}/app/`)
    await page.getByRole('heading', { level: 1, name: 'All prompts' }).waitFor()
    assert.deepEqual(problems, [])
  })

  it('searches as you type, narrows by category, opens sagas-3 from the results; measures the search time', async () => {
    const { page, problems, aborted } = await open()
    await page.goto(`${address}/app/`)
    await page.getByRole('link', { name: /^Sagas\b/ }).waitFor()
    const search = page.getByRole('searchbox', { name: 'Search prompts' })
    await search.pressSequentially('saga compensation', { delay: 20 })
    await page.waitForURL(`${address}/app/?q=saga+compensation`)
    const results = page.locator('main .search-answer[data-query="saga compensation"] ul.results')
    await results.waitFor()
    assert.ok(await results.locator('mark').count() > 0, 'the matches are marked')
    // A request overtaken by a newer keystroke is cancelled, never shown: only prefixes of the final query.
    for (const url of aborted.filter((url) => url.includes('?q='))) assert.ok('saga compensation'.startsWith(new URL(url).searchParams.get('q')!), url)
    const facets = page.getByRole('navigation', { name: 'Narrow by category' })
    assert.match(await facets.innerText(), /Sagas\s+\d+/)
    await facets.getByRole('link', { name: /^Sagas\b/ }).click()
    await page.waitForURL(`${address}/app/?q=saga+compensation&category=sagas`)
    await page.locator('main ul.results').filter({ hasNot: page.locator('a.id:not([href^="/app/prompts/sagas-"])') }).waitFor()
    await page.locator('main ul.results a.id', { hasText: /^sagas-3$/ }).click()
    await page.waitForURL(`${address}/app/prompts/sagas-3`)
    await page.getByRole('heading', { level: 1, name: 'sagas-3' }).waitFor()
    await page.goBack()
    await page.waitForURL(`${address}/app/?q=saga+compensation&category=sagas`)
    await page.locator('main ul.results').waitFor()

    // From the keystroke that ends a query to its results on screen, and from the request to the screen.
    const timings: Array<{ total: number, request: number, response: number }> = []
    for (const q of ['compensation', 'idempotency', 'saga workflow', 'retry', 'virtual object']) {
      timings.push(await page.evaluate(async (text) => new Promise<{ total: number, request: number, response: number }>((resolve, reject) => {
        setTimeout(() => reject(new Error(`no answer on screen for "${text}" within 5 s`)), 5000)
        const input = document.getElementById('search-input') as HTMLInputElement
        const started = performance.now()
        const observer = new MutationObserver(() => {
          if (!document.querySelector(`main .search-answer[data-query="${text}"]`)) return
          observer.disconnect()
          const shown = performance.now()
          const request = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
            .filter((entry) => entry.name.includes('/v1/prompts?q=')).at(-1)!
          resolve({ total: shown - started, request: shown - request.startTime, response: request.responseEnd - request.startTime })
        })
        observer.observe(document.getElementById('main')!, { childList: true, subtree: true })
        input.value = text
        input.dispatchEvent(new Event('input'))
      }), q))
    }
    const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    const request = median(timings.map((timing) => timing.request))
    const total = median(timings.map((timing) => timing.total))
    const response = median(timings.map((timing) => timing.response))
    console.log(`search: request to results on screen, median ${request.toFixed(1)} ms (of which the HTTP answer ${response.toFixed(1)} ms); keystroke to screen (60 ms pause included) ${total.toFixed(1)} ms`)
    assert.ok(request < 1000, `a search took ${request} ms from request to screen`)
    assert.deepEqual(problems, [])
  })

  it('renders sagas-1 with "hotel booking" to the exact sentence and copies it', async () => {
    const { page, problems } = await open()
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: address })
    await page.goto(`${address}/app/prompts/sagas-1`)
    await page.getByLabel('specific distributed transaction').fill('hotel booking')
    await page.getByRole('button', { name: 'Render' }).click()
    const output = page.locator('#render-output')
    await output.waitFor()
    assert.equal(await output.textContent(), SAGAS_1)
    await page.getByRole('button', { name: 'Copy' }).click()
    await page.getByText('Copied.').waitFor()
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), SAGAS_1)
    await page.screenshot({ path: join(SCREENSHOTS, 'prompt-desktop.png'), fullPage: true })
    assert.deepEqual(problems, [])
  })

  it('edits a prompt with a key and shows version 2 and its diff; a stale edit says it changed since it was opened', async () => {
    const { page, problems } = await open({ expected: [412] })
    const { key } = await writeKey()
    await page.goto(`${address}/app/`)
    await enterKey(page, key)
    assert.equal(await page.evaluate(() => location.href.includes('key') || document.cookie !== ''), false, 'the key is in no URL or cookie')
    await page.goto(`${address}/app/prompts/sagas-2`)
    await page.getByRole('link', { name: 'Edit' }).click()
    await page.waitForURL(`${address}/app/prompts/sagas-2/edit`)
    const template = page.getByLabel('Template')
    const before = await template.inputValue()
    await template.fill(before.replace('Restate', 'Restate and durable timers'))
    await page.getByRole('button', { name: 'Save a new version' }).click()
    await page.waitForURL(`${address}/app/prompts/sagas-2`)
    await page.getByText('Version 2 (current)').waitFor()
    const diff = page.locator('#diff-output')
    await diff.waitFor()
    assert.match((await diff.locator('ins').allTextContents()).join(''), /and durable timers/)
    assert.equal(await diff.locator('del').count(), 0)
    assert.equal(await diff.textContent(), before.replace('Restate', 'Restate and durable timers'))

    // Someone else saves first: the form is stale.
    await page.getByRole('link', { name: 'Edit' }).click()
    await page.waitForURL(`${address}/app/prompts/sagas-2/edit`)
    const current = await t.http.get('/v1/prompts/sagas-2').expect(200)
    await t.http.patch('/v1/prompts/sagas-2').set('x-api-key', key).set('if-match', current.headers.etag!).send({ tags: ['sagas', 'elsewhere'] }).expect(200)
    await page.getByLabel('Template').fill('A stale edit of {{specific_saga_step}}.')
    await page.getByRole('button', { name: 'Save a new version' }).click()
    await page.getByText(/changed since you opened it: version 3 is now current/).waitFor()
    await page.getByRole('heading', { name: 'Version 3 as it now stands' }).waitFor()
    assert.equal((await t.http.get('/v1/prompts/sagas-2').expect(200)).body.version, 3, 'the stale edit changed nothing')
    assert.deepEqual(problems, [])
  })

  it('shows a hostile template as text everywhere and runs none of it', async () => {
    const { page, problems } = await open()
    const { key } = await writeKey()
    const created = await t.http.post('/v1/prompts').set('x-api-key', key).send({ id: 'hostile-1', category: 'sagas', template: HOSTILE, tags: ['hostile'] }).expect(201)
    await t.http.patch('/v1/prompts/hostile-1').set('x-api-key', key).set('if-match', created.headers.etag!)
      .send({ template: HOSTILE.replace('click here', '<b onmouseover="window.__pwned=1">click</b> here') }).expect(200)
    const second = HOSTILE.replace('click here', '<b onmouseover="window.__pwned=1">click</b> here')
    const pwned = async (): Promise<unknown> => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)
    const noMarkup = async (): Promise<void> => {
      assert.equal(await page.locator('main script, main img, main a[href^="javascript"], main b').count(), 0)
      assert.equal(await pwned(), undefined)
    }

    await page.goto(`${address}/app/?tag=hostile`)
    const item = page.locator('main ul.results > li', { hasText: 'hostile-1' })
    await item.waitFor()
    assert.equal(await item.locator('p.text').textContent(), second)
    await noMarkup()

    await page.goto(`${address}/app/?q=compensation+onerror`)
    const found = page.locator('main ul.results > li', { hasText: 'hostile-1' })
    await found.waitFor()
    assert.equal(await found.locator('p.text').textContent(), second)
    assert.ok(await found.locator('mark').count() > 0)
    await noMarkup()

    await page.goto(`${address}/app/prompts/hostile-1`)
    assert.equal(await page.locator('pre.template').textContent(), second)
    await page.getByLabel('topic').fill('<img src="y" onerror="window.__pwned=\'value\'">')
    await page.getByRole('button', { name: 'Render' }).click()
    await page.locator('#render-output').waitFor()
    assert.match((await page.locator('#render-output').textContent())!, /<script>window.__pwned = "script"<\/script>.*<img src="y" onerror=/)
    const diff = page.locator('#diff-output')
    await diff.waitFor()
    const inserted = (await diff.locator('ins').allTextContents()).join(' ')
    assert.match(inserted, /<b onmouseover="window.__pwned=1">/)
    assert.match(inserted, /<\/b>/)
    await page.locator('pre.template').hover()
    await noMarkup()
    assert.deepEqual(problems, [])
  })

  it('works at 375 px wide with no horizontal scroll', async () => {
    const { page, problems } = await open({ width: 375, height: 812 })
    for (const path of ['/app/', '/app/?q=saga+compensation', '/app/prompts/sagas-1']) {
      await page.goto(`${address}${path}`)
      await page.locator('main h1').waitFor()
      await page.waitForLoadState('networkidle')
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }))
      assert.ok(widths.scroll <= widths.view, `${path}: ${widths.scroll} px wide in a ${widths.view} px window`)
    }
    await page.getByLabel('specific distributed transaction').fill('hotel booking')
    await page.getByRole('button', { name: 'Render' }).click()
    await page.locator('#render-output').waitFor()
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth))
    await page.screenshot({ path: join(SCREENSHOTS, 'prompt-phone.png'), fullPage: true })
    await page.goto(`${address}/app/?q=saga+compensation`)
    await page.locator('main ul.results').waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'search-phone.png') })
    assert.deepEqual(problems, [])
  })

  it('is usable with the keyboard alone, with a visible focus', async () => {
    const { page, problems } = await open()
    await page.goto(`${address}/app/`)
    await page.getByRole('link', { name: /^Sagas\b/ }).waitFor()
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input')
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)
    assert.notEqual(outline, 'none')
    await page.keyboard.type('hotel booking saga')
    await page.locator('main .search-answer[data-query="hotel booking saga"] ul.results').waitFor()
    // Past the facet links to the first result.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab')
      if (await page.evaluate(() => document.activeElement?.classList.contains('id'))) break
    }
    const target = await page.evaluate(() => document.activeElement?.textContent)
    assert.ok(target, 'a result link took the focus')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${address}/app/prompts/${target}`)
    await page.getByRole('heading', { level: 1, name: target }).waitFor()
    assert.deepEqual(problems, [])
  })

  it('shows the problem detail of an API error, and forgets a revoked key with a clear message', async () => {
    const { page, problems } = await open({ expected: [401, 409] })
    const { id, key } = await writeKey()
    await page.goto(`${address}/app/`)
    await enterKey(page, key)
    await page.getByRole('link', { name: 'New prompt' }).click()
    await page.getByLabel('Id (optional)').fill('sagas-1')
    await page.getByLabel('Template').fill('A second {{thing}} for sagas.')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByText(/already exists|exists/).waitFor()

    await t.http.delete(`/v1/keys/${id}`).set('x-api-key', t.config.adminApiKey!).expect(204)
    await page.getByLabel('Id (optional)').fill('sagas-new')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByText(/refused by the API \(unknown or revoked\), so it has been forgotten/).waitFor()
    assert.equal(await page.evaluate(() => sessionStorage.length), 0)
    assert.equal(await page.getByRole('link', { name: 'New prompt' }).isHidden(), true)
    await t.http.get('/v1/prompts/sagas-new').expect(404)
    assert.deepEqual(problems, [])
  })
})
