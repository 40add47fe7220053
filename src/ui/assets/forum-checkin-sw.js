// Service worker of the Forum door check-in page, served at /forum/checkin-sw.js (scope /forum/).
// It keeps the check-in page and the assets it uses, so the page loads again when the venue's
// connection drops after the first visit. The page is fetched from the network first (it shows
// the live admitted count) and from the cache only when that fails; assets carry a content hash
// in their URL, so a cached copy is never stale. Scans themselves are queued by forum-checkin.js
// in localStorage, not here: this worker answers GET requests only.
const CACHE = "wsis-forum-checkin-v1";
const CHECKIN_PAGE = /^\/forum\/\d{4}\/checkin$/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("message", (event) => {
  const urls = (event.data && Array.isArray(event.data.keep) ? event.data.keep : []).filter(
    (url) => typeof url === "string" && (CHECKIN_PAGE.test(url) || url.startsWith("/assets/")),
  );
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(urls))
      .catch(() => {}),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const page = CHECKIN_PAGE.test(url.pathname);
  if (!page && !url.pathname.startsWith("/assets/")) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(page ? url.pathname : request, copy));
        }
        return response;
      })
      .catch(() => caches.match(page ? url.pathname : request).then((cached) => cached || Response.error())),
  );
});
