// The alert list's helpers (the page works without them): completion of label names and values in the filter box,
// and keeping the ticked alerts ticked (the list's live refresh pauses while any alert is selected).
(function () {
  "use strict";
  var input = document.getElementById("filter");
  var list = document.getElementById("label-completions");
  if (input && list) {
    // The server lists `name=` and `name="value"` for the whole box; offer them for the matcher being typed,
    // keeping the matchers before it.
    var all = Array.prototype.map.call(list.options, function (o) { return o.value; });
    var complete = function () {
      var text = input.value;
      var cut = -1, quoted = false;
      for (var i = 0; i < text.length; i++) {
        var c = text.charAt(i);
        if (c === "\\" && quoted) { i++; continue; }
        if (c === "\"") { quoted = !quoted; }
        if (!quoted && (c === " " || c === ",")) { cut = i; }
      }
      var head = text.slice(0, cut + 1), token = text.slice(cut + 1);
      var found = all.filter(function (v) { return v.indexOf(token) === 0; }).slice(0, 60);
      list.textContent = "";
      found.forEach(function (v) {
        var o = document.createElement("option");
        o.value = head + v;
        list.appendChild(o);
      });
    };
    input.addEventListener("input", complete);
    input.addEventListener("focus", complete);
  }

  var region = document.getElementById("alert-list");
  var form = document.getElementById("alert-select");
  if (region && form) {
    var topics = region.getAttribute("data-live");
    form.addEventListener("change", function () {
      var ticked = form.querySelector("input[name=fp]:checked");
      region.setAttribute("data-live", ticked ? "paused" : topics);
    });
  }
})();
