package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserWithoutScript uses the chat in Chromium with JavaScript
// turned off: every message is a form post and a new page.
func TestBrowserWithoutScript(t *testing.T) {
	r := newRig(t, nil)
	c := newChrome(t, r)
	ctx := c.tab("nb-NO,nb;q=0.9", false)
	c.do(ctx, "open the chat", chromedp.Navigate(c.base+"/web/"))
	c.post(ctx, "ask", chromedp.SendKeys(chromedp.CSS("#say-text"), "Når starter klimaplanen?"),
		chromedp.Click(chromedp.CSS(`#say button[type="submit"]`)))
	if got := c.text(ctx, "#latest"); !strings.Contains(strings.ToLower(got), "klima") {
		t.Fatalf("no answer on the new page: %q", got)
	}
	// The new page opens at the reply, with the focus on it, so a screen
	// reader starts there.
	if got := eval[string](c, ctx, "document.activeElement.id"); got != "latest" {
		t.Errorf("focus after the post is on %q, want the reply", got)
	}
	if got := c.text(ctx, "#log"); !strings.Contains(got, "Når starter klimaplanen?") {
		t.Errorf("the question is not in the conversation: %q", got)
	}
	c.axeNoScript(ctx, "conversation without script")
	c.post(ctx, "start giving input", chromedp.Click(chromedp.CSS(`#latest button[value^="open_form:"]`)))
	c.post(ctx, "send too short a text", chromedp.SendKeys(chromedp.CSS("form.input-form textarea"), "kort"),
		chromedp.Click(chromedp.CSS(`form.input-form button[value="submit_form:"]`)))
	if n := len(r.submissions(t)); n != 0 {
		t.Fatalf("%d stored after a refused form", n)
	}
	c.axeNoScript(ctx, "form with errors without script")
	text := "Flere sykkelparkeringer under tak ved Asker stasjon, uten skript."
	c.post(ctx, "send the input", chromedp.Evaluate[chromedp.Void](`document.querySelector("form.input-form textarea").value = ""`),
		chromedp.SendKeys(chromedp.CSS("form.input-form textarea"), text),
		chromedp.Click(chromedp.CSS(`form.input-form button[value="submit_form:"]`)))
	subs := r.submissions(t)
	if len(subs) != 1 || subs[0].Text != text {
		t.Fatalf("stored %+v", subs)
	}
	if got := c.text(ctx, "#latest"); !strings.Contains(got, subs[0].Ref) {
		t.Fatalf("no receipt: %q", got)
	}
	c.axeNoScript(ctx, "receipt without script")

	// The private link asks before it deletes, without script too.
	link := eval[string](c, ctx, `document.querySelector("#latest .receipt a").href`)
	c.do(ctx, "open the private link", chromedp.Navigate(link))
	c.postTo(ctx, "ask to delete", `!!document.querySelector(".confirm-q")`, chromedp.Click(chromedp.CSS("form.delete button")))
	if n := len(r.submissions(t)); n != 1 {
		t.Fatalf("deleted before the resident confirmed: %d submissions", n)
	}
	c.axeNoScript(ctx, "delete confirmation without script")
	c.postTo(ctx, "confirm the delete", `!!document.querySelector(".status-msg")`,
		chromedp.Click(chromedp.CSS(`form.confirm button[name="confirm"]`)))
	if n := len(r.submissions(t)); n != 0 {
		t.Fatalf("%d submissions after the confirmed delete", n)
	}
}

// post runs steps that submit a form and waits for the new page.
func (c *chrome) post(ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	c.postTo(ctx, what, `!!document.getElementById("latest")`, steps...)
}

// postTo runs steps that submit a form and waits for a new page where the
// expression ready is true.
func (c *chrome) postTo(ctx context.Context, what, ready string, steps ...chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	_ = eval[int](c, ctx, "window.__oldPage = 1")
	c.do(ctx, what, steps...)
	deadline := time.Now().Add(20 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
			`!window.__oldPage && document.readyState === "complete" && `+ready))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%s: no new page (%v)", what, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestBrowserKeyboardOnly uses the chat with the keyboard alone: the skip
// link, typing, the plan buttons, the form and its buttons, with a visible
// focus indicator at every step.
func TestBrowserKeyboardOnly(t *testing.T) {
	r := newRig(t, nil)
	c := newChrome(t, r)
	ctx := c.tab("nb-NO,nb;q=0.9", true)
	c.do(ctx, "open the chat", chromedp.Navigate(c.base+"/web/"))
	tab := chromedp.KeyEvent(kb.Tab)
	c.do(ctx, "tab to the skip link", tab)
	c.focused(ctx, "a.skip")
	c.do(ctx, "follow the skip link", chromedp.KeyEvent(kb.Enter))
	c.focused(ctx, "#say-text")
	c.do(ctx, "type", chromedp.KeyEvent("Jeg vil gi innspill"), chromedp.KeyEvent(kb.Enter))
	c.waitEntries(ctx, 1)
	c.focused(ctx, "#say-text")
	// Back through the plan buttons to the climate plan.
	for i := 0; ; i++ {
		if i == 60 {
			t.Fatal("Shift+Tab never reached the climate plan button")
		}
		c.do(ctx, "shift+tab", chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
		if eval[string](c, ctx, "document.activeElement.value || ''") == "choose_plan:klima" {
			break
		}
	}
	c.focused(ctx, `button[value="choose_plan:klima"]`)
	n := c.entries(ctx)
	c.do(ctx, "press the plan button", chromedp.KeyEvent(kb.Enter))
	c.waitEntries(ctx, n+1)
	c.focused(ctx, "form.input-form select")
	c.do(ctx, "to the text field", tab)
	c.focused(ctx, "form.input-form textarea")
	text := "Flere benker langs turveiene, skrevet bare med tastaturet."
	c.do(ctx, "type the input", chromedp.KeyEvent(text), tab)
	c.focused(ctx, `form.input-form button[value="submit_form:"]`)
	n = c.entries(ctx)
	c.do(ctx, "send", chromedp.KeyEvent(kb.Enter))
	c.waitEntries(ctx, n+1)
	subs := r.submissions(t)
	if len(subs) != 1 || subs[0].Text != text || subs[0].Plan != "klima" {
		t.Fatalf("stored %+v", subs)
	}
	// The receipt's private link is the next stop.
	c.do(ctx, "tab to the private link", tab)
	c.focused(ctx, ".receipt a")

	// Less motion when the resident asks for it: no smooth scrolling.
	for pref, want := range map[string]string{"reduce": "auto", "no-preference": "smooth"} {
		c.do(ctx, "prefers-reduced-motion: "+pref, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: pref}}})
			return err
		}))
		if got := eval[string](c, ctx, "getComputedStyle(document.documentElement).scrollBehavior"); got != want {
			t.Errorf("prefers-reduced-motion: %s: scroll-behavior %q, want %q", pref, got, want)
		}
	}
}

// focused checks that the element matching sel has the keyboard focus and
// shows it (an outline or a box shadow).
func (c *chrome) focused(ctx context.Context, sel string) {
	c.t.Helper()
	js := `(function(){var a=document.activeElement, e=document.querySelector(` + jsString(sel) + `);
		if(!e||a!==e)return "focus is on "+(a?a.outerHTML.slice(0,120):"nothing");
		var s=getComputedStyle(a);
		if(s.outlineStyle==="none"&&s.boxShadow==="none")return "no visible focus indicator";
		return ""})()`
	// Focus can move a frame after the page is complete (autofocus is
	// applied when the page is next rendered), so the check waits a little.
	deadline := time.Now().Add(5 * time.Second)
	for {
		msg := eval[string](c, ctx, js)
		if msg == "" {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%s: %s", sel, msg)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// axeNoScript runs axe-core on a page loaded without JavaScript: script
// execution is allowed again for axe alone (the page's own script, skipped
// at load, does not run) and then turned off again.
func (c *chrome) axeNoScript(ctx context.Context, state string) {
	c.t.Helper()
	c.scripts(ctx, true)
	c.axe(ctx, state)
	c.scripts(ctx, false)
}

func (c *chrome) scripts(ctx context.Context, on bool) {
	c.t.Helper()
	c.do(ctx, "script execution", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	}))
}
