// The compiled report's workspace: the sections autosave (5 s after a change, and on leaving a
// field) with the version the page was opened at; a save refused because someone else saved
// since stops autosaving and says so, leaving the text on the page. Without this script the
// form still saves with its button.
(function () {
  "use strict";
  var form = document.getElementById("compiled-form");
  if (!form || form.dataset.autosave !== "on") return;

  var DELAY = 5000;
  var text = form.dataset;
  var statusLine = document.getElementById("autosave-status");
  var conflictNotice = document.getElementById("conflict-notice");
  var timer = null;
  var saving = false;
  var edits = 0;
  var savedEdits = 0;
  var stopped = false;

  function say(message) {
    if (statusLine) statusLine.textContent = message;
  }

  function save() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (saving || stopped || edits === savedEdits) return;
    saving = true;
    var covered = edits;
    say(text.textSaving);
    fetch(text.autosaveUrl, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      saving = false;
      if (result.status === 200) {
        // Every form of the page (drafting again, the signer) now names the saved version.
        document.querySelectorAll('input[name="version"]').forEach(function (field) {
          field.value = result.data.version;
        });
        savedEdits = covered;
        say(text.textSaved + " " + result.data.saved_at_text);
        if (edits !== savedEdits) schedule();
      } else {
        stopped = true;
        conflictNotice.textContent = result.data.error;
        conflictNotice.hidden = false;
        say("");
      }
    }).catch(function () {
      saving = false;
      say(text.textOffline);
      schedule();
    });
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  form.querySelectorAll("[data-field]").forEach(function (field) {
    field.addEventListener("input", function () {
      edits += 1;
      say(text.textUnsaved);
      schedule();
    });
    field.addEventListener("change", save);
  });
  window.addEventListener("beforeunload", function (event) {
    if (edits !== savedEdits && !stopped) event.preventDefault();
  });
})();
