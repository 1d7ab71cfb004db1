/* A follow-up group's workshops: a field refused by the server (400/403/409) is shown in
   place, with its message, instead of being dropped by htmx. No inline script. */
(function () {
  "use strict";
  var SHOWN = [400, 403, 409];
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id && target.id.indexOf("wf-") === 0 &&
        SHOWN.indexOf(event.detail.xhr.status) !== -1) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
