// Scores of one territory across sessions: bars per criterion, one colour per session.
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("over-time-data");
  var canvas = document.getElementById("over-time-chart");
  if (!source || !canvas || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  var colours = ["#9fc5e8", "#0b5394", "#137333", "#b06000", "#8e24aa"];
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.series.map(function (s, i) {
        return { label: s.label, data: s.values, backgroundColor: colours[i % colours.length] };
      }),
    },
    options: {
      animation: false,
      scales: { y: { min: 0, max: 5, ticks: { stepSize: 1 }, title: { display: true, text: "балл" } } },
      plugins: { legend: { position: "bottom" } },
    },
  });
});
