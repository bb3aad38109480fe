/* Progress of the minimum canvas's success metrics: measured values over time, the 12-month target dashed. */
(function () {
  "use strict";
  var el = document.getElementById("metrics-chart");
  if (!el || typeof Chart === "undefined") return;
  var series = JSON.parse(document.getElementById(el.dataset.series).textContent);
  var colours = ["#0b5394", "#b06000", "#137333"];
  var dates = [];
  series.forEach(function (m) { m.points.forEach(function (p) { if (dates.indexOf(p.date) < 0) dates.push(p.date); }); });
  dates.sort();
  var datasets = [];
  series.forEach(function (m, i) {
    var byDate = {};
    m.points.forEach(function (p) { byDate[p.date] = p.value; });
    datasets.push({ label: m.index + ". " + m.name, data: dates.map(function (d) { return d in byDate ? byDate[d] : null; }),
      borderColor: colours[i % 3], backgroundColor: colours[i % 3], spanGaps: true, tension: 0.2 });
    var target = parseFloat(String(m.target).replace(",", "."));
    if (!isNaN(target)) {
      datasets.push({ label: "цель: " + m.name, data: dates.map(function () { return target; }), borderColor: colours[i % 3],
        borderDash: [6, 4], pointRadius: 0, borderWidth: 1 });
    }
  });
  new Chart(el, { type: "line", data: { labels: dates.map(function (d) { return d.split("-").reverse().join("."); }), datasets: datasets },
    options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: "bottom" } } } });
})();
