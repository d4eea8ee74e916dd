// The silence form's live preview (the Preview button does the same without script): as the matchers change, post the
// form as "preview" and swap in the server's answer of what the silence would mute now.
(function () {
  "use strict";
  var form = document.querySelector("form.silence-form");
  var area = document.getElementById("preview-area");
  var matchers = document.getElementById("matchers");
  if (!form || !area || !matchers || !window.fetch || !window.FormData) { return; }
  var timer = null, seq = 0;
  function refresh() {
    var body = new FormData(form);
    body.set("Action", "preview");
    var mine = ++seq;
    fetch(location.href, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        if (mine !== seq) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("preview-area");
        if (fresh) { area.innerHTML = fresh.innerHTML; }
      })
      .catch(function () { });
  }
  matchers.addEventListener("input", function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(refresh, 400);
  });
})();
