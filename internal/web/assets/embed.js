// temaplanbot embed: <script src="https://CHAT-HOST/web/embed.js" data-plan="klima" data-lang="nb" defer></script>
// puts a launcher button in the page's lower right corner that opens the
// web chat in a panel above it, optionally preset to a plan (data-plan: the
// plan a resident's input goes to). data-inline="1" puts the button where
// the script tag is instead, with the panel below it. Escape closes the
// panel. The strings come from the chat's locale files.
(function (L) {
  "use strict";
  var me = document.currentScript;
  if (!me) {
    return;
  }
  var origin = new URL(me.src, document.baseURI).origin;
  var want = (me.getAttribute("data-lang") || document.documentElement.lang || "nb").toLowerCase();
  var lang = want.indexOf("en") === 0 ? "en" : "nb";
  var t = L[lang];
  var inline = me.getAttribute("data-inline") === "1";
  var q = "?embed=1&lang=" + lang;
  var plan = me.getAttribute("data-plan") || "";
  if (/^[a-z0-9][a-z0-9_-]{0,39}$/.test(plan)) {
    q += "&plan=" + plan;
  }
  var url = origin + "/web/" + q;

  function css(el, rules) {
    for (var k in rules) {
      el.style[k] = rules[k];
    }
  }

  // Floating, the chat is a landmark of its own (outside the page's main).
  var wrap = document.createElement(inline ? "div" : "aside");
  wrap.className = "temaplanbot-embed";
  if (!inline) {
    wrap.setAttribute("aria-label", t.title);
  }
  var open = document.createElement("button");
  open.type = "button";
  open.textContent = t.open;
  open.setAttribute("aria-expanded", "false");
  // Colours meet WCAG 2.1 AA (white on #005a8c is 7:1).
  css(open, { font: "inherit", fontWeight: "700", minHeight: "2.75rem", padding: ".5rem 1.1rem",
    borderRadius: "1.5rem", border: "2px solid #005a8c", background: "#005a8c", color: "#ffffff",
    cursor: "pointer", boxShadow: "0 2px 8px rgba(0,0,0,.3)", maxWidth: "calc(100vw - 2rem)" });
  var panel = document.createElement("div");
  panel.hidden = true;
  panel.id = "temaplanbot-panel-" + Math.random().toString(36).slice(2);
  open.setAttribute("aria-controls", panel.id);
  if (inline) {
    css(panel, { marginTop: ".5rem" });
  } else {
    css(wrap, { position: "fixed", right: "1rem", bottom: "1rem", zIndex: "2147483000",
      display: "flex", flexDirection: "column-reverse", alignItems: "flex-end", gap: ".5rem" });
    css(panel, { width: "min(26rem, calc(100vw - 2rem))", background: "#ffffff",
      boxShadow: "0 4px 16px rgba(0,0,0,.35)", borderRadius: ".5rem", padding: ".25rem" });
  }
  var link = document.createElement("a");
  link.href = url.replace("embed=1&", "");
  link.target = "_blank";
  link.rel = "noopener";
  link.textContent = t.window;
  var frame = null;

  function toggle(show) {
    panel.hidden = !show;
    open.setAttribute("aria-expanded", String(show));
    open.textContent = show ? t.close : t.open;
    if (show && !frame) {
      frame = document.createElement("iframe");
      frame.src = url;
      frame.title = t.title;
      css(frame, { display: "block", width: "100%", border: "1px solid #767676", borderRadius: ".4rem",
        height: inline ? "36rem" : "min(38rem, calc(100vh - 8rem))" });
      if (inline) {
        frame.style.maxWidth = "40rem";
      }
      panel.appendChild(frame);
      var p = document.createElement("p");
      css(p, { margin: ".25rem .25rem 0", fontSize: ".9rem" });
      p.appendChild(link);
      panel.appendChild(p);
    }
    if (show) {
      frame.focus();
    }
  }

  open.addEventListener("click", function () {
    toggle(panel.hidden);
  });
  function close() {
    if (!panel.hidden) {
      toggle(false);
      open.focus();
    }
  }
  wrap.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") {
      close();
    }
  });
  // Escape inside the chat (another origin) arrives as a message from it.
  window.addEventListener("message", function (ev) {
    if (frame && ev.source === frame.contentWindow && ev.origin === origin && ev.data === "temaplanbot:close") {
      close();
    }
  });
  wrap.appendChild(open);
  wrap.appendChild(panel);
  if (inline) {
    me.parentNode.insertBefore(wrap, me.nextSibling);
  } else {
    document.body.appendChild(wrap);
  }
})(__STRINGS__);
