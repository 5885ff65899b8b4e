package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserEmbed puts the one-tag embed on a page of another site (the
// municipality's, here another loopback origin) and opens the chat preset
// to a plan; the chat page itself offers that plan's buttons.
func TestBrowserEmbed(t *testing.T) {
	var chatBase string
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		inline := ""
		if req.URL.Path == "/inline" {
			inline = ` data-inline="1"`
		}
		fmt.Fprintf(w, `<!doctype html><html lang="nb"><head><title>Klimaplanen – Asker kommune</title></head>
<body><main><h1>Temaplan for klima</h1><p>Om planen.</p>
<script src="%s/web/embed.js" data-plan="klima"%s></script></main></body></html>`, chatBase, inline)
	}))
	t.Cleanup(host.Close)
	r := newRig(t, func(c *Config) { c.AllowedOrigins = []string{host.URL} })
	c := newChrome(t, r)
	chatBase = c.base
	ctx := c.tab("nb-NO,nb;q=0.9", true)
	c.do(ctx, "open the municipality's page", chromedp.Navigate(host.URL+"/"))
	c.do(ctx, "wait for the embed", chromedp.WaitVisible(chromedp.CSS(".temaplanbot-embed button")))
	if got := c.text(ctx, ".temaplanbot-embed button"); !strings.Contains(got, "Spør om temaplanene") {
		t.Errorf("embed button %q", got)
	}
	c.axe(ctx, "host page with the embed, closed")
	c.do(ctx, "open the chat", chromedp.Click(chromedp.CSS(".temaplanbot-embed button")),
		chromedp.WaitVisible(chromedp.CSS(".temaplanbot-embed iframe")))
	src := eval[string](c, ctx, `document.querySelector(".temaplanbot-embed iframe").src`)
	if !strings.HasPrefix(src, c.base+"/web/?") || !strings.Contains(src, "plan=klima") || !strings.Contains(src, "embed=1") {
		t.Errorf("iframe src %q", src)
	}
	if eval[string](c, ctx, `document.querySelector(".temaplanbot-embed button").getAttribute("aria-expanded")`) != "true" {
		t.Error("the button does not say the chat is open")
	}
	c.axe(ctx, "host page with the embed, open")

	// Inside the frame (another site's process: attach to its target), a
	// question goes through: the frame was allowed and its session cookie
	// works there.
	frame := c.frame(ctx, c.base+"/web/")
	c.do(frame, "ask in the frame", chromedp.WaitVisible(chromedp.CSS("#say-text")),
		chromedp.SendKeys(chromedp.CSS("#say-text"), "Når starter klimaplanen?"), chromedp.KeyEvent(kb.Enter))
	c.waitEntries(frame, 1)
	if got := c.text(frame, "#latest"); !strings.Contains(strings.ToLower(got), "klima") {
		t.Errorf("no answer inside the frame: %q", got)
	}
	// On the climate plan's page, giving input goes to the climate plan.
	c.send(frame, "Jeg vil gi innspill")
	if eval[int](c, frame, `document.querySelectorAll("#latest button[value^='choose_plan:']").length`) != 0 {
		t.Error("the bot asks which plan on the plan's own page")
	}
	if got := eval[string](c, frame, `(document.querySelector("#latest form.input-form select")||{}).value||""`); got != "klima" {
		t.Errorf("the form's plan on the climate plan's page: %q", got)
	}
	c.axe(frame, "the embedded chat's form for the page's plan")
	c.shot(ctx, "embed-open", "nb", 1280, 800)
	// Escape closes the panel and gives the focus back to the launcher.
	c.do(ctx, "close with Escape", chromedp.Focus(chromedp.CSS(".temaplanbot-embed a")), chromedp.KeyEvent(kb.Escape))
	if !eval[bool](c, ctx, `document.querySelector(".temaplanbot-embed [id^='temaplanbot-panel-']").hidden`) {
		t.Error("Escape does not close the chat")
	}
	c.focused(ctx, ".temaplanbot-embed button")
	if got := eval[string](c, ctx, `document.querySelector(".temaplanbot-embed").parentNode.tagName`); got != "BODY" {
		t.Errorf("the launcher is in %s, want the page's corner (body)", got)
	}
	// Escape inside the chat's frame closes it too.
	c.do(ctx, "open the chat again", chromedp.Click(chromedp.CSS(".temaplanbot-embed button")),
		chromedp.WaitVisible(chromedp.CSS(".temaplanbot-embed iframe")))
	c.do(frame, "Escape in the frame", chromedp.Focus(chromedp.CSS("#say-text")), chromedp.KeyEvent(kb.Escape))
	c.do(ctx, "wait for the panel to close", chromedp.WaitNotVisible(chromedp.CSS(".temaplanbot-embed iframe")))
	c.focused(ctx, ".temaplanbot-embed button")

	// The framed page, preset to the plan.
	page := c.tab("nb-NO,nb;q=0.9", true)
	c.do(page, "open the framed page", chromedp.Navigate(src))
	if got := c.text(page, ".welcome"); !strings.Contains(got, "Gi innspill til Temaplan for handling mot klimaendringene") {
		t.Errorf("the preset page offers no input to the plan: %q", got)
	}
	c.axe(page, "embedded page preset to a plan")
	n := c.entries(page)
	c.do(page, "give input to the preset plan", chromedp.Click(chromedp.CSS(`.welcome button[value="open_form:klima"]`)))
	c.waitEntries(page, n+1)
	if eval[string](c, page, `document.querySelector("form.input-form select").value`) != "klima" {
		t.Error("the form does not have the preset plan chosen")
	}

	// data-inline="1": the button stays where the tag is, in the page's main.
	inline := c.tab("nb-NO,nb;q=0.9", true)
	c.do(inline, "open the page with the inline embed", chromedp.Navigate(host.URL+"/inline"),
		chromedp.WaitVisible(chromedp.CSS(".temaplanbot-embed button")))
	if got := eval[string](c, inline, `document.querySelector("main > .temaplanbot-embed") ? "main" : "elsewhere"`); got != "main" {
		t.Errorf("the inline embed is %s", got)
	}
	c.axe(inline, "host page with the inline embed")
}

// frame returns a context attached to the cross-site iframe whose address
// starts with prefix, waiting for it to appear.
func (c *chrome) frame(ctx context.Context, prefix string) context.Context {
	c.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			c.t.Fatal(err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && strings.HasPrefix(info.URL, prefix) {
				fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(info.TargetID))
				c.t.Cleanup(cancel)
				return fctx
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.t.Fatalf("no frame at %s", prefix)
	return nil
}
