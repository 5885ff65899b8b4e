package web

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Environment of the browser tests. They skip with a message when Chromium
// or axe-core is missing, unless TEMAPLANBOT_REQUIRE_BROWSER=1 (CI), where a
// missing browser fails them.
const (
	envRequireBrowser = "TEMAPLANBOT_REQUIRE_BROWSER"
	envChromium       = "TEMAPLANBOT_CHROMIUM" // path of the browser; default: chromium on PATH
	envAxe            = "TEMAPLANBOT_AXE_JS"   // path of axe.min.js; default: node_modules/axe-core above here
	envScreenshots    = "TEMAPLANBOT_SCREENSHOTS"
)

// needBrowser returns the Chromium path and axe-core's source, or skips
// (fails under TEMAPLANBOT_REQUIRE_BROWSER=1) when either is missing.
func needBrowser(t *testing.T) (chromium string, axe string) {
	t.Helper()
	missing := func(what string) {
		msg := "browser test: " + what + " (install Debian's chromium and `npm install axe-core`, or set " +
			envChromium + " and " + envAxe + ")"
		if os.Getenv(envRequireBrowser) == "1" {
			t.Fatal(msg + "; " + envRequireBrowser + "=1 makes this a failure")
		}
		t.Skip(msg)
	}
	chromium, axe, problem := findBrowser()
	if problem != "" {
		missing(problem)
	}
	return chromium, axe
}

// chrome is a headless Chromium for one test, with no network but loopback.
type chrome struct {
	t      *testing.T
	alloc  context.Context
	axeSrc string
	base   string // http://localhost:port of the rig
}

func newChrome(t *testing.T, r *rig) *chrome {
	path, axe := needBrowser(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	root, cancelRoot := chromedp.NewContext(alloc) // starts the browser; tabs get contexts of their own
	t.Cleanup(cancelRoot)
	if err := chromedp.Do(root); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(r.srv.URL, "http://"))
	// localhost, not 127.0.0.1: browsers keep Secure cookies from http://localhost.
	return &chrome{t: t, alloc: root, axeSrc: axe, base: "http://localhost:" + port}
}

// tab opens a new browser context (no cookies shared with other tabs)
// whose requests carry acceptLanguage. scripts=false turns JavaScript off.
func (c *chrome) tab(acceptLanguage string, scripts bool) context.Context {
	c.t.Helper()
	ctx, cancel := chromedp.NewContext(c.alloc, chromedp.WithNewBrowserContext())
	c.t.Cleanup(cancel)
	ctx, cancel2 := context.WithTimeout(ctx, 120*time.Second)
	c.t.Cleanup(cancel2)
	c.do(ctx, "open tab", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, t, network.SetExtraHTTPHeaders,
			network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": acceptLanguage}}); err != nil {
			return err
		}
		if !scripts {
			_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}
		return nil
	}))
	return ctx
}

// do runs steps, failing the test with the page's HTML on an error.
func (c *chrome) do(ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("body")))
		c.t.Fatalf("%s: %v\npage:\n%s", what, err, html)
	}
}

// text returns the text of the first element matching sel.
func (c *chrome) text(ctx context.Context, sel string) string {
	c.t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		c.t.Fatalf("read %s: %v", sel, err)
	}
	return s
}

// eval evaluates js and returns its result.
func eval[T any](c *chrome, ctx context.Context, js string) T {
	c.t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		c.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

type axeResult struct {
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			HTML   string   `json:"html"`
			Target []any    `json:"target"`
			Any    []axeMsg `json:"any"`
			All    []axeMsg `json:"all"`
		} `json:"nodes"`
	} `json:"violations"`
}

type axeMsg struct {
	Message string `json:"message"`
}

// axe runs axe-core (every rule but experimental ones) on the page and
// fails the test on any violation, naming the state.
func (c *chrome) axe(ctx context.Context, state string) {
	c.t.Helper()
	if !eval[bool](c, ctx, "typeof axe !== 'undefined'") {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](c.axeSrc+"\n;true")); err != nil {
			c.t.Fatalf("inject axe-core: %v", err)
		}
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](`axe.run(document, {resultTypes: ["violations"]})`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		c.t.Fatalf("run axe-core: %v", err)
	}
	for _, v := range res.Violations {
		for _, n := range v.Nodes {
			msgs := []string{}
			for _, m := range append(n.Any, n.All...) {
				msgs = append(msgs, m.Message)
			}
			c.t.Errorf("axe, %s: %s (%s, %s) at %v: %s\n    %s", state, v.ID, v.Impact, v.Help, n.Target,
				strings.Join(msgs, "; "), n.HTML)
		}
	}
	if len(res.Violations) == 0 {
		c.t.Logf("axe, %s: 0 violations", state)
	}
}

// screenshot saves the page as PNG under TEMAPLANBOT_SCREENSHOTS, if set.
func (c *chrome) screenshot(ctx context.Context, name string) {
	c.t.Helper()
	dir := os.Getenv(envScreenshots)
	if dir == "" {
		return
	}
	// What a resident sees: the viewport, the log scrolled to the newest reply.
	_ = eval[bool](c, ctx, `(function(){var l=document.getElementById("latest"), log=document.getElementById("log");
		if(l&&log){log.scrollTop=l.offsetTop-8}return true})()`)
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		c.t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		c.t.Fatal(err)
	}
}

// entries counts the conversation's messages (the welcome not counted).
func (c *chrome) entries(ctx context.Context) int {
	return eval[int](c, ctx, `document.querySelectorAll("#log .msg:not(.welcome)").length`)
}

// waitEntries waits until the log holds more than n messages and no post is
// on its way.
func (c *chrome) waitEntries(ctx context.Context, n int) {
	c.t.Helper()
	js := fmt.Sprintf(`document.querySelectorAll("#log .msg:not(.welcome)").length > %d && !document.getElementById("status").textContent`, n)
	c.do(ctx, "wait for the reply", chromedp.Steps(func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		return chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(20*time.Second))(ctx, t)
	}))
}

func screenshotsWanted() bool { return os.Getenv(envScreenshots) != "" }
