/* Timeline page: a bar chart of events per month; click a bar to show only that month. */
"use strict";
(function () {
  var S = window.sitrep;
  var data = S.pageData();
  var chart = document.getElementById("timeline-chart");
  if (!data || !chart) return;
  var months = Object.keys(data.by_month || {});
  var W = 900, H = 160, pad = {l: 30, r: 10, t: 10, b: 34};
  chart.setAttribute("viewBox", "0 0 " + W + " " + H);
  if (!months.length) {
    chart.appendChild(S.svg("text", {x: W / 2, y: H / 2, "text-anchor": "middle", class: "muted"}, "no dated events"));
    return;
  }
  // fill the gaps between the first and the last month so that time reads left to right
  var known = months.filter(function (m) { return /^\d{4}-\d{2}$/.test(m); }).sort();
  var all = [];
  if (known.length) {
    var y = Number(known[0].slice(0, 4)), mo = Number(known[0].slice(5, 7));
    var last = known[known.length - 1];
    for (var guard = 0; guard < 600; guard++) {
      var key = y + "-" + (mo < 10 ? "0" : "") + mo;
      all.push(key);
      if (key >= last) break;
      mo += 1; if (mo > 12) { mo = 1; y += 1; }
    }
  }
  months.forEach(function (m) { if (all.indexOf(m) < 0) all.push(m); });  // "2025", "unknown", ...
  all.sort(function (a, b) {  // a year-only date sorts before its months; "unknown" last
    if (a === "unknown") return 1;
    if (b === "unknown") return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  var max = 1;
  all.forEach(function (m) { max = Math.max(max, data.by_month[m] || 0); });
  var bw = Math.min(60, (W - pad.l - pad.r) / all.length);
  var list = document.getElementById("timeline-list");
  var entries = list ? Array.prototype.slice.call(list.querySelectorAll(".tl-entry")) : [];
  var selected = null;

  chart.appendChild(S.svg("line", {x1: pad.l, y1: H - pad.b, x2: W - pad.r, y2: H - pad.b, class: "axis"}));
  chart.appendChild(S.svg("text", {x: pad.l - 4, y: pad.t + 8, "text-anchor": "end", class: "tick"}, String(max)));
  var bars = [];
  all.forEach(function (m, i) {
    var n = data.by_month[m] || 0;
    var h = (H - pad.t - pad.b) * n / max;
    var g = S.svg("g", {class: "bar", tabindex: n ? "0" : null, "data-month": m});
    g.appendChild(S.svg("title", null, m + ": " + n + " event" + (n === 1 ? "" : "s")));
    g.appendChild(S.svg("rect", {x: pad.l + i * bw + 1, y: H - pad.b - h, width: Math.max(1, bw - 2), height: h}));
    if (all.length <= 24 || i % Math.ceil(all.length / 24) === 0) {
      g.appendChild(S.svg("text", {x: pad.l + i * bw + bw / 2, y: H - pad.b + 14, "text-anchor": "middle", class: "tick"}, m));
    }
    if (n) {
      g.addEventListener("click", function () { choose(m); });
      g.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(m); } });
    }
    chart.appendChild(g);
    bars.push(g);
  });

  function choose(m) {
    selected = selected === m ? null : m;
    bars.forEach(function (b) { b.classList.toggle("selected", b.dataset.month === selected); });
    entries.forEach(function (e) {
      var show = !selected || e.dataset.month === selected || e.dataset.month.indexOf(selected) === 0;
      e.hidden = !show;
    });
  }
})();
