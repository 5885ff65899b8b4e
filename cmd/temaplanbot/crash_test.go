package main

import (
	"maps"
	mrand "math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// envDiscordAPI, set for a child process run by the crash test, sends the
// program's Discord REST calls to a local fake (see redirectDiscord).
const envDiscordAPI = "TEMAPLANBOT_TEST_DISCORD_API"

// redirectDiscord makes the child process's default transport send
// discord.com requests to the fake API at raw and refuse other hosts
// than loopback.
func redirectDiscord(raw string) {
	u, err := url.Parse(raw)
	if err != nil {
		panic(err)
	}
	http.DefaultTransport = &loopbackOnly{next: http.DefaultTransport, discord: u}
}

// childBot is the program (`temaplanbot serve`) in a child process, so it
// can be killed with SIGKILL.
type childBot struct {
	cmd  *exec.Cmd
	done chan error
}

func startChildBot(t *testing.T, env map[string]string, logs *logTail) *childBot {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TEMAPLANBOT_RUN_MAIN=1", "TEMAPLANBOT_ARGS=serve")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	b := &childBot{cmd: cmd, done: make(chan error, 1)}
	go func() { b.done <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	deadline := time.Now().Add(30 * time.Second)
	for {
		if res, err := http.Get("http://" + env["HTTP_ADDR"] + "/healthz"); err == nil {
			res.Body.Close()
			return b
		}
		select {
		case err := <-b.done:
			t.Fatalf("program exited: %v\n%s", err, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("program did not come up:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// kill ends the program with SIGKILL: no shutdown, nothing flushed.
func (b *childBot) kill() {
	_ = b.cmd.Process.Signal(syscall.SIGKILL)
	<-b.done
}

// stop ends the program with SIGTERM and waits for its orderly shutdown.
func (b *childBot) stop(t *testing.T) {
	_ = b.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-b.done:
		if err != nil {
			t.Errorf("program exited with %v", err)
		}
	case <-time.After(45 * time.Second):
		t.Error("program did not stop within 45 s of SIGTERM")
	}
}

// TestCrashSIGKILLAnswersOnce runs the program in a child process under
// signed Slack (slash commands, forms through confirmation, DM events with
// Slack's retries) and Discord (questions, modal submissions) traffic,
// kills it with SIGKILL at a random moment of the middle half, and starts
// it again on the same database; once as the only copy, once beside a
// second copy on the same database that the traffic is spread over. What
// it asserts holds for every kill moment: every acknowledged DM event is
// answered (by a copy taking over when the killed one had not) and never
// twice (the copy taking over looks in the conversation's history before
// posting), every receipt a resident got is in the database, nothing is
// stored twice and nothing is stored without a receipt. Slash commands
// answered twice are counted and logged, not failed: their answers go to
// a response_url, which Slack cannot list, so an answer being shown when
// the copy died is shown again (twice rather than never). It takes about
// 35 s; TEMAPLANBOT_CRASH_DURATION (default 12s) sets the traffic time.
func TestCrashSIGKILLAnswersOnce(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("the crash test runs its own embedded database")
	}
	t.Run("one copy", func(t *testing.T) { crashRun(t, 1) })
	t.Run("two copies", func(t *testing.T) { crashRun(t, 2) })
}

// crashRun is one run of the crash test with copies running copies of the
// program; the first is killed and started again.
func crashRun(t *testing.T, copies int) {
	dur := envDuration(t, "TEMAPLANBOT_CRASH_DURATION", 12*time.Second, 6*time.Second)
	db, box, slackAPI, discordAPI, guard, env, priv := newSoakRig(t)
	env[envDiscordAPI] = discordAPI.srv.URL
	env["INBOX_LEASE"] = "2s" // a copy takes over the killed one's events soon
	if v := os.Getenv("TEMAPLANBOT_CRASH_LOG_LEVEL"); v != "" {
		env["LOG_LEVEL"] = v
	}
	envs := []map[string]string{env}
	for range copies - 1 {
		other := maps.Clone(env)
		other["HTTP_ADDR"] = freeAddr(t)
		envs = append(envs, other)
	}
	tr := guard.next.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	c := &soakClient{http: &http.Client{Transport: tr, Timeout: 20 * time.Second}, base: "http://" + env["HTTP_ADDR"],
		secret: env["SLACK_SIGNING_SECRET"], priv: priv}
	for _, e := range envs {
		c.hosts = append(c.hosts, e["HTTP_ADDR"])
	}
	discordAPI.acked = c.ackedToken
	slackAPI.postDelay = 300 * time.Millisecond // kills land inside DM answers' posts
	logs := &logTail{}
	start := time.Now()
	c.t0 = start
	s := &soak{c: c, box: box, slack: slackAPI, texts: loadReplyTexts(t), counts: map[string]int{},
		stopNew: start.Add(dur), hardStop: start.Add(dur + 40*time.Second)}
	bots := make([]*childBot, copies)
	for i, e := range envs {
		bots[i] = startChildBot(t, e, logs)
	}
	var traffic sync.WaitGroup
	for i := range 2 {
		traffic.Go(func() { s.slackResident(i) })
		traffic.Go(func() { s.discordResident(i) })
	}
	traffic.Go(s.eventsResident)

	killAt := dur/4 + time.Duration(mrand.Int64N(int64(dur/2)))
	sleepUntil(start.Add(killAt))
	s.gen.Add(1)
	bots[0].kill()
	killedAt := time.Now()
	bots[0] = startChildBot(t, env, logs)
	t.Logf("%d copies; the first killed with SIGKILL at +%s, up again after %s", copies,
		killedAt.Sub(start).Round(100*time.Millisecond), time.Since(killedAt).Round(100*time.Millisecond))

	if !waitGroup(&traffic, 2*time.Minute) {
		t.Fatal("residents did not finish within 2 minutes")
	}
	time.Sleep(3 * time.Second) // let late answers (take-overs) arrive
	for _, b := range bots {
		b.stop(t)
	}
	s.verifyReplays(t, discordAPI)
	crashVerify(t, s, db.URI(), logs)
}

// crashVerify checks what the crash test asserts and logs its figures.
func crashVerify(t *testing.T, s *soak, dbURI string, logs *logTail) {
	st := s.verifyStore(t, dbURI)
	ev := s.verifyEvents(t)
	if st.noReceipt > 0 {
		t.Errorf("%d inputs stored without a receipt; want 0", st.noReceipt)
	}
	if ev.twiceAcross > 0 {
		t.Errorf("%d DM events answered twice across the kill; want 0 (the history check failed)", ev.twiceAcross)
	}
	posted, inlineAndPosted := s.slackTwice()
	t.Logf("answered twice: %d slash commands posted twice to their response_url, %d answered in the HTTP response "+
		"and posted again (the copy died between showing and finishing; a response_url cannot be checked); "+
		"%d history look-ups", posted, inlineAndPosted, s.slack.lookups.Load())
	for _, u := range s.unexpected {
		t.Errorf("unexpected: %s", u)
	}
	took := strings.Count(logs.String(), "took over unanswered events")
	t.Logf("%d requests, %d flows, %d receipts, %d stored, %d stored without receipt; %d take-over rounds; counts %v",
		s.c.sent.Load(), len(s.flows), st.receipts, st.stored, st.noReceipt, took, s.counts)
	if st.receipts == 0 || len(s.events) == 0 {
		t.Error("no traffic got through")
	}
	if t.Failed() {
		t.Logf("the program's log:\n%s", logs.String())
	}
}
