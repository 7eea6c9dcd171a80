export type DomainErrorCode = 'not_found' | 'forbidden' | 'invalid_input' | 'conflict' | 'limit_exceeded'

/**
 * The one error domain code throws for a broken rule. `message` is for logs and developers (ids only,
 * no personal data); `userMessage`, when given, is safe to text back to the person who asked.
 */
export class DomainError extends Error {
  override name = 'DomainError'
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly userMessage?: string,
  ) {
    super(message)
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError
