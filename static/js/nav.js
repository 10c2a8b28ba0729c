/* The header on a phone and the installable app (no inline script: the CSP forbids it).
 * Loaded without defer in <head>: marks <html class="js"> at once, so below 900 px the menu is
 * folded behind its button from the first paint (without JavaScript it stays open).
 *   button.menu-toggle[aria-controls=id]  opens and closes the menu #id, Escape closes it
 *   <body data-sw="/sw.js">               registers the service worker (scope /)
 *   <body data-signed-out>                empties the pages the service worker kept (logged out) */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setOpen(button, open) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) { return; }
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
    var label = button.getAttribute(open ? "data-label-close" : "data-label-open");
    if (label && button.firstChild && button.firstChild.nodeType === 3) {
      button.firstChild.nodeValue = label + " ";
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest(".menu-toggle");
    if (!button) { return; }
    setOpen(button, button.getAttribute("aria-expanded") !== "true");
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var button = document.querySelector(".menu-toggle[aria-expanded='true']");
    if (button) { setOpen(button, false); button.focus(); }
  });

  // Tables become cards on a phone (app.css): each cell gets its column's header as data-label.
  // The month and roster grids stay grids; a table may opt out with data-keep-table.
  function cardTables(root) {
    var tables = (root || document).querySelectorAll("table");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.matches(".month, .roster-grid, [data-keep-table]")) { return; }
      var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
      if (!head) { return; }
      var labels = [];
      Array.prototype.forEach.call(head.cells, function (th) {
        var span = th.colSpan || 1;
        for (var i = 0; i < span; i++) { labels.push(th.textContent.trim()); }
      });
      Array.prototype.forEach.call(table.tBodies, function (tbody) {
        Array.prototype.forEach.call(tbody.rows, function (row) {
          var col = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if (labels[col] && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", labels[col]); }
            col += cell.colSpan || 1;
          });
        });
      });
      table.classList.add("cards");
    });
  }
  // content htmx swaps in (a row decided in place) gets its labels too
  document.addEventListener("htmx:load", function (event) {
    var table = event.target.closest && event.target.closest("table");
    if (table) { table.removeAttribute("data-labelled"); cardTables(table.parentNode); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    cardTables(document);
    var body = document.body;
    if (!("serviceWorker" in navigator)) { return; }
    if (body.hasAttribute("data-signed-out")) {
      // a shared phone: the next person must not open the last one's days from the cache
      if (window.caches) {
        caches.keys().then(function (names) {
          names.forEach(function (name) {
            if (name.indexOf("wfh-pages") === 0) { caches.delete(name); }
          });
        });
      }
      return;
    }
    var url = body.getAttribute("data-sw");
    if (url && window.isSecureContext) {
      navigator.serviceWorker.register(url, { scope: "/" }).catch(function () {});
    }
  });
})();
