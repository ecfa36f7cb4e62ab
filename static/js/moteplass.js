/*
 * Møteplass: small progressive enhancements, no dependencies.
 * Loaded with `defer` from base.html; no inline scripts anywhere (strict CSP).
 */
(function () {
  "use strict";

  // A form that came back with errors starts with an error summary (templates/forms/form.html).
  // Move focus to it so keyboard and screen reader users hear what to fix first.
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    if (!summary.hasAttribute("tabindex")) {
      summary.setAttribute("tabindex", "-1");
    }
    summary.focus();
    if (typeof summary.scrollIntoView === "function") {
      summary.scrollIntoView({ block: "start" });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { focusErrorSummary(document); });
  } else {
    focusErrorSummary(document);
  }
})();
