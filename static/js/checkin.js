/*
 * Møteplass check-in and name badges: reading the QR code of a ticket with the camera, focus for
 * the next person after a check-in, and the badge file's status announced when it is ready.
 *
 * The camera is optional: the ticket code box works with the keyboard and with a scanner that
 * types the code. The camera uses the browser's BarcodeDetector where it reads QR codes, else the
 * vendored jsQR (static/vendor/jsqr, loaded only when needed). When a code is read it is put in
 * the code box and the form is submitted, exactly as if it had been typed.
 */
(function () {
  "use strict";

  var SCAN_INTERVAL_MS = 150;
  var MAX_DECODE_WIDTH = 640;

  function cameraAvailable() {
    return Boolean(
      window.isSecureContext !== false &&
        navigator.mediaDevices &&
        typeof navigator.mediaDevices.getUserMedia === "function"
    );
  }

  function nativeDetector() {
    if (!("BarcodeDetector" in window) || typeof window.BarcodeDetector.getSupportedFormats !== "function") {
      return Promise.resolve(null);
    }
    return window.BarcodeDetector.getSupportedFormats()
      .then(function (formats) {
        return formats.indexOf("qr_code") >= 0 ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
      })
      .catch(function () {
        return null;
      });
  }

  var decoderLoading = null;

  function loadDecoder(src) {
    if (window.jsQR) {
      return Promise.resolve(window.jsQR);
    }
    if (!decoderLoading) {
      decoderLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.addEventListener("load", function () {
          if (window.jsQR) {
            resolve(window.jsQR);
          } else {
            reject(new Error("jsQR did not load"));
          }
        });
        script.addEventListener("error", function () {
          decoderLoading = null;
          reject(new Error("jsQR did not load"));
        });
        document.head.appendChild(script);
      });
    }
    return decoderLoading;
  }

  function Scanner(root) {
    this.root = root;
    this.section = root.closest("section") || document;
    this.form = this.section.querySelector("form[data-code-form]");
    this.field = this.form ? this.form.querySelector("[data-code-field]") : null;
    this.startButton = root.querySelector("[data-camera-start]");
    this.stopButton = root.querySelector("[data-camera-stop]");
    this.view = root.querySelector("[data-camera-view]");
    this.status = root.querySelector("[data-camera-status]");
    this.stream = null;
    this.video = null;
    this.timer = null;
    this.running = false;
  }

  Scanner.prototype.say = function (name) {
    if (this.status) {
      this.status.textContent = this.root.getAttribute("data-msg-" + name) || "";
    }
  };

  Scanner.prototype.enable = function () {
    var scanner = this;
    if (!this.form || !this.field || !this.startButton || !cameraAvailable()) {
      return;
    }
    this.startButton.hidden = false;
    this.startButton.addEventListener("click", function () {
      scanner.start();
    });
    this.stopButton.addEventListener("click", function () {
      scanner.stop();
      scanner.say("stopped");
      scanner.startButton.focus();
    });
    window.addEventListener("pagehide", function () {
      scanner.stop();
    });
    document.addEventListener("visibilitychange", function () {
      if (document.hidden && scanner.running) {
        scanner.stop();
        scanner.say("stopped");
      }
    });
  };

  Scanner.prototype.start = function () {
    var scanner = this;
    if (this.running) {
      return;
    }
    this.running = true;
    this.say("starting");
    this.startButton.hidden = true;
    this.stopButton.hidden = false;
    this.stopButton.focus();
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        scanner.stream = stream;
        if (!scanner.running) {
          scanner.stop();
          return null;
        }
        return nativeDetector().then(function (detector) {
          if (detector) {
            return { detector: detector };
          }
          return loadDecoder(scanner.root.getAttribute("data-decoder")).then(function (jsQR) {
            return { jsQR: jsQR };
          });
        });
      })
      .then(function (decoder) {
        if (!decoder || !scanner.running) {
          return null;
        }
        scanner.decoder = decoder;
        var video = document.createElement("video");
        video.setAttribute("playsinline", "");
        video.setAttribute("aria-hidden", "true");
        video.muted = true;
        video.srcObject = scanner.stream;
        scanner.video = video;
        scanner.view.appendChild(video);
        scanner.view.hidden = false;
        return video.play().then(function () {
          scanner.say("scanning");
          scanner.next();
        });
      })
      .catch(function () {
        scanner.stop();
        scanner.say("failed");
        scanner.startButton.focus();
      });
  };

  Scanner.prototype.stop = function () {
    this.running = false;
    if (this.timer) {
      window.clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.stream) {
      this.stream.getTracks().forEach(function (track) {
        track.stop();
      });
      this.stream = null;
    }
    if (this.video) {
      this.video.remove();
      this.video = null;
    }
    if (this.view) {
      this.view.hidden = true;
    }
    if (this.startButton) {
      this.startButton.hidden = false;
    }
    if (this.stopButton) {
      this.stopButton.hidden = true;
    }
  };

  Scanner.prototype.next = function () {
    var scanner = this;
    if (!this.running) {
      return;
    }
    this.timer = window.setTimeout(function () {
      window.requestAnimationFrame(function () {
        scanner.scan();
      });
    }, SCAN_INTERVAL_MS);
  };

  Scanner.prototype.scan = function () {
    var scanner = this;
    var video = this.video;
    if (!this.running || !video) {
      return;
    }
    if (video.readyState < 2 || !video.videoWidth) {
      this.next();
      return;
    }
    if (this.decoder.detector) {
      this.decoder.detector
        .detect(video)
        .then(function (codes) {
          if (codes.length && codes[0].rawValue) {
            scanner.found(codes[0].rawValue);
          } else {
            scanner.next();
          }
        })
        .catch(function () {
          scanner.next();
        });
      return;
    }
    var scale = Math.min(1, MAX_DECODE_WIDTH / video.videoWidth);
    var width = Math.round(video.videoWidth * scale);
    var height = Math.round(video.videoHeight * scale);
    if (!this.canvas) {
      this.canvas = document.createElement("canvas");
    }
    this.canvas.width = width;
    this.canvas.height = height;
    var context = this.canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(video, 0, 0, width, height);
    var image = context.getImageData(0, 0, width, height);
    var code = this.decoder.jsQR(image.data, width, height, { inversionAttempts: "dontInvert" });
    if (code && code.data) {
      this.found(code.data);
    } else {
      this.next();
    }
  };

  Scanner.prototype.found = function (value) {
    this.stop();
    this.say("found");
    this.field.value = value.trim();
    if (typeof this.form.requestSubmit === "function") {
      this.form.requestSubmit();
    } else {
      this.form.submit();
    }
  };

  function focusOnLoad() {
    if (document.querySelector("[data-error-summary]") || document.querySelector("[autofocus]")) {
      return;
    }
    var target = document.querySelector("[data-focus-on-load]");
    if (target) {
      target.focus();
    }
  }

  // After a check-in (or an undo) the person's card is swapped in place and the outcome is
  // announced by the live region; focus goes to the empty code box, ready for the next person.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "checkin-person") {
      return;
    }
    var field = document.querySelector("form[data-code-form] [data-code-field]");
    if (field) {
      field.value = "";
      field.focus();
    }
  });

  // A badge file's status replaces itself while it is being made: announce once when the file is
  // ready or failed.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    var current = target && target.id ? document.getElementById(target.id) : null;
    if (!current || !current.classList.contains("badge-status")) {
      return;
    }
    var state = current.getAttribute("data-state");
    var announcer = document.getElementById("badges-announcer");
    if (announcer && (state === "done" || state === "failed")) {
      announcer.textContent = current.textContent.replace(/\s+/g, " ").trim();
    }
  });

  function start() {
    document.querySelectorAll("[data-camera]").forEach(function (root) {
      new Scanner(root).enable();
    });
    focusOnLoad();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
