// Starts ParkDesk. Trunk's default start-up is an inline <script>, which the Content-Security-Policy
// in index.html forbids; Trunk.toml's `pattern_script` puts this file in its place, with the hashed
// names of the wasm-bindgen glue and the wasm module in data attributes.
// It also registers the service worker (offline use) and relays its update notice to the app.

// Kept for the end-to-end suite, which asserts that no policy was violated during a run.
window.parkdeskCspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.parkdeskCspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});

const me = document.querySelector('script[data-parkdesk-wasm]');
// Resolved against this file, which sits beside the app's files at any sub-path.
const glue = new URL(me.dataset.parkdeskJs, import.meta.url).href;
const wasm = new URL(me.dataset.parkdeskWasm, import.meta.url).href;
const { default: init } = await import(glue);
await init({ module_or_path: wasm });

// Offline use: the worker caches this version's files (never the data, which lives in
// localStorage). A new version installs in the background and waits; the app shows
// "新版本可用，刷新" and, when the user agrees, dispatches `parkdesk-update-apply`.
if ('serviceWorker' in navigator && window.isSecureContext) {
  const announce = () => {
    window.parkdeskUpdateReady = true;
    dispatchEvent(new Event('parkdesk-update-ready'));
  };
  let applying = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (applying) location.reload();
  });
  navigator.serviceWorker
    .register(new URL('sw.js', import.meta.url), {
      scope: new URL('./', import.meta.url).pathname,
      updateViaCache: 'none',
    })
    .then((reg) => {
      if (reg.waiting && navigator.serviceWorker.controller) announce();
      reg.addEventListener('updatefound', () => {
        const next = reg.installing;
        next?.addEventListener('statechange', () => {
          if (next.state === 'installed' && navigator.serviceWorker.controller) announce();
        });
      });
      addEventListener('parkdesk-update-apply', () => {
        if (reg.waiting) {
          applying = true;
          reg.waiting.postMessage('SKIP_WAITING');
        } else {
          location.reload();
        }
      });
      // A tab left open for days still learns about new versions.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') reg.update().catch(() => {});
      });
    })
    .catch((e) => console.warn('ParkDesk: offline use unavailable', e));
}
