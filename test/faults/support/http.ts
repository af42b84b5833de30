import { Agent, request as httpRequest } from 'node:http';
import type { TestUser } from '../../support/factories.ts';
import { testPassword } from '../../support/factories.ts';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

/**
 * Keep-alive connections, as many as there are requests in flight. node:http, not fetch: fetch
 * costs the load generator several times the CPU per request, and on two cores the generator
 * then becomes the bottleneck (and the source of the latency tail) instead of the server.
 */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * A browser-like session over real HTTP: keeps the session cookie and sends the CSRF token on
 * writes. The cookie is just a header, so one session can talk to several servers.
 */
export class HttpSession {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(
    public base: string,
    readonly timeoutMs = 30_000,
  ) {}

  /** The same signed-in session, talking to another server. */
  on(base: string): HttpSession {
    const other = new HttpSession(base, this.timeoutMs);
    other.cookie = this.cookie;
    other.csrf = this.csrf;
    return other;
  }

  async login(user: Pick<TestUser, 'email'>, password = testPassword): Promise<Answer> {
    const res = await this.request('POST', '/api/auth/login', { email: user.email, password });
    if (res.status !== 200) throw new Error(`login ${user.email}: ${res.status} ${res.text}`);
    this.csrf = (res.json as { csrfToken: string }).csrfToken;
    return res;
  }

  request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        this.base + path,
        {
          method,
          agent,
          headers: {
            ...(this.cookie ? { cookie: this.cookie } : {}),
            ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
              : {}),
            ...headers,
          },
          signal: AbortSignal.timeout(this.timeoutMs),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            for (const c of res.headers['set-cookie'] ?? []) {
              const pair = c.split(';')[0] ?? '';
              this.cookie =
                /=$/.test(pair) || /Expires=Thu, 01 Jan 1970/i.test(c) ? undefined : pair;
            }
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            const h = new Headers();
            for (const [k, v] of Object.entries(res.headers))
              if (typeof v === 'string') h.set(k, v);
            resolve({ status: res.statusCode ?? 0, headers: h, text, json });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  get = (path: string, headers?: Record<string, string>) =>
    this.request('GET', path, undefined, headers);
  post = (path: string, body: unknown, headers?: Record<string, string>) =>
    this.request('POST', path, body, headers);
  patch = (path: string, body: unknown, headers?: Record<string, string>) =>
    this.request('PATCH', path, body, headers);
}

export async function signIn(base: string, user: Pick<TestUser, 'email'>): Promise<HttpSession> {
  const s = new HttpSession(base);
  await s.login(user);
  return s;
}
