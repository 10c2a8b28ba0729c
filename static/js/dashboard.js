/* Dashboard charts: the numbers come from the JSON script tag the server wrote (json_script),
 * never from inline code, and are drawn with the vendored Chart.js 4. */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-chart-data");
  if (!source || typeof window.Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var locale = document.documentElement.lang === "en" ? "en" : "id-ID";

  function chart(id, type, title, series, stacked) {
    var canvas = document.getElementById(id);
    if (!canvas) { return null; }
    return new window.Chart(canvas, {
      type: type,
      data: {
        labels: data.day_labels,
        datasets: series.map(function (s) {
          return {
            label: s.label, data: s.values, backgroundColor: s.color, borderColor: s.color,
            fill: false, tension: 0.2, pointRadius: 2
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: true,
        animation: false,
        plugins: { title: { display: true, text: title }, legend: { position: "bottom" } },
        scales: {
          x: { stacked: !!stacked },
          y: {
            stacked: !!stacked, beginAtZero: true,
            ticks: { precision: 0, callback: function (v) { return Number(v).toLocaleString(locale); } }
          }
        }
      }
    });
  }

  var L = data.labels;
  // the modes' colours are the ones every page uses (static/css/app.css :root)
  var css = getComputedStyle(document.documentElement);
  function mode(name, fallback) { return css.getPropertyValue(name).trim() || fallback; }
  chart("chart-schedule", "bar", L.schedule, [
    { label: L.wfh, values: data.wfh, color: mode("--wfh-wfh", "#1b7f4b") },
    { label: L.wfo, values: data.wfo, color: mode("--wfh-wfo", "#1f5fa8") }
  ], true);
  chart("chart-attendance", "bar", L.attendance, [
    { label: L.present, values: data.present, color: "#1b7f4b" },
    { label: L.absent, values: data.absent, color: "#b42318" }
  ], true);
  chart("chart-late", "line", L.late, [
    { label: L.late, values: data.late, color: "#8a5a00" }
  ], false);
})();
