// `npm run export -- --out FILE [--format json] [--history]` and `npm run import -- FILE [--dry-run]`,
// on the store at DATABASE_PATH.
import { readFileSync, writeFileSync } from 'node:fs'
import { loadConfig } from '../config.js'
import { openStore } from '../db/open.js'
import { readPromptsMarkdown } from '../domain/prompts-markdown.js'
import { type LibraryExport, LibraryExportSchema } from '../schemas/library-export.js'
import { schemaCheck } from '../schemas/schema-check.js'
import { Library } from '../services/library.js'
import { exportJson, exportMarkdown } from '../services/library-export.js'
import { importLibrary, planFromJson, planFromMarkdown } from '../services/library-import.js'

export const CLI_AUTHOR = 'cli'

// The same schema POST /v1/import validates a JSON body with.
const checkLibraryExport = schemaCheck(LibraryExportSchema, 'the JSON library')

export function parseFlags (args: readonly string[], booleans: readonly string[], valued: readonly string[]): { flags: Map<string, string | true>, positional: string[] } {
  const flags = new Map<string, string | true>()
  const positional: string[] = []
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!
    if (!arg.startsWith('--')) {
      positional.push(arg)
    } else if (booleans.includes(arg)) {
      flags.set(arg, true)
    } else if (valued.includes(arg) && index + 1 < args.length) {
      flags.set(arg, args[++index]!)
    } else {
      throw new Error(`unknown or incomplete option ${arg}`)
    }
  }
  return { flags, positional }
}

function withLibrary<T> (task: (library: Library) => T): T {
  const store = openStore(loadConfig().databasePath)
  try {
    return task(new Library(store))
  } finally {
    store.sqlite.close()
  }
}

export function runExport (args: readonly string[]): string {
  const { flags } = parseFlags(args, ['--history'], ['--out', '--format'])
  const out = flags.get('--out')
  const format = flags.get('--format') ?? 'markdown'
  if (typeof out !== 'string') throw new Error('usage: npm run export -- --out FILE [--format markdown|json] [--history]')
  if (format !== 'markdown' && format !== 'json') throw new Error(`--format must be markdown or json, got "${String(format)}"`)
  if (flags.has('--history') && format !== 'json') throw new Error('--history goes with --format json')
  const text = withLibrary((library) => format === 'json'
    ? JSON.stringify(exportJson(library, flags.has('--history')), null, 2) + '\n'
    : exportMarkdown(library))
  writeFileSync(out, text)
  return `exported the library as ${format} to ${out}`
}

export function runImport (args: readonly string[]): string {
  const { flags, positional } = parseFlags(args, ['--dry-run'], [])
  if (positional.length !== 1) throw new Error('usage: npm run import -- FILE [--dry-run]')
  const file = positional[0]!
  const text = readFileSync(file, 'utf8')
  const isJson = file.endsWith('.json') || text.trimStart().startsWith('{')
  const plan = isJson ? planFromJson(parseLibraryExport(text)) : planFromMarkdown(readPromptsMarkdown(text))
  const dryRun = flags.has('--dry-run')
  const report = withLibrary((library) => importLibrary(library, plan, { dryRun, author: CLI_AUTHOR }))
  return JSON.stringify(report) + (dryRun ? '\n(dry run: nothing was written)' : '')
}

function parseLibraryExport (text: string): LibraryExport {
  const value: unknown = JSON.parse(text)
  checkLibraryExport(value)
  return value as LibraryExport
}
