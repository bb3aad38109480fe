/* Leaflet maps: points from a json_script block or GeoJSON from a URL; tiles only when configured. */
(function () {
  "use strict";
  function colour(kind) {
    return { organization: "#0b5394", social_site: "#137333", volunteer: "#b06000", leader: "#8e24aa", territory: "#555" }[kind] || "#0b5394";
  }
  function marker(latlng, kind, fill) {
    return L.circleMarker(latlng, { radius: 8, color: "#fff", weight: 2, fillColor: fill || colour(kind), fillOpacity: 0.95 });
  }
  function popup(props) {
    var box = document.createElement("div");
    var title = document.createElement(props.url ? "a" : "strong");
    title.textContent = props.name || "";
    if (props.url) title.href = props.url;
    box.appendChild(title);
    if (props.label) { var p = document.createElement("div"); p.textContent = props.label; box.appendChild(p); }
    return box;
  }
  function init(el) {
    var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.25 });
    if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, { maxZoom: 18 }).addTo(map);
    var bounds = L.latLngBounds([]);
    if (el.dataset.points) {
      var data = JSON.parse(document.getElementById(el.dataset.points).textContent);
      data.points.forEach(function (p) {
        var m = marker([p.lat, p.lon], p.kind).bindPopup(popup(p)).addTo(map);
        bounds.extend(m.getLatLng());
      });
      if (data.center) { L.circleMarker(data.center, { radius: 6, color: "#b3261e" }).addTo(map); bounds.extend(data.center); }
      fit(map, bounds);
    }
    if (el.dataset.url) {
      fetch(el.dataset.url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (geo) {
        var layer = L.geoJSON(geo, {
          style: function (f) { return { color: f.properties.color || colour(f.properties.kind), weight: f.properties.kind === "territory" ? 1 : 2, fillOpacity: f.properties.kind === "gap" ? 0.3 : 0.08 }; },
          pointToLayer: function (f, latlng) { return marker(latlng, f.properties.kind, f.properties.color); },
          onEachFeature: function (f, l) { l.bindPopup(popup(f.properties)); }
        }).addTo(map);
        fit(map, layer.getBounds());
      });
    }
  }
  function fit(map, bounds) {
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 13 }); else map.setView([55.75, 37.62], 5);
  }
  document.querySelectorAll(".map[data-points], .map[data-url]").forEach(init);
})();
