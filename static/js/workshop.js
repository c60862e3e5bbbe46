/* Tiltaksarena workshop: nothing typed is ever lost.
 *
 * htmx sends each field a moment after typing stops (see _autosave_field.html). This script
 * keeps every unsent text in localStorage until the server confirms it, shows the save status,
 * resends after errors and when the connection returns, and handles the conflict buttons.
 * Without it, the form still saves on submit.
 */
(function () {
  "use strict";

  var form = document.getElementById("measure-form");
  var status = document.getElementById("save-status");
  var retryTimer = null;
  var inFlight = new Set();
  var heldSubmit = null;

  function key(field) { return "ta:measure:" + form.dataset.measure + ":" + field; }
  function wrapper(field) { return document.getElementById("autosave-" + field); }
  function baseInput(field) { return document.getElementById("base-" + field); }
  function textInput(field) {
    var el = form.elements.namedItem(field);
    return el && el.tagName && el.type !== "checkbox" && el.type !== "radio" ? el : null;
  }

  function readDraft(field) {
    try { return JSON.parse(localStorage.getItem(key(field)) || "null"); } catch (e) { return null; }
  }
  function writeDraft(field, value) {
    try {
      var base = baseInput(field);
      var old = readDraft(field);
      // Keep the oldest base until the server confirms: that is what the text was based on.
      localStorage.setItem(key(field), JSON.stringify({ value: value, base: old ? old.base : (base ? base.value : "") }));
    } catch (e) { /* storage full or disabled: the server save still runs */ }
  }
  function dropDraft(field) { try { localStorage.removeItem(key(field)); } catch (e) {} }

  function say(kind, extra) {
    if (!status) return;
    var text = status.dataset[kind] || "";
    status.textContent = extra ? text + " " + extra : text;
    status.classList.toggle("is-saved", kind === "saved");
    status.classList.toggle("is-problem", ["saved", "saving", "idle"].indexOf(kind) === -1);
  }

  function pendingFields() {
    var fields = [];
    document.querySelectorAll(".autosave[data-field]").forEach(function (w) {
      if (readDraft(w.dataset.field)) fields.push(w.dataset.field);
    });
    return fields;
  }

  function resendAll() {
    pendingFields().forEach(function (field) {
      var w = wrapper(field);
      if (w && !w.querySelector(".conflict")) htmx.trigger(w, "ta-retry");
    });
  }

  function scheduleRetry() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () { retryTimer = null; if (navigator.onLine) resendAll(); }, 4000);
  }

  function restoreDrafts() {
    document.querySelectorAll(".autosave[data-field]").forEach(function (w) {
      var field = w.dataset.field;
      var draft = readDraft(field);
      var input = textInput(field);
      if (!draft || !input) return;
      if (input.value.replace(/\r\n/g, "\n").trim() === String(draft.value).replace(/\r\n/g, "\n").trim()) {
        dropDraft(field);
        return;
      }
      input.value = draft.value;
      // Send it against what it was typed on: if someone changed the field since, that is a conflict.
      baseInput(field).value = draft.base;
      htmx.trigger(w, "ta-retry");
    });
  }

  /* Rows (actors, indicators, funding) are saved with the step's buttons, not field by field.
   * Until then, what is typed in them is kept here, and put back if the page is reloaded or the
   * save never reached the server. */
  function rowInputs() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && /^(actors|indicators|fundings)-\d+-/.test(el.name) && !el.closest(".autosave") &&
        el.type !== "hidden";
    });
  }
  function rowsKey() { return "ta:measure:" + form.dataset.measure + ":rows:" + form.action; }
  function rowValue(el) { return el.type === "checkbox" ? (el.checked ? "on" : "") : el.value; }
  function snapshotRows() {
    var values = {};
    rowInputs().forEach(function (el) { values[el.name] = rowValue(el); });
    // A row marked for removal is not worth bringing back.
    Object.keys(values).forEach(function (name) {
      var prefix = name.replace(/[^-]+$/, "");
      if (values[prefix + "DELETE"] === "on") delete values[name];
    });
    try { localStorage.setItem(rowsKey(), JSON.stringify(values)); } catch (e) {}
  }
  function navigationType() {
    var entries = performance.getEntriesByType ? performance.getEntriesByType("navigation") : [];
    return entries.length ? entries[0].type : "navigate";
  }
  function restoreRows() {
    var kept;
    if (navigationType() === "navigate") {
      // A fresh page from the server (after a save, or opened from a link) holds the truth.
      localStorage.removeItem(rowsKey());
      localStorage.removeItem(rowsKey() + ":sent");
      return;
    }
    // Reloaded, or came back after a save that never arrived: put the typed rows back.
    try {
      kept = JSON.parse(localStorage.getItem(rowsKey()) || localStorage.getItem(rowsKey() + ":sent") || "null");
    } catch (e) { kept = null; }
    if (!kept) return;
    var restored = false;
    rowInputs().forEach(function (el) {
      if (!(el.name in kept) || rowValue(el) === kept[el.name]) return;
      if (el.type === "checkbox") el.checked = kept[el.name] === "on";
      else el.value = kept[el.name];
      restored = true;
    });
    var notice = document.getElementById("rows-restored");
    if (restored && notice) notice.hidden = false;
    else localStorage.removeItem(rowsKey());  // the server has exactly what was typed
  }

  function resolve(button) {
    var box = button.closest(".conflict");
    var field = box.dataset.conflict;
    var theirs = box.querySelector(".conflict-theirs-value").value;
    var input = textInput(field);
    var w = wrapper(field);
    var base = baseInput(field);
    var choice = button.dataset.resolve;
    base.value = theirs;
    if (!input) {  // a group of boxes: ids
      var ids = theirs ? theirs.split(",") : [];
      w.querySelectorAll("input[type=checkbox], input[type=radio]").forEach(function (box) {
        if (choice === "theirs") box.checked = ids.indexOf(box.value) !== -1;
        if (choice === "merge" && ids.indexOf(box.value) !== -1) box.checked = true;
      });
    } else if (choice === "theirs") {
      input.value = theirs;
    } else if (choice === "merge") {
      input.value = input.value + "\n\n" + box.querySelector(".conflict-theirs").value;
    }
    box.remove();
    if (choice === "theirs") dropDraft(field);
    else if (input) writeDraft(field, input.value);
    if (input) input.focus();
    htmx.trigger(w, "ta-retry");
  }

  function settle(event) {
    if (!inFlight.delete(event.detail.xhr)) return;
    if (inFlight.size === 0 && heldSubmit) release();
  }

  function release() {
    var submitter = heldSubmit.submitter;
    clearTimeout(heldSubmit.timer);
    heldSubmit = null;
    form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
  }

  function setUpEditor() {
    // A step's "Neste" also saves every field. Let a save still on its way arrive first, so the
    // two never cross (and the server never sees this person conflict with themselves).
    form.addEventListener("submit", function (event) {
      if (!navigator.onLine) {  // the page would be lost to an error screen: stay here
        event.preventDefault();
        say("offline");
        return;
      }
      if (inFlight.size === 0) {
        var rows = localStorage.getItem(rowsKey());
        if (rows) { localStorage.setItem(rowsKey() + ":sent", rows); localStorage.removeItem(rowsKey()); }
        return;
      }
      event.preventDefault();
      if (!heldSubmit) heldSubmit = { submitter: event.submitter, timer: setTimeout(release, 5000) };
    });
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      if (!event.target.classList.contains("autosave")) return;
      // While a conflict waits for a choice, the text stays in the field and in this browser;
      // sending it again would only repeat the same question.
      if (event.target.querySelector(".conflict")) {
        event.preventDefault();
        return;
      }
      inFlight.add(event.detail.xhr);
      say(navigator.onLine ? "saving" : "offline");
    });
    ["htmx:afterRequest", "htmx:sendError", "htmx:timeout", "htmx:xhr:abort"].forEach(function (name) {
      document.body.addEventListener(name, settle);
    });
    form.addEventListener("input", function (event) {
      var w = event.target.closest(".autosave");
      if (w && textInput(w.dataset.field) === event.target) writeDraft(w.dataset.field, event.target.value);
      else if (!w) snapshotRows();
    });
    form.addEventListener("change", function (event) {
      if (!event.target.closest(".autosave")) snapshotRows();
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-resolve]");
      if (!button) return;
      event.preventDefault();
      resolve(button);
    });

    document.body.addEventListener("htmx:sendError", function () {
      say("offline");
      scheduleRetry();
    });
    document.body.addEventListener("htmx:responseError", function () {
      say("retrying");
      scheduleRetry();
    });
    document.body.addEventListener("ta-saved", function (event) {
      var field = event.detail.field;
      var input = textInput(field);
      var draft = readDraft(field);
      if (draft && input && input.value === draft.value) {
        dropDraft(field);
      } else if (draft) {  // typed on while saving: the rest goes in the next save
        localStorage.setItem(key(field), JSON.stringify({ value: draft.value, base: baseInput(field).value }));
      }
      say("saved", event.detail.at);
      if (pendingFields().length && navigator.onLine) scheduleRetry();
    });
    ["conflict", "refused", "invalid"].forEach(function (kind) {
      document.body.addEventListener("ta-" + kind, function () { say(kind); });
    });
    document.body.addEventListener("htmx:afterSwap", function () {
      var rows = document.getElementById("step-rows");
      if (!rows || !rows.isConnected || !rows.querySelector(".row-card")) return;
      if (document.activeElement && document.activeElement !== document.body) return;
      // The rows were saved: the server has them, and the cursor goes where the person is heading.
      var invalid = rows.querySelector("[aria-invalid=true]");
      var cards = rows.querySelectorAll(".row-card");
      var target = invalid || cards[cards.length - 1].querySelector("input:not([type=hidden]), select");
      if (!invalid) {
        localStorage.removeItem(rowsKey());
        say("saved", new Date().toTimeString().slice(0, 5));
      }
      if (target) target.focus();
    });
    window.addEventListener("offline", function () { say("offline"); });
    window.addEventListener("online", function () { resendAll(); });
    if (!status.textContent.trim()) say("idle");
    // htmx wires up the fields on DOMContentLoaded; resend what the browser kept after that.
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { setTimeout(restoreDrafts, 0); });
    } else {
      setTimeout(restoreDrafts, 0);
    }
    restoreRows();
  }

  function setUpCopy() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var source = document.querySelector(button.dataset.copy);
      var out = button.closest("section").querySelector(".copy-status");
      button.hidden = false;
      button.addEventListener("click", function () {
        source.select();
        var done = function () { if (out) out.textContent = button.dataset.copied || "Kopiert"; };
        if (navigator.clipboard) navigator.clipboard.writeText(source.value).then(done, done);
        else { document.execCommand("copy"); done(); }
      });
    });
  }

  // On a phone the steps scroll sideways: show the one we are on.
  var current = document.querySelector(".stepper .current");
  if (current && current.scrollIntoView) current.scrollIntoView({ block: "nearest", inline: "center" });

  if (form && status) setUpEditor();
  setUpCopy();
})();
