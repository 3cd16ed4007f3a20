import { Type } from 'typebox'

export const CategoryListSchema = Type.Object({
  items: Type.Array(Type.Object({
    slug: Type.String({ examples: ['sagas'] }),
    name: Type.String({ examples: ['Sagas'] }),
    parent: Type.Union([Type.String(), Type.Null()], { examples: ['error-handling-and-sagas'] }),
    promptCount: Type.Integer({ description: 'Prompts in this category and every category below it.', examples: [5] })
  }, { additionalProperties: false }))
}, { additionalProperties: false })

export const TagListSchema = Type.Object({
  items: Type.Array(Type.Object({
    tag: Type.String({ examples: ['sagas'] }),
    count: Type.Integer({ examples: [12] })
  }, { additionalProperties: false }))
}, { additionalProperties: false })
