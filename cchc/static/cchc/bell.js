// The bell's unread count, asked for after the page is shown so that no page waits for it;
// without JavaScript the bell is a plain link to the list of notices.
(function () {
  "use strict";
  var bell = document.querySelector("a.bell[data-unread-url]");
  if (!bell || !window.fetch) { return; }
  fetch(bell.dataset.unreadUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data) { return; }
      var count = bell.querySelector(".count");
      var unread = bell.querySelector(".unread-words");
      count.textContent = data.unread > 99 ? "99+" : String(data.unread);
      count.hidden = data.unread === 0;
      // Screen readers hear "Thông báo 8 chưa đọc": the visible words, then what the number is.
      unread.hidden = data.unread === 0;
      bell.classList.toggle("has-unread", data.unread > 0);
      bell.title = data.label;
    })
    .catch(function () { /* the bell stays a plain link */ });
})();
