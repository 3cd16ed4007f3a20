// `npm run bench:library [-- <out.json> <count>]`: a JSON library (the export format, for `npm run import`) of
// generated prompts, default .bench/library-100k.json with 100,000 prompts. Each is a seed prompt with words
// swapped for other library words and invented product names, so the vocabulary grows as a real library's
// would; placeholders are kept, so each prompt declares the seed prompt's variables. Deterministic.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { openStore } from '../src/db/open.js'
import { projectRoot } from '../src/project-root.js'
import { exportJson } from '../src/services/library-export.js'
import { Library } from '../src/services/library.js'
import { seedFromFile } from '../src/services/seed-from-file.js'
import { random, variantWords } from './seed-variants.js'

const out = process.argv[2] ?? join(projectRoot, '.bench', 'library-100k.json')
const count = Number(process.argv[3] ?? 100_000)

const directory = mkdtempSync(join(tmpdir(), 'promptshelf-library-'))
const store = openStore(join(directory, 'seed.db'))
let seed
try {
  const library = new Library(store)
  seedFromFile(library)
  seed = exportJson(library, false)
} finally {
  store.sqlite.close()
  rmSync(directory, { recursive: true, force: true })
}

const next = random(42)
const PLACEHOLDER = /(\{\{[^}]*\}\})/
const words = [...new Set(seed.prompts.flatMap((p) => (p.template ?? '').split(PLACEHOLDER).filter((part) => !PLACEHOLDER.test(part)).join(' ').match(/[A-Za-z]{4,}/g) ?? []))]
const { pick, inventedWord } = variantWords(next)
const swapWords = (text: string): string => text.replace(/[A-Za-z]{4,}/g, (word) => {
  const roll = next()
  return roll < 0.15 ? pick(words) : roll < 0.22 ? inventedWord() : word
})

const prompts = Array.from({ length: count }, (_, i) => {
  const base = pick(seed.prompts)
  const template = (base.template ?? '').split(PLACEHOLDER).map((part) => PLACEHOLDER.test(part) ? part : swapWords(part)).join('') +
    (next() < 0.5 ? ` Focus on ${inventedWord()} and ${pick(words).toLowerCase()}.` : '')
  return { id: `generated-${i + 1}`, category: base.category, template, variables: base.variables, tags: base.tags }
})

mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, JSON.stringify({ ...seed, prompts }) + '\n')
console.log(`${out}: ${count} prompts in ${seed.categories.length} categories`)
