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
  var palette = ["#6b7280", "#1b7f4b", "#1f5fa8", "#8a5a00", "#7c3aed", "#b42318"];
  var locale = document.documentElement.lang === "en" ? "en" : "id-ID";

  function datasets(series, labels) {
    return series.map(function (values, i) {
      return { label: labels[i], data: values, backgroundColor: palette[i % palette.length] };
    });
  }

  function bar(id, title, series, labels, extra) {
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
      data: { labels: data.opds, datasets: datasets(series, labels) },
      options: options
    });
  }

  bar("chart-cost", data.labels.cost, data.cost, data.periods);
  bar("chart-saving", data.labels.saving, data.saving, data.phases);
  bar("chart-compliance", data.labels.compliance, data.compliance, data.periods, { suggestedMin: 50, suggestedMax: 100 });
  bar("chart-attendance", data.labels.attendance, data.attendance, data.periods, { suggestedMin: 50, suggestedMax: 100 });

  // charts size to the screen; resize them to the paper before printing
  window.addEventListener("beforeprint", function () {
    Object.values(window.Chart.instances || {}).forEach(function (c) { c.resize(); });
  });
})();
