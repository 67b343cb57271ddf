// The report page without losing anything typed: the form autosaves (10 s after a change, and
// on leaving a field), mirrors what is typed in localStorage until the server has it, restores
// it after a reload, and recomputes the ratios as figures are typed. Without this script the
// form still saves with its buttons.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) return;

  var DELAY = 10000;
  var text = form.dataset;
  var versionField = form.elements.namedItem("version");
  var statusLine = document.getElementById("autosave-status");
  var restoreNotice = document.getElementById("restore-notice");
  var conflictNotice = document.getElementById("conflict-notice");
  var autosave = text.autosave === "on";
  var timer = null;
  var saving = false;
  var pendingSubmit = null; // a button pressed while a save was under way
  var resubmitting = false;
  var edits = 0; // grows with every change; a save covers the edits made before it was sent
  var savedEdits = 0;

  function fields() {
    return Array.prototype.slice.call(form.querySelectorAll("[data-field]"));
  }

  function snapshot() {
    var values = {};
    fields().forEach(function (field) { values[field.name] = field.value; });
    return values;
  }

  function say(message) {
    if (statusLine) statusLine.textContent = message;
  }

  // Storage may be full or disabled; the server copy still works then.
  function mirror(version) {
    try {
      localStorage.setItem(text.storageKey, JSON.stringify({
        version: version || versionField.value, at: Date.now(), fields: snapshot()
      }));
    } catch (e) { /* nothing more can be done here */ }
  }

  function forget() {
    try { localStorage.removeItem(text.storageKey); } catch (e) { /* as above */ }
  }

  // Figures as parse_value reads them: "2.319" and "86,08", or "2319" and "86.08".
  function parseFigure(raw, type) {
    var t = raw.replace(/[\s\u00a0]/g, "");
    if (!t) return null;
    if (t.indexOf(",") >= 0) t = t.replace(/\./g, "").replace(",", ".");
    else if ((t.match(/\./g) || []).length > 1 || (type === "integer" && t.indexOf(".") >= 0)) {
      t = t.replace(/\./g, "");
    }
    return /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
  }

  function formatRate(value) {
    var parts = value.toFixed(2).split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return parts[1] === "00" ? whole : whole + "," + parts[1];
  }

  function figure(code) {
    var input = form.elements.namedItem("value-" + code);
    return input ? parseFigure(input.value, input.dataset.type) : null;
  }

  function sum(codes) {
    var total = null;
    codes.split(" ").filter(Boolean).forEach(function (code) {
      var value = figure(code);
      if (value !== null && !isNaN(value)) total = (total || 0) + value;
    });
    return total;
  }

  function recompute() {
    form.querySelectorAll("output[data-numerator]").forEach(function (output) {
      var numerator = sum(output.dataset.numerator);
      var denominator = sum(output.dataset.denominator);
      output.textContent = numerator === null || !denominator
        ? "—" : formatRate(100 * numerator / denominator);
    });
    countFilled();
  }

  // The summary bar's count of figures filled, as they are typed.
  function countFilled() {
    var counter = document.getElementById("filled-count");
    if (!counter) return;
    var filled = 0;
    form.querySelectorAll("tr[data-code]").forEach(function (row) {
      var value = row.querySelector("input[data-field], output");
      var text = value ? (value.value !== undefined && value.tagName === "INPUT"
        ? value.value : value.textContent) : "";
      if (text.trim() && text.trim() !== "—") filled += 1;
    });
    counter.textContent = String(filled);
  }

  function showFindings(findings) {
    form.querySelectorAll("tr[data-code]").forEach(function (row) {
      row.classList.remove("finding-blocking", "finding-warning");
    });
    form.querySelectorAll("fieldset[data-section]").forEach(function (section) {
      var list = section.querySelector("ul.findings");
      list.textContent = "";
      findings.forEach(function (finding) {
        var here = finding.codes.some(function (code) {
          return section.querySelector('tr[data-code="' + code + '"]');
        });
        if (!here) return;
        var item = document.createElement("li");
        item.className = finding.severity;
        item.textContent = finding.message;
        list.appendChild(item);
      });
    });
    findings.forEach(function (finding) {
      finding.codes.forEach(function (code) {
        var row = form.querySelector('tr[data-code="' + code + '"]');
        if (row && !row.classList.contains("finding-blocking")) {
          row.classList.remove("finding-warning");
          row.classList.add("finding-" + finding.severity);
        }
      });
    });
  }

  function showErrors(errors) {
    form.querySelectorAll(".field-error").forEach(function (span) {
      var code = span.id.replace(/^error-/, "");
      var input = form.elements.namedItem("value-" + code);
      span.textContent = errors[code] || "";
      if (input && input.setAttribute) {
        if (errors[code]) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
    });
  }

  function schedule(delay) {
    if (!autosave || timer !== null) return;
    timer = window.setTimeout(save, delay);
  }

  function stop(message) {
    autosave = false;
    mirror();
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
    conflictNotice.textContent = message;
    conflictNotice.hidden = false;
  }

  function save() {
    timer = null;
    if (!autosave || edits === savedEdits) return;
    if (saving) { schedule(1000); return; }
    saving = true;
    var sent = edits;
    say(text.textSaving);
    fetch(text.autosaveUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, redirected: response.redirected, data: data };
      });
    }).then(function (result) {
      saving = false;
      if (result.status === 200 && typeof result.data.version === "number") {
        versionField.value = result.data.version;
        savedEdits = sent;
        say(text.textSaved + " " + result.data.saved_at_text);
        showFindings(result.data.findings);
        showErrors(result.data.errors);
        var unread = Object.keys(result.data.errors).length > 0;
        if (edits === savedEdits && !unread) forget(); else mirror();
      } else if (result.status === 409 && result.data.error) {
        say(text.textUnsaved);
        stop(result.data.error);
      } else if (result.status === 413 && result.data.error) {
        // Refused by the server's limits (a field too long): say why; the text stays here.
        say(result.data.error);
      } else if (result.redirected || result.status === 403) {
        // Signed out (the session ended): the next attempt succeeds once signed in again.
        say(text.textSignedOut);
      } else {
        say(text.textOffline);
      }
      if (pendingSubmit) resubmit(); else schedule(DELAY);
    }).catch(function () {
      saving = false;
      say(text.textOffline);
      if (pendingSubmit) resubmit(); else schedule(DELAY);
    });
  }

  // The button was pressed while an autosave was under way: send the form once that save has
  // answered, so it carries the version that save produced rather than conflicting with it.
  function resubmit() {
    var button = pendingSubmit === form ? null : pendingSubmit;
    pendingSubmit = null;
    resubmitting = true;
    form.requestSubmit(button);
  }

  function changed() {
    edits += 1;
    mirror();
    recompute();
    if (autosave) say(text.textUnsaved);
    schedule(DELAY);
  }

  // "2319" typed and "2.319" shown after saving are the same figure.
  function same(field, kept) {
    if (kept === field.value) return true;
    if (!field.dataset.type) return false;
    var a = parseFigure(kept, field.dataset.type);
    var b = parseFigure(field.value, field.dataset.type);
    return a === b || (a !== a && b !== b && kept.trim() === field.value.trim());
  }

  function restore() {
    // The page shows what was typed but not saved (a refused save): keep it, marked as typed
    // on no saved version, so that a reload offers it back without saving it unseen.
    if (text.typed === "1") { mirror("typed"); return; }
    var kept;
    try { kept = JSON.parse(localStorage.getItem(text.storageKey) || "null"); } catch (e) { kept = null; }
    if (!kept || !kept.fields) return;
    var differs = fields().some(function (field) {
      return field.name in kept.fields && !same(field, kept.fields[field.name]);
    });
    if (!differs) { forget(); return; }
    fields().forEach(function (field) {
      if (field.name in kept.fields && !field.readOnly) field.value = kept.fields[field.name];
    });
    var when = new Date(kept.at).toLocaleString("vi-VN");
    var stale = String(kept.version) !== String(versionField.value);
    restoreNotice.textContent = (stale ? text.textRestoredStale : text.textRestored).replace("%s", when);
    restoreNotice.hidden = false;
    // Typed on an older version: saving it now could overwrite a newer one without a look.
    if (stale) autosave = false;
    edits += 1;
    mirror();
    recompute();
    schedule(DELAY);
  }

  form.addEventListener("input", function (event) {
    var name = event.target.name || "";
    // "Không phát sinh" ticked: the figure it stands for is no longer typed.
    if (name.indexOf("nil-value-") === 0 && event.target.checked) {
      var figureInput = form.elements.namedItem(name.slice(4));
      if (figureInput) figureInput.value = "";
    }
    if (event.target.hasAttribute("data-field") || name.indexOf("nil-") === 0) changed();
  });
  form.addEventListener("focusout", function (event) {
    if (event.target.hasAttribute("data-field") && edits !== savedEdits) {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      save();
    }
  });
  form.addEventListener("submit", function (event) {
    var button = event.submitter || null;
    if (resubmitting) {
      resubmitting = false; // already confirmed
    } else if (button && button.hasAttribute("data-confirm") &&
               !window.confirm(text.textConfirmSubmit)) {
      event.preventDefault();
      return;
    }
    if (saving) {
      event.preventDefault();
      pendingSubmit = button || form;
      return;
    }
    autosave = false;
    mirror();
  });

  restore();
  recompute();
})();
