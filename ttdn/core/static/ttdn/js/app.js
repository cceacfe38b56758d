// Small behaviours, kept out of the templates so the Content-Security-Policy forbids inline script.
"use strict";
// The navigation is open by default (it works without script); on a phone it starts folded.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.matchMedia("(min-width: 900px)").matches) {
    document.querySelectorAll("details.menu[open]").forEach((menu) => { menu.open = false; });
  }
});
document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-autosubmit]");
  if (select && select.form) select.form.requestSubmit();
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
});
// After a failed submit, the error summary takes the focus so that screen readers read it first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
