// SchoolNet: a little vanilla JavaScript that only improves pages that work without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Live filter: <input data-filter="#list"> hides rows of #list ([data-search] text) that do not match.
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var list = document.querySelector(input.getAttribute("data-filter"));
    if (!list) return;
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      list.querySelectorAll("[data-search]").forEach(function (row) {
        row.hidden = q !== "" && row.getAttribute("data-search").toLowerCase().indexOf(q) < 0;
      });
    });
  });
  // A form is sent once: the submit button is disabled after the first click (the server's idempotency key
  // makes a second send harmless anyway).
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    });
  });
});
