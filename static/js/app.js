/* Behaviour every page shares, declared in the templates by data- attributes (the Content
 * Security Policy allows no inline script or on...= handler):
 *   <form data-confirm="Question?">          asks before sending; Cancel keeps the page as it is
 *   <form data-confirm-if="field" ...>       asks only when that field has a value
 *   <input data-select-on-focus>             selects its text when focused (a link to copy)
 *   <a data-clear-target="#id">              with htmx, empties #id instead of following the link
 *   <input type="checkbox" data-select-all="#form">  ticks or clears every name="ids" box of
 *                                            that form (inside it or tied by form="...")
 * Listeners sit on the document, so content that htmx swaps in works the same. */
(function () {
  "use strict";

  // Capture phase: runs before htmx's own submit listener on the form, so Cancel stops both.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) { return; }
    var onlyIf = form.getAttribute("data-confirm-if");
    if (onlyIf) {
      var field = form.elements.namedItem(onlyIf);
      if (!field || !field.value) { return; }
    }
    if (!window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.hasAttribute("data-select-all")) { return; }
    var form = document.querySelector(box.getAttribute("data-select-all"));
    if (!form) { return; }
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el instanceof HTMLInputElement && el.type === "checkbox" && el.name === "ids") {
        el.checked = box.checked;
      }
    });
  });

  document.addEventListener("focusin", function (event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.hasAttribute("data-select-on-focus")) {
      input.select();
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("[data-clear-target]");
    if (!link || !window.htmx) { return; }
    var target = document.querySelector(link.getAttribute("data-clear-target"));
    if (!target) { return; }
    event.preventDefault();
    target.innerHTML = "";
  });
})();
