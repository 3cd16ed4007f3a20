// RFC 9457 problem documents, and the response entries every route lists for its error statuses.
import { Type, type TSchema } from 'typebox'

export const ProblemSchema = Type.Object({
  type: Type.String({ maxLength: 200, description: 'A URN naming the kind of problem.', examples: ['urn:promptshelf:problem:not-found'] }),
  title: Type.String({ maxLength: 200, examples: ['Not Found'] }),
  status: Type.Integer({ format: 'int32', minimum: 100, maximum: 599, examples: [404] }),
  detail: Type.String({ maxLength: 10_000, examples: ['no prompt with the id "sagas-9"'] }),
  instance: Type.Optional(Type.String({ maxLength: 20_000, description: 'The request path.' })),
  errors: Type.Optional(Type.Array(Type.Object({
    pointer: Type.String({ maxLength: 2000, description: 'JSON pointer to the offending input: #/field for the body, #/query/name, #/params/name or #/headers/name otherwise.' }),
    detail: Type.String({ maxLength: 10_000 })
  }), { maxItems: 1000 })),
  missing: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10_000, description: 'Variables without a value (render).' }))
}, { $id: 'Problem', additionalProperties: true, description: 'An RFC 9457 problem document (application/problem+json).' })

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is malformed: the detail and errors say what to fix.',
  401: 'No valid API key was sent.',
  403: 'The API key lacks the scope this route needs.',
  404: 'Nothing exists at this path.',
  409: 'The request conflicts with the current state.',
  412: 'If-Match does not name the current version.',
  413: 'The request body is too large.',
  415: 'The Content-Type is not accepted here.',
  422: 'The request is well-formed but cannot be processed.',
  428: 'This route needs an If-Match header.',
  429: 'Too many requests: wait for Retry-After seconds.',
  500: 'An unexpected server error; details are logged, not shown.',
  503: 'The service is not ready.'
}

/** Response entries for the given error statuses, as application/problem+json. */
export function problemResponses (...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {}
  for (const status of new Set([...statuses, 429, 500])) {
    out[status] = {
      description: STATUS_TEXT[status] ?? 'An error.',
      content: { 'application/problem+json': { schema: Type.Ref('Problem') } }
    } as unknown as TSchema
  }
  return out
}
