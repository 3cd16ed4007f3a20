// What a write sends (a template and optional variable declarations) -> the variables a version stores.
// Pure: the template decides which variables exist; declarations only describe them.
import { BadRequestError, type FieldError } from './errors.js'
import { parseTemplate } from './template.js'
import type { Variable } from './variable.js'
import { declarationErrors, type VariableType, type VariableValue } from './variable-types.js'

export interface VariableDeclaration {
  name: string
  description?: string
  examples?: string[]
  required?: boolean
  type?: VariableType
  enum?: string[]
  default?: VariableValue
}

/**
 * The variables of `template`, in order of first appearance. Each takes its description from
 * `declared` when given, else from `previous` (the version being edited), else a blank one.
 * A declared name the template does not use is a 400 pointing at the declaration.
 */
export function variablesFor (
  template: string,
  declared: readonly VariableDeclaration[] | undefined,
  previous: readonly Variable[] = []
): Variable[] {
  if (template.trim() === '') throw new BadRequestError('template is blank', [{ pointer: '#/template', detail: 'must hold some text' }])
  return variablesForNames(parseTemplate(template).variables, declared, previous)
}

/** variablesFor over the placeholder names of a template, or of every message of a chat prompt. */
export function variablesForNames (
  names: readonly string[],
  declared: readonly VariableDeclaration[] | undefined,
  previous: readonly Variable[] = []
): Variable[] {
  const used = new Set(names)
  const byName = new Map<string, Variable>(previous.map((variable) => [variable.name, variable]))
  if (declared !== undefined) {
    const errors: FieldError[] = []
    const seen = new Set<string>()
    declared.forEach((declaration, index) => {
      if (seen.has(declaration.name)) {
        errors.push({ pointer: `#/variables/${index}/name`, detail: `"${declaration.name}" is declared twice` })
      } else if (!used.has(declaration.name)) {
        errors.push({ pointer: `#/variables/${index}/name`, detail: `the template has no {{${declaration.name}}} placeholder` })
      } else {
        errors.push(...declarationErrors(declaration, `#/variables/${index}`))
      }
      seen.add(declaration.name)
      byName.set(declaration.name, fromDeclaration(declaration))
    })
    if (errors.length > 0) throw new BadRequestError(`variables: ${errors[0]!.detail}`, errors)
  }
  return names.map((name) => byName.get(name) ?? { name, description: '', examples: [], required: true })
}

function fromDeclaration (declaration: VariableDeclaration): Variable {
  const variable: Variable = {
    name: declaration.name,
    description: declaration.description ?? '',
    examples: declaration.examples ?? [],
    required: declaration.required ?? true
  }
  if (declaration.type !== undefined && declaration.type !== 'string') variable.type = declaration.type
  if (declaration.enum !== undefined) variable.enum = declaration.enum
  if (declaration.default !== undefined) variable.default = declaration.default
  return variable
}

/** Tags as stored: duplicates dropped, first occurrence kept. */
export function normalizedTags (tags: readonly string[]): string[] {
  return [...new Set(tags)]
}
