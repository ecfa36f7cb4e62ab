/*
 * Møteplass follow-up report, the advisers' page: a report PDF's status replaces itself (htmx)
 * while the file is being made; when it is ready or has failed, the live region says so once.
 */
(function () {
  "use strict";

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    var current = target && target.id ? document.getElementById(target.id) : null;
    if (!current || !current.classList.contains("report-file")) {
      return;
    }
    var state = current.getAttribute("data-state");
    var announcer = document.getElementById("report-announcer");
    if (announcer && (state === "done" || state === "failed")) {
      announcer.textContent = current.textContent.replace(/\s+/g, " ").trim();
    }
  });
})();
