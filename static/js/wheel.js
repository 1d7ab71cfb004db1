/* The experiment wheel's htmx forms: show refusals (400/403/409) in place, move focus to
   the status after a swap. Loaded with defer on experiment pages; no inline script. */
(function () {
  "use strict";
  var SHOWN = [400, 403, 409];
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "wheel-panel" &&
        SHOWN.indexOf(event.detail.xhr.status) !== -1) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var status = document.getElementById("wheel-status");
    if (status && status.children.length && event.detail.target &&
        event.detail.target.id === "wheel-panel") {
      status.focus();
    }
  });
})();
