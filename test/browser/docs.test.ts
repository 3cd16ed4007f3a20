// Swagger UI in a real browser: authorize with a key, run GET /v1/prompts?category=sagas through "Try it out".
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { chromium } from 'playwright-core'
import { buildTestApp } from '../helpers/test-app.js'

const CHROMIUM = '/usr/bin/chromium'
const NEEDS_CHROMIUM = existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is absent, so the Swagger UI browser test did not run`

describe('Swagger UI at /docs', () => {
  it('authorizes with a key and lists the five saga prompts through "Try it out"', { skip: NEEDS_CHROMIUM, timeout: 180_000 }, async () => {
    const t = await buildTestApp()
    const profile = mkdtempSync(join(tmpdir(), 'promptshelf-chromium-'))
    const key = (await t.http.post('/v1/keys').set('x-api-key', t.config.adminApiKey!).send({ name: 'browser', scopes: ['prompts:read'], rateLimit: { max: 50, windowSeconds: 60 } }).expect(201)).body.key as string
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 })
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      timeout: 30_000,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    })
    try {
      const page = await context.newPage()
      // Nothing leaves this machine: every request not to the app is refused.
      await page.route((url) => !url.href.startsWith(address), (route) => route.abort())
      const sentKeys: string[] = []
      page.on('request', (request) => {
        if (request.url().includes('/v1/prompts')) sentKeys.push(request.headers()['x-api-key'] ?? '')
      })
      await page.goto(`${address}/docs/`)

      await page.getByRole('button', { name: 'Authorize' }).first().click()
      const dialog = page.locator('.modal-ux')
      const apiKeyForm = dialog.locator('.auth-container', { has: page.locator('#api_key_value') })
      await apiKeyForm.locator('#api_key_value').fill(key)
      await apiKeyForm.locator('button.authorize').click()
      await dialog.locator('button.close-modal').click()

      const operation = page.locator('.opblock-get', { has: page.locator('[data-path="/v1/prompts"]') })
      await operation.locator('.opblock-summary').click()
      await operation.getByRole('button', { name: 'Try it out' }).click()
      await operation.locator('tr[data-param-name="category"] input').fill('sagas')
      await operation.getByRole('button', { name: 'Execute' }).click()

      const body = operation.locator('.responses-wrapper .live-responses-table .response-col_description pre.microlight').first()
      await body.waitFor({ timeout: 15_000 })
      const text = await body.innerText()
      const ids = (JSON.parse(text) as { items: Array<{ id: string }> }).items.map((item) => item.id)
      assert.deepEqual(ids, ['sagas-1', 'sagas-2', 'sagas-3', 'sagas-4', 'sagas-5'])
      assert.deepEqual(sentKeys, [key], 'Swagger UI sent the authorized key')
      assert.match(await operation.locator('.live-responses-table').innerText(), /ratelimit-policy: "key";q=50;w=60/i)
    } finally {
      await context.close()
      await t.close()
      rmSync(profile, { recursive: true, force: true })
    }
  })
})
