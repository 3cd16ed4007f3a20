// The store as a LibraryDocument (the PROMPTS.md model): categories in document order, live prompts in
// position order with their current version, and the seed document's own title and closing text.
import type { DocumentCategory, LibraryDocument } from '../domain/prompts-markdown.js'
import type { Library } from './library.js'

export const DEFAULT_PREAMBLE = '# promptshelf library\n\n'

export function libraryDocument (library: Library): LibraryDocument {
  const tree = library.categoryTree
  const byId = new Map<number, DocumentCategory>()
  const sections: DocumentCategory[] = []
  for (const node of tree.nodes) {
    const category: DocumentCategory = { slug: node.slug, name: node.name, prompts: [], children: [] }
    byId.set(node.id, category)
    // The document has two levels: a category below a subsection is written under its section.
    if (node.parentId === null) sections.push(category)
    else byId.get(tree.bySlug(node.sectionSlug)!.id)!.children.push(category)
  }
  for (const row of library.prompts.list({ categoryIds: null, tag: null, after: null, limit: Number.MAX_SAFE_INTEGER })) {
    byId.get(row.categoryId)!.prompts.push({ id: row.id, template: row.template, variables: row.variables, line: 0 })
  }
  return {
    preamble: library.meta.get('preamble') ?? DEFAULT_PREAMBLE,
    closing: library.meta.get('closing') ?? '',
    sections
  }
}
