// temaplanbot embed: <script src="https://CHAT-HOST/web/embed.js" data-plan="klima" data-lang="nb" defer></script>
// puts a button on the page that opens the web chat in a frame below it,
// optionally preset to a plan. The strings come from the chat's locale files.
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
  var q = "?embed=1&lang=" + lang;
  var plan = me.getAttribute("data-plan") || "";
  if (/^[a-z0-9][a-z0-9_-]{0,39}$/.test(plan)) {
    q += "&plan=" + plan;
  }
  var url = origin + "/web/" + q;
  var wrap = document.createElement("div");
  wrap.className = "temaplanbot-embed";
  var open = document.createElement("button");
  open.type = "button";
  open.textContent = t.open;
  open.setAttribute("aria-expanded", "false");
  var panel = document.createElement("div");
  panel.hidden = true;
  panel.id = "temaplanbot-panel-" + Math.random().toString(36).slice(2);
  open.setAttribute("aria-controls", panel.id);
  var link = document.createElement("a");
  link.href = url.replace("embed=1&", "");
  link.target = "_blank";
  link.rel = "noopener";
  link.textContent = t.window;
  var frame = null;
  open.addEventListener("click", function () {
    var show = panel.hidden;
    panel.hidden = !show;
    open.setAttribute("aria-expanded", String(show));
    open.textContent = show ? t.close : t.open;
    if (show && !frame) {
      frame = document.createElement("iframe");
      frame.src = url;
      frame.title = t.title;
      frame.style.width = "100%";
      frame.style.maxWidth = "40rem";
      frame.style.height = "36rem";
      frame.style.border = "1px solid #767676";
      panel.appendChild(frame);
      var p = document.createElement("p");
      p.appendChild(link);
      panel.appendChild(p);
    }
    if (show) {
      frame.focus();
    }
  });
  wrap.appendChild(open);
  wrap.appendChild(panel);
  me.parentNode.insertBefore(wrap, me.nextSibling);
})(__STRINGS__);
