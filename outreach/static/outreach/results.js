// Results of a sending: one horizontal bar chart per choice / scale question; the table beside it has the numbers.
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("outreach-charts");
  if (!source || !window.Chart) return;
  JSON.parse(source.textContent).forEach(function (chart) {
    var canvas = document.getElementById(chart.id);
    if (!canvas) return;
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels.map(function (label) {
          return label.length > 60 ? label.slice(0, 57) + "…" : label;
        }),
        datasets: [{ label: "Ответов", data: chart.counts, backgroundColor: "#0b5394" }],
      },
      options: {
        indexAxis: "y",
        animation: false,
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false } },
      },
    });
  });
});
