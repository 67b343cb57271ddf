// The score sheet's evidence added and removed without reloading the page. The button's
// request is the one the browser would send (the whole sheet, saved first, as without this
// script); from the page the server answers with, only what changed is taken: the leaf's
// evidence, the sheet's version, the totals and the messages. A refused save shows the
// answered page's content whole. Without this script the buttons post the form as before.
(function () {
  "use strict";

  function swap(current, fresh) {
    if (current && fresh) current.replaceWith(fresh);
  }

  function showMessages(doc) {
    var main = document.querySelector("main");
    var old = main.querySelector(".messages");
    var fresh = doc.querySelector("main .messages");
    if (old) old.remove();
    if (fresh) main.insertBefore(fresh, main.firstChild);
    return fresh;
  }

  function wholePage(doc) {
    var main = document.querySelector("main");
    main.innerHTML = doc.querySelector("main").innerHTML;
    setUp();
    var problem = main.querySelector("[aria-invalid=true], .messages .error, .notice.conflict");
    (problem || main).scrollIntoView();
  }

  function send(form, button) {
    var leaf = button.closest("[data-code]");
    var code = leaf ? leaf.getAttribute("data-code") : "";
    var box = document.getElementById("kiem-chung-" + code);
    var data = new FormData(form);
    if (button.name) data.append(button.name, button.value);
    button.disabled = true;
    if (box) box.setAttribute("aria-busy", "true");
    return fetch(button.formAction, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("kiem-chung-" + code);
        if (!response.ok || !fresh || !box) { wholePage(doc); return; }
        swap(box, fresh);
        var version = doc.querySelector("#sheet-form [name=version]");
        if (version) form.elements.namedItem("version").value = version.value;
        swap(document.getElementById("totals"), doc.getElementById("totals"));
        var said = showMessages(doc);
        var status = fresh.querySelector(".evidence-status");
        if (status && said) status.textContent = said.textContent.trim();
        var focus = fresh.querySelector("summary, a, button");
        if (focus) focus.focus();
      });
    });
  }

  function setUp() {
    var form = document.getElementById("sheet-form");
    if (!form || form.dataset.enhanced) return;
    form.dataset.enhanced = "1";
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !button.hasAttribute("data-evidence")) return;
      event.preventDefault();
      send(form, button).catch(function () {
        // No answer (offline?): post the form the plain way, which keeps what was typed.
        button.removeAttribute("data-evidence");
        button.disabled = false;
        button.click();
      });
    });
  }

  if (window.fetch && window.FormData && window.DOMParser) setUp();
})();
