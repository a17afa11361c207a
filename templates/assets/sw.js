/* citizen-guide service worker: once a guide has been opened, it opens again without a network.
 * Network first, so an online visit always gets the latest page; the copy kept on the phone
 * is used only when the network fails. Only this site's own files are kept.
 */
"use strict";
var CACHE = "citizen-guide-pages-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) { return; }
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request).then(function (hit) {
      return hit || caches.match(request, { ignoreSearch: true }).then(function (loose) {
        return loose || Response.error();
      });
    });
  }));
});
