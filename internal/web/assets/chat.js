// temaplanbot web chat: posts with fetch and appends the replies, so the
// page need not reload. Without this script every form still works.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var say = document.getElementById("say");
  if (!log || !say || !window.fetch || !window.DOMParser) {
    return;
  }
  var status = document.getElementById("status");
  var box = document.getElementById("say-text");
  var sayErr = document.getElementById("say-err");
  var busy = false;

  // The newest reply's start is brought into view inside the log (and the
  // log into the window), without moving the focus.
  function showLatest() {
    var latest = document.getElementById("latest");
    if (!latest) {
      return;
    }
    if (getComputedStyle(log).overflowY !== "visible") {
      log.scrollTop = Math.max(0, latest.offsetTop - 8);
      return;
    }
    // Too little height for a window of its own: the page scrolls. The box
    // at the bottom of the view, unless that hides the reply's start.
    say.scrollIntoView({ block: "end" });
    if (latest.getBoundingClientRect().top < 0) {
      latest.scrollIntoView({ block: "start" });
    }
  }

  // A field error at the chat box (sent empty), or none.
  function boxError(on) {
    sayErr.hidden = !on;
    if (on) {
      box.setAttribute("aria-invalid", "true");
      box.setAttribute("aria-describedby", "say-hint say-err");
    } else {
      box.removeAttribute("aria-invalid");
      box.setAttribute("aria-describedby", "say-hint");
    }
  }

  function nonce() {
    var b = new Uint8Array(32);
    crypto.getRandomValues(b);
    var s = "";
    for (var i = 0; i < b.length; i++) {
      s += String.fromCharCode(b[i]);
    }
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // Buttons and forms belong to the latest turn only.
  function retireOldControls() {
    var old = log.querySelectorAll("form.choices, form.input-form");
    for (var i = 0; i < old.length; i++) {
      old[i].parentNode.removeChild(old[i]);
    }
    var latest = document.getElementById("latest");
    if (latest) {
      latest.removeAttribute("id");
    }
  }

  function append(html) {
    var doc = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html");
    var nodes = doc.body.firstChild.children;
    var added = [];
    if (!nodes.length) {
      return added; // nothing new (a repeated post): keep the buttons there are
    }
    retireOldControls();
    while (nodes.length) {
      added.push(document.adoptNode(nodes[0]));
      log.appendChild(added[added.length - 1]);
    }
    return added;
  }

  function focusAfter(added, fromSay) {
    if (fromSay) {
      box.focus({ preventScroll: true });
      return;
    }
    for (var i = 0; i < added.length; i++) {
      var target = added[i].querySelector("[aria-invalid=true]") ||
        added[i].querySelector("form.input-form select, form.input-form textarea") ||
        added[i].querySelector("form button");
      if (target) {
        target.focus({ preventScroll: true });
        return;
      }
    }
    var last = added[added.length - 1];
    if (last) {
      last.focus({ preventScroll: true });
    }
  }

  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.matches("form.choices, form.input-form, form#say")) {
      return;
    }
    ev.preventDefault();
    if (busy) {
      return;
    }
    var data = new FormData(form, ev.submitter || null);
    if (form === say && !String(data.get("text") || "").trim()) {
      boxError(true);
      box.focus();
      return;
    }
    if (form === say) {
      boxError(false);
    }
    data.set("nonce", nonce());
    busy = true;
    status.textContent = status.getAttribute("data-sending");
    fetch(form.action, {
      method: "POST",
      headers: { "X-Requested-With": "temaplanbot" },
      body: new URLSearchParams(data),
      credentials: "same-origin"
    }).then(function (res) {
      return res.text();
    }).then(function (html) {
      var added = append(html);
      if (form === say) {
        say.reset();
      }
      status.textContent = "";
      focusAfter(added, form === say);
      showLatest();
    }).catch(function () {
      status.textContent = status.getAttribute("data-failed");
    }).finally(function () {
      busy = false;
    });
  });

  // In the embed's panel, Escape asks the page around to close the chat.
  if (document.body.classList.contains("embed") && window.parent !== window) {
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") {
        window.parent.postMessage("temaplanbot:close", "*");
      }
    });
  }

  box.addEventListener("input", function () {
    if (!sayErr.hidden && box.value.trim()) {
      boxError(false);
    }
  });
  showLatest();

  // Enter sends; Shift+Enter starts a new line.
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      say.requestSubmit();
    }
  });
})();
