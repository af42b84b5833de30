/** A signed-in browser, reduced to what a load run needs: the cookie and the CSRF token. */
export interface BenchSession {
  cookie: string;
  csrfToken: string;
  user: { id: string; role: string; clientId?: string };
  /** Headers for a state-changing request. */
  writeHeaders: Record<string, string>;
}

export async function signIn(
  baseUrl: string,
  email: string,
  password: string,
): Promise<BenchSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login as ${email}: ${res.status} ${text}`);
  const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const body = JSON.parse(text) as { csrfToken: string; user: BenchSession['user'] };
  return {
    cookie,
    csrfToken: body.csrfToken,
    user: body.user,
    writeHeaders: { cookie, 'x-csrf-token': body.csrfToken },
  };
}

/** A JSON request as a signed-in user; throws unless the status is the expected one. */
export async function call<T>(
  baseUrl: string,
  session: BenchSession,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  expect = method === 'POST' ? 201 : 200,
): Promise<T> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(method === 'GET' ? { cookie: session.cookie } : session.writeHeaders),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status !== expect) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}
