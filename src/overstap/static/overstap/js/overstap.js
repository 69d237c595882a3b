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

// Outcome form (issue #2, referrals/outcome): show only the fields that apply to the
// chosen value. <select data-toggle-source> in a form; elements with
// data-show-for="value1 value2" are hidden unless the select has one of those values.
// Without JavaScript every field stays visible (the server ignores the ones that do not apply).
(function () {
  "use strict";
  function applyToggles(form) {
    if (!form) { return; }
    var source = form.querySelector("[data-toggle-source]");
    if (!source) { return; }
    var value = source.value;
    var groups = form.querySelectorAll("[data-show-for]");
    for (var i = 0; i < groups.length; i++) {
      var kinds = groups[i].getAttribute("data-show-for").split(" ");
      groups[i].hidden = kinds.indexOf(value) === -1;
    }
  }
  function initAll(root) {
    var sources = (root || document).querySelectorAll("[data-toggle-source]");
    for (var i = 0; i < sources.length; i++) { applyToggles(sources[i].form); }
  }
  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { initAll(event.target); });
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("[data-toggle-source]")) { applyToggles(target.form); }
  });
})();
