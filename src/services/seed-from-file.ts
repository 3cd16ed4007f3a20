// Seeding from seed/PROMPTS.md, for the start-up path and `npm run db:seed`.
import { readFileSync } from 'node:fs'
import { readPromptsMarkdown } from '../domain/prompts-markdown.js'
import { seedDocumentPath } from '../project-root.js'
import type { Library } from './library.js'
import { seedLibrary, type SeedReport } from './seed-library.js'

export function seedFromFile (library: Library, path = seedDocumentPath): SeedReport {
  return seedLibrary(library, readPromptsMarkdown(readFileSync(path, 'utf8')))
}

/** Seeds only a store that has never held a prompt; returns undefined when it already had some. */
export function seedIfEmpty (library: Library): SeedReport | undefined {
  const hasAny = library.store.sqlite.prepare('SELECT 1 FROM prompts LIMIT 1').get() !== undefined
  return hasAny ? undefined : seedFromFile(library)
}
