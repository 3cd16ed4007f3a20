// TypeBox schemas of labels, their traffic splits and their history.
import { Type } from 'typebox'
import { MAX_SPLITS, MAX_SUBJECT_LENGTH, MIN_SPLITS } from '../domain/traffic-split.js'
import { TIMESTAMP_BOUNDS, VERSION_BOUNDS } from './bounds.js'

// A key's name, as history records who made a change (keys are named with at most 100 characters; room for older ones).
const KeyName = (options: object = {}) => Type.String({ maxLength: 200, ...options })

export const SplitSchema = Type.Object({
  version: Type.Integer({ ...VERSION_BOUNDS, examples: [3] }),
  weight: Type.Integer({ format: 'int32', minimum: 1, maximum: 100, description: 'Percent of the traffic; the weights sum to 100.', examples: [90] })
}, { additionalProperties: false })

const Splits = Type.Array(SplitSchema, {
  minItems: MIN_SPLITS,
  maxItems: MAX_SPLITS,
  description: `${MIN_SPLITS} to ${MAX_SPLITS} versions with positive whole weights that sum to 100.`,
  examples: [[{ version: 3, weight: 90 }, { version: 4, weight: 10 }]]
})

export const LabelPutBody = Type.Object({
  version: Type.Optional(Type.Integer({ ...VERSION_BOUNDS, description: 'Point the label at this version (or send splits).', examples: [2] })),
  splits: Type.Optional(Splits),
  reason: Type.Optional(Type.String({ maxLength: 500, description: 'Why, kept in the label\'s history.', examples: ['Ship the shorter wording'] }))
}, {
  additionalProperties: false,
  description: 'Either `version` or `splits`, and an optional `reason`.',
  examples: [{ version: 2, reason: 'Ship the shorter wording' }, { splits: [{ version: 3, weight: 90 }, { version: 4, weight: 10 }], reason: 'Canary' }]
})

export const LabelViewSchema = Type.Object({
  label: Type.String({ maxLength: 50, examples: ['production'] }),
  version: Type.Integer({ ...VERSION_BOUNDS, description: 'The version served; for a split, the one with the largest weight.', examples: [2] }),
  splits: Type.Union([Type.Array(SplitSchema, { maxItems: MAX_SPLITS }), Type.Null()], { description: 'null unless the label splits traffic.', examples: [null] }),
  protected: Type.Boolean({ description: 'Only keys with the scope labels:promote may change it (PROTECTED_LABELS).', examples: [true] }),
  updatedAt: Type.String(TIMESTAMP_BOUNDS),
  updatedBy: Type.Union([KeyName(), Type.Null()], { description: 'The name of the key that made the last change (null for labels set before history was kept).', examples: ['release-bot'] })
}, { additionalProperties: false })

export const LabelListSchema = Type.Object({ items: Type.Array(LabelViewSchema, { maxItems: 10_000 }) }, { additionalProperties: false })

const TargetSchema = Type.Union([
  Type.Object({ version: Type.Integer(VERSION_BOUNDS) }, { additionalProperties: false }),
  Type.Object({ splits: Type.Array(SplitSchema, { maxItems: MAX_SPLITS }) }, { additionalProperties: false }),
  Type.Null()
], { description: '{ version }, { splits }, or null (the label did not exist / was removed).' })

export const LabelHistorySchema = Type.Object({
  items: Type.Array(Type.Object({
    from: TargetSchema,
    to: TargetSchema,
    by: KeyName({ description: 'The name of the key that made the change.', examples: ['release-bot'] }),
    at: Type.String(TIMESTAMP_BOUNDS),
    reason: Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { examples: ['rollback'] })
  }, { additionalProperties: false }), { maxItems: 100 }),
  nextCursor: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'Pass as cursor for older entries; null on the last page.' })
}, { additionalProperties: false })

export const HistoryQuery = Type.Object({
  limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 20, description: 'Page size, 1 to 100.' }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'nextCursor of the previous page.' }))
}, { additionalProperties: false })

export const SubjectSchema = Type.String({
  minLength: 1,
  maxLength: MAX_SUBJECT_LENGTH,
  description: `Who is served (a user or session id, at most ${MAX_SUBJECT_LENGTH} characters): with a split label, the same subject always gets the same version while the splits stay the same. Without it the version is drawn at random by weight.`,
  examples: ['user-42']
})
