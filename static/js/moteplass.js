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

  // The skip link and the links of an error summary move focus to their target without adding
  // a fragment ("#main", "#id_email") to the address: a form posts to the page's own address,
  // the fragment would be kept through the redirect that follows, and on a page that came back
  // with errors the browser would move focus to the fragment's target, away from the summary.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (!link || !link.matches(".ds-skip-link, [data-error-summary] a")) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) {
      return;
    }
    event.preventDefault();
    if (!/^(A|BUTTON|INPUT|SELECT|TEXTAREA|SUMMARY)$/.test(target.tagName) && !target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1");
    }
    // the field's label (or the group's legend) in view as well as the field
    var context = target.closest(".field-group") || target;
    if (typeof context.scrollIntoView === "function") {
      context.scrollIntoView({ block: "start" });
    }
    target.focus({ preventScroll: true });
  });

  // A wide table scrolls sideways inside its .table-wrapper (moteplass.css) so that the page does
  // not (WCAG 1.4.10). While it scrolls, a keyboard user must be able to scroll it too (WCAG
  // 2.1.1): the wrapper becomes a focusable region named by the table's caption (or by its
  // section's heading). When the table fits again it is a plain box, not an extra Tab stop.
  // Wrappers a template already made a region (tabindex in the markup) are left alone.
  var generatedIds = 0;

  function regionLabel(wrapper) {
    var caption = wrapper.querySelector("caption");
    if (caption) {
      if (!caption.id) {
        do {
          generatedIds += 1;
        } while (document.getElementById("table-caption-" + generatedIds));
        caption.id = "table-caption-" + generatedIds;
      }
      return caption.id;
    }
    var section = wrapper.closest("[aria-labelledby]");
    return section ? section.getAttribute("aria-labelledby") : null;
  }

  function updateScrollRegions() {
    document.querySelectorAll(".table-wrapper").forEach(function (wrapper) {
      var managed = wrapper.hasAttribute("data-scroll-region");
      if (!managed && wrapper.hasAttribute("tabindex")) {
        return;
      }
      var scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
      if (scrolls && !managed) {
        var label = regionLabel(wrapper);
        wrapper.setAttribute("data-scroll-region", "");
        wrapper.setAttribute("tabindex", "0");
        if (label) {
          wrapper.setAttribute("role", "region");
          wrapper.setAttribute("aria-labelledby", label);
        }
      } else if (!scrolls && managed && document.activeElement !== wrapper) {
        ["data-scroll-region", "tabindex", "role", "aria-labelledby"].forEach(function (name) {
          wrapper.removeAttribute(name);
        });
      }
    });
  }

  window.addEventListener("resize", updateScrollRegions);
  window.addEventListener("load", updateScrollRegions);
  document.addEventListener("htmx:afterSettle", updateScrollRegions);

  function start() {
    focusErrorSummary(document);
    updateScrollRegions();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  // On an address with a fragment ("#main") the browser moves focus to the fragment's target
  // once the page has loaded, after the summary got it: an error summary still comes first.
  window.addEventListener("load", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (window.location.hash && summary && !summary.contains(document.activeElement)) {
      focusErrorSummary(document);
    }
  });
})();
