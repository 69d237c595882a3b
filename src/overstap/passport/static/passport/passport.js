// Skills passport: "select all" per skill group, a print button, and focus after htmx swaps.
// No inline scripts (CSP).
(function () {
  "use strict";
  if (window.overstapPassport) { return; }
  window.overstapPassport = true;

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches) { return; }
    if (box.matches("[data-select-all]")) {
      var group = box.getAttribute("data-select-all");
      var form = box.form;
      if (!form) { return; }
      form.querySelectorAll('input[type=checkbox][data-group="' + group + '"]').forEach(function (item) {
        item.checked = box.checked;
      });
    } else if (box.matches("input[type=checkbox][data-group]") && box.form) {
      var all = box.form.querySelector('[data-select-all="' + box.getAttribute("data-group") + '"]');
      if (all) {
        var items = box.form.querySelectorAll('input[type=checkbox][data-group="' + box.getAttribute("data-group") + '"]');
        var checked = Array.prototype.filter.call(items, function (i) { return i.checked; }).length;
        all.checked = checked === items.length;
        all.indeterminate = checked > 0 && checked < items.length;
      }
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) { window.print(); }
  });

  // After htmx replaced the passport, move focus to the status message (unless an error
  // summary took it), so keyboard and screen-reader users know what happened.
  document.addEventListener("htmx:afterSettle", function (event) {
    var body = document.getElementById("passport-body");
    if (!body || !body.contains(event.target) && event.target !== body) { return; }
    if (body.querySelector("[data-autofocus]")) { return; }
    var status = body.querySelector("[data-passport-status]");
    if (status) { status.focus(); }
  });
})();
