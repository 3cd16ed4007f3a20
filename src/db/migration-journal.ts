// How many migrations migrations/ holds, read from drizzle-kit's journal: what /readyz expects to see applied.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { migrationsFolder } from '../project-root.js'

export function journalMigrationCount (): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
  return journal.entries.length
}
