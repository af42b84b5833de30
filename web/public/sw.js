/* global self, caches, fetch, Response */
// The app shell for a phone without signal: index.html and the hashed files it loads, so
// Stepwise opens offline and shows the Today kept on the device. Never /api/: no record
// passes through this cache (what the client's Today keeps is in localStorage, per person,
// removed at sign-out).
const shell = 'stepwise-shell-v1';

/**
 * index.html and every /assets/ file it names, kept together. A different index.html is a new
 * build: the old build's files go (lazy pages are fetched again, and kept, when next opened).
 */
async function keepShell(index) {
  const cache = await caches.open(shell);
  const html = await index.clone().text();
  const previous = await cache.match('/');
  const newBuild = !previous || (await previous.text()) !== html;
  const assets = [...new Set([...(html.match(/\/assets\/[\w.-]+/g) ?? []), '/favicon.svg'])];
  await cache.put('/', index);
  if (newBuild)
    for (const req of await cache.keys()) {
      const path = new URL(req.url).pathname;
      if (path.startsWith('/assets/') && !assets.includes(path)) await cache.delete(req);
    }
  await Promise.all(
    assets.map(async (path) => {
      if (!(await cache.match(path))) await cache.add(path);
    }),
  );
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch('/', { cache: 'no-cache' })
      .then((res) => (res.ok ? keepShell(res) : undefined))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== shell).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate') {
    // Network first, so a new build shows at once; the kept copy only when there is no answer.
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) event.waitUntil(keepShell(res.clone()).catch(() => undefined));
          return res;
        })
        .catch(async () => (await caches.match('/')) ?? Response.error()),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg') {
    // Hashed names never change content (and the icon hardly): the kept copy first.
    event.respondWith(
      caches.match(req).then(
        (hit) =>
          hit ??
          fetch(req).then(async (res) => {
            if (res.ok) await (await caches.open(shell)).put(req, res.clone());
            return res;
          }),
      ),
    );
  }
});
