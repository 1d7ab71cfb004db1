// The interest card's "characters left" counter, live while typing. Without JavaScript the
// server's count (from the text shown) stays, and the textarea's maxlength still holds.
(function () {
  "use strict";
  function setUp() {
    var count = document.getElementById("take-home-count");
    var field = document.getElementById("id_take_home");
    if (!count || !field) return;
    var max = parseInt(count.getAttribute("data-max"), 10);
    var template = count.getAttribute("data-template");
    if (!template || isNaN(max)) return;
    function update() {
      // Line breaks count as one character, as the browser's maxlength counts them.
      var left = Math.max(max - field.value.replace(/\r\n/g, "\n").length, 0);
      count.textContent = template.replace("{n}", String(left));
    }
    field.addEventListener("input", update);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
