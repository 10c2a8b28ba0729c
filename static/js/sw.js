/* The service worker (served at /sw.js by config.views.service_worker, which sets WFH_VERSION,
 * WFH_SHELL and WFH_PAGES before this code). It keeps:
 *   - the shell (styles, scripts, icons), cache-first, renewed when the version changes;
 *   - the employee's offline pages (the next days, the check-in page), network-first: each visit
 *     online refreshes the copy, and without a connection the last copy answers.
 * Any other page tried offline answers the last copy of the next days, which says when it was
 * fetched. Logging out empties the pages' cache (js/nav.js on the login page). */
/* global self, caches, fetch, Response */
"use strict";
var SHELL = "wfh-shell-" + self.WFH_VERSION;
var PAGES = "wfh-pages";

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL).then(function (cache) { return cache.addAll(self.WFH_SHELL); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("wfh-shell-") === 0 && name !== SHELL;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
      .then(function () { return refreshPages(); })
  );
});

function refreshPages() {
  // the first visit keeps the offline pages at once, not only the one that was opened
  return caches.open(PAGES).then(function (cache) {
    return Promise.all(self.WFH_PAGES.map(function (url) {
      return fetch(url, { credentials: "same-origin", redirect: "follow" }).then(function (response) {
        if (response.ok && !response.redirected) { return cache.put(url, response); }
        return null;
      }).catch(function () { return null; });
    }));
  });
}

function isPage(url) { return self.WFH_PAGES.indexOf(url.pathname) !== -1; }

function isShell(url) { return self.WFH_SHELL.indexOf(url.pathname) !== -1; }

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (isShell(url)) {
    event.respondWith(caches.match(request, { ignoreSearch: true }).then(function (hit) {
      return hit || fetch(request);
    }));
    return;
  }
  if (request.mode !== "navigate") { return; }
  event.respondWith(fetch(request).then(function (response) {
    if (isPage(url) && !url.search && response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { cache.put(url.pathname, copy); });
    }
    return response;
  }).catch(function () {
    return caches.open(PAGES).then(function (cache) {
      return cache.match(url.pathname).then(function (hit) {
        return hit || cache.match(self.WFH_PAGES[0]);
      });
    }).then(function (hit) {
      return hit || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
    });
  }));
});
