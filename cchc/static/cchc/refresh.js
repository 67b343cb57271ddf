// A page whose element carries data-refresh="N" (the progress of a background job) reloads
// itself every N seconds until the server renders it without the attribute.
(function () {
  "use strict";
  var element = document.querySelector("[data-refresh]");
  if (!element) return;
  var seconds = parseInt(element.getAttribute("data-refresh"), 10) || 2;
  window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
