// The many-OPD picker (opd/widgets.py): a filter field over the checkboxes, "all" and "none"
// (of the OPDs the filter shows), "by kind" (adds every OPD of a kind), and a count of the chosen
// ones. Without JavaScript the list still scrolls and every checkbox works.
(function () {
  "use strict";
  function setup(picker) {
    if (picker.getAttribute("data-ready")) { return; }
    picker.setAttribute("data-ready", "1");
    var tools = picker.querySelector(".opd-picker-tools");
    var filter = picker.querySelector(".opd-picker-filter");
    var kind = picker.querySelector(".opd-picker-kind");
    var items = Array.prototype.slice.call(picker.querySelectorAll(".opd-picker-item"));
    var count = picker.querySelector(".opd-picker-count");
    var label = picker.getAttribute("data-count-label") || "%s dipilih";
    function box(item) { return item.querySelector("input"); }
    function update() {
      var chosen = items.filter(function (i) { return box(i).checked; });
      count.textContent = chosen.length ? label.replace("%s", chosen.length) : "";
    }
    function setAll(predicate, checked) {
      items.forEach(function (item) { if (predicate(item)) { box(item).checked = checked; } });
      update();
    }
    tools.hidden = false;
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLowerCase();
      items.forEach(function (item) {
        item.hidden = q !== "" && item.textContent.toLowerCase().indexOf(q) === -1;
      });
    });
    picker.querySelectorAll("[data-pick]").forEach(function (button) {
      button.addEventListener("click", function () {
        var on = button.getAttribute("data-pick") === "all";
        setAll(function (item) { return !item.hidden; }, on);
      });
    });
    if (kind) {
      kind.addEventListener("change", function () {
        var chosen = kind.value;
        if (chosen) {
          setAll(function (item) { return item.getAttribute("data-kind") === chosen; }, true);
        }
        kind.value = "";
      });
    }
    picker.addEventListener("change", update);
    update();
  }
  function setupAll() { document.querySelectorAll("[data-opd-picker]").forEach(setup); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupAll);
  } else {
    setupAll();
  }
  document.addEventListener("htmx:afterSettle", setupAll);
})();
