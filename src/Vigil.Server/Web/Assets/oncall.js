// The On call page: drag across a schedule's calendar (from a day, shift or gap to another) to fill in the override
// form with that schedule and the span covered, then pick the person and create it. The form works without this.
(function () {
  "use strict";
  var form = document.getElementById("override");
  var fieldset = form && form.querySelector("fieldset");
  if (!fieldset || fieldset.disabled) { return; }
  var start = null, current = null, x0 = 0, y0 = 0, moved = false;

  function slot(el) { return el && el.closest ? el.closest(".oncall-cal [data-from]") : null; }
  function span(a, b) {
    return {
      from: a.dataset.from < b.dataset.from ? a.dataset.from : b.dataset.from,
      to: a.dataset.to > b.dataset.to ? a.dataset.to : b.dataset.to
    };
  }
  function unmark() {
    document.querySelectorAll(".oncall-cal .picked").forEach(function (el) { el.classList.remove("picked"); });
  }
  function mark() {
    unmark();
    var s = span(start, current);
    start.closest("ol").querySelectorAll("[data-from]").forEach(function (el) {
      if (el.dataset.from >= s.from && el.dataset.to <= s.to) { el.classList.add("picked"); }
    });
  }

  document.addEventListener("mousedown", function (e) {
    var s = e.button === 0 ? slot(e.target) : null;
    if (!s) { return; }
    start = current = s; x0 = e.clientX; y0 = e.clientY; moved = false;
    e.preventDefault(); // no text selection while dragging
  });
  document.addEventListener("mousemove", function (e) {
    if (!start) { return; }
    if (Math.abs(e.clientX - x0) + Math.abs(e.clientY - y0) > 8) { moved = true; }
    var s = slot(document.elementFromPoint(e.clientX, e.clientY));
    if (s && s.closest("ol") === start.closest("ol") && s !== current) { current = s; }
    if (moved) { mark(); }
  });
  document.addEventListener("mouseup", function () {
    if (!start) { return; }
    var a = start, b = current;
    start = current = null;
    unmark();
    if (!moved) { return; }
    var s = span(a, b);
    form.querySelector("#ov-schedule").value = a.closest("ol").dataset.schedule;
    form.querySelector("#ov-from").value = s.from;
    form.querySelector("#ov-to").value = s.to;
    form.querySelector("#ov-picked").textContent = "Picked " + s.from.replace("T", " ") + " to " + s.to.replace("T", " ") +
      " on " + a.closest("ol").dataset.schedule + ": choose the person and create the override.";
    form.scrollIntoView({ block: "nearest" });
    form.querySelector("#ov-person").focus();
  });
})();
