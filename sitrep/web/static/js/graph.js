/* Relation graph: a small force-directed layout in SVG (no library). Nodes are actors, edges the
   events between them (colour: cooperation vs conflict) and arms transfers (dashed). */
"use strict";
(function () {
  var S = window.sitrep;
  var data = S.pageData();
  var root = document.getElementById("graph");
  var detail = document.getElementById("graph-detail");
  if (!data || !root) return;
  var W = 1000, H = 700;
  root.setAttribute("viewBox", "0 0 " + W + " " + H);
  if (!data.nodes.length) {
    root.appendChild(S.svg("text", {x: W / 2, y: H / 2, "text-anchor": "middle", class: "muted"}, "no relations to show"));
    return;
  }

  var nodes = data.nodes.map(function (n, i) {
    var a = 2 * Math.PI * i / data.nodes.length;
    var r = 0.6 + 0.1 * ((i * 7) % 5);
    return {d: n, id: n.id, x: W / 2 + r * W * 0.35 * Math.cos(a), y: H / 2 + r * H * 0.35 * Math.sin(a), fixed: false};
  });
  var byId = {};
  nodes.forEach(function (n) { byId[n.id] = n; });
  var edges = data.edges.filter(function (e) { return byId[e.source] && byId[e.target]; }).map(function (e) {
    return {d: e, s: byId[e.source], t: byId[e.target], w: (e.count || 0) + (e.transfers || 0)};
  });
  var pairs = {};
  edges.forEach(function (e) { pairs[e.s.id + "\u0000" + e.t.id] = true; });

  function layout(iterations) {
    var k = Math.max(60, Math.min(170, Math.sqrt(W * H / nodes.length) * 0.45));
    for (var it = 0; it < iterations; it++) {
      var temp = 40 * (1 - it / iterations) + 1;
      nodes.forEach(function (n) { n.fx = 0; n.fy = 0; });
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j];
          var dx = a.x - b.x, dy = a.y - b.y;
          var d2 = dx * dx + dy * dy + 0.01, d = Math.sqrt(d2);
          if (d > 3 * k) continue;  // far nodes do not push (lets gravity gather the components)
          var f = k * k / d;
          a.fx += dx / d * f; a.fy += dy / d * f; b.fx -= dx / d * f; b.fy -= dy / d * f;
        }
      }
      edges.forEach(function (e) {
        var dx = e.s.x - e.t.x, dy = e.s.y - e.t.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        var f = d * d / k * (1 + Math.log(1 + e.w) * 0.3);
        e.s.fx -= dx / d * f; e.s.fy -= dy / d * f; e.t.fx += dx / d * f; e.t.fy += dy / d * f;
      });
      nodes.forEach(function (n) {
        n.fx += (W / 2 - n.x) * 0.08; n.fy += (H / 2 - n.y) * 0.14;  // gravity keeps components together
        if (n.fixed) return;
        var f = Math.sqrt(n.fx * n.fx + n.fy * n.fy) + 0.01;
        n.x += n.fx / f * Math.min(f, temp); n.y += n.fy / f * Math.min(f, temp);
        n.x = Math.max(40, Math.min(W - 40, n.x)); n.y = Math.max(30, Math.min(H - 30, n.y));
      });
    }
  }
  layout(nodes.length > 120 ? 150 : 300);

  var defs = S.svg("defs");
  ["coop", "conf", "mixed", "transfer"].forEach(function (c) {
    var m = S.svg("marker", {id: "arrow-" + c, viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7",
                             markerHeight: "7", orient: "auto-start-reverse", class: "arrow arrow-" + c});
    m.appendChild(S.svg("path", {d: "M0,0 L10,5 L0,10 z"}));
    defs.appendChild(m);
  });
  root.appendChild(defs);
  var gEdges = S.svg("g", {class: "edges"});
  var gNodes = S.svg("g", {class: "nodes"});
  root.appendChild(gEdges);
  root.appendChild(gNodes);

  function edgeClass(e) {
    if (!e.d.count && e.d.transfers) return "transfer";
    if (e.d.score > 0.2) return "coop";
    if (e.d.score < -0.2) return "conf";
    return "mixed";
  }
  function radius(n) { return 6 + Math.min(22, Math.sqrt(n.d.weight || n.d.degree || 1) * 3); }

  edges.forEach(function (e) {
    var cls = edgeClass(e);
    e.el = S.svg("path", {class: "edge edge-" + cls + (e.d.transfers ? " has-transfer" : ""),
                          "stroke-width": Math.min(9, 1 + Math.log(1 + e.w) * 1.6),
                          "marker-end": "url(#arrow-" + cls + ")", tabindex: "0"});
    e.el.appendChild(S.svg("title", null, e.s.d.label + " → " + e.t.d.label + ": " + (e.d.count || 0) + " events" +
                           (e.d.transfers ? ", " + e.d.transfers + " transfers" : "")));
    e.el.addEventListener("click", function (evt) { evt.stopPropagation(); showEdge(e); });
    gEdges.appendChild(e.el);
  });
  nodes.forEach(function (n) {
    var g = S.svg("g", {class: "node kind-" + (n.d.kind || "other"), tabindex: "0", "data-id": n.id});
    g.appendChild(S.svg("circle", {r: radius(n)}));
    g.appendChild(S.svg("text", {dy: -radius(n) - 4, "text-anchor": "middle"}, n.d.label || n.id));
    g.appendChild(S.svg("title", null, (n.d.label || n.id) + (n.d.country ? " (" + n.d.country + ")" : "")));
    n.el = g;
    gNodes.appendChild(g);
    var drag = null;
    g.addEventListener("pointerdown", function (evt) {
      evt.stopPropagation();
      drag = {moved: false};
      g.setPointerCapture(evt.pointerId);
    });
    g.addEventListener("pointermove", function (evt) {
      if (!drag) return;
      var p = zp.point(evt);
      n.x = p.x; n.y = p.y; n.fixed = true; drag.moved = true;
      draw();
    });
    g.addEventListener("pointerup", function () {
      if (drag && !drag.moved) showNode(n);
      drag = null;
    });
    g.addEventListener("keydown", function (evt) { if (evt.key === "Enter") showNode(n); });
  });

  function draw() {
    edges.forEach(function (e) {
      var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      var rs = radius(e.s), rt = radius(e.t) + 3;
      var x1 = e.s.x + dx / d * rs, y1 = e.s.y + dy / d * rs, x2 = e.t.x - dx / d * rt, y2 = e.t.y - dy / d * rt;
      var back = pairs[e.t.id + "\u0000" + e.s.id];
      if (back) {  // both directions: bend so the two arrows do not overlap
        var mx = (x1 + x2) / 2 - dy / d * 18, my = (y1 + y2) / 2 + dx / d * 18;
        e.el.setAttribute("d", "M" + x1 + "," + y1 + " Q" + mx + "," + my + " " + x2 + "," + y2);
      } else {
        e.el.setAttribute("d", "M" + x1 + "," + y1 + " L" + x2 + "," + y2);
      }
    });
    nodes.forEach(function (n) { n.el.setAttribute("transform", "translate(" + n.x + "," + n.y + ")"); });
  }
  draw();
  var zp = S.zoomPan(root);

  function focus(set) {
    root.classList.toggle("focused", !!set);
    nodes.forEach(function (n) { n.el.classList.toggle("on", !!set && !!set[n.id]); });
    edges.forEach(function (e) { e.el.classList.toggle("on", !!set && !!set[e.s.id] && !!set[e.t.id] && (set.__edge ? set.__edge === e : true)); });
  }
  root.addEventListener("click", function (evt) { if (evt.target === root) { focus(null); } });

  function kv(k, v) { return S.el("div", {class: "kv"}, [S.el("span", {class: "k"}, k), S.el("span", {class: "v"}, String(v))]); }
  function timelineLink(a, b, label) {
    var href = "/timeline?actor=" + encodeURIComponent(a) + (b ? "&actor2=" + encodeURIComponent(b) : "");
    return S.el("a", {href: href}, label);
  }

  function showNode(n) {
    var set = {}; set[n.id] = true;
    var rel = edges.filter(function (e) { return e.s === n || e.t === n; });
    rel.forEach(function (e) { set[e.s.id] = true; set[e.t.id] = true; });
    focus(set);
    S.clear(detail);
    detail.appendChild(S.el("h3", null, n.d.label || n.id));
    detail.appendChild(kv("key", n.id));
    if (n.d.country) detail.appendChild(kv("country", n.d.country));
    if (n.d.kind) detail.appendChild(kv("kind", n.d.kind));
    detail.appendChild(kv("events out / in", (n.d.events_out || 0) + " / " + (n.d.events_in || 0)));
    detail.appendChild(S.el("p", null, timelineLink(n.id, null, "Timeline of " + (n.d.label || n.id) + " →")));
    var ul = S.el("ul", {class: "rel-list"});
    rel.sort(function (a, b) { return b.w - a.w; }).forEach(function (e) {
      var b = S.el("button", {type: "button", class: "linkish"},
        e.s.d.label + " → " + e.t.d.label + " (" + (e.d.count || 0) + (e.d.transfers ? " + " + e.d.transfers + " transfers" : "") + ")");
      b.addEventListener("click", function () { showEdge(e); });
      ul.appendChild(S.el("li", null, b));
    });
    detail.appendChild(ul);
  }

  function showEdge(e) {
    var set = {__edge: e}; set[e.s.id] = true; set[e.t.id] = true;
    focus(set);
    S.clear(detail);
    detail.appendChild(S.el("h3", null, e.s.d.label + " → " + e.t.d.label));
    detail.appendChild(kv("events", e.d.count || 0));
    if (e.d.count) {
      detail.appendChild(kv("cooperation–conflict", e.d.score));
      detail.appendChild(kv("Goldstein-like", e.d.goldstein));
      detail.appendChild(kv("independent sources", e.d.sources));
      if (e.d.first) detail.appendChild(kv("period", e.d.first + (e.d.last && e.d.last !== e.d.first ? " – " + e.d.last : "")));
      var types = S.el("ul", {class: "types"});
      Object.keys(e.d.types || {}).forEach(function (t) { types.appendChild(S.el("li", null, t + ": " + e.d.types[t])); });
      detail.appendChild(types);
    }
    if (e.d.transfers) {
      detail.appendChild(kv("arms transfers", e.d.transfers));
      if (e.d.systems) detail.appendChild(kv("systems", e.d.systems));
    }
    detail.appendChild(S.el("p", null, timelineLink(e.s.id, e.t.id, "Events between them →")));
  }
})();
