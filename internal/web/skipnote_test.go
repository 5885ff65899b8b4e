package web

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestMain runs the package's tests and then, when the browser tests could
// not run, says so. `go test ./...` prints only "ok" for a package whose
// tests skipped and hides what a passing test binary writes, so a newcomer
// would not learn that the accessibility checks never ran: the note goes
// to the terminal (/dev/tty) when there is one, else to standard error
// (shown with -v, or when testing this package alone). A cached result
// does not run the binary, so the note shows on runs that test.
func TestMain(m *testing.M) {
	code := m.Run()
	skipNote()
	os.Exit(code)
}

// skipNote tells the person running the tests that the browser tests were
// skipped, and how to run them.
func skipNote() {
	_, _, problem := findBrowser()
	if problem == "" || os.Getenv(envRequireBrowser) == "1" {
		return
	}
	w := os.Stderr
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		w = tty
	}
	fmt.Fprintf(w, "internal/web: the browser and accessibility tests were SKIPPED: %s.\n"+
		"  To run them: install Debian's chromium and run `npm install axe-core` in the repository\n"+
		"  (or set %s and %s), then: go test ./internal/web -run Browser\n", problem, envChromium, envAxe)
}

// findBrowser looks for Chromium (TEMAPLANBOT_CHROMIUM, or chromium on
// PATH) and axe-core's source (TEMAPLANBOT_AXE_JS, or node_modules above
// here). problem says what is missing ("" when both are there).
func findBrowser() (chromium, axe, problem string) {
	chromium = os.Getenv(envChromium)
	if chromium == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				chromium = p
				break
			}
		}
	}
	if chromium == "" {
		return "", "", "no Chromium found"
	}
	path := os.Getenv(envAxe)
	if path == "" {
		dir, _ := os.Getwd()
		for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
			p := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
			if _, err := os.Stat(p); err == nil {
				path = p
				break
			}
		}
	}
	src, err := os.ReadFile(path)
	if path == "" || err != nil {
		return "", "", "no axe-core (axe.min.js) found"
	}
	return chromium, string(src), ""
}
