/* The gaps map: territory outlines shaded by the number of needs without a helper, each with a text label. */
(function () {
  "use strict";
  var el = document.getElementById("gaps-map");
  if (!el || typeof L === "undefined") return;
  var shades = ["#f1f3f4", "#f6c7b6", "#e8896b", "#b3261e"];
  function shade(n) { return shades[Math.min(n, shades.length - 1)]; }
  var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.25 });
  if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, { maxZoom: 18 }).addTo(map);
  fetch(el.dataset.url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (geo) {
    var layer = L.geoJSON(geo, {
      style: function (f) {
        return { color: "#333", weight: 1.5, dashArray: f.properties.gaps ? null : "4 4", fillColor: shade(f.properties.gaps), fillOpacity: 0.75 };
      },
      onEachFeature: function (f, l) {
        l.bindTooltip(f.properties.short, { permanent: true, direction: "center", className: "stats-gaps-tip" });
        var box = document.createElement("div");
        box.textContent = f.properties.label;
        l.bindPopup(box);
      }
    }).addTo(map);
    el.dataset.features = String(geo.features.length);
    if (layer.getBounds().isValid()) map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 12 });
    else map.setView([55.75, 37.62], 5);
  });
})();
