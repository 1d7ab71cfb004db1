/* The change-theory editor's htmx forms. A refusal that the server answers with a block of
   the editor (header X-Theory-Block; 400 bad input, 409 saved by someone else meanwhile) is
   swapped in like a success, so the message and the person's text show in place. Any other
   failure (403, 404, 500, no answer) leaves the form as it is and says so at the top.
   Loaded with defer on the editor page; no inline script. */
(function () {
  "use strict";

  function editor() {
    return document.getElementById("theory-editor");
  }

  function say(message) {
    var status = document.getElementById("editor-status");
    if (!status || !message) {
      return;
    }
    var alert = document.createElement("div");
    alert.className = "alert alert-error theory-alert";
    alert.setAttribute("role", "alert");
    var body = document.createElement("div");
    body.className = "alert-body";
    var text = document.createElement("p");
    text.className = "alert-text";
    text.textContent = message;
    body.appendChild(text);
    alert.appendChild(body);
    status.replaceChildren(alert);
    status.scrollIntoView({block: "nearest"});
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (!editor() || xhr.status < 400) {
      return;
    }
    if (xhr.getResponseHeader("X-Theory-Block")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      return;
    }
    var root = editor();
    say(xhr.status === 403 ? root.dataset.forbiddenMessage : root.dataset.failedMessage);
  });

  document.addEventListener("htmx:sendError", function () {
    if (editor()) {
      say(editor().dataset.failedMessage);
    }
  });

  document.addEventListener("htmx:beforeRequest", function () {
    var status = document.getElementById("editor-status");
    if (status) {
      status.replaceChildren();
    }
  });

  /* After a save, move focus to the block's message so screen readers hear it (the picker's
     results carry none: typing in its search field goes on undisturbed). */
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!editor() || !target || !target.isConnected) {
      return;
    }
    var alert = target.querySelector(".theory-alert");
    if (alert) {
      alert.setAttribute("tabindex", "-1");
      alert.focus({preventScroll: false});
    }
  });
})();
