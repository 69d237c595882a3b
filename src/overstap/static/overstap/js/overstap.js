// Small progressive enhancements. No inline scripts (the CSP forbids them).
(function () {
  "use strict";
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-autofocus]");
    if (summary) { summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () { focusErrorSummary(document); });
  document.addEventListener("htmx:afterSwap", function (event) { focusErrorSummary(event.target); });
  // Confirm dangerous actions: <form data-confirm="...">
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  }, true);
})();
