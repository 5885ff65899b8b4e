package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// flow is one language's way through the chat.
type flow struct {
	lang, accept    string
	question, about string // a question and a word its answer contains
	giveInput       string // what starts the input dialog
	mine            string // what lists one's own input
	deleted         string // the private page's confirmation of a delete
}

var flows = []flow{
	{lang: "nb", accept: "nb-NO,nb;q=0.9", question: "Når starter klimaplanen?", about: "klima",
		giveInput: "Jeg vil gi innspill", mine: "mine innspill", deleted: "er slettet"},
	{lang: "en", accept: "en-GB,en;q=0.9", question: "When does the climate plan start?", about: "climate",
		giveInput: "I want to give input", mine: "my input", deleted: "has been deleted"},
}

// TestBrowserChat drives a real headless Chromium, with JavaScript, through
// the chat in bokmål and in English: a question, the input dialog through
// the privacy notice, a form with errors, the receipt, listing one's input,
// and the private link opened and used to delete from another browser
// context. axe-core checks every state; screenshots are saved when
// TEMAPLANBOT_SCREENSHOTS names a folder.
func TestBrowserChat(t *testing.T) {
	r := newRig(t, nil)
	c := newChrome(t, r)
	for _, f := range flows {
		t.Run(f.lang, func(t *testing.T) {
			c := *c
			c.t = t
			before := len(r.submissions(t))
			ctx := c.tab(f.accept, true)
			c.do(ctx, "open the chat", chromedp.Navigate(c.base+"/web/"))
			if got := eval[string](&c, ctx, "document.documentElement.lang"); got != f.lang {
				t.Fatalf("page lang %q, want %q", got, f.lang)
			}
			c.axe(ctx, "empty, "+f.lang)
			c.shot(ctx, "empty", f.lang, 1280, 800)

			_ = eval[int](&c, ctx, "window.__sameDocument = 1")
			ref, text := c.giveInput(ctx, f)
			if eval[int](&c, ctx, "window.__sameDocument || 0") != 1 {
				t.Error("the page reloaded: replies were not appended by the script")
			}
			if n := len(r.submissions(t)); n != before+1 {
				t.Fatalf("%d submissions stored, want %d", n, before+1)
			}

			n := c.entries(ctx)
			c.do(ctx, "list my input", chromedp.SendKeys(chromedp.CSS("#say-text"), f.mine), chromedp.KeyEvent(kb.Enter))
			c.waitEntries(ctx, n+1)
			if got := c.text(ctx, "#latest"); !strings.Contains(got, ref) {
				t.Errorf("my input does not list %s: %q", ref, got)
			}

			link := eval[string](&c, ctx, `document.querySelector(".receipt a").href`)
			other := c.tab(f.accept, true) // another browser context: no cookies in common
			c.do(other, "open the private link", chromedp.Navigate(link))
			if got := c.text(other, "main"); !strings.Contains(got, text) || !strings.Contains(got, ref) {
				t.Fatalf("the private page does not show the input: %q", got)
			}
			c.axe(other, "private link, "+f.lang)
			c.shot(other, "private-link", f.lang, 1280, 800)
			c.do(other, "ask to delete through the private link", chromedp.Click(chromedp.CSS("form.delete button")),
				chromedp.WaitVisible(chromedp.CSS(".confirm-q")))
			if n := len(r.submissions(t)); n != before+1 {
				t.Fatalf("deleted before the resident confirmed: %d submissions, want %d", n, before+1)
			}
			c.axe(other, "private link asks to confirm the delete, "+f.lang)
			c.shot(other, "delete-confirm", f.lang, 375, 740)
			c.do(other, "confirm the delete", chromedp.Click(chromedp.CSS(`form.confirm button[name="confirm"]`)),
				chromedp.WaitVisible(chromedp.CSS(".status-msg")))
			if got := c.text(other, ".status-msg"); !strings.Contains(got, f.deleted) {
				t.Errorf("after the delete: %q", got)
			}
			c.axe(other, "deleted, "+f.lang)
			if n := len(r.submissions(t)); n != before {
				t.Fatalf("%d submissions after the delete, want %d", n, before)
			}
		})
	}
}

// giveInput asks a question, starts the input dialog, fails the form once
// and sends it; it returns the receipt's reference and the text sent.
func (c *chrome) giveInput(ctx context.Context, f flow) (ref, text string) {
	t := c.t
	c.do(ctx, "ask", chromedp.SendKeys(chromedp.CSS("#say-text"), f.question), chromedp.KeyEvent(kb.Enter))
	c.waitEntries(ctx, 1)
	if got := strings.ToLower(c.text(ctx, "#latest")); !strings.Contains(got, f.about) {
		t.Errorf("the answer does not mention %q: %q", f.about, got)
	}
	if got := eval[string](c, ctx, `document.getElementById("latest").lang`); got != f.lang {
		t.Errorf("the answer's lang is %q, want %q", got, f.lang)
	}
	c.axe(ctx, "conversation, "+f.lang)
	c.shot(ctx, "conversation", f.lang, 1280, 800)
	c.shot(ctx, "conversation", f.lang, 375, 740)

	n := c.entries(ctx)
	c.do(ctx, "start giving input", chromedp.SendKeys(chromedp.CSS("#say-text"), f.giveInput), chromedp.KeyEvent(kb.Enter))
	c.waitEntries(ctx, n+1)
	if eval[int](c, ctx, `document.querySelectorAll("#log form.choices button").length`) < 2 {
		t.Fatal("no plan menu")
	}
	c.axe(ctx, "menu with the privacy notice, "+f.lang)
	c.shot(ctx, "menu", f.lang, 375, 740)

	n = c.entries(ctx)
	c.do(ctx, "choose the plan", chromedp.Click(chromedp.CSS(`#log button[value="choose_plan:klima"]`)))
	c.waitEntries(ctx, n+1)
	n = c.entries(ctx)
	c.do(ctx, "send too short a text", chromedp.SendKeys(chromedp.CSS("form.input-form textarea"), "kort"),
		chromedp.Click(chromedp.CSS(`form.input-form button[value="submit_form:"]`)))
	c.waitEntries(ctx, n+1)
	if !eval[bool](c, ctx, `document.activeElement.getAttribute("aria-invalid") === "true"`) {
		t.Error("focus is not on the field with the error")
	}
	c.axe(ctx, "form with errors, "+f.lang)
	c.shot(ctx, "form-errors", f.lang, 375, 740)
	c.reflows(ctx, "form with errors")

	text = "Flere sykkelparkeringer under tak ved Asker stasjon (" + f.lang + ")."
	n = c.entries(ctx)
	c.do(ctx, "send the input", chromedp.Focus(chromedp.CSS("form.input-form textarea")),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("form.input-form textarea").value = ""`),
		chromedp.SendKeys(chromedp.CSS("form.input-form textarea"), text),
		chromedp.Click(chromedp.CSS(`form.input-form button[value="submit_form:"]`)))
	c.waitEntries(ctx, n+1)
	ref = eval[string](c, ctx, `(document.getElementById("latest").textContent.match(/INN-[0-9A-Z]{6}/) || [""])[0]`)
	if ref == "" || eval[int](c, ctx, `document.querySelectorAll("#latest .receipt a").length`) != 1 {
		t.Fatalf("no receipt with a private link: %q", c.text(ctx, "#latest"))
	}
	c.axe(ctx, "receipt, "+f.lang)
	c.shot(ctx, "receipt", f.lang, 1280, 800)
	c.shot(ctx, "receipt-phone", f.lang, 375, 740)
	c.reflows(ctx, "receipt")
	return ref, text
}

// shot takes a screenshot at width x height (then back to 1280 x 900).
func (c *chrome) shot(ctx context.Context, name, lang string, width, height int64) {
	if !screenshotsWanted() || lang != "nb" && name != "conversation" && name != "receipt-phone" {
		return // English: the conversation and the receipt are enough
	}
	c.do(ctx, "resize", chromedp.EmulateViewport(width, height))
	suffix := "-desktop"
	if width < 600 {
		suffix = "-phone"
	}
	if strings.HasSuffix(name, "-phone") {
		suffix = ""
	}
	c.screenshot(ctx, "web-"+name+"-"+lang+suffix+".png")
	c.do(ctx, "resize back", chromedp.EmulateViewport(1280, 900))
}

// reflows checks that the page fits 320 CSS pixels (a phone, or 1280
// pixels at 400 % zoom) without scrolling sideways.
func (c *chrome) reflows(ctx context.Context, state string) {
	c.t.Helper()
	c.do(ctx, "320 px wide", chromedp.EmulateViewport(320, 640))
	if w := eval[int](c, ctx, "document.documentElement.scrollWidth"); w > 320 {
		c.t.Errorf("%s: the page is %d px wide at a 320 px viewport (scrolls sideways)", state, w)
	}
	c.do(ctx, "back to desktop", chromedp.EmulateViewport(1280, 900))
}
