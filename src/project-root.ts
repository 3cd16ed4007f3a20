// The folder that holds package.json, migrations/ and seed/, whether code runs from src/ (tsx) or dist/.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findProjectRoot (): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('promptshelf: package.json not found above ' + fileURLToPath(import.meta.url))
    dir = parent
  }
  return dir
}

export const projectRoot = findProjectRoot()
export const migrationsFolder = join(projectRoot, 'migrations')
export const seedDocumentPath = join(projectRoot, 'seed', 'PROMPTS.md')
