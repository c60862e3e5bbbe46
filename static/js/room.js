/* The room (decisions 40, 41): session countdowns, and on participant pages the facilitator's
 * message. Without JavaScript the countdown shows its end time and nothing here is needed.
 *
 * Countdowns are any [data-countdown] on the page, also ones htmx swaps in: every second the
 * clock of each is written from data-ends (ms since 1970, running) or data-left (seconds,
 * paused). The server's clock is the one that counts: data-server-now on the page, or the Date
 * header of the room poll, corrects a phone whose clock is off.
 *
 * A participant page has a [data-room-url]: it is polled every few seconds (while the page is
 * visible) with If-None-Match, so an unchanged room costs a 304 with no body.
 */
(function () {
  "use strict";
  var offset = 0; // server time minus this device's time, in ms
  var stage = document.querySelector("[data-server-now]");
  if (stage) offset = Number(stage.dataset.serverNow) - Date.now();

  function clock(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    var h = Math.floor(m / 60);
    if (h) return h + ":" + String(m % 60).padStart(2, "0") + ":" + String(s).padStart(2, "0");
    return m + ":" + String(s).padStart(2, "0");
  }

  function secondsLeft(el) {
    if (el.dataset.ends) return Math.max(0, Math.round((Number(el.dataset.ends) - (Date.now() + offset)) / 1000));
    return Number(el.dataset.left || 0);
  }

  function tick() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var out = el.querySelector("[data-countdown-clock]");
      if (!out) return;
      var left = secondsLeft(el);
      var text = clock(left);
      if (out.textContent !== text) out.textContent = text;
      el.classList.toggle("is-over", left === 0);
      el.classList.toggle("is-paused", !el.dataset.ends);
    });
  }
  setInterval(tick, 1000);
  tick();

  // The projector: a poll that brings the fragment of the revision already shown is not
  // swapped in (nothing would change but replayed animations), and the ranking is revealed
  // (rows arrive from the last place up) only when the projector switches to it.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var current = event.detail.target;
    if (!current || current.id !== "projector-live") return;
    var stamp = /data-stamp="(\d+)"/.exec(event.detail.xhr.responseText || "");
    // A new join code (or joining closed or opened): the corner's QR code and address are
    // drawn with the page, so the page is loaded again to draw them for the new code.
    var join = /data-join="([^"]*)"/.exec(event.detail.xhr.responseText || "");
    var shown = document.querySelector(".projector-stage[data-join]");
    if (join && shown && join[1] !== shown.dataset.join) {
      event.detail.shouldSwap = false;
      window.location.reload();
      return;
    }
    if (stamp && stamp[1] === current.dataset.stamp) event.detail.shouldSwap = false;
    else document.body.dataset.lastMode = current.dataset.mode;
  });
  function reveal() {
    var live = document.getElementById("projector-live");
    if (live && live.dataset.mode === "ranking" && document.body.dataset.lastMode !== "ranking") {
      live.classList.add("reveal");
    }
  }
  document.body.addEventListener("htmx:afterSettle", reveal);
  reveal();

  var root = document.querySelector("[data-room-url]");
  if (!root) return;
  var timerBox = root.querySelector("[data-room-timer]");
  var messageBox = root.querySelector("[data-room-message]");
  var etag = null;
  var synced = false;
  var dismissedKey = "room-dismissed:" + root.dataset.roomUrl.split("?")[0];

  function showTimer(timer) {
    timerBox.hidden = !timer;
    if (!timer) return;
    var el = timerBox.querySelector("[data-countdown]");
    timerBox.querySelector("[data-room-title]").textContent = timer.title;
    if (timer.ends) { el.dataset.ends = timer.ends; delete el.dataset.left; }
    else { el.dataset.left = timer.left; delete el.dataset.ends; }
    el.querySelector(".countdown-label").textContent = timer.ends ? root.dataset.leftLabel : root.dataset.pausedLabel;
    tick();
  }

  // The live region ([data-room-live]) is always rendered and empty without a message, so a
  // screen reader is already watching it when a message is written into it; only the box
  // around it (its colour, padding and close button) comes and goes.
  var live = messageBox.querySelector("[data-room-live]");
  var dismiss = messageBox.querySelector("[data-room-dismiss]");

  function writeMessage(text) {
    // Written only when it changes: the live region announces each new text once.
    if ((live.dataset.text || "") === text) return;
    live.dataset.text = text;
    live.textContent = "";
    if (text) {
      var prefix = document.createElement("span");
      prefix.className = "visually-hidden";
      prefix.textContent = live.dataset.prefix + " ";
      var body = document.createElement("span");
      body.textContent = text;
      live.append(prefix, body);
    }
    messageBox.classList.toggle("alert", !!text);
    messageBox.classList.toggle("alert-info", !!text);
    dismiss.hidden = !text;
  }

  function showMessage(message) {
    var dismissed = null;
    try { dismissed = sessionStorage.getItem(dismissedKey); } catch (e) { /* private mode */ }
    var show = message && message.id !== dismissed;
    writeMessage(show ? message.text : "");
    messageBox.dataset.id = show ? message.id : "";
  }

  dismiss.addEventListener("click", function () {
    try { sessionStorage.setItem(dismissedKey, messageBox.dataset.id); } catch (e) { /* ignore */ }
    writeMessage("");
  });

  function poll() {
    if (document.hidden) return;
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(root.dataset.roomUrl, { headers: headers, cache: "no-store", credentials: "omit" })
      .then(function (response) {
        var date = response.headers.get("Date");
        if (date && !stage && !synced) { offset = Date.parse(date) + 500 - Date.now(); synced = true; }
        if (response.status === 304) return null;
        if (!response.ok) return null;
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (state) {
        if (!state) return;
        showTimer(state.timer);
        showMessage(state.message);
      })
      .catch(function () { /* offline: try again at the next poll */ });
  }
  poll();
  setInterval(poll, Number(root.dataset.pollSeconds || 5) * 1000);
  document.addEventListener("visibilitychange", poll);
})();
