import type { Problem } from '../../../src/contract/common.ts';
import { t } from '../i18n/index.ts';

/** An answer of 4xx/5xx from the server, with its problem+json when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;
  constructor(status: number, problem: Problem | undefined) {
    super(problem?.detail ?? t.errors.status(status));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** The request never reached the server (offline, DNS, server down). */
export class NetworkError extends Error {
  constructor() {
    super(t.errors.network);
    this.name = 'NetworkError';
  }
}

/** A problem found before sending: the form's own check of what was typed. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** Login and GET /api/me hand out the token every write must carry as `x-csrf-token`. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** False until login or `GET /api/me` answered (an app opened offline has none yet). */
export function hasCsrfToken(): boolean {
  return csrfToken !== undefined;
}

/** Called on any 401: the session has ended, so the app goes back to the sign-in page. */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  ifMatch?: string;
  signal?: AbortSignal;
  /** Do not treat a 401 as "session ended" (the login form itself). */
  quiet401?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | undefined;
}

export async function request<T>(
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new NetworkError();
  }
  const type = res.headers.get('content-type') ?? '';
  const json: unknown =
    res.status === 204 || !/json/.test(type) ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) {
    if (res.status === 401 && !options.quiet401) onUnauthorized?.();
    const problem =
      json && typeof json === 'object' && 'detail' in json ? (json as Problem) : undefined;
    throw new ApiError(res.status, problem);
  }
  return { data: json as T, status: res.status, etag: res.headers.get('etag') ?? undefined };
}

export async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await request<T>(path, signal ? { signal } : {})).data;
}

export async function send<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  ifMatch?: string,
): Promise<T> {
  return (
    await request<T>(path, {
      method,
      ...(body !== undefined ? { body } : {}),
      ...(ifMatch ? { ifMatch } : {}),
    })
  ).data;
}

/** What to show a person for any failure: the server's own `detail` when it gave one. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError || err instanceof NetworkError || err instanceof InputError)
    return err.message;
  return t.errors.unknown;
}

/** A file from the API (an export, a report), with the server's problem on failure. */
export async function download(
  path: string,
): Promise<{ blob: Blob; filename: string | undefined }> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new NetworkError();
  }
  if (!res.ok) {
    if (res.status === 401) onUnauthorized?.();
    const problem = (await res.json().catch(() => undefined)) as Problem | undefined;
    throw new ApiError(res.status, problem && 'detail' in problem ? problem : undefined);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1];
  return { blob: await res.blob(), filename };
}
