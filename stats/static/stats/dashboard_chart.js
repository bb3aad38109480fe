/* Requests per child territory as bars; masked small counts («< 3») are left out of the chart. */
(function () {
  "use strict";
  var el = document.getElementById("stats-chart");
  if (!el || typeof Chart === "undefined") return;
  var data = JSON.parse(document.getElementById(el.dataset.source).textContent);
  new Chart(el, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ label: "Обращений за период", data: data.values, backgroundColor: "#0b5394" }] },
    options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: "bottom" } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();
