// Progressive enhancement for Kho tin HĐND. Everything works without this file: it only makes the
// results follow the typing (fetching the server-rendered results part, /ket-qua, and keeping the
// URL in step so the search can still be bookmarked) and adds a "copy" button to citations.
(function () {
  "use strict";

  var DELAY_MS = 300;

  function queryString(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value.trim() !== "") {
        params.append(key, value);
      }
    });
    return params.toString();
  }

  function searchAsYouType() {
    var form = document.getElementById("form-tim");
    var box = document.getElementById("ket-qua");
    var input = document.getElementById("q");
    if (!form || !box || !input || !window.fetch || !window.history || !window.URLSearchParams) {
      return;
    }
    var timer = null;
    var controller = null;
    var lastSent = queryString(form);

    function run() {
      var qs = queryString(form);
      if (qs === lastSent) {
        return;
      }
      lastSent = qs;
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      box.setAttribute("aria-busy", "true");
      fetch("/ket-qua" + (qs ? "?" + qs : ""), {
        headers: { "Accept": "text/html" },
        signal: controller ? controller.signal : undefined,
        credentials: "same-origin"
      }).then(function (response) {
        return response.text().then(function (html) {
          if (qs !== lastSent) {
            return;   // a newer search has been sent since
          }
          // server-rendered, every scraped string already escaped
          box.innerHTML = html;
          box.removeAttribute("aria-busy");
          window.history.replaceState(null, "", "/" + (qs ? "?" + qs : ""));
        });
      }).catch(function () {
        box.removeAttribute("aria-busy");
      });
    }

    function later() {
      if (timer) {
        clearTimeout(timer);
      }
      timer = setTimeout(run, DELAY_MS);
    }

    input.addEventListener("input", function (event) {
      if (event.isComposing) {
        return;   // an input method (Telex, VNI) is still composing a syllable
      }
      later();
    });
    input.addEventListener("compositionend", later);
    ["level", "site", "sort"].forEach(function (id) {
      var el = document.getElementById(id);
      if (el) {
        el.addEventListener("change", run);
      }
    });
  }

  function copyButtons() {
    var buttons = document.querySelectorAll("button.copy[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      var target = document.getElementById(button.getAttribute("data-copy"));
      if (!target) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var done = function () {
          button.textContent = "Đã chép";
          setTimeout(function () { button.textContent = "Sao chép"; }, 2000);
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(target.value).then(done, function () {
            target.select();
          });
        } else {
          target.select();
          if (document.execCommand && document.execCommand("copy")) {
            done();
          }
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    searchAsYouType();
    copyButtons();
  });
})();
