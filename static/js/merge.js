/* Tiltaksarena: the three-way merge of one text, as measures/merge.py does it on the server.
 *
 * The browser uses it only to show others' changes in a field the person is typing in: the
 * server merges every save again and its answer is what counts. Needs the vendored
 * diff_match_patch (static/vendor/diff-match-patch/). Defines window.TaMerge.
 */
(function (root) {
  "use strict";

  var TOKEN = /[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu;
  var FIRST = 0xe000, LAST = 0xf8ff;  // private-use characters of the BMP stand for tokens
  var dmp = new root.diff_match_patch();
  dmp.Diff_Timeout = 0.1;

  function encode(texts) {
    // " " is token 0 of every table: `merge` may put one in a seam (as the server does).
    var table = [" "], index = new Map([[" ", 0]]);
    var encoded = texts.map(function (text) {
      return (text.match(TOKEN) || []).map(function (token) {
        if (!index.has(token)) { index.set(token, table.length); table.push(token); }
        return String.fromCharCode(FIRST + index.get(token));
      }).join("");
    });
    return table.length > LAST - FIRST ? null : { table: table, encoded: encoded };
  }

  function edits(base, other) {
    var diffs = dmp.diff_main(base, other, false), out = [], at = 0, cur = null;
    diffs.forEach(function (d) {
      if (d[0] === 0) { if (cur) { out.push(cur); cur = null; } at += d[1].length; return; }
      if (!cur) cur = [at, at, ""];
      if (d[0] === -1) { at += d[1].length; cur[1] = at; } else { cur[2] += d[1]; }
    });
    if (cur) out.push(cur);
    return out;
  }

  function touch(a, b) {
    if (a[0] === a[1] || b[0] === b[1]) {
      var point = a[0] === a[1] ? a[0] : b[0], range = a[0] === a[1] ? b : a;
      return range[0] < point && point < range[1];
    }
    return a[0] < b[1] && b[0] < a[1];
  }

  function version(base, start, end, list) {
    var chars = "", at = start;
    list.forEach(function (e) { chars += base.slice(at, e[0]) + e[2]; at = e[1]; });
    return chars + base.slice(at, end);
  }

  /* merge(base, mine, theirs) -> {text, clean}. Not clean: text is theirs, unchanged. */
  function merge(base, mine, theirs) {
    if (mine === base || mine === theirs) return { text: theirs, clean: true };
    if (theirs === base) return { text: mine, clean: true };
    var enc = encode([base, mine, theirs]);
    if (!enc) return { text: theirs, clean: false };
    var b = enc.encoded[0], all = [];
    edits(b, enc.encoded[1]).forEach(function (e) { all.push(e.concat("mine")); });
    edits(b, enc.encoded[2]).forEach(function (e) { all.push(e.concat("theirs")); });
    all.sort(function (x, y) {
      return x[0] - y[0] || x[1] - y[1] || (x[3] === "mine") - (y[3] === "mine");
    });
    var clusters = [];
    all.forEach(function (e) {
      var last = clusters[clusters.length - 1];
      var join = last && (e[0] < Math.max.apply(null, last.map(function (o) { return o[1]; })) ||
        last.some(function (o) { return touch(e, o); }));
      if (join) last.push(e); else clusters.push([e]);
    });
    var out = "", at = 0, clean = true, previous = null;
    var isSpace = function (ch) { return /^\s/.test(enc.table[ch.charCodeAt(0) - FIRST]); };
    clusters.forEach(function (c) {
      var start = Math.min.apply(null, c.map(function (e) { return e[0]; }));
      var end = Math.max.apply(null, c.map(function (e) { return e[1]; }));
      var m = version(b, start, end, c.filter(function (e) { return e[3] === "mine"; }));
      var t = version(b, start, end, c.filter(function (e) { return e[3] === "theirs"; }));
      var sides = new Set(c.map(function (e) { return e[3]; }));
      var seam = previous && previous[0] === previous[1] && previous[1] === start && start === end;
      var piece;
      out += b.slice(at, start);
      if (!sides.has("theirs") || m === t) piece = m;
      else if (!sides.has("mine")) piece = t;
      else if (!c.some(function (e) { return e[2]; })) piece = "";
      else { piece = t; clean = false; }
      if (seam && previous[2] && piece) {
        // Two people typed at one point (both started an empty field): both are kept, theirs
        // first. One typed on what the other typed (a save from a screen that had not yet
        // taken the other's): it is there once, the longer.
        if (piece.indexOf(previous[2]) === 0) out = out.slice(0, out.length - previous[2].length);
        else if (previous[2].indexOf(piece) === 0) piece = "";
        else if (!(isSpace(previous[2].slice(-1)) || isSpace(piece.charAt(0)))) {
          out += String.fromCharCode(FIRST);  // a space keeps the last and first words apart
        }
      }
      out += piece;
      previous = [start, end, piece];
      at = end;
    });
    out += b.slice(at);
    if (!clean) return { text: theirs, clean: false };
    var decoded = "";
    for (var i = 0; i < out.length; i++) decoded += enc.table[out.charCodeAt(i) - FIRST];
    return { text: decoded, clean: true };
  }

  /* Where a caret at `index` in `before` belongs in `after` (others' words move it along). */
  function rebase(before, after, index) {
    if (before === after) return index;
    return dmp.diff_xIndex(dmp.diff_main(before, after, false), index);
  }

  root.TaMerge = { merge: merge, rebase: rebase };
})(typeof window !== "undefined" ? window : globalThis);
