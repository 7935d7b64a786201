/* sitrep web UI: shared helpers. Data is never parsed as HTML: elements are built with
   createElement / createElementNS and filled with textContent. */
"use strict";
(function () {
  var SVG_NS = "http://www.w3.org/2000/svg";

  function pageData() {
    var node = document.getElementById("page-data");
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  // el("a", {href: "/x", class: "y"}, "text" | [children])
  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    setAll(node, attrs, content);
    return node;
  }

  function svg(tag, attrs, content) {
    var node = document.createElementNS(SVG_NS, tag);
    setAll(node, attrs, content);
    return node;
  }

  function setAll(node, attrs, content) {
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "href" && !safeHref(String(v))) return;
        node.setAttribute(k, String(v));
      });
    }
    if (content === undefined || content === null) return;
    if (Array.isArray(content)) {
      content.forEach(function (c) {
        if (c === null || c === undefined) return;
        node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
      });
    } else if (typeof content === "object") {
      node.appendChild(content);
    } else {
      node.textContent = String(content);
    }
  }

  // only relative links and http(s)
  function safeHref(href) {
    return /^(\/(?!\/)|\?|#|https?:\/\/)/i.test(href);
  }

  function docHref(docId, anchor) {
    return "/documents/" + encodeURIComponent(docId).replace(/%2F/g, "/") +
      (anchor ? "#" + encodeURIComponent(anchor) : "");
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function actorText(a) {
    if (!a) return "";
    if (typeof a === "string") return a;
    var name = a.name || "";
    if (a.country && name.toUpperCase() !== a.country) return name + " (" + a.country + ")";
    return name || a.country || "";
  }

  // Zoom with the wheel and pan by dragging the background of an <svg> with a viewBox.
  function zoomPan(svgNode, onChange) {
    var vb = svgNode.viewBox.baseVal;
    var base = {x: vb.x, y: vb.y, w: vb.width, h: vb.height};
    var drag = null;
    function point(evt) {
      var r = svgNode.getBoundingClientRect();
      return {x: vb.x + (evt.clientX - r.left) / r.width * vb.width,
              y: vb.y + (evt.clientY - r.top) / r.height * vb.height};
    }
    svgNode.addEventListener("wheel", function (evt) {
      evt.preventDefault();
      var p = point(evt);
      var k = evt.deltaY < 0 ? 0.8 : 1.25;
      var w = Math.min(base.w * 2, Math.max(base.w / 40, vb.width * k));
      var h = w * base.h / base.w;
      vb.x = p.x - (p.x - vb.x) * w / vb.width;
      vb.y = p.y - (p.y - vb.y) * h / vb.height;
      vb.width = w; vb.height = h;
      if (onChange) onChange(vb.width / base.w);
    }, {passive: false});
    svgNode.addEventListener("pointerdown", function (evt) {
      if (evt.target !== svgNode && !evt.target.classList.contains("pannable")) return;
      drag = {x: evt.clientX, y: evt.clientY, vx: vb.x, vy: vb.y};
      svgNode.setPointerCapture(evt.pointerId);
      svgNode.classList.add("panning");
    });
    svgNode.addEventListener("pointermove", function (evt) {
      if (!drag) return;
      var r = svgNode.getBoundingClientRect();
      vb.x = drag.vx - (evt.clientX - drag.x) / r.width * vb.width;
      vb.y = drag.vy - (evt.clientY - drag.y) / r.height * vb.height;
    });
    function end() { drag = null; svgNode.classList.remove("panning"); }
    svgNode.addEventListener("pointerup", end);
    svgNode.addEventListener("pointercancel", end);
    return {
      reset: function () { vb.x = base.x; vb.y = base.y; vb.width = base.w; vb.height = base.h; },
      point: point
    };
  }

  window.sitrep = {pageData: pageData, el: el, svg: svg, clear: clear, docHref: docHref,
                   actorText: actorText, zoomPan: zoomPan, safeHref: safeHref};
})();
