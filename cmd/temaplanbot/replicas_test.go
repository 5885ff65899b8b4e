package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// waitSlackPosts waits until channel has n posts (or 15 s pass), then 3 s
// more so that a second copy of a post would arrive, and returns them.
func waitSlackPosts(t *testing.T, api *fakeSlack, channel string, n int) []string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for len(api.postsTo(channel)) < n && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(3 * time.Second)
	return api.postsTo(channel)
}

// TestTwoReplicasAnnounceMovedDateAtOnce runs two copies of the real program
// over one database with the default 10-minute sweep. A staff member
// subscribes a channel on one copy and moves a start date to today on the
// other: the announcement reaches Slack within seconds, once. A date moved
// from the terminal (`temaplanbot chat`, no scheduler of its own) is then
// announced by the running copies, once.
func TestTwoReplicasAnnounceMovedDateAtOnce(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("runs its own embedded database")
	}
	db := mongodbtest.StartEmbedded(t, "")
	api := newFakeSlack(t)
	const secret = "8f742231b10e8888abcd99yyyzzz85a5"
	env := func() map[string]string {
		return map[string]string{
			"MONGODB_URI": db.URI(), "AUTHOR_HASH_KEY": strings.Repeat("k", 40), "HTTP_ADDR": freeAddr(t),
			"SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_SIGNING_SECRET": secret, "SLACK_API_URL": api.srv.URL + "/api/",
			"SLACK_STAFF_USER_IDS": "USTAFF1", "REMINDER_TIME": "00:00", "LOG_LEVEL": "warn",
		}
	}
	env1, env2 := env(), env()
	stop1 := startBot(t, env1)
	defer stop1()
	stop2 := startBot(t, env2)
	defer stop2()

	if got := signedSlash(t, "http://"+env1["HTTP_ADDR"], secret, "USTAFF1", "CPUBLIC", "varsler på"); !strings.Contains(got, `"in_channel"`) {
		t.Fatalf("subscribe on copy 1: %s", got)
	}
	today := time.Now().In(mustOslo(t)).Format(time.DateOnly)
	if got := signedSlash(t, "http://"+env2["HTTP_ADDR"], secret, "USTAFF1", "CPUBLIC", "oppstart klima "+today); !strings.Contains(got, "klimaplanen") {
		t.Fatalf("move start on copy 2: %s", got)
	}
	// A resident asking copy 1 gets the date moved on copy 2 within
	// seconds (copy 1 read the start dates before, and would otherwise
	// trust them for 30 s more).
	year := strconv.Itoa(time.Now().In(mustOslo(t)).Year())
	var answer string
	for deadline := time.Now().Add(8 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		if answer = signedSlash(t, "http://"+env1["HTTP_ADDR"], secret, "URES1", "CPUBLIC", "når starter klimaplanen?"); strings.Contains(answer, year) {
			break
		}
	}
	if !strings.Contains(answer, year) {
		t.Errorf("copy 1 still answers with the old start date: %s", answer)
	}
	posts := waitSlackPosts(t, api, "CPUBLIC", 1)
	if len(posts) != 1 || !strings.Contains(posts[0], "/temaplan innspill klima") {
		t.Fatalf("want 1 announcement of klima, got %d: %q", len(posts), posts)
	}

	chatEnv := env()
	chatEnv["LANG"] = "en_US.UTF-8"
	if _, _, err := runWith(t, chatEnv, "/temaplan oppstart kultur "+today+"\n", "chat"); err != nil {
		t.Fatal(err)
	}
	posts = waitSlackPosts(t, api, "CPUBLIC", 2)
	if len(posts) != 2 || !strings.Contains(posts[1], "/temaplan innspill kultur") {
		t.Fatalf("want the klima and then 1 kultur announcement, got %d: %q", len(posts), posts)
	}
}
