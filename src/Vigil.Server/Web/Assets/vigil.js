// Keeps the parts of a page marked data-live="topic ..." current: the server says which topics changed over
// server-sent events (/ui/events) and the page re-fetches itself and swaps those parts in. Without this script the
// page still reads; reload it for news. Also tells the server the viewer's time zone (cookie vigil_tz).
(function () {
  "use strict";
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
  // Times on the next page load are in this zone (this one shows the zone it used, UTC at first).
  if (zone && document.cookie.indexOf("vigil_tz=" + zone) < 0) {
    document.cookie = "vigil_tz=" + zone + "; path=/; max-age=31536000; samesite=strict";
  }

  var regions = document.querySelectorAll("[data-live][id]");
  if (!regions.length || !window.EventSource || !window.fetch) { return; }
  var topics = {};
  regions.forEach(function (r) { r.dataset.live.split(/\s+/).forEach(function (t) { if (t) { topics[t] = true; } }); });
  var wanted = Object.keys(topics);
  var busy = false, again = false, dirty = {};

  function editing(region) {
    // Never swap away what the user is doing: a focused field, or ticked boxes of a selection.
    var a = document.activeElement;
    return (a && region.contains(a) && /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName))
      || region.querySelector("input[type=checkbox]:checked") !== null;
  }

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { headers: { "X-Vigil-Live": "1" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        regions.forEach(function (region) {
          if (!region.dataset.live.split(/\s+/).some(function (t) { return dirty[t]; })) { return; }
          var fresh = doc.getElementById(region.id);
          if (fresh && !editing(region) && fresh.innerHTML !== region.innerHTML) {
            region.innerHTML = fresh.innerHTML;
            region.setAttribute("data-refreshed", String(Date.now()));
          }
        });
        dirty = {};
        document.documentElement.setAttribute("data-live-state", "current");
      })
      .catch(function () { document.documentElement.setAttribute("data-live-state", "stale"); })
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }

  var source = new EventSource("/ui/events?topics=" + encodeURIComponent(wanted.join(",")));
  source.addEventListener("open", function () {
    document.documentElement.setAttribute("data-live-state", "connected");
    // A change made after the server rendered this page but before the stream opened (or while it was down and
    // reconnecting) was announced to nobody here: fetch every live part once now.
    wanted.forEach(function (t) { dirty[t] = true; });
    refresh();
  });
  source.addEventListener("change", function (e) {
    String(e.data).split(/\s+/).forEach(function (t) { if (t) { dirty[t] = true; } });
    refresh();
  });
  // Times relative to now and windows that end by the clock: refresh every part once a minute as well.
  setInterval(function () { wanted.forEach(function (t) { dirty[t] = true; }); refresh(); }, 60000);
})();
