/* Tiltaksarena: the measure editor, written together by a table.
 *
 * Every change goes into an outbox in localStorage first and stays there until the server has
 * confirmed exactly that content (the same op id); it is resent after a reload and when the
 * connection returns. A save carries the value it was typed on (base) and the server merges it
 * into what is saved now (measures/merge.py). A poll of the changes feed (about once a second,
 * answered from the cache, paused while the tab is hidden) brings others' changes, merged into
 * the field around the caret with the same algorithm (static/js/merge.js), and who is where.
 * A refused or invalid save is never resent: the reason is shown at the field until the person
 * changes it. Without this script the step's form posts and the server merges just the same.
 *
 * Markup (measure_edit.html, _autosave_field.html, _rows.html, _row_card.html): the form's
 * data-* attributes; fields in .autosave[data-field][data-kind] with a hidden base-<field>;
 * row cards .row-card[data-row-id][data-prefix] with hidden initial-<prefix>-<f> bases.
 */
(function () {
  "use strict";

  var form = document.getElementById("measure-form");
  if (!form || !window.TaMerge || !window.fetch || !window.localStorage) return;
  var D = form.dataset;
  var status = document.getElementById("save-status");
  var presenceBox = document.getElementById("presence");
  var rowsBox = document.getElementById("step-rows");
  var PREFIX = "ta:m:" + D.measure + ":";
  var pageRev = Number(D.rev), rev = pageRev;
  var confirmed = {}, fieldRev = {};  // field -> the value the server last gave us, and its rev
  var rowRev = {};  // row id -> the rev of the row's values this page last took
  var sending = {}, timers = {}, later = {}, retries = {};
  var etag = null, lastBeat = 0, here = null, lastSaved = "";

  /* ---- small helpers ---- */
  function newOp() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (Math.random() * 16) >> (c / 4)).toString(16);
    });
  }
  function read(key) { try { return JSON.parse(localStorage.getItem(PREFIX + key)); } catch (e) { return null; } }
  function write(key, entry) { try { localStorage.setItem(PREFIX + key, JSON.stringify(entry)); } catch (e) {} }
  function drop(key, op) { var e = read(key); if (e && (!op || e.op === op)) localStorage.removeItem(PREFIX + key); }
  function keys() {
    var out = [];
    for (var i = 0; i < localStorage.length; i++) {
      var k = localStorage.key(i);
      if (k && k.indexOf(PREFIX) === 0) out.push(k.slice(PREFIX.length));
    }
    return out;
  }
  function norm(v) { return String(v == null ? "" : v).replace(/\r\n/g, "\n").trim(); }
  function say(kind, extra) {
    if (!status) return;
    var text = (status.dataset[kind] || "") + (extra ? " " + extra : "");
    if (status.textContent !== text) status.textContent = text;
    status.classList.toggle("is-saved", kind === "saved");
    status.classList.toggle("is-problem", ["saved", "saving", "idle"].indexOf(kind) === -1);
    status.dataset.state = kind;
  }
  function post(url, data) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    Object.keys(data).forEach(function (k) {
      [].concat(data[k]).forEach(function (v) { body.append(k, v == null ? "" : v); });
    });
    return fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        // A 429 (arena/limits.py) answers like a refusal: its message says when to try again.
        if (r.ok || r.status === 429) return r.json();
        // 4xx: the request itself is wrong and resending will not help; 5xx: try again later.
        return Promise.reject(r.status >= 500 ? "retry" : "bad");
      });
  }
  function failed(key, resend, why) {
    if (why === "bad") return { status: "invalid", message: status.dataset.invalid };
    say(navigator.onLine ? "retrying" : "offline");
    retries[key] = Math.min((retries[key] || 1500) * 2, 30000);
    clearTimeout(timers["retry:" + key]);
    timers["retry:" + key] = setTimeout(function () { if (navigator.onLine) resend(); }, retries[key]);
    return null;
  }
  function template(id) { var t = document.getElementById(id); return t.content.firstElementChild.cloneNode(true); }
  function saved(answer) {
    lastSaved = answer.at || new Date().toTimeString().slice(0, 5);
    if (!busy()) say("saved", lastSaved);
  }
  function busy() { return Object.keys(sending).length > 0; }

  /* ---- fields: text, choices, years (kind "value"/"radio") and ticks ---- */
  function box(name) { return document.getElementById("autosave-" + name); }
  function kindOf(name) { var w = box(name); return w ? w.dataset.kind : null; }
  function control(name) { var w = box(name); return w && w.dataset.kind === "value" ? form.elements.namedItem(name) : null; }
  function getValue(name) {
    var w = box(name);
    if (w.dataset.kind === "radio") { var c = w.querySelector("input[type=radio]:checked"); return c ? c.value : ""; }
    return control(name).value;
  }
  function isText(el) { return el && (el.tagName === "TEXTAREA" || el.type === "text"); }

  /* Put `text` into the field without moving the person's caret off their words. */
  function show(name, text) {
    var w = box(name);
    if (!w) return;
    if (w.dataset.kind === "radio") {
      w.querySelectorAll("input[type=radio]").forEach(function (r) { r.checked = r.value === String(text); });
      return;
    }
    var el = control(name), old = el.value;
    text = text == null ? "" : String(text);
    if (norm(old) === norm(text)) return;
    var focused = document.activeElement === el;
    if (focused && isText(el)) {
      var tail = old.match(/\s*$/)[0];  // the space just typed is not trimmed away mid-word
      var start = el.selectionStart, end = el.selectionEnd;
      var next = text + (norm(text) === text ? tail : "");
      el.value = next;
      el.setSelectionRange(TaMerge.rebase(old, next, start), TaMerge.rebase(old, next, end));
    } else {
      el.value = text;
    }
  }
  function setBase(name, value) {
    var b = document.getElementById("base-" + name);
    if (b) b.value = Array.isArray(value) ? value.slice().sort().join(",") : (value == null ? "" : value);
  }
  function feedback(name) { return document.getElementById("feedback-" + name); }
  function showMessage(name, message, kind) {
    var fb = feedback(name), w = box(name);
    if (!fb) return;
    fb.textContent = "";
    if (message) {
      var p = document.createElement("div");
      p.className = "invalid-feedback d-block";
      p.setAttribute("role", "alert");
      p.textContent = message;
      fb.appendChild(p);
      if (kind === "refused" && w && control(name)) {
        var r = template("refused-template");
        r.querySelector("textarea").value = control(name).value;
        r.querySelector("textarea").id = "refused-" + name;
        r.querySelector("label").htmlFor = "refused-" + name;
        fb.textContent = "";
        fb.appendChild(r);
      }
    }
    var el = control(name) || (w && w.querySelector("input"));
    if (el && kind !== "refused") el.setAttribute("aria-invalid", message ? "true" : "false");
  }
  function showMerged(name) {
    var fb = feedback(name);
    if (!fb || fb.querySelector(".overlap, [role=alert]")) return;
    fb.textContent = "";
    fb.appendChild(template("merged-template"));
    clearTimeout(timers["merged:" + name]);
    timers["merged:" + name] = setTimeout(function () { var m = fb.querySelector(".merged"); if (m) m.remove(); }, 6000);
  }
  function showOverlap(name, mine, message) {
    var fb = feedback(name);
    if (!fb) return;
    var o = template("overlap-template");
    o.querySelector(".overlap-message").textContent = message || "";
    var area = o.querySelector("textarea");
    area.id = "mine-" + name;
    area.value = mine;
    o.querySelector("label").htmlFor = area.id;
    fb.textContent = "";
    fb.appendChild(o);
  }

  /* A change typed here: into the outbox now, to the server after a pause. */
  function changed(name, soon) {
    var entry = read("f:" + name) || { base: confirmed[name] };
    entry.value = getValue(name);
    entry.op = newOp();  // new content, new op: only this exact content may clear the outbox
    delete entry.stop;
    write("f:" + name, entry);
    if (feedback(name) && feedback(name).querySelector("[role=alert]:not(.overlap)")) showMessage(name, "");
    clearTimeout(timers[name]);
    timers[name] = setTimeout(function () { send(name); }, soon ? 150 : 700);
  }

  function send(name) {
    var entry = read("f:" + name);
    if (!entry || sending[name] || entry.stop) return;
    clearTimeout(timers[name]);
    sending[name] = entry;
    say(navigator.onLine ? "saving" : "offline");
    post(D.save.replace("__field__", name), { base: entry.base, value: entry.value, op: entry.op })
      .then(function (answer) { delete sending[name]; delete retries["f:" + name]; answered(name, entry, answer); },
        function (why) {
          delete sending[name];
          var answer = failed("f:" + name, function () { send(name); }, why);
          if (answer) answered(name, entry, answer);
        });
  }

  function answered(name, sent, answer) {
    var now = read("f:" + name);
    var onPage = !!box(name);
    if (answer.status === "invalid" || answer.status === "refused" || answer.status === "overlap") {
      if (answer.status === "overlap") { confirmed[name] = answer.value; fieldRev[name] = answer.rev; }
      if (now && now.op === sent.op) {  // kept on the device, not resent until the person changes it
        now.stop = answer.status;
        now.message = answer.message;
        if (answer.status === "overlap") now.theirs = answer.value;
        write("f:" + name, now);
      }
      if (answer.status === "overlap" && onPage) {
        var mine = now ? now.value : sent.value;
        show(name, answer.value);
        setBase(name, answer.value);
        showOverlap(name, mine, answer.message);
      } else if (onPage) {
        showMessage(name, answer.message, answer.status);
      }
      say(answer.status);
      return;
    }
    confirmed[name] = answer.value;
    fieldRev[name] = Math.max(fieldRev[name] || 0, answer.rev || 0);
    setBase(name, answer.value);
    if (!now || now.op === sent.op) {
      drop("f:" + name, sent.op);
      if (onPage && norm(answer.value) !== norm(getValue(name))) { show(name, answer.value); showMerged(name); }
    } else if (onPage) {  // typed on while it was saving: keep that on top of the merged text
      // The server stored what was sent trimmed (norm): merging from the untrimmed text would
      // read the trailing space it dropped as a deletion and glue the next word on ("ord1ord2").
      var merged = TaMerge.merge(norm(sent.value), getValue(name), answer.value);
      if (merged.clean) show(name, merged.text);
      write("f:" + name, { base: answer.value, value: getValue(name), op: newOp() });
      send(name);
    } else {
      write("f:" + name, { base: answer.value, value: now.value, op: now.op });
      send(name);
    }
    saved(answer);
    var waiting = later[name];
    delete later[name];
    if (waiting) incomingField(waiting);
  }

  /* Others' changes: a field nobody here touched just updates; a field with unsent words gets
   * the others' changes merged around them. */
  function incomingField(change) {
    var name = change.field;
    if (change.rev <= (fieldRev[name] || pageRev)) return;  // this page already shows it
    if (sending[name]) { later[name] = change; return; }  // ordered by rev once it answers
    var before = confirmed[name];
    confirmed[name] = change.value;
    fieldRev[name] = change.rev;
    if (!box(name)) return;  // another step: the page shows it when the person gets there
    if (kindOf(name) === "ticks") { setBase(name, change.value); showTicks(name); return; }
    var entry = read("f:" + name);
    setBase(name, change.value);
    if (!entry) { show(name, change.value); return; }
    if (entry.stop === "overlap") { show(name, change.value); entry.theirs = change.value; write("f:" + name, entry); return; }
    if (entry.stop) return;  // the person's refused text stays in front of them
    var merged = TaMerge.merge(before, getValue(name), change.value);
    if (!merged.clean) return;  // the save comes back as an overlap and shows both
    show(name, merged.text);
    showMerged(name);
    write("f:" + name, { base: change.value, value: getValue(name), op: newOp() });
    clearTimeout(timers[name]);
    timers[name] = setTimeout(function () { send(name); }, 700);
  }

  function overlapChoice(button) {
    var name = button.closest(".autosave").dataset.field, entry = read("f:" + name);
    if (button.dataset.overlap === "mine" && entry) {
      show(name, entry.value);
      write("f:" + name, { base: confirmed[name], value: entry.value, op: newOp() });
      feedback(name).textContent = "";
      send(name);
    } else {
      drop("f:" + name);
      feedback(name).textContent = "";
      show(name, confirmed[name]);
    }
    var el = control(name);
    if (el) el.focus();
  }

  /* Ticks are set operations: "add 3", "remove 5"; never a whole list that overwrites. */
  function tickIds(name) { return [].map.call(box(name).querySelectorAll("input[type=checkbox]:checked"), function (c) { return c.value; }); }
  function ticked(name, id, on) {
    var entry = read("t:" + name) || { add: [], remove: [] };
    entry.add = entry.add.filter(function (x) { return x !== id; });
    entry.remove = entry.remove.filter(function (x) { return x !== id; });
    (on ? entry.add : entry.remove).push(id);
    entry.op = newOp();
    write("t:" + name, entry);
    sendTicks(name);
  }
  function showTicks(name) {
    var w = box(name);
    if (!w) return;
    var ids = (document.getElementById("base-" + name).value || "").split(",").filter(Boolean);
    var entry = read("t:" + name) || { add: [], remove: [] };
    w.querySelectorAll("input[type=checkbox]").forEach(function (c) {
      c.checked = (ids.indexOf(c.value) !== -1 || entry.add.indexOf(c.value) !== -1) && entry.remove.indexOf(c.value) === -1;
    });
  }
  function sendTicks(name) {
    var entry = read("t:" + name), key = "t:" + name;
    if (!entry || sending[key] || entry.stop) return;
    sending[key] = entry;
    say(navigator.onLine ? "saving" : "offline");
    post(D.save.replace("__field__", name), { add: entry.add, remove: entry.remove, op: entry.op })
      .then(function (answer) {
        delete sending[key];
        var now = read(key);
        if (answer.status !== "saved") {
          if (now && now.op === entry.op) { now.stop = answer.status; write(key, now); }
          showMessage(name, answer.message, answer.status);
          say(answer.status);
          return;
        }
        fieldRev[name] = Math.max(fieldRev[name] || 0, answer.rev || 0);
        confirmed[name] = answer.value;
        setBase(name, answer.value);
        if (now && now.op === entry.op) drop(key, entry.op);
        else if (now) sendTicks(name);  // ticked again meanwhile: the rest goes now
        showTicks(name);
        saved(answer);
      }, function (why) {
        delete sending[key];
        failed(key, function () { sendTicks(name); }, why);
      });
  }

  /* ---- rows: each card an item, saved on its own ---- */
  function cards() { return rowsBox ? [].slice.call(rowsBox.querySelectorAll(".row-list > .row-card")) : []; }
  function cardPrefix(card) { return card.dataset.prefix; }
  function cardField(card, f) { return form.elements.namedItem(cardPrefix(card) + "-" + f); }
  function cardBase(card, f) { return form.elements.namedItem("initial-" + cardPrefix(card) + "-" + f); }
  function cardFields(card) {
    var out = [];
    card.querySelectorAll("input, select, textarea").forEach(function (el) {
      var m = el.name && el.name.indexOf(cardPrefix(card) + "-") === 0 && el.name.slice(cardPrefix(card).length + 1);
      if (m && ["id", "measure", "DELETE", "key"].indexOf(m) === -1 && el.type !== "hidden") out.push(m);
    });
    return out;
  }
  function cardKey(card) {
    var keyInput = form.elements.namedItem(cardPrefix(card) + "-key");
    if (!card.dataset.key) card.dataset.key = (keyInput && keyInput.value) || newOp();
    return card.dataset.key;
  }
  function rowKey(card) { return "r:" + rowsBox.dataset.kind + ":" + cardKey(card); }
  function cardById(id) { return cards().filter(function (c) { return c.dataset.rowId === String(id); })[0]; }
  function cardByKey(key) { return cards().filter(function (c) { return cardKey(c) === key; })[0]; }

  function rowChanged(card) {
    var key = rowKey(card), entry = read(key) || { kind: rowsBox.dataset.kind, key: cardKey(card), values: {}, bases: {} };
    entry.id = card.dataset.rowId || null;
    cardFields(card).forEach(function (f) {
      var el = cardField(card, f), base = cardBase(card, f);
      entry.values[f] = el.value;
      if (!(f in entry.bases)) entry.bases[f] = base ? base.value : "";
    });
    entry.op = newOp();
    delete entry.stop;
    write(key, entry);
    card.querySelector(".row-feedback").textContent = "";
    var button = card.querySelector(".row-delete");
    if (button) button.hidden = false;
    clearTimeout(timers[key]);
    timers[key] = setTimeout(function () { sendRow(key); }, 700);
  }

  function rowUrl(entry, tail) {
    var base = D.save.replace(/felt\/__field__\/$/, "rader/" + entry.kind + "/");
    return entry.id ? base + entry.id + "/" + (tail || "") : base;
  }

  function sendRow(key) {
    var entry = read(key);
    if (!entry || sending[key] || entry.stop) return;
    if (!entry.id && !entry.deleted && !Object.keys(entry.values).some(function (f) { return norm(entry.values[f]) && norm(entry.values[f]) !== norm(entry.bases[f]); })) return;
    clearTimeout(timers[key]);
    sending[key] = entry;
    say(navigator.onLine ? "saving" : "offline");
    var data = { op: entry.op };
    if (entry.deleted) {
      if (!entry.id) { drop(key); delete sending[key]; return; }
    } else {
      Object.keys(entry.values).forEach(function (f) { data[f] = entry.values[f]; data["base-" + f] = entry.bases[f]; });
      if (!entry.id) data.key = entry.key;
    }
    post(rowUrl(entry, entry.deleted ? "fjern/" : ""), data)
      .then(function (answer) { delete sending[key]; rowAnswered(key, entry, answer); }, function (why) {
        delete sending[key];
        var answer = failed(key, function () { sendRow(key); }, why);
        if (answer) rowAnswered(key, entry, answer);
      });
  }

  function rowAnswered(key, sent, answer) {
    var now = read(key), card = cardByKey(sent.key) || (sent.id && cardById(sent.id));
    if (answer.status !== "saved") {
      if (now && now.op === sent.op) { now.stop = answer.status; write(key, now); }
      if (card) rowMessage(card, answer.message, answer.errors);
      say(answer.status);
      return;
    }
    var row = answer.row || {};
    if (row.id && answer.rev) rowRev[row.id] = Math.max(rowRev[row.id] || 0, answer.rev);
    if (sent.deleted) { drop(key); if (card) card.remove(); relabel(); leadCheck(); saved(answer); return; }
    var existing = row.id && cardById(row.id);
    if (card && existing && existing !== card) {  // someone else had added the same organisation
      card.remove();
      drop(key);
      rowMessage(existing, answer.message);
      card = existing;
    } else if (card) {
      card.dataset.rowId = row.id;
      var idInput = cardField(card, "id");
      if (idInput) idInput.value = row.id;
      if (answer.message) rowMessage(card, answer.message, null, true);
    }
    if (now && now.op !== sent.op) {  // typed on meanwhile: send the rest against the answer
      typedOn(card, sent, now, row.values || {});
      now.id = row.id;
      now.bases = Object.assign({}, now.bases, row.values || {});
      write(key, now);
      sendRow(key);
    } else {
      drop(key, sent.op);
      if (card) fillCard(card, row.values || {}, true);
    }
    relabel();
    leadCheck();
    saved(answer);
  }

  /* What was typed in a card while its save was on the way, merged on top of the server's
     answer to that save. The base is what was sent, trimmed as the server stores it (merging
     from the card's older base would add the sent words twice: "Rekr Rekrutterer"). */
  function typedOn(card, sent, now, values) {
    Object.keys(now.values).forEach(function (f) {
      var el = card && cardField(card, f), base = card && cardBase(card, f);
      if (!(f in values)) return;
      var theirs = values[f] == null ? "" : String(values[f]);
      if (base) base.value = theirs;
      if (!el || !isText(el)) return;
      var merged = TaMerge.merge(norm(sent.values[f]), el.value, theirs);
      if (merged.clean && merged.text !== el.value) el.value = merged.text;
      now.values[f] = el.value;
    });
  }

  function rowMessage(card, message, errors, polite) {
    var fb = card.querySelector(".row-feedback");
    fb.textContent = "";
    var texts = [];
    if (message) texts.push(message);
    Object.keys(errors || {}).forEach(function (f) { texts.push([].concat(errors[f]).join(" ")); });
    texts.filter(function (t, i) { return texts.indexOf(t) === i; }).forEach(function (t) {
      var p = document.createElement("div");
      p.className = polite ? "small text-body-secondary" : "invalid-feedback d-block";
      if (!polite) p.setAttribute("role", "alert");
      p.textContent = t;
      fb.appendChild(p);
    });
  }

  /* The server's values into a card: the bases always, the inputs where nobody here typed. */
  function fillCard(card, values, inputsToo) {
    var entry = read(rowKey(card));
    Object.keys(values).forEach(function (f) {
      var el = cardField(card, f), base = cardBase(card, f);
      if (!el) return;
      var before = base ? base.value : "";
      if (base) base.value = values[f] == null ? "" : values[f];
      if (!entry && inputsToo !== false) {
        if (document.activeElement === el && isText(el)) {
          var old = el.value, next = String(values[f] == null ? "" : values[f]);
          if (norm(old) !== norm(next)) { el.value = next; }
        } else {
          el.value = values[f] == null ? "" : values[f];
        }
      } else if (entry && isText(el) && !entry.stop) {
        var merged = TaMerge.merge(before, el.value, String(values[f] || ""));
        if (merged.clean) el.value = merged.text;
        entry.bases[f] = values[f];
        entry.values[f] = el.value;
        write(rowKey(card), entry);
      }
    });
  }

  function newCard(values, key) {
    var total = form.elements.namedItem(rowsBox.dataset.prefix + "-TOTAL_FORMS");
    var index = Number(total.value);
    total.value = index + 1;
    var html = document.getElementById("row-template").innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html;  // our own server-rendered template, no outside text
    var card = holder.firstElementChild;
    card.dataset.key = key || newOp();
    rowsBox.querySelector(".row-list").appendChild(card);
    wireCard(card);
    if (values) fillCard(card, values, true);
    return card;
  }

  function wireCard(card) {
    var check = card.querySelector(".row-delete-check");
    if (check) check.hidden = true;
    relabel();
  }

  /* Saved cards are "Aktør 1", "Aktør 2", … like the server renders them; a card only offers
     "Fjern denne raden" once it holds something (a saved row or typed text). */
  function relabel() {
    var n = 0, label = rowsBox && rowsBox.dataset.rowLabel;
    cards().forEach(function (card) {
      var legend = card.querySelector("legend"), button = card.querySelector(".row-delete");
      if (card.dataset.rowId && !card.hidden) {
        n += 1;
        if (legend && label) legend.textContent = label + " " + n;
      }
      if (button) button.hidden = !(card.dataset.rowId || read(rowKey(card)));
    });
  }

  function removeRow(card) {
    var key = rowKey(card), entry = read(key) || { kind: rowsBox.dataset.kind, key: cardKey(card), values: {}, bases: {} };
    entry.id = card.dataset.rowId || null;
    entry.deleted = true;
    entry.op = newOp();
    delete entry.stop;
    write(key, entry);
    if (!entry.id) { drop(key); card.remove(); relabel(); return; }
    card.hidden = true;
    relabel();
    sendRow(key);
  }

  /* Our own new row, announced by the feed before the answer to its "add" is back (a busy
     server): the card it was typed in takes the row's id and keeps what was typed meanwhile.
     A second card would make the answer look like someone else's twin and drop the typing. */
  function ownNewCard(change) {
    var op = String(change.op || "").toLowerCase();
    var card = op && cards().filter(function (c) { return !c.dataset.rowId && String(cardKey(c)).toLowerCase() === op; })[0];
    if (!card) return null;
    card.dataset.rowId = change.row.id;
    var idInput = cardField(card, "id");
    if (idInput) idInput.value = change.row.id;
    // What the server saved is now the base of what is typed on: a later change of this row
    // (or a resend of the typing) merges from it, not from the empty new card.
    var values = change.row.values || {}, entry = read(rowKey(card));
    Object.keys(values).forEach(function (f) {
      var base = cardBase(card, f);
      if (base) base.value = values[f] == null ? "" : values[f];
      if (entry) entry.bases[f] = values[f];
    });
    if (entry) { entry.id = change.row.id; write(rowKey(card), entry); }
    return card;
  }

  /* A change this page already took (the stream and a heartbeat can both carry it; an answer
     to one's own save is newer than the changes before it) is not merged in a second time. */
  function seenRow(row, changeRev) {
    if (changeRev <= Math.max(rowRev[row.id] || 0, pageRev)) return true;
    rowRev[row.id] = changeRev;
    return false;
  }

  function incomingRow(change) {
    var row = change.row;
    if (!rowsBox || !row || row.kind !== rowsBox.dataset.prefix && row.kind !== rowsBox.dataset.kind) return;
    if (seenRow(row, change.rev)) return;
    var card = cardById(row.id);
    if (row.deleted) {
      if (!card) return;
      var entry = read(rowKey(card));
      if (entry && !entry.deleted) {  // removed by someone while typed in here: keep it as a new row
        card.dataset.rowId = "";
        entry.id = null;
        write(rowKey(card), entry);
        sendRow(rowKey(card));
      } else {
        card.remove();
      }
      relabel();
      leadCheck();
      return;
    }
    if (!card && ownNewCard(change)) { relabel(); leadCheck(); return; }
    if (!card) {
      var blank = cards().filter(function (c) { return !c.dataset.rowId && !read(rowKey(c)); });
      card = newCard(null, null);
      card.dataset.rowId = row.id;
      var idInput = cardField(card, "id");
      if (idInput) idInput.value = row.id;
      if (blank.length) rowsBox.querySelector(".row-list").insertBefore(card, blank[0]);  // the empty row stays last
      fillCard(card, row.values || {}, true);
    } else {
      fillCard(card, row.values || {}, true);
    }
    relabel();
    leadCheck();
  }

  /* Two leads (two people added one at once): say so at the field, with one button per lead. */
  function leadCheck() {
    var choice = document.getElementById("lead-choice");
    if (!choice) return;
    var leads = cards().filter(function (c) {
      var base = cardBase(c, "role_kind");
      return c.dataset.rowId && !c.hidden && base && base.value === "lead";
    });
    var buttons = choice.querySelector(".lead-buttons");
    buttons.textContent = "";
    leads.forEach(function (c) {
      var b = template("lead-button-template");
      b.dataset.lead = c.dataset.rowId;
      b.textContent = b.textContent.replace("__name__", cardField(c, "organisation_name").value);
      buttons.appendChild(b);
    });
    choice.hidden = leads.length < 2;
  }

  function chooseLead(id) {
    var url = D.save.replace(/felt\/__field__\/$/, "rader/aktorer/" + id + "/ansvarlig/");
    say("saving");
    post(url, { op: newOp() }).then(function (answer) {
      if (answer.status !== "saved") { say(answer.status); return; }
      cards().forEach(function (c) {
        if (!c.dataset.rowId) return;
        var role = c.dataset.rowId === String(id) ? "lead" : (cardBase(c, "role_kind").value === "lead" ? "partner" : null);
        if (role) fillCard(c, { role_kind: role }, true);
      });
      leadCheck();
      saved(answer);
      var lead = cardById(id);
      if (lead) cardField(lead, "role_kind").focus();
    }, function () { say(navigator.onLine ? "retrying" : "offline"); });
  }

  /* ---- the changes feed: others' words, rows, ticks, and who is where ---- */
  function place() {
    var a = document.activeElement;
    var w = a && a.closest && a.closest(".autosave[data-field]");
    if (w) return w.dataset.field;
    if (a && a.closest && a.closest(".row-card")) return rowsBox.dataset.prefix;
    return "step-" + D.step;
  }

  function apply(feed) {
    if (status.dataset.state === "offline" && !busy()) say(lastSaved ? "saved" : "idle", lastSaved);
    if (!feed) return;
    if (feed.reload) { location.reload(); return; }  // too far behind: the outbox survives
    feed.changes.forEach(function (change) {
      if (change.kind === "field" || change.kind === "ticks") incomingField(change);
      else if (change.kind === "row") incomingRow(change);
    });
    rev = Math.max(rev, feed.rev);
    showPresence(feed.presence || []);
  }

  /* One request to the feed: the poll, or (with the stream) the presence heartbeat. */
  function ask(withPresence) {
    var url = D.feed + "?since=" + rev + "&t=" + encodeURIComponent(D.token);
    var where = place();
    if (withPresence && (where !== here || Date.now() - lastBeat > 10000)) {  // only when it changes
      url += "&felt=" + encodeURIComponent(where);
      here = where;
      lastBeat = Date.now();
    } else if (stream) return Promise.resolve();
    return fetch(url, { headers: etag ? { "If-None-Match": etag } : {}, credentials: "same-origin", cache: "no-store" })
      .then(function (r) {
        if (r.status === 304) return null;
        if (!r.ok) return Promise.reject(r.status);
        etag = r.headers.get("ETag");
        return r.json();
      })
      .then(apply, function () { here = null; if (!navigator.onLine) say("offline"); });
  }

  function poll() {
    if (document.hidden) { poll.waiting = true; return; }
    ask(true).then(function () { setTimeout(poll, 1000); });
  }

  /* The event stream (decision 64): the server sends each change as it is saved. The browser
     reconnects by itself (with the last revision it had); if the stream never opens, poll. */
  var stream = null;
  function beat() {  // a hidden tab says nothing: after 25 s the others no longer see it here
    if (!stream) return;  // the stream never opened: poll() has taken over
    (document.hidden ? Promise.resolve() : ask(true)).then(function () { setTimeout(beat, 1000); });
  }
  function listen() {
    if (D.stream === undefined || !window.EventSource) { poll(); return; }
    var opened = false;
    stream = new EventSource(D.feed.replace(/endringer\/$/, "strom/") + "?since=" + rev + "&t=" + encodeURIComponent(D.token));
    stream.onopen = function () { opened = true; apply(null); };
    stream.onmessage = function (e) { apply(JSON.parse(e.data)); };
    stream.onerror = function () {
      // Never opened, or given up by the browser (an answer that is not a stream: a 404 for a
      // revoked token, a proxy's 502 during a restart): poll, which recovers by itself. A lost
      // connection is retried by the browser (CONNECTING) with the last revision it had.
      if (!opened || stream.readyState === EventSource.CLOSED) { stream.close(); stream = null; poll(); return; }
      if (!navigator.onLine) say("offline");
    };
    beat();
  }

  function showPresence(people) {
    if (!presenceBox) return;
    // Polite and only on change: a screen reader hears "Kari skriver i «Mål»" once.
    var text = people.map(function (p) { return p.text; }).join(" · ");
    if (presenceBox.textContent !== text) presenceBox.textContent = text;
  }

  /* ---- leaving the step: wait for the saves on their way, then go (nothing else is sent) ---- */
  function flush() {
    Object.keys(timers).forEach(function (k) { if (!/^(retry|merged):/.test(k)) clearTimeout(timers[k]); });
    resendAll();
    return new Promise(function (resolve) {
      var until = Date.now() + 5000;
      (function wait() {
        if (!busy() || Date.now() > until) resolve(); else setTimeout(wait, 50);
      })();
    });
  }
  function stepUrl(goto) {
    var n = Number(goto);
    return n >= 7 ? D.reviewUrl : D.stepUrl.replace(/\/0\/$/, "/" + n + "/");
  }
  function problemHere() {
    return [].filter.call(document.querySelectorAll(".autosave[data-field]"), function (w) {
      var e = read("f:" + w.dataset.field);
      return e && (e.stop === "invalid" || e.stop === "overlap");
    })[0];
  }

  function resendAll() {
    keys().forEach(function (k) {
      if (k.indexOf("f:") === 0) send(k.slice(2));
      else if (k.indexOf("t:") === 0) sendTicks(k.slice(2));
      else if (k.indexOf("r:") === 0) sendRow(k);
    });
  }

  /* ---- start: what this device kept (a reload, offline) is merged with the page and resent ---- */
  function restore() {
    document.querySelectorAll(".autosave[data-field]").forEach(function (w) {
      var name = w.dataset.field;
      confirmed[name] = document.getElementById("base-" + name).value;
      if (w.dataset.kind === "ticks") { confirmed[name] = confirmed[name].split(",").filter(Boolean); showTicks(name); return; }
      var entry = read("f:" + name);
      if (!entry) return;
      if (entry.stop === "overlap") { showOverlap(name, entry.value, entry.message); return; }
      if (entry.stop) { show(name, entry.value); showMessage(name, entry.message, entry.stop); return; }
      var merged = TaMerge.merge(norm(entry.base), entry.value, confirmed[name]);
      show(name, merged.clean ? merged.text : entry.value);
    });
    keys().forEach(function (k) {
      if (!rowsBox || k.indexOf("r:" + rowsBox.dataset.kind + ":") !== 0) return;
      var entry = read(k), card = cardByKey(entry.key) || (entry.id && cardById(entry.id));
      if (!card && entry.deleted) return;
      if (!card && entry.id) return;  // a row removed meanwhile would be sent again as new
      if (!card) {  // a new row typed before the reload: back into the empty card, else a new one
        card = cards().filter(function (c) { return !c.dataset.rowId && !read(rowKey(c)); })[0];
        if (card) card.dataset.key = entry.key; else card = newCard(null, entry.key);
      }
      if (entry.deleted) { card.hidden = true; return; }
      Object.keys(entry.values).forEach(function (f) { var el = cardField(card, f); if (el) el.value = entry.values[f]; });
      if (entry.stop) rowMessage(card, entry.message);
    });
  }

  function wire() {
    form.addEventListener("input", function (event) {
      var w = event.target.closest(".autosave[data-field]");
      if (w && w.dataset.kind === "value" && event.target === control(w.dataset.field)) changed(w.dataset.field, event.target.tagName === "SELECT");
      var card = event.target.closest(".row-card");
      if (card && rowsBox.contains(card) && event.target.type !== "checkbox") rowChanged(card);
    });
    form.addEventListener("change", function (event) {
      var t = event.target, w = t.closest(".autosave[data-field]");
      if (w && w.dataset.kind === "ticks") ticked(w.dataset.field, t.value, t.checked);
      else if (w && w.dataset.kind === "radio") changed(w.dataset.field, true);
      else if (w && t === control(w.dataset.field)) { if (read("f:" + w.dataset.field)) send(w.dataset.field); }
      var card = t.closest(".row-card");
      if (card && rowsBox.contains(card) && t.type !== "checkbox") { rowChanged(card); sendRow(rowKey(card)); }
    });
    form.addEventListener("click", function (event) {
      var o = event.target.closest("[data-overlap]");
      if (o) { event.preventDefault(); overlapChoice(o); return; }
      var lead = event.target.closest("[data-lead]");
      if (lead) { event.preventDefault(); chooseLead(lead.dataset.lead); return; }
      var del = event.target.closest(".row-delete");
      if (del) { event.preventDefault(); removeRow(del.closest(".row-card")); return; }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var submitter = event.submitter;
      if (submitter && submitter.classList.contains("add-row")) {
        flush().then(function () {
          var blank = cards().filter(function (c) { return !c.dataset.rowId && !read(rowKey(c)); })[0];
          var card = blank || newCard(null, null);
          var first = card.querySelector("input:not([type=hidden]), select, textarea");
          if (first) first.focus();
        });
        return;
      }
      if (!navigator.onLine) { say("offline"); return; }  // the page would be lost to an error screen
      var goto = submitter && submitter.name === "goto" ? submitter.value : D.step;
      flush().then(function () {
        var problem = problemHere();
        if (problem && !D.closed) {
          say("invalid");
          var el = problem.querySelector("textarea, input:not([type=hidden]), select");
          if (el) el.focus();
          return;
        }
        location.assign(stepUrl(goto));
      });
    });
    window.addEventListener("online", function () { resendAll(); });
    window.addEventListener("offline", function () { say("offline"); });
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && poll.waiting) { poll.waiting = false; poll(); }
    });
  }

  function start() {
    cards().forEach(wireCard);
    restore();
    relabel();
    wire();
    leadCheck();
    if (!status.textContent.trim()) say("idle");
    if (D.closed === undefined) resendAll();
    listen();
  }

  start();
})();
