package main

import (
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// TestMain lets the signal tests run this test binary as the real program.
func TestMain(m *testing.M) {
	if os.Getenv("TEMAPLANBOT_RUN_MAIN") == "1" {
		if u := os.Getenv(envDiscordAPI); u != "" {
			redirectDiscord(u)
		}
		os.Args = append([]string{"temaplanbot"}, strings.Fields(os.Getenv("TEMAPLANBOT_ARGS"))...)
		main()
		return
	}
	os.Exit(m.Run())
}

// startProcess runs the program (serve, Slack over HTTP) in a child process
// and waits until /healthz answers.
func startProcess(t *testing.T) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	addr := freeAddr(t)
	api := newFakeSlack(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TEMAPLANBOT_RUN_MAIN=1", "TEMAPLANBOT_ARGS=serve",
		"DATA_DIR="+mongodbtest.Dir(t), "HTTP_ADDR="+addr, "SLACK_BOT_TOKEN=xoxb-test",
		"SLACK_SIGNING_SECRET=8f742231b10e8888abcd99yyyzzz85a5", "SLACK_API_URL="+api.srv.URL+"/api/",
		"LOG_FORMAT=text")
	var logs syncBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	deadline := time.Now().Add(20 * time.Second)
	for {
		if res, err := http.Get("http://" + addr + "/healthz"); err == nil {
			res.Body.Close()
			return cmd, &logs
		}
		if time.Now().After(deadline) {
			t.Fatalf("program did not come up:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestSIGTERMShutsDownCleanly: one SIGTERM stops the program in order and
// it exits 0.
func TestSIGTERMShutsDownCleanly(t *testing.T) {
	cmd, logs := startProcess(t)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("no exit within 30 s of SIGTERM:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "shutting down") {
		t.Errorf("no orderly shutdown in the log:\n%s", logs.String())
	}
}

// TestSecondSignalExitsAtOnce: a second signal ends the process without
// waiting for the orderly shutdown.
func TestSecondSignalExitsAtOnce(t *testing.T) {
	cmd, logs := startProcess(t)
	_ = cmd.Process.Signal(syscall.SIGTERM)
	time.Sleep(20 * time.Millisecond)
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done: // exited (by the signal, or cleanly if the shutdown was already done)
	case <-time.After(10 * time.Second):
		t.Fatalf("a second SIGTERM did not end the process:\n%s", logs.String())
	}
}
