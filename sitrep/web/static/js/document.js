/* Document page: click a record (event, claim, transfer, place, actor) to light up its evidence;
   click a sentence to see which records stand on it. */
"use strict";
(function () {
  var S = window.sitrep;
  var doc = S.pageData();
  if (!doc) return;
  var textNode = document.getElementById("doc-text");
  var detail = document.getElementById("record-detail");
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button.rec"));

  function record(kind, id) {
    var list = doc[kind] || [];
    if (kind === "places" || kind === "actors") return list[Number(id)] || null;
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
    return null;
  }

  function evidenceOf(rec) {
    return (rec && (rec.evidence || rec.mentions)) || [];
  }

  function clearHighlight() {
    document.querySelectorAll(".sent.lit").forEach(function (n) { n.classList.remove("lit"); });
    document.querySelectorAll(".seg.lit-span").forEach(function (n) { n.classList.remove("lit-span"); });
    document.querySelectorAll(".sent.picked").forEach(function (n) { n.classList.remove("picked"); });
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", "false");
      b.classList.remove("related");
    });
  }

  function lightEvidence(evs) {
    var first = null;
    var segs = textNode.querySelectorAll(".seg");
    evs.forEach(function (ev) {
      var sent = document.getElementById("s-" + ev.sentence);
      if (sent) { sent.classList.add("lit"); first = first || sent; }
      // the span's pieces, wherever they are (a span may run into the next sentence)
      segs.forEach(function (seg) {
        var a = Number(seg.dataset.a), b = Number(seg.dataset.b);
        if (a >= ev.start && b <= ev.end && ev.end > ev.start) {
          seg.classList.add("lit-span");
          var s = seg.closest(".sent");
          if (s) s.classList.add("lit");
          first = first || s || seg;
        }
      });
    });
    if (first) first.scrollIntoView({block: "center"});
    return first;
  }

  function row(label, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return null;
    return S.el("div", {class: "kv"}, [S.el("span", {class: "k"}, label), S.el("span", {class: "v"}, String(value))]);
  }

  function describe(kind, rec) {
    S.clear(detail);
    if (!rec) return;
    var rows = [];
    if (kind === "events") {
      rows = [row("type", (rec.negated ? "NOT " : "") + rec.type), row("source", S.actorText(rec.source)),
              row("target", S.actorText(rec.target)), row("date", rec.date ? rec.date.value + (rec.date.text ? " (“" + rec.date.text + "”)" : "") : null),
              row("place", rec.place ? rec.place.name : null), row("quad", rec.quad), row("modality", rec.modality),
              row("trigger", rec.trigger), row("reported by", (rec.reported_by || []).join(", ")), row("id", rec.id)];
    } else if (kind === "claims") {
      rows = [row("speaker", S.actorText(rec.speaker) || "unattributed"), row("stance", rec.stance),
              row("content", rec.content), row("cue", rec.cue), row("act", rec.act),
              row("hedges", (rec.hedges || []).join(", ")), row("source type", rec.source_type),
              row("quote", rec.quote_type), row("events", (rec.events || []).join(", ")), row("id", rec.id)];
    } else if (kind === "attitudes") {
      rows = [row("speaker", S.actorText(rec.speaker) || "unattributed"), row("content", rec.content),
              row("cue", rec.cue), row("act", rec.act), row("source type", rec.source_type), row("id", rec.id)];
    } else if (kind === "transfers") {
      rows = [row("supplier", S.actorText(rec.supplier)), row("recipient", S.actorText(rec.recipient)),
              row("system", rec.system), row("category", rec.category), row("quantity", rec.quantity_text || rec.quantity),
              row("status", rec.status), row("value", rec.value), row("year", rec.year), row("id", rec.id)];
    } else if (kind === "places") {
      rows = [row("place", rec.name), row("country", rec.country), row("feature", rec.feature),
              row("coordinates", rec.lat !== null && rec.lat !== undefined ? rec.lat + ", " + rec.lon : null)];
    } else if (kind === "actors") {
      rows = [row("actor", rec.name), row("country", rec.country), row("sector", rec.sector), row("role", rec.role),
              row("kind", rec.kind), row("mentions", evidenceOf(rec).length)];
    }
    detail.appendChild(S.el("h3", null, "Selected " + kind.replace(/s$/, "")));
    rows.forEach(function (r) { if (r) detail.appendChild(r); });
    var evs = evidenceOf(rec);
    if (evs.length) {
      detail.appendChild(S.el("div", {class: "k"}, "evidence"));
      var seen = {};
      evs.forEach(function (ev) {
        if (seen[ev.sentence]) return;
        seen[ev.sentence] = true;
        detail.appendChild(S.el("q", {class: "evidence"}, ev.text));
      });
    }
  }

  function select(button) {
    clearHighlight();
    var kind = button.dataset.kind, id = button.dataset.id;
    var rec = record(kind, id);
    button.setAttribute("aria-pressed", "true");
    var d = button.closest("details");
    if (d) d.open = true;
    lightEvidence(evidenceOf(rec));
    describe(kind, rec);
    if (kind !== "places" && kind !== "actors" && window.history.replaceState) {
      window.history.replaceState(null, "", "#r=" + encodeURIComponent(id));
    }
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () { select(b); });
  });

  function pickSentence(sent) {
    clearHighlight();
    var idx = Number(sent.dataset.s);
    sent.classList.add("lit", "picked");
    var related = [];
    buttons.forEach(function (b) {
      var evs = evidenceOf(record(b.dataset.kind, b.dataset.id));
      for (var i = 0; i < evs.length; i++) {
        if (evs[i].sentence === idx) {
          b.classList.add("related");
          var d = b.closest("details"); if (d) d.open = true;
          related.push(b);
          return;
        }
      }
    });
    S.clear(detail);
    detail.appendChild(S.el("h3", null, "Sentence " + idx + ": " + related.length + " record" + (related.length === 1 ? "" : "s")));
    related.forEach(function (b) {
      var copy = S.el("button", {type: "button", class: "linkish"}, b.textContent.replace(/\s+/g, " ").trim());
      copy.addEventListener("click", function () { select(b); b.scrollIntoView({block: "nearest"}); });
      detail.appendChild(S.el("div", null, copy));
    });
    if (window.history.replaceState) window.history.replaceState(null, "", "#s-" + idx);
  }

  textNode.addEventListener("click", function (evt) {
    var sent = evt.target.closest(".sent");
    if (sent && !window.getSelection().toString()) pickSentence(sent);
  });

  function fromHash() {
    var h = decodeURIComponent(window.location.hash || "").replace(/^#/, "");
    if (h.indexOf("r=") === 0) {
      var id = h.slice(2);
      for (var i = 0; i < buttons.length; i++) {
        if (buttons[i].dataset.id === id) { select(buttons[i]); buttons[i].scrollIntoView({block: "nearest"}); return; }
      }
    } else if (/^s-\d+$/.test(h)) {
      var sent = document.getElementById(h);
      if (sent) { pickSentence(sent); sent.scrollIntoView({block: "center"}); }
    }
  }
  fromHash();
  window.addEventListener("hashchange", fromHash);
})();
