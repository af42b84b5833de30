import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { testPassword, type TestUser } from './factories.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A browser-like session against the app: keeps the cookie and sends the CSRF token on writes. */
export class Session {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(readonly app: FastifyInstance) {}

  async login(
    user: Pick<TestUser, 'email'>,
    password = testPassword,
  ): Promise<LightMyRequestResponse> {
    const res = await this.request('POST', '/api/auth/login', { email: user.email, password });
    if (res.statusCode === 200) this.csrf = res.json<{ csrfToken: string }>().csrfToken;
    return res;
  }

  async request(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const set = res.headers['set-cookie'];
    for (const c of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair] = c.split(';');
      if (!pair) continue;
      if (/=;?$/.test(pair) || /Expires=Thu, 01 Jan 1970/.test(c)) this.cookie = undefined;
      else this.cookie = pair;
    }
    return res;
  }

  get = (url: string, headers?: Record<string, string>) =>
    this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, body ?? {}, headers);
  patch = (url: string, body: unknown, headers?: Record<string, string>) =>
    this.request('PATCH', url, body, headers);
  put = (url: string, body: unknown, headers?: Record<string, string>) =>
    this.request('PUT', url, body, headers);
}

export async function signedIn(
  app: FastifyInstance,
  user: Pick<TestUser, 'email'>,
): Promise<Session> {
  const s = new Session(app);
  const res = await s.login(user);
  expect(res.statusCode, res.body).toBe(200);
  return s;
}

/** Assert an RFC 9457 problem answer with this status and code. */
export function expectProblem(
  res: LightMyRequestResponse,
  status: number,
  code?: string,
): Record<string, unknown> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<Record<string, unknown>>();
  if (code) expect(body.code).toBe(code);
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+|select |insert into|SQLITE_|stack/i);
  return body;
}
