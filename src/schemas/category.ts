import { Type } from 'typebox'
import { COUNT_BOUNDS } from './bounds.js'

export const CategoryListSchema = Type.Object({
  items: Type.Array(Type.Object({
    slug: Type.String({ maxLength: 100, examples: ['sagas'] }),
    name: Type.String({ maxLength: 200, examples: ['Sagas'] }),
    parent: Type.Union([Type.String({ maxLength: 100 }), Type.Null()], { examples: ['error-handling-and-sagas'] }),
    promptCount: Type.Integer({ ...COUNT_BOUNDS, description: 'Prompts in this category and every category below it.', examples: [5] })
  }, { additionalProperties: false }), { maxItems: 10_000 })
}, { additionalProperties: false })

export const TagListSchema = Type.Object({
  items: Type.Array(Type.Object({
    tag: Type.String({ maxLength: 50, examples: ['sagas'] }),
    count: Type.Integer({ ...COUNT_BOUNDS, examples: [12] })
  }, { additionalProperties: false }), { maxItems: 100_000 })
}, { additionalProperties: false })
