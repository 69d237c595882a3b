// Taxonomy autocomplete: keyboard support for the combobox + listbox that htmx fills.
// Loaded by templates/taxonomy/components/autocomplete.html. No inline scripts (CSP).
(function () {
  "use strict";
  if (window.overstapTaxonomyAutocomplete) { return; }
  window.overstapTaxonomyAutocomplete = true;

  function parts(input) {
    var root = input.closest("[data-autocomplete]");
    return {
      root: root,
      listbox: root ? root.querySelector("[role=listbox]") : null,
      status: root ? root.querySelector("[role=status]") : null,
      hidden: input.dataset.valueInput ? document.getElementById(input.dataset.valueInput) : null
    };
  }
  function options(listbox) {
    return listbox ? Array.prototype.slice.call(listbox.querySelectorAll("[role=option]")) : [];
  }
  function close(input) {
    var p = parts(input);
    if (p.listbox) { p.listbox.hidden = true; }
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function activate(input, option) {
    var p = parts(input);
    options(p.listbox).forEach(function (o) { o.setAttribute("aria-selected", o === option ? "true" : "false"); });
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }
  }
  function choose(input, option) {
    if (option.dataset.href) { window.location.href = option.dataset.href; return; }
    var p = parts(input);
    input.value = option.dataset.label;
    if (p.hidden) { p.hidden.value = option.dataset.value; }
    close(input);
    if (p.status) { p.status.textContent = option.dataset.label; }
    input.dispatchEvent(new CustomEvent("taxonomy:selected", {
      bubbles: true,
      detail: { id: option.dataset.value, label: option.dataset.label, uri: option.dataset.uri }
    }));
  }

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-autocomplete] [role=combobox]")) { return; }
    var p = parts(input);
    var list = options(p.listbox);
    var current = input.getAttribute("aria-activedescendant");
    var index = list.findIndex(function (o) { return o.id === current; });
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!list.length) { return; }
      event.preventDefault();
      p.listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      index = event.key === "ArrowDown" ? (index + 1) % list.length : (index <= 0 ? list.length - 1 : index - 1);
      activate(input, list[index]);
    } else if (event.key === "Enter" && index >= 0 && !p.listbox.hidden) {
      event.preventDefault();
      choose(input, list[index]);
    } else if (event.key === "Escape") {
      close(input);
    }
  });

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (input.matches && input.matches("[data-autocomplete] [role=combobox]")) {
      var p = parts(input);
      if (p.hidden) { p.hidden.value = ""; }  // typed text no longer matches the chosen concept
    }
  });

  document.addEventListener("click", function (event) {
    var option = event.target.closest && event.target.closest("[data-autocomplete] [role=option]");
    if (option) {
      var input = option.closest("[data-autocomplete]").querySelector("[role=combobox]");
      choose(input, option);
      return;
    }
    document.querySelectorAll("[data-autocomplete] [role=combobox][aria-expanded=true]").forEach(function (input) {
      if (!input.closest("[data-autocomplete]").contains(event.target)) { close(input); }
    });
  });

  // A form may switch between occupations and skills with radio buttons named "kind".
  document.addEventListener("htmx:configRequest", function (event) {
    var input = event.detail.elt;
    if (!input.matches || !input.matches("[data-autocomplete] [role=combobox]") || !input.form) { return; }
    var kind = input.form.querySelector("input[name=kind]:checked");
    if (kind && input.dataset["url" + kind.value.charAt(0).toUpperCase() + kind.value.slice(1)]) {
      event.detail.path = input.dataset["url" + kind.value.charAt(0).toUpperCase() + kind.value.slice(1)];
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var root = event.target.closest && event.target.closest("[data-autocomplete]");
    if (!root) { return; }
    var input = root.querySelector("[role=combobox]");
    var p = parts(input);
    var count = options(p.listbox).length;
    p.listbox.hidden = count === 0;
    input.setAttribute("aria-expanded", count ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
    if (p.status) { p.status.textContent = p.listbox.dataset.status || ""; }
  });
})();
