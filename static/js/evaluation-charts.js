/* Kajian charts: read the numbers from the JSON script tag the server wrote (json_script), never
 * from inline code, and draw them with the vendored Chart.js 4 as horizontal bars, one row per
 * OPD, so that 122 OPDs stay readable: the box grows with the rows shown. The selects sort the
 * rows (best first, lowest first, by code) and cut them (the ten best and ten lowest, the top
 * ten, all). A missing figure is null: Chart.js leaves a gap instead of drawing a zero. The print
 * button prints the page. */
(function () {
  "use strict";
  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.addEventListener("click", function () { window.print(); });
  }
  var source = document.getElementById("evaluation-chart-data");
  var root = document.querySelector("[data-ranked-chart]");
  if (!source || !root || typeof window.Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  if (!data.opds.length) { return; }
  // a period's colour is its slot's CSS variable (--chart-N in evaluation.css), the same slot on
  // every chart: Tahap II keeps its colour whether the chart starts at the baseline or not
  var styles = window.getComputedStyle(document.documentElement);
  function colour(slot) { return styles.getPropertyValue("--chart-" + slot).trim() || "#6b7280"; }
  var locale = document.documentElement.lang === "en" ? "en" : "id-ID";
  var sortSelect = root.querySelector("[data-chart-sort]");
  var showSelect = root.querySelector("[data-chart-show]");
  var box = root.querySelector("[data-chart-box]");
  var canvas = box.querySelector("canvas");
  var ROW_PX = 22;  // one bar group per OPD: readable at any number of OPDs
  var chart = null;

  // the server sends the OPDs best first; keep their indexes and reorder those
  function order(sort) {
    var idx = data.opds.map(function (_c, i) { return i; });
    if (sort === "worst") { idx.reverse(); }
    if (sort === "code") { idx.sort(function (a, b) { return data.opds[a] < data.opds[b] ? -1 : 1; }); }
    return idx;
  }

  function pick(show) {
    var all = data.opds.map(function (_c, i) { return i; });
    var n = data.top;
    if (show === "all" || all.length <= 2 * n) { return show === "top" ? all.slice(0, n) : all; }
    if (show === "top") { return all.slice(0, n); }
    return all.slice(0, n).concat(all.slice(all.length - n));
  }

  function draw() {
    var chosen = {};
    pick(showSelect.value).forEach(function (i) { chosen[i] = true; });
    var idx = order(sortSelect.value).filter(function (i) { return chosen[i]; });
    var labels = idx.map(function (i) { return data.opds[i]; });
    var datasets = data.series.map(function (values, s) {
      return {
        label: data.labels[s],
        data: idx.map(function (i) { return values[i]; }),
        backgroundColor: colour(data.slots[s])
      };
    });
    box.style.height = (idx.length * ROW_PX * Math.max(1, datasets.length / 2) + 90) + "px";
    if (chart) { chart.destroy(); }
    chart = new window.Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          title: { display: true, text: data.title },
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              title: function (items) { return items.length ? labels[items[0].dataIndex] + " " + data.names[idx[items[0].dataIndex]] : ""; }
            }
          }
        },
        scales: {
          x: { ticks: { callback: function (v) { return Number(v).toLocaleString(locale); } } },
          y: { ticks: { autoSkip: false } }
        }
      }
    });
  }

  sortSelect.addEventListener("change", draw);
  showSelect.addEventListener("change", draw);
  draw();

  window.addEventListener("beforeprint", function () { if (chart) { chart.resize(); } });
})();
