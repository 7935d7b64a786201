/* Map of places: country outlines from the bundled world-atlas TopoJSON (decoded here, no
   library), an equirectangular projection in SVG, places as dots. No tiles, no network. */
"use strict";
(function () {
  var S = window.sitrep;
  var data = S.pageData();
  var root = document.getElementById("map");
  var detail = document.getElementById("map-detail");
  if (!data || !root) return;
  var W = 1000, H = 500;
  root.setAttribute("viewBox", "0 0 " + W + " " + Math.round(H * 150 / 180));  // 90°N to 60°S
  function project(lon, lat) { return [(lon + 180) / 360 * W, (90 - lat) / 180 * H]; }

  var gCountries = S.svg("g", {class: "countries"});
  var gPlaces = S.svg("g", {class: "places"});
  root.appendChild(S.svg("rect", {x: -W, y: -H, width: 3 * W, height: 3 * H, class: "sea pannable"}));
  root.appendChild(gCountries);
  root.appendChild(gPlaces);

  // countries named in the articles, by ISO numeric code
  var byNumeric = {}, maxMentions = 1;
  (data.countries || []).forEach(function (c) {
    if (c.numeric) { byNumeric[c.numeric] = c; maxMentions = Math.max(maxMentions, c.mentions || 0); }
  });

  function decodeArcs(topo) {
    var t = topo.transform, sx = t ? t.scale[0] : 1, sy = t ? t.scale[1] : 1, tx = t ? t.translate[0] : 0, ty = t ? t.translate[1] : 0;
    return topo.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (p) {
        if (t) { x += p[0]; y += p[1]; } else { x = p[0]; y = p[1]; }
        return [x * sx + tx, y * sy + ty];
      });
    });
  }

  function ringPath(ring, arcs) {
    var pts = [];
    ring.forEach(function (i, k) {
      var arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
      arc.forEach(function (p, j) { if (k === 0 || j > 0) pts.push(p); });
    });
    // a ring crossing the antimeridian is drawn whole east of it (past the right edge) rather
    // than as a wedge across the map
    var crosses = pts.some(function (p, i) { return i > 0 && Math.abs(p[0] - pts[i - 1][0]) > 180; });
    var d = "";
    pts.forEach(function (p) {
      var q = project(crosses && p[0] < 0 ? p[0] + 360 : p[0], p[1]);
      d += (d === "" ? "M" : "L") + q[0].toFixed(1) + "," + q[1].toFixed(1);
    });
    return d + "Z";
  }

  function geometryPath(g, arcs) {
    if (g.type === "Polygon") return g.arcs.map(function (r) { return ringPath(r, arcs); }).join("");
    if (g.type === "MultiPolygon") return g.arcs.map(function (poly) {
      return poly.map(function (r) { return ringPath(r, arcs); }).join("");
    }).join("");
    return "";
  }

  function level(n) {
    if (!n) return 0;
    return Math.max(1, Math.min(5, Math.ceil(5 * Math.log(1 + n) / Math.log(1 + maxMentions))));
  }

  function drawCountries(topo) {
    var arcs = decodeArcs(topo);
    topo.objects.countries.geometries.forEach(function (g) {
      var info = g.id ? byNumeric[g.id] : null;
      var path = S.svg("path", {d: geometryPath(g, arcs), class: "country pannable level-" + level(info ? info.mentions : 0),
                                "data-id": g.id || ""});
      var name = (info && info.name) || (g.properties && g.properties.name) || "";
      path.appendChild(S.svg("title", null, name + (info ? ": " + info.mentions + " mention" + (info.mentions === 1 ? "" : "s") : "")));
      if (info) path.addEventListener("click", function () { showCountry(info); });
      gCountries.appendChild(path);
    });
  }

  var located = (data.items || []).filter(function (p) { return p.lat !== null && p.lon !== null && p.lat !== undefined; });
  var maxPlace = 1;
  located.forEach(function (p) { maxPlace = Math.max(maxPlace, p.mentions || 1); });
  var dots = [];
  var labelled = [];
  function baseR(p) { return 3 + 9 * Math.sqrt((p.mentions || 1) / maxPlace); }
  located.slice().sort(function (a, b) { return (b.mentions || 0) - (a.mentions || 0); }).forEach(function (p, i) {
    var q = project(p.lon, p.lat);
    var g = S.svg("g", {class: "place feature-" + (p.feature || "other"), tabindex: "0", transform: "translate(" + q[0] + "," + q[1] + ")"});
    var c = S.svg("circle", {r: baseR(p)});
    g.appendChild(c);
    g.appendChild(S.svg("title", null, p.name + (p.country ? " (" + p.country + ")" : "") + ": " + p.mentions + " mention" + (p.mentions === 1 ? "" : "s")));
    var label = null;
    var free = labelled.every(function (o) { return Math.abs(o[0] - q[0]) > 70 || Math.abs(o[1] - q[1]) > 14; });
    if (labelled.length < 15 && free) {
      labelled.push(q); label = S.svg("text", {x: baseR(p) + 2, y: 3, "font-size": 11, "stroke-width": 3, class: "place-label"}, p.name); g.appendChild(label); }
    g.addEventListener("click", function (evt) { evt.stopPropagation(); showPlace(p, g); });
    g.addEventListener("keydown", function (evt) { if (evt.key === "Enter") showPlace(p, g); });
    gPlaces.appendChild(g);
    dots.push({p: p, c: c, label: label, g: g});
  });

  S.zoomPan(root, function (scale) {
    var k = Math.pow(scale, 0.8);
    dots.forEach(function (d) {
      d.c.setAttribute("r", baseR(d.p) * k);
      if (d.label) {
        d.label.setAttribute("x", (baseR(d.p) + 2) * k);
        d.label.setAttribute("y", 3 * scale);
        d.label.setAttribute("font-size", 11 * scale);
        d.label.setAttribute("stroke-width", 3 * scale);
      }
    });
    gCountries.setAttribute("stroke-width", 0.5 * scale);
  });

  function kv(k, v) { return S.el("div", {class: "kv"}, [S.el("span", {class: "k"}, k), S.el("span", {class: "v"}, String(v))]); }

  function showPlace(p, g) {
    dots.forEach(function (d) { d.g.classList.toggle("selected", d.g === g); });
    S.clear(detail);
    detail.appendChild(S.el("h3", null, p.name));
    if (p.country) detail.appendChild(kv("country", p.country));
    if (p.feature) detail.appendChild(kv("feature", p.feature));
    detail.appendChild(kv("coordinates", p.lat.toFixed(2) + ", " + p.lon.toFixed(2)));
    detail.appendChild(kv("mentions", p.mentions));
    if (p.events) detail.appendChild(kv("events placed here", p.events));
    detail.appendChild(S.el("div", {class: "k"}, "documents"));
    var ul = S.el("ul");
    (p.documents || []).forEach(function (d) {
      ul.appendChild(S.el("li", null, S.el("a", {href: S.docHref(d.id)}, (d.title || d.id) + (d.published ? " (" + d.published + ")" : ""))));
    });
    detail.appendChild(ul);
    (p.evidence || []).slice(0, 3).forEach(function (ev) {
      var a = S.el("a", {href: S.docHref(ev.doc_id, "s-" + ev.sentence), class: "evidence-link"}, S.el("q", {class: "evidence"}, ev.text));
      detail.appendChild(a);
    });
  }

  function showCountry(c) {
    S.clear(detail);
    detail.appendChild(S.el("h3", null, c.name + " (" + c.country + ")"));
    detail.appendChild(kv("places named", c.places));
    detail.appendChild(kv("mentions", c.mentions));
    detail.appendChild(kv("documents", c.documents));
    detail.appendChild(S.el("p", null, [S.el("a", {href: "/timeline?actor=" + encodeURIComponent(c.country)}, "Timeline →"), " ",
                                        S.el("a", {href: "/events?country=" + encodeURIComponent(c.country)}, "Events →")]));
  }

  fetch(root.dataset.atlas, {credentials: "same-origin"}).then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status);
    return r.json();
  }).then(function (topo) {
    drawCountries(topo);
    root.classList.add("ready");
  }).catch(function (err) {
    root.appendChild(S.svg("text", {x: W / 2, y: 20, "text-anchor": "middle", class: "muted"}, "country outlines unavailable: " + err.message));
    root.classList.add("ready");
  });
})();
