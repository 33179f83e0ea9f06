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

  // Sharing: copy the article's address, or the phone's own share sheet (Web Share API).
  function setUpSharing() {
    var box = document.querySelector(".share[data-share-url]");
    if (!box) return;
    var url = box.getAttribute("data-share-url");
    var title = box.getAttribute("data-share-title");
    var status = box.querySelector(".share-status");
    var copy = box.querySelector(".share-copy");
    var native = box.querySelector(".share-native");
    var say = function (text) {
      status.textContent = text;
    };
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.parentNode.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(
          function () {
            say(copy.getAttribute("data-done"));
          },
          function () {
            say(copy.getAttribute("data-failed"));
          }
        );
      });
    }
    if (native && navigator.share) {
      native.parentNode.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {
          // Closed by the reader, or refused: nothing to say.
        });
      });
    }
  }

  // Abbreviations: phones show no title tooltip, so the first use of each short form (marked
  // <abbr title> on the server) becomes a button that shows its expansion beside it, for a tap,
  // the keyboard and screen readers alike (a disclosure: aria-expanded, aria-controls).
  function setUpAbbreviations() {
    var marked = document.querySelectorAll(".article abbr[title]");
    Array.prototype.forEach.call(marked, function (abbr, index) {
      var expansion = abbr.getAttribute("title");
      if (!expansion || abbr.closest("a, button")) return;
      var button = document.createElement("button");
      var tip = document.createElement("span");
      button.type = "button";
      button.className = "abbr-toggle";
      button.setAttribute("aria-expanded", "false");
      tip.id = "abbr-tip-" + index;
      tip.className = "abbr-tip";
      tip.hidden = true;
      tip.textContent = expansion;
      button.setAttribute("aria-controls", tip.id);
      abbr.parentNode.insertBefore(button, abbr);
      button.appendChild(abbr);
      button.parentNode.insertBefore(tip, button.nextSibling);
      var show = function (open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        tip.hidden = !open;
      };
      button.addEventListener("click", function () {
        show(button.getAttribute("aria-expanded") !== "true");
      });
      button.addEventListener("keydown", function (event) {
        if (event.key === "Escape") show(false);
      });
    });
  }

  // The menu's sub-sections: a disclosure button beside each section that has some.
  function setUpMenu() {
    var toggles = document.querySelectorAll(".site-nav .sub-toggle");
    Array.prototype.forEach.call(toggles, function (button) {
      var list = document.getElementById(button.getAttribute("aria-controls"));
      if (!list) return;
      button.hidden = false;
      var show = function (open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        list.hidden = !open;
      };
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        Array.prototype.forEach.call(toggles, function (other) {
          if (other !== button && other.getAttribute("aria-expanded") === "true") {
            other.setAttribute("aria-expanded", "false");
            document.getElementById(other.getAttribute("aria-controls")).hidden = true;
          }
        });
        show(open);
      });
      button.parentNode.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
          show(false);
          button.focus();
        }
      });
    });
  }

  function start() {
    setUpMenu();
    sendRead();
    setUpSharing();
    setUpAbbreviations();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
