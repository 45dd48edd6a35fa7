// Voice: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Read aloud with the browser's own speech synthesis: no audio is downloaded, nothing is sent.
  function setUpReadAloud(root) {
    var button = root.querySelector("[data-read-aloud]");
    if (!button || !("speechSynthesis" in window)) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var form = document.querySelector("[data-question]");
      if (!form) return;
      var parts = Array.prototype.map.call(form.querySelectorAll("[data-read]"), function (el) {
        return el.textContent.trim();
      });
      window.speechSynthesis.cancel();
      var utterance = new SpeechSynthesisUtterance(parts.join(". "));
      utterance.lang = "en-GB";
      utterance.rate = 0.9;
      window.speechSynthesis.speak(utterance);
    });
  }

  // After htmx swaps in a new page, move focus to its heading (or its error summary) so screen
  // readers announce the new question, as a full page load would.
  function focusNewContent() {
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
    var target = document.querySelector("#journey .error-summary") || document.querySelector("#journey h1");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpReadAloud(document);
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail && event.detail.target && event.detail.target.id === "journey") {
      setUpReadAloud(event.detail.target);
      focusNewContent();
    }
  });
})();
