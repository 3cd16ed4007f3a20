// `npm run search:large-store [-- <path> <count>]`: a store of generated prompts for search latency
// measurements (default .bench/search-100k.db, 100,000 prompts). Prompts are the seed's templates with
// words swapped for other library words and invented identifiers, so the vocabulary grows as a real
// library's would. Written through the repositories, so the search triggers index every prompt.
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '../src/db/open.js'
import type { Variable } from '../src/domain/variable.js'
import { tagsForText } from '../src/domain/seed-tags.js'
import { projectRoot } from '../src/project-root.js'
import { Library } from '../src/services/library.js'
import { seedFromFile } from '../src/services/seed-from-file.js'
import { random, variantWords } from './seed-variants.js'

const path = process.argv[2] ?? join(projectRoot, '.bench', 'search-100k.db')
const count = Number(process.argv[3] ?? 100_000)
const BATCH = 5_000

for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix)
const started = performance.now()
const store = openStore(path)
const library = new Library(store)
seedFromFile(library)
const seeded = store.sqlite.prepare('SELECT p.id, p.category_id AS categoryId, v.template, v.variables FROM prompts p JOIN prompt_versions v ON v.prompt_id = p.id')
  .all() as Array<{ id: string, categoryId: number, template: string, variables: string }>
const words = [...new Set(seeded.flatMap((p) => p.template.match(/[A-Za-z]{4,}/g) ?? []))]
const next = random(42)
const { pick, inventedWord } = variantWords(next)

const now = new Date().toISOString()
for (let done = 0; done < count; done += BATCH) {
  library.transaction(() => {
    for (let i = done; i < Math.min(count, done + BATCH); i++) {
      const base = pick(seeded)
      const template = base.template.replace(/[A-Za-z]{4,}/g, (word) => {
        const roll = next()
        return roll < 0.15 ? pick(words) : roll < 0.22 ? inventedWord() : word
      }) + (next() < 0.5 ? ` Focus on ${inventedWord()} and ${pick(words).toLowerCase()}.` : '')
      const id = `generated-${i + 1}`
      library.prompts.insertPrompt(id, base.categoryId, 1000 + i, 1, now)
      const tags = tagsForText(template)
      library.prompts.insertVersion({ promptId: id, version: 1, template, variables: JSON.parse(base.variables) as Variable[], tags, categoryId: base.categoryId, createdBy: 'generator', createdAt: now })
      library.prompts.setTags(id, tags)
    }
  })
  process.stdout.write(`\r${Math.min(count, done + BATCH)} / ${count}`)
}
store.sqlite.exec("INSERT INTO prompt_search (prompt_search) VALUES ('optimize')")
const vocabulary = store.sqlite.prepare('SELECT count(*) FROM prompt_search_vocab').pluck().get()
store.sqlite.close()
console.log(`\n${path}: ${count + seeded.length} prompts, ${String(vocabulary)} indexed words, built in ${((performance.now() - started) / 1000).toFixed(1)} s`)
