/* Bar charts of the dashboard; masked small counts («< 3») are left out of the bars (the table shows them). */
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  document.querySelectorAll("canvas.stats-chart-canvas").forEach(function (el) {
    var data = JSON.parse(document.getElementById(el.dataset.source).textContent);
    new Chart(el, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ label: data.title, data: data.values, backgroundColor: "#0b5394" }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: "bottom" } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { autoSkip: false, maxRotation: 60 } } } }
    });
  });
})();
