// The category tree held in memory: categories change rarely and every list request needs them.
import type { CategoryRow } from '../repositories/category-repository.js'

export interface CategoryNode extends CategoryRow {
  parentSlug: string | null
  /** Slug of the top-level ancestor (itself when top-level). */
  sectionSlug: string
  /** Its own id and the ids of every category below it. */
  subtreeIds: number[]
}

export class CategoryTree {
  readonly nodes: CategoryNode[]
  private readonly bySlugMap: Map<string, CategoryNode>
  private readonly byIdMap: Map<number, CategoryNode>

  constructor (rows: readonly CategoryRow[]) {
    const byId = new Map(rows.map((row) => [row.id, row]))
    this.nodes = rows.map((row) => {
      let top = row
      while (top.parentId !== null && byId.has(top.parentId)) top = byId.get(top.parentId)!
      return { ...row, parentSlug: row.parentId === null ? null : byId.get(row.parentId)?.slug ?? null, sectionSlug: top.slug, subtreeIds: [row.id] }
    })
    this.byIdMap = new Map(this.nodes.map((node) => [node.id, node]))
    this.bySlugMap = new Map(this.nodes.map((node) => [node.slug, node]))
    for (const node of this.nodes) {
      for (let parentId = node.parentId; parentId !== null;) {
        const parent = this.byIdMap.get(parentId)
        if (!parent) break
        parent.subtreeIds.push(node.id)
        parentId = parent.parentId
      }
    }
  }

  bySlug (slug: string): CategoryNode | undefined {
    return this.bySlugMap.get(slug)
  }

  byId (id: number): CategoryNode {
    const node = this.byIdMap.get(id)
    if (!node) throw new Error(`category ${id} is not in the tree`)
    return node
  }
}
