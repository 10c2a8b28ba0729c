// The many-OPD picker of the declared-days form: a filter field over the checkboxes and a count
// of the chosen ones. Without JavaScript the list still scrolls and every checkbox works.
(function () {
  "use strict";
  function setup(picker) {
    var filter = picker.querySelector(".opd-picker-filter");
    var items = Array.prototype.slice.call(picker.querySelectorAll(".opd-picker-item"));
    var count = picker.querySelector(".opd-picker-count");
    var label = picker.getAttribute("data-count-label") || "%s dipilih";
    function update() {
      var chosen = items.filter(function (i) { return i.querySelector("input").checked; });
      count.textContent = chosen.length ? label.replace("%s", chosen.length) : "";
    }
    filter.hidden = false;
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLowerCase();
      items.forEach(function (item) {
        item.hidden = q !== "" && item.textContent.toLowerCase().indexOf(q) === -1;
      });
    });
    picker.addEventListener("change", update);
    update();
  }
  document.querySelectorAll("[data-opd-picker]").forEach(setup);
})();
