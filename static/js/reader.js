// The reader's site: small improvements over pages that work without script.
// Our own file, no third-party code; the Content-Security-Policy allows nothing else.
(function () {
  "use strict";

  // Most read: one beacon per shown article page (counted on the server without cookies).
  function sendRead() {
    var article = document.querySelector("article[data-read]");
    if (!article || !navigator.sendBeacon) return;
    var send = function () {
      navigator.sendBeacon(article.getAttribute("data-read"));
    };
    if (document.visibilityState === "visible") {
      send();
    } else {
      document.addEventListener("visibilitychange", function shown() {
        if (document.visibilityState !== "visible") return;
        document.removeEventListener("visibilitychange", shown);
        send();
      });
    }
  }

  function start() {
    sendRead();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
