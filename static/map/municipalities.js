// The municipality markers of the map on the Karte page, inlined into the map's script by components/maps.py
// (MunicipalityLayer). Leaflet (static/vendor) is loaded before it. tests/browser/test_map.py runs it in Chromium,
// tests/test_maps.py checks expand() against features_from_columns() with node.
var kaMunicipalities = {
  // The embedded columns D as GeoJSON features (mirrors features_from_columns in components/maps.py).
  expand: function (D) {
    var s = {}, x = {}, out = [];
    function flag(ch) { return ch === "1" ? 1 : (ch === "0" ? 0 : null); }
    D.s.forEach(function (j) { s[j] = 1; });
    D.x.forEach(function (j) { x[j] = 1; });
    for (var j = 0; j < D.i.length; j++) {
      out.push({type: "Feature", geometry: {type: "Point", coordinates: [D.lon[j], D.lat[j]]}, properties: {
        i: D.i[j], n: D.n[j], d: D.d[j], v: D.v.map(function (col) { return String(col[j]); }), p: D.p[j],
        f: [flag(D.f[0][j]), flag(D.f[1][j])], r: D.r[j], c: +D.c[j] - 1, s: s[j] || 0, x: x[j] || 0
      }});
    }
    return {type: "FeatureCollection", features: out};
  },

  // The marker of a feature; C holds the colours, the texts and whether markers carry their value as a label.
  pointToLayer: function (C) {
    // Canvases sit below SVG within a pane, so the canvas goes into the marker pane, above the boundaries.
    var renderer = C.labelled ? null : L.canvas({padding: 0.3, pane: "markerPane"});
    var decoder = document.createElement("div");
    function plain(html) { decoder.innerHTML = html; return decoder.textContent; }
    function flag(v) { return v === 1 ? C.yes : (v === 0 ? C.no : "–"); }
    function details(p) {
      var rows = ["<strong>" + p.n + "</strong>", C.places[p.d]];
      for (var j = 0; j < C.fields.length; j++) {
        rows.push((j === C.metric ? "<strong>" + C.fields[j] + ": " + p.v[j] + "</strong>" : C.fields[j] + ": " + p.v[j]));
      }
      rows.push(C.population + ": " + p.p);
      rows.push(C.fairtrade + ": " + flag(p.f[0]));
      rows.push(C.council + ": " + flag(p.f[1]));
      if (p.x) { rows.push("<em>" + C.approximate + "</em>"); }
      return rows.join("<br>");
    }
    return function (feature, latlng) {
      var p = feature.properties, label = p.v[C.metric], layer;
      var fill = p.s ? C.suppressed : (p.c < 0 ? C.missing : C.colours[p.c]);
      if (C.labelled) {
        var cls = "ka-m " + (p.s ? "ka-s" : (p.c < 0 ? "ka-na" : "ka-c" + p.c)) + (p.x ? " ka-x" : "");
        var size = 2 * p.r;
        layer = L.marker(latlng, {
          icon: L.divIcon({className: cls, html: '<span aria-hidden="true">' + label + "</span>", iconSize: [size, size]}),
          keyboard: true, riseOnHover: true
        });
        layer.on("add", function () {
          var el = this.getElement();
          if (!el || el.kaReady) { return; }
          el.kaReady = true;
          el.setAttribute("aria-label", plain(p.n) + ": " + C.metricTitle + " " + plain(label));
          // Leaflet makes markers focusable (role "button") but does not click them on Enter or Space.
          el.addEventListener("keydown", function (e) {
            if (e.key === "Enter" || e.key === " ") {
              e.preventDefault();
              layer.fire("click", {latlng: layer.getLatLng(), originalEvent: e}, true);
            }
          });
        });
      } else {
        layer = L.circleMarker(latlng, {
          renderer: renderer, radius: p.r, color: C.outline, weight: 1, dashArray: p.x ? "3 3" : null,
          fillColor: fill, fillOpacity: 0.9
        });
      }
      var info = details(p);
      layer.bindTooltip(info + '<span hidden>' + C.open + p.i + C.close + "</span>",
                        {direction: "top", offset: [0, C.labelled ? -p.r : 0]});
      layer.bindPopup(function () { return info; });
      return layer;
    };
  }
};
