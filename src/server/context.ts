import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Ctx } from '../services/context.ts';
import type { Actor } from '../store/scope.ts';

/** The signed-in actor of a route that declared an action (the auth hook guarantees one). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  return req.actor;
}

/** Who, from where, when — for audit events and every time-dependent rule. */
export function auditContext(req: FastifyRequest): Ctx {
  const actor = actorOf(req);
  return { actor, actorId: actor.userId, ip: req.ip, now: req.now };
}

/** The request's `If-Match` header as one value (the first when sent twice). */
export function ifMatchOf(req: FastifyRequest): string | undefined {
  const h = req.headers['if-match'];
  return Array.isArray(h) ? h[0] : h;
}
