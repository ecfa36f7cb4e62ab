/*
 * Møteplass schedule editor: drag and drop as a shortcut for the "Place"/"Move" form of each
 * item, and focus kept where the user was after htmx swaps the editor. Everything here is also
 * possible with the forms alone (keyboard, screen reader, no JavaScript).
 */
(function () {
  "use strict";

  function placeForm(item) {
    return item.querySelector("form[data-place-form]");
  }

  function setField(form, suffix, value) {
    var field = form.querySelector("[name$='-" + suffix + "']");
    if (!field) {
      return;
    }
    if (field.type === "checkbox") {
      field.checked = Boolean(value);
    } else {
      field.value = value;
    }
  }

  function enableDragging(root) {
    root.querySelectorAll("[data-session]").forEach(function (item) {
      if (placeForm(item)) {
        item.setAttribute("draggable", "true");
      }
    });
  }

  var dragged = null;

  document.addEventListener("dragstart", function (event) {
    var item = event.target.closest && event.target.closest("[data-session]");
    if (!item) {
      return;
    }
    dragged = item;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.getAttribute("data-session"));
  });

  document.addEventListener("dragend", function () {
    dragged = null;
    document.querySelectorAll(".is-drop-target").forEach(function (el) {
      el.classList.remove("is-drop-target");
    });
  });

  function dropTarget(event) {
    return event.target.closest && event.target.closest("[data-drop-slot], [data-drop-unplace]");
  }

  document.addEventListener("dragover", function (event) {
    var target = dragged && dropTarget(event);
    if (target) {
      event.preventDefault();
      target.classList.add("is-drop-target");
    }
  });

  document.addEventListener("dragleave", function (event) {
    var target = dropTarget(event);
    if (target && !target.contains(event.relatedTarget)) {
      target.classList.remove("is-drop-target");
    }
  });

  document.addEventListener("drop", function (event) {
    var target = dragged && dropTarget(event);
    if (!target) {
      return;
    }
    event.preventDefault();
    target.classList.remove("is-drop-target");
    var item = dragged;
    dragged = null;
    if (target.hasAttribute("data-drop-unplace")) {
      var unplace = item.querySelector("form[data-unplace-form]");
      if (unplace) {
        unplace.requestSubmit();
      }
      return;
    }
    var form = placeForm(item);
    setField(form, "slot", target.getAttribute("data-drop-slot"));
    setField(form, "room", target.getAttribute("data-drop-room"));
    setField(form, "start", "");
    setField(form, "all_rooms", target.hasAttribute("data-drop-all"));
    form.requestSubmit();
  });

  // After htmx swaps the editor, put focus back on the item that was changed (or on the error
  // summary of its form), so keyboard and screen reader users do not lose their place.
  function restoreFocus(root) {
    var holder = root.querySelector ? root.querySelector("[data-focus]") : null;
    if (!holder && root.hasAttribute && root.hasAttribute("data-focus")) {
      holder = root;
    }
    if (!holder) {
      return;
    }
    var target = document.getElementById(holder.getAttribute("data-focus"));
    if (!target) {
      return;
    }
    var inner = target.querySelector("[data-focus-here]");
    target = inner || target;
    if (!target.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA|SUMMARY)$/.test(target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var root = document.getElementById("schedule");
    if (root) {
      enableDragging(root);
      restoreFocus(root);
    }
  });

  // The PDF status of the publishing page replaces itself (the button that asked for the PDF
  // included): keep focus on the status, and announce once when the file is ready or failed.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var current = target && target.id ? document.getElementById(target.id) : null;
    if (!current || !current.classList.contains("pdf-status")) {
      return;
    }
    if (document.activeElement === document.body || !document.activeElement) {
      current.setAttribute("tabindex", "-1");
      current.focus();
    }
    var state = current.getAttribute("data-state");
    var announcer = document.getElementById("pdf-announcer");
    if (announcer && (state === "done" || state === "failed")) {
      announcer.textContent = current.textContent.replace(/\s+/g, " ").trim();
    }
  });

  function start() {
    var root = document.getElementById("schedule");
    if (root) {
      enableDragging(root);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
