// SQL for categories.
import type { Sqlite } from '../db/open.js'

export interface CategoryRow {
  id: number
  slug: string
  name: string
  parentId: number | null
  position: number
}

export class CategoryRepository {
  private readonly selectAll
  private readonly insertOne
  private readonly maxPosition
  private readonly countByCategory
  private readonly shiftFrom

  constructor (sqlite: Sqlite) {
    this.selectAll = sqlite.prepare<[], CategoryRow>(
      'SELECT id, slug, name, parent_id AS parentId, position FROM categories ORDER BY position')
    this.insertOne = sqlite.prepare<[string, string, number | null, number]>(
      'INSERT INTO categories (slug, name, parent_id, position) VALUES (?, ?, ?, ?)')
    this.maxPosition = sqlite.prepare<[], { max: number | null }>('SELECT max(position) AS max FROM categories')
    this.shiftFrom = sqlite.prepare<[number]>('UPDATE categories SET position = position + 1 WHERE position >= ?')
    this.countByCategory = sqlite.prepare<[], { categoryId: number, count: number }>(
      'SELECT category_id AS categoryId, count(*) AS count FROM prompts WHERE deleted_at IS NULL GROUP BY category_id')
  }

  all (): CategoryRow[] {
    return this.selectAll.all()
  }

  /** Appends a category at the end of the document order. */
  insert (slug: string, name: string, parentId: number | null): number {
    const position = (this.maxPosition.get()?.max ?? 0) + 1
    return Number(this.insertOne.run(slug, name, parentId, position).lastInsertRowid)
  }

  /** Inserts a category at `position` of the document order, moving the categories from there on one place down. */
  insertAt (slug: string, name: string, parentId: number | null, position: number): number {
    this.shiftFrom.run(position)
    return Number(this.insertOne.run(slug, name, parentId, position).lastInsertRowid)
  }

  /** Live prompts directly in each category (not counting the categories below). */
  directPromptCounts (): Map<number, number> {
    return new Map(this.countByCategory.all().map((row) => [row.categoryId, row.count]))
  }
}
