// Every live prompt, page by page through GET /v1/prompts, as a client would read the whole library.
import type { TestApp } from './test-app.js'

export interface PromptItem { id: string, category: string, template: string, variables: Array<Record<string, unknown>>, tags: string[], version: number }

export async function allPrompts (t: TestApp): Promise<PromptItem[]> {
  const items: PromptItem[] = []
  let cursor: string | null = null
  do {
    const res: { body: { items: PromptItem[], nextCursor: string | null } } = await t.http.get('/v1/prompts').query({ limit: 100, ...(cursor ? { cursor } : {}) }).expect(200)
    items.push(...res.body.items)
    cursor = res.body.nextCursor
  } while (cursor)
  return items
}
