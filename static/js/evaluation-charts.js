/* Kajian charts: read the numbers from the JSON script tag the server wrote (json_script), never
 * from inline code, and draw them with the vendored Chart.js 4. A missing figure is null: Chart.js
 * leaves a gap instead of drawing a zero. The print button prints the page. */
(function () {
  "use strict";
  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.addEventListener("click", function () { window.print(); });
  }
  var source = document.getElementById("evaluation-chart-data");
  if (!source || typeof window.Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  // a period keeps one colour on every chart (Tahap II is the same on the cost and the saving
  // chart): the server gives each series its slot, the stylesheet the slot's colour
  var css = getComputedStyle(document.documentElement);
  var fallback = ["#6b7280", "#1b7f4b", "#1f5fa8", "#8a5a00", "#7c3aed", "#b42318"];
  function colour(slot) {
    return css.getPropertyValue("--chart-" + slot).trim() || fallback[(slot - 1) % fallback.length];
  }
  var locale = document.documentElement.lang === "en" ? "en" : "id-ID";

  function datasets(series, labels, slots) {
    return series.map(function (values, i) {
      return { label: labels[i], data: values, backgroundColor: colour(slots[i]) };
    });
  }

  function bar(id, title, series, labels, slots, extra) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    var options = {
      responsive: true,
      animation: false,
      plugins: { title: { display: true, text: title }, legend: { position: "bottom" } },
      scales: { y: { ticks: { callback: function (v) { return Number(v).toLocaleString(locale); } } } }
    };
    if (extra) { Object.assign(options.scales.y, extra); }
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: data.opds, datasets: datasets(series, labels, slots) },
      options: options
    });
  }

  var P = data.period_slots, F = data.phase_slots;
  bar("chart-cost", data.labels.cost, data.cost, data.periods, P);
  bar("chart-saving", data.labels.saving, data.saving, data.phases, F);
  bar("chart-compliance", data.labels.compliance, data.compliance, data.periods, P, { suggestedMin: 50, suggestedMax: 100 });
  bar("chart-attendance", data.labels.attendance, data.attendance, data.periods, P, { suggestedMin: 50, suggestedMax: 100 });

  // charts size to the screen; resize them to the paper before printing
  window.addEventListener("beforeprint", function () {
    Object.values(window.Chart.instances || {}).forEach(function (c) { c.resize(); });
  });
})();
