// ParkDesk service worker: keeps the app's files for offline use. Only the files of one build are
// cached (their list and the version are written in by scripts/post-build after every trunk
// build); the data never passes through here, it lives in localStorage.
//
// Each build is one cache, served as a whole (index.html, glue, wasm and CSS always match). A new
// build installs beside it and waits until the user accepts the update prompt.
const VERSION = '__PARKDESK_VERSION__';
const ASSETS = [/*__PARKDESK_ASSETS__*/];
const SCOPE = self.registration.scope;
// Named by scope, so two copies of the app on one host (different sub-paths) keep their caches.
const PREFIX = `parkdesk ${SCOPE} `;
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(ASSETS.map((a) => new Request(new URL(a, SCOPE), { cache: 'reload' })))
    )
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)))
      )
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || !req.url.startsWith(SCOPE)) return;
  if (req.mode === 'navigate') {
    // Any page of the app is the app shell of this version; the router shows the route.
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match(new URL('index.html', SCOPE)))
        .then((hit) => hit || fetch(req))
    );
    return;
  }
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(req, { ignoreSearch: true }))
      .then((hit) => hit || fetch(req))
  );
});
