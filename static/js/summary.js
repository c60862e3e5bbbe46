// The summary folds each measure's answers; a printed summary shows them all.
window.addEventListener("beforeprint", () => {
  document.querySelectorAll(".summary details:not([open])").forEach((details) => {
    details.setAttribute("open", "");
    details.dataset.openedForPrint = "true";
  });
});
window.addEventListener("afterprint", () => {
  document.querySelectorAll(".summary details[data-opened-for-print]").forEach((details) => {
    details.removeAttribute("open");
    delete details.dataset.openedForPrint;
  });
});
