package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserWidget uses the chat as a widget with JavaScript on a bokmål
// page: an empty message gets a field error, an English question an English
// answer in view, the language switch is an explicit choice that beats the
// text until a typed one replaces it, a long answer folds behind "read
// more", the privacy notice shows once, and a form without a plan or text
// gets field errors. axe-core checks every state; no text shows the Slack
// command.
func TestBrowserWidget(t *testing.T) {
	r := newRig(t, nil)
	c := newChrome(t, r)
	ctx := c.tab("nb-NO,nb;q=0.9", true)
	c.do(ctx, "open the chat", chromedp.Navigate(c.base+"/web/"))

	c.do(ctx, "send an empty message", chromedp.Focus(chromedp.CSS("#say-text")), chromedp.KeyEvent(kb.Enter))
	if eval[bool](c, ctx, `document.getElementById("say-err").hidden`) || c.entries(ctx) != 0 {
		t.Fatal("an empty message shows no error at the box")
	}
	if got := c.text(ctx, "#say-err"); !strings.Contains(got, "Skriv en melding") {
		t.Errorf("the empty message's error: %q", got)
	}
	c.focused(ctx, `#say-text[aria-invalid="true"][aria-describedby~="say-err"]`)
	c.check(ctx, "empty message refused", true)
	c.shot(ctx, "empty-error", "nb", 375, 740)

	c.send(ctx, "What is the culture plan?")
	c.langs(ctx, "en", "en", "an English question on a bokmål page")
	if !eval[bool](c, ctx, `document.querySelector("#latest details.more") !== null`) {
		t.Error("a long answer is not folded behind read more")
	}
	c.do(ctx, "read more", chromedp.Click(chromedp.CSS("#latest details.more summary")))
	if !eval[bool](c, ctx, `document.querySelector("#latest details.more").open`) {
		t.Error("read more does not open")
	}
	c.check(ctx, "English answer on a bokmål page, read more open", true)
	c.shot(ctx, "conversation-en-question", "nb", 1280, 800)

	// The switch is an explicit choice: it beats the text's language ...
	c.do(ctx, "switch to English", chromedp.Click(chromedp.CSS("form.lang button")),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #say-text`)))
	c.send(ctx, "Hva handler klimaplanen om?")
	c.langs(ctx, "en", "nb", "a Norwegian question after the switch to English")
	// ... until a typed choice, the latest, replaces it.
	c.send(ctx, "svar på norsk")
	c.send(ctx, "What is the climate plan about?")
	c.langs(ctx, "nb", "en", "an English question after «svar på norsk»")

	c.do(ctx, "a phone", chromedp.EmulateViewport(375, 667))
	c.send(ctx, "Når starter klimaplanen?")
	c.check(ctx, "phone", true)
	c.do(ctx, "200 % zoom", chromedp.EmulateViewport(640, 450))
	c.send(ctx, "Hvilke temaplaner finnes?")
	c.check(ctx, "200 % zoom", true)
	c.do(ctx, "back to desktop", chromedp.EmulateViewport(1280, 900))

	c.send(ctx, "Jeg vil gi innspill")
	n := c.entries(ctx)
	c.do(ctx, "choose the plan", chromedp.Click(chromedp.CSS(`#log button[value="choose_plan:klima"]`)))
	c.waitEntries(ctx, n)
	if eval[int](c, ctx, `document.querySelectorAll("form.input-form [id$='-notice']").length`) != 0 {
		t.Error("the form repeats the privacy notice shown just above it")
	}
	n = c.entries(ctx)
	c.do(ctx, "send the form without a plan or text",
		chromedp.SetValue(chromedp.CSS("form.input-form select"), ""),
		chromedp.Click(chromedp.CSS(`form.input-form button[value="submit_form:"]`)))
	c.waitEntries(ctx, n)
	if got := c.text(ctx, "form.input-form [id$='-plan-err']"); !strings.Contains(got, "Velg hvilken temaplan") {
		t.Errorf("no plan: %q", got)
	}
	if !eval[bool](c, ctx, `!!document.querySelector("form.input-form textarea[aria-invalid='true']")`) {
		t.Error("an empty text shows no error at the field")
	}
	c.check(ctx, "form without plan or text", true)
	if len(r.submissions(t)) != 0 {
		t.Fatal("an empty form was stored")
	}
}

// TestBrowserWidgetWithoutScript: the same points with JavaScript off.
func TestBrowserWidgetWithoutScript(t *testing.T) {
	r := newRig(t, nil)
	c := newChrome(t, r)
	ctx := c.tab("nb-NO,nb;q=0.9", false)
	c.do(ctx, "open the chat preset to a plan", chromedp.Navigate(c.base+"/web/?plan=klima"))
	c.postTo(ctx, "send an empty message", `!document.getElementById("say-err").hidden`,
		chromedp.Click(chromedp.CSS(`#say button[type="submit"]`)))
	if eval[bool](c, ctx, `document.getElementById("say-err").hidden`) {
		t.Fatal("an empty message shows no error at the box")
	}
	c.focused(ctx, "#say-text") // the page's autofocus, applied at its first frame
	c.check(ctx, "empty message refused without script", false)

	c.post(ctx, "ask in English", chromedp.SendKeys(chromedp.CSS("#say-text"), "What is the culture plan about?"),
		chromedp.Click(chromedp.CSS(`#say button[type="submit"]`)))
	c.langs(ctx, "en", "en", "an English question on a bokmål page without script")
	c.check(ctx, "English answer without script", false)

	// On the climate plan's page, giving input goes to that plan.
	c.post(ctx, "give input on the plan's page", chromedp.SendKeys(chromedp.CSS("#say-text"), "Jeg vil gi innspill"),
		chromedp.Click(chromedp.CSS(`#say button[type="submit"]`)))
	if eval[int](c, ctx, `document.querySelectorAll("#latest button[value^='choose_plan:']").length`) != 0 {
		t.Error("the bot asks which plan on the plan's own page")
	}
	if got := eval[string](c, ctx, `(document.querySelector("#latest form.input-form select")||{}).value||""`); got != "klima" {
		t.Errorf("the form's plan on the climate plan's page: %q", got)
	}
	c.post(ctx, "send the form with an empty text",
		chromedp.Click(chromedp.CSS(`form.input-form button[value="submit_form:"]`)))
	if !eval[bool](c, ctx, `!!document.querySelector("form.input-form textarea[aria-invalid='true']")`) {
		t.Error("an empty form text shows no error without script")
	}
	c.check(ctx, "empty form text without script", false)
}

// send types text into the chat box, presses Enter and waits for the reply.
func (c *chrome) send(ctx context.Context, text string) {
	c.t.Helper()
	n := c.entries(ctx)
	c.do(ctx, "say "+text, chromedp.SendKeys(chromedp.CSS("#say-text"), text), chromedp.KeyEvent(kb.Enter))
	c.waitEntries(ctx, n+1)
	if msg := eval[string](c, ctx, inViewJS); msg != "" {
		c.t.Errorf("after %q and Enter: %s", text, msg)
	}
	c.focused(ctx, "#say-text")
}

// langs checks the lang of the newest reply and of the resident's last message.
func (c *chrome) langs(ctx context.Context, reply, you, what string) {
	c.t.Helper()
	if got := eval[string](c, ctx, `document.getElementById("latest").lang`); got != reply {
		c.t.Errorf("%s: the reply's lang is %q, want %q (%s)", what, got, reply, c.text(ctx, "#latest"))
	}
	all := `document.querySelectorAll("#log .msg.you")`
	if got := eval[string](c, ctx, all+`[`+all+`.length-1].lang`); got != you {
		c.t.Errorf("%s: the resident's message's lang is %q, want %q", what, got, you)
	}
}

// check runs axe-core on a state, checks that no text tells the resident to
// use the Slack command, and, with script, that the newest reply and the
// chat box are in view.
func (c *chrome) check(ctx context.Context, state string, scripts bool) {
	c.t.Helper()
	if scripts {
		c.axe(ctx, state)
	} else {
		c.axeNoScript(ctx, state)
	}
	text := eval[string](c, ctx, `document.body.innerText + " " + Array.from(document.querySelectorAll("button")).map(b => b.textContent + b.value).join(" ")`)
	if strings.Contains(text, "/temaplan") || strings.ContainsAny(text, "⟦⟧") {
		c.t.Errorf("%s: the page shows the Slack command or a raw hint:\n%s", state, text)
	}
	if msg := eval[string](c, ctx, inViewJS); msg != "" {
		c.t.Errorf("%s: %s", state, msg)
	}
}

// inViewJS reports what is out of view: the chat box, or the newest reply's
// start (inside the log and the window).
const inViewJS = `(function(){
	var vh = window.innerHeight, box = document.getElementById("say-text").getBoundingClientRect();
	if (box.top < 0 || box.bottom > vh) return "the chat box is out of view (" + box.top + ".." + box.bottom + " of " + vh + ")";
	var l = document.getElementById("latest"); if (!l) return "";
	var r = l.getBoundingClientRect(), log = document.getElementById("log").getBoundingClientRect();
	var top = Math.max(0, log.top), bottom = Math.min(vh, log.bottom);
	if (r.top < top - 1 || r.top > bottom - 24) return "the newest reply starts out of view (" + r.top + " not in " + top + ".." + bottom + ")";
	return "";
})()`
