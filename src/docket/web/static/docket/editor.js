// Open the guiding questions of the section the cursor is in, beside the editor.
(function () {
  "use strict";
  function headingAt(text, caret) {
    // Up to the end of the caret's line, so a caret inside a heading reads all of it.
    var end = text.indexOf("\n", caret);
    var before = text.slice(0, end < 0 ? text.length : end).split("\n");
    for (var i = before.length - 1; i >= 0; i--) {
      var match = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(before[i]);
      if (match) { return match[1].trim().toLowerCase(); }
    }
    return null;
  }
  function follow(textarea) {
    var title = headingAt(textarea.value, textarea.selectionStart || 0);
    if (!title) { return; }
    var panels = document.querySelectorAll(".guidance details[data-section]");
    var match = null;
    panels.forEach(function (panel) {
      if (panel.getAttribute("data-section") === title) { match = panel; }
    });
    if (!match || match.open) { return; }
    panels.forEach(function (panel) { panel.open = false; });
    match.open = true;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var textarea = document.getElementById("id_text");
    if (!textarea) { return; }
    ["keyup", "click", "focus"].forEach(function (name) {
      textarea.addEventListener(name, function () { follow(textarea); });
    });
  });
})();
