// Typed errors that domain code and repositories throw; the problem-errors plugin turns them into HTTP.

export interface FieldError {
  pointer: string
  detail: string
}

export class DomainError extends Error {
  constructor (
    readonly status: number,
    readonly title: string,
    detail: string,
    /** Extra members of the problem document (errors, missing, …). */
    readonly extensions: Record<string, unknown> = {}
  ) {
    super(detail)
  }
}

export class BadRequestError extends DomainError {
  constructor (detail: string, errors?: FieldError[]) {
    super(400, 'Bad Request', detail, errors ? { errors } : {})
  }
}

export class NotFoundError extends DomainError {
  constructor (detail: string) {
    super(404, 'Not Found', detail)
  }
}

export class ConflictError extends DomainError {
  constructor (detail: string) {
    super(409, 'Conflict', detail)
  }
}

export class PreconditionFailedError extends DomainError {
  constructor (detail: string) {
    super(412, 'Precondition Failed', detail)
  }
}

export class PreconditionRequiredError extends DomainError {
  constructor (detail: string) {
    super(428, 'Precondition Required', detail)
  }
}

export class UnprocessableError extends DomainError {
  constructor (detail: string, extensions: Record<string, unknown> = {}) {
    super(422, 'Unprocessable Content', detail, extensions)
  }
}
