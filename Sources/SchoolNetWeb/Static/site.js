// SchoolNet: a little vanilla JavaScript that only improves pages that work without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Live filters of a list: <input data-filter="#list"> keeps rows whose [data-search] holds every typed word,
  // <select data-class-filter="#list"> rows whose [data-class] is the chosen one. A ticked row always stays in
  // sight. The server filters the same way without JavaScript; a list it sent filtered (no [data-complete]) is
  // asked for again instead of being filtered here.
  function fold(text) { return text.toLowerCase().replace(/ё/g, "е"); }
  function applyFilters(list) {
    var input = document.querySelector('input[data-filter="#' + list.id + '"]');
    var select = document.querySelector('select[data-class-filter="#' + list.id + '"]');
    var words = input ? fold(input.value).split(/\s+/).filter(Boolean) : [];
    var group = select ? select.value : "";
    list.querySelectorAll("[data-search]").forEach(function (row) {
      var text = fold(row.getAttribute("data-search"));
      var shown = words.every(function (w) { return text.indexOf(w) >= 0; }) &&
        (group === "" || row.getAttribute("data-class") === group);
      if (row.querySelector("input[type=checkbox][name=member]:checked")) shown = true;
      row.hidden = !shown;
    });
    // A count of what is shown (<p data-count-for="#list" data-total data-template="… {shown} … {total}">) follows.
    document.querySelectorAll('[data-count-for="#' + list.id + '"]').forEach(function (count) {
      var shown = list.querySelectorAll("[data-search]:not([hidden])").length;
      count.textContent = count.getAttribute("data-template").replace("{shown}", shown).replace("{total}", count.getAttribute("data-total"));
    });
  }
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var list = document.querySelector(input.getAttribute("data-filter"));
    if (!list) return;
    input.addEventListener("input", function () { applyFilters(list); });
  });
  document.querySelectorAll("select[data-class-filter]").forEach(function (select) {
    var list = document.querySelector(select.getAttribute("data-class-filter"));
    if (!list) return;
    select.addEventListener("change", function () {
      if (list.hasAttribute("data-complete")) applyFilters(list);
      else if (select.form) select.form.submit();
    });
  });
  // A refused form: the summary of what to correct gets the focus, so it is read out first.
  var refused = document.getElementById("form-errors");
  if (refused) refused.focus();
  // A form is sent once: the submit button is disabled after the first click (the server's idempotency key
  // makes a second send harmless anyway).
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    });
  });
});
