import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { AppError, fromZod } from '../errors.ts';

const statusTitles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Send an RFC 9457 problem answer. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: statusTitles[status] ?? 'Error',
      status,
      code,
      detail,
      ...extra,
    });
}

/** The one place where every thrown thing becomes a problem answer. No stack or SQL ever leaves. */
export function errorHandler(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof AppError) {
    for (const [k, v] of Object.entries(error.details.headers ?? {})) void reply.header(k, v);
    return sendProblem(reply, error.status, error.code, error.message, {
      ...(error.details.errors
        ? { errors: error.details.errors, field: error.details.errors[0]?.field }
        : {}),
    });
  }
  if (error instanceof ZodError) {
    const app = fromZod(error);
    return sendProblem(reply, 400, app.code, app.message, {
      errors: app.details.errors,
      field: app.details.errors?.[0]?.field,
    });
  }
  if (error instanceof DomainError) {
    return sendProblem(reply, 400, 'validation', `${error.field}: ${error.message}`, {
      field: error.field,
      errors: [{ field: error.field, message: error.message }],
    });
  }
  const fe = error as FastifyError;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code =
      fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'too-large'
        : fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported-media-type'
          : fe.statusCode === 400
            ? 'bad-request'
            : 'request-refused';
    const detail =
      code === 'too-large'
        ? 'The request body is too large.'
        : code === 'unsupported-media-type'
          ? 'Send JSON (Content-Type: application/json).'
          : fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'The body is not valid JSON.'
            : 'The request could not be read.';
    return sendProblem(
      reply,
      fe.statusCode,
      code,
      detail,
      fe.statusCode === 400 ? { field: 'body' } : {},
    );
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(
    reply,
    500,
    'internal',
    `Something went wrong on our side. Quote request id ${request.id} if it persists.`,
  );
}
