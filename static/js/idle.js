/* The idle warning of staff pages (arena/middleware.py, StaffSessionMiddleware).
   The server signs a staff session out after STAFF_IDLE_SECONDS without a request. This shows
   a warning shortly before, whose button asks the server to go on; typing on the page counts
   as activity too (a ping at most every five minutes), so a long text being written is not
   lost to the timeout. Every htmx request (a poll, a save) starts the clock again, as it does
   on the server. When the time is up the box says so and links to the sign-in page; the page
   itself is left alone, so whatever was typed can still be copied. */
(function () {
  "use strict";
  var box = document.getElementById("idle-warning");
  if (!box) { return; }
  var idle = Number(box.dataset.idleSeconds) * 1000;
  var warn = Number(box.dataset.warnSeconds) * 1000;
  var PING_EVERY = 5 * 60 * 1000;
  var warnTimer = null, endTimer = null, lastPing = Date.now();
  var button = box.querySelector("button");

  function show(part) {
    box.hidden = false;
    box.querySelectorAll("[data-part]").forEach(function (el) {
      el.hidden = el.dataset.part !== part;
    });
  }

  function restart() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    box.hidden = true;
    warnTimer = setTimeout(function () { show("warning"); }, Math.max(idle - warn, 0));
    endTimer = setTimeout(function () { show("ended"); }, idle);
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (e) {
      return "";
    }
  }

  function ping() {
    lastPing = Date.now();
    return fetch(box.dataset.keepaliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
      redirect: "manual"
    }).then(function (response) {
      if (response.status === 204) { restart(); } else { show("ended"); }
    });
  }

  button.addEventListener("click", ping);
  document.addEventListener("input", function () {
    if (Date.now() - lastPing > PING_EVERY && box.hidden) { ping(); }
  });
  document.body.addEventListener("htmx:afterRequest", restart);
  restart();
})();
