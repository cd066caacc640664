// newsdesk: tell the reader when the store changed under the page (new reports from an
// ingest or `newsdesk watch`, a re-run clustering). Polls /api/status; never reloads by itself.
(function () {
  "use strict";
  var seen = document.body.getAttribute("data-fingerprint");
  var banner = document.getElementById("live");
  var every = parseInt(document.body.getAttribute("data-poll"), 10);
  if (!seen || !banner || !window.fetch || !(every > 0)) { return; }
  var timer = window.setInterval(function () {
    window.fetch("/api/status", { headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (s && s.fingerprint && s.fingerprint !== seen) {
          banner.hidden = false;
          window.clearInterval(timer);
        }
      })
      .catch(function () { /* the server stopped; try again next time */ });
  }, Math.max(every, 250));
}());
