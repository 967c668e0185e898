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

  // Offsets [dx, dy] that push apart circles P = [{x, y, r}] (pixels) until no two overlap (gap px between them).
  // Each overlapping pair moves apart by half the overlap, a few rounds over a grid of neighbours; the result
  // depends only on the input order, so every redraw places the circles the same way.
  separate: function (P, gap) {
    var n = P.length, dx = [], dy = [], maxR = 0, j;
    for (j = 0; j < n; j++) { dx.push(0); dy.push(0); maxR = Math.max(maxR, P[j].r); }
    var cell = 2 * maxR + gap;
    for (var round = 0; round < 200; round++) {
      var grid = {}, moved = false;
      for (j = 0; j < n; j++) {
        var key = Math.floor((P[j].x + dx[j]) / cell) + ":" + Math.floor((P[j].y + dy[j]) / cell);
        (grid[key] = grid[key] || []).push(j);
      }
      for (var a = 0; a < n; a++) {
        var ax = P[a].x + dx[a], ay = P[a].y + dy[a], gx = Math.floor(ax / cell), gy = Math.floor(ay / cell);
        for (var u = gx - 1; u <= gx + 1; u++) {
          for (var v = gy - 1; v <= gy + 1; v++) {
            var near = grid[u + ":" + v] || [];
            for (var q = 0; q < near.length; q++) {
              var b = near[q];
              if (b <= a) { continue; }
              var ex = P[b].x + dx[b] - (P[a].x + dx[a]), ey = P[b].y + dy[b] - (P[a].y + dy[a]);
              var d = Math.sqrt(ex * ex + ey * ey), need = P[a].r + P[b].r + gap, ux, uy;
              if (d >= need - 0.01) { continue; }
              if (d < 1e-6) {  // the same spot: split along a direction that differs from pair to pair
                ux = Math.cos(2.399963 * (a + 1)); uy = Math.sin(2.399963 * (a + 1));
              } else { ux = ex / d; uy = ey / d; }
              var push = (need - d) / 2 + 0.01;
              dx[a] -= ux * push; dy[a] -= uy * push; dx[b] += ux * push; dy[b] += uy * push;
              moved = true;
            }
          }
        }
      }
      if (!moved) { break; }
    }
    var out = [];
    for (j = 0; j < n; j++) { out.push([Math.round(dx[j] * 10) / 10, Math.round(dy[j] * 10) / 10]); }
    return out;
  },

  // Moves overlapping labelled markers of the GeoJSON layer apart after every zoom (their position on the map,
  // and so a click's coordinates, stay the true ones; only the drawn circle and its tooltip shift), and draws a
  // thin line from each moved circle back to its true place.
  declutter: function (map, layer) {
    var lines = L.layerGroup().addTo(map);
    function run() {
      var items = [];
      layer.eachLayer(function (m) { if (m.getElement && m.getElement()) { items.push(m); } });
      var points = items.map(function (m) {
        var p = map.latLngToLayerPoint(m.getLatLng());
        return {x: p.x, y: p.y, r: m.feature.properties.r};
      });
      var offsets = kaMunicipalities.separate(points, 2);
      lines.clearLayers();
      items.forEach(function (m, j) {
        var el = m.getElement(), r = points[j].r, o = offsets[j];
        el.style.marginLeft = (o[0] - r) + "px";
        el.style.marginTop = (o[1] - r) + "px";
        el.setAttribute("data-ka-offset", o[0] + "," + o[1]);
        var tip = m.getTooltip();
        if (tip) { tip.options.offset = [o[0], o[1] - r]; }
        if (Math.abs(o[0]) + Math.abs(o[1]) > r / 2) {
          var end = map.layerPointToLatLng(L.point(points[j].x + o[0], points[j].y + o[1]));
          L.polyline([m.getLatLng(), end], {color: "#1A1A1A", weight: 1, interactive: false}).addTo(lines);
          L.circleMarker(m.getLatLng(), {radius: 2, color: "#1A1A1A", weight: 1, fillOpacity: 1,
                                         interactive: false}).addTo(lines);
        }
      });
    }
    map.on("zoomend viewreset", run);
    run();
  },

  // Zoom buttons with German (or English) titles, and a scale bar in kilometres only.
  controls: function (map, T) {
    L.control.zoom({zoomInTitle: T.zoomIn, zoomOutTitle: T.zoomOut}).addTo(map);
    L.control.scale({imperial: false}).addTo(map);
  },

  // The legend as a collapsible control (<details>): open where the map is wide, closed on phones, and the
  // view fitted to B = [[south, west], [north, east]] beside the legend, so that it covers no circle at first;
  // margin (px) keeps the largest circle inside the frame.
  legend: function (map, html, title, B, margin) {
    var control = L.control({position: "bottomright"}), box;
    control.onAdd = function () {
      box = L.DomUtil.create("details", "ka-legend");
      box.innerHTML = "<summary>" + title + "</summary><div class=\"ka-legend-body\">" + html + "</div>";
      if (map.getSize().x >= 560) { box.open = true; }
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(map);
    function fit() {
      var size = map.getSize(), w = box.offsetWidth + 10, h = box.offsetHeight + 10, bounds = L.latLngBounds(B);
      // The legend sits in the bottom-right corner: keep it free either at the right or at the bottom,
      // whichever leaves the larger map.
      var pad = L.point(margin, margin);
      var right = L.point(Math.min(w, size.x / 2) + margin, margin), below = L.point(margin, Math.min(h, size.y / 2) + margin);
      var zr = map.getBoundsZoom(bounds, false, right.add(pad)), zb = map.getBoundsZoom(bounds, false, below.add(pad));
      map.fitBounds(bounds, {paddingTopLeft: pad, paddingBottomRight: zr >= zb ? right : below, maxZoom: 9,
                             animate: false});
    }
    // Opening or closing the legend fits the view again, unless the visitor has moved the map meanwhile.
    function moved(e) { if (!box.contains(e.target)) { map.kaMovedByUser = true; } }
    map.getContainer().addEventListener("pointerdown", moved, true);
    map.getContainer().addEventListener("wheel", moved, true);
    box.addEventListener("toggle", function () { if (!map.kaMovedByUser) { fit(); } });
    fit();
    return box;
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
