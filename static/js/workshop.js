/* Tiltaksarena workshop pages: small helpers that every participant page may use.
 *
 * The measure editor's saving, merging and live updates live in editor.js (with merge.js);
 * this file only scrolls the stepper to the current step and wires the copy buttons.
 */
(function () {
  "use strict";

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

  setUpCopy();

  // Dots (htmx): the list comes back in place and htmx puts the focus back on the button
  // pressed. When that button is now disabled (the last dot given, the last one taken
  // back), the focus goes to the other button of the same measure instead of the page.
  var pressed = null;
  document.addEventListener("click", function (event) {
    var button = event.target.closest("#vote-region button[id]");
    if (button) pressed = button.id;
  });
  document.body.addEventListener("htmx:afterSettle", function (event) {
    if (!pressed || !event.detail.target || event.detail.target.id !== "vote-region") return;
    var button = document.getElementById(pressed);
    if (button && button.disabled) {
      var other = button.closest("form").querySelector("button:not([disabled])");
      if (other) other.focus();
    }
  });
})();
