import type { ZodError } from 'zod';

export interface FieldError {
  field: string;
  message: string;
}

/** An answer the client should see: an HTTP status, a stable `code`, a message saying what to do. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'record') =>
  new AppError(404, 'not-found', `No such ${what}, or you do not have access to it.`);

export const forbidden = (message = 'Your role may not do this.') =>
  new AppError(403, 'forbidden', message);

export const conflict = (code: string, message: string) => new AppError(409, code, message);

export function validationError(errors: FieldError[]): AppError {
  const first = errors[0];
  return new AppError(
    400,
    'validation',
    first ? `${first.field}: ${first.message}` : 'The request is not valid.',
    { errors },
  );
}

/** zod issues → field errors with dotted paths (`answers.8`, `gas.levels.2`). */
export function fromZod(error: ZodError, prefix?: string): AppError {
  return validationError(
    error.issues.map((issue) => ({
      field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || (prefix ?? 'body'),
      message: issue.message,
    })),
  );
}
