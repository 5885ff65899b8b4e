package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// Secrets of the leak test, shaped like the real ones.
const (
	leakSlackBot     = "xoxb-4242424242-4242424242424-LeakTestSlackBotTokenAbcd"
	leakSlackApp     = "xapp-1-A0LEAK4242-4242424242424-leaktestslackapptoken0123456789abcdef"
	leakSigning      = "leak0signing0secret0f00dfeed1234"
	leakHashKey      = "leak-test-author-hash-key-of-40-chars-xx"
	leakDiscordBot   = "MTMwMDAwMDAwMDAwMDAwMDAwMQ.LeakTs.leakTestDiscordBotTokenPart3abcdef"
	leakResponsePath = "LeakTestResponseUrlSecretPart0123"
	leakMongoPass    = "leakMongoPassw0rd-xyz"
	leakTicket       = "leak0ticket-4f1d2c3b-9a8e-7d6c-5b4a-3f2e1d0c9b8a"
)

// leakToken is the interaction token of Discord interaction n.
func leakToken(n int) string {
	return fmt.Sprintf("aW50ZXJhY3Rpb246TGVha1Rlc3RJbnRlcmFjdGlvblRva2Vu%06dLeakTokenTail", n)
}

// TestNoSecretInLogs runs the whole program at debug level through the
// error paths a test can cause (Slack API 5xx, 429 and invalid_auth,
// response_url unreachable, a Socket Mode URL that cannot be reached, Discord API connections cut, 5xx and 401 on
// the gateway, bad signatures, stale timestamps, the database down) and
// then looks for every configured secret, interaction token and
// response_url in everything it logged and returned: none may appear.
func TestNoSecretInLogs(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("stops and starts its own embedded database")
	}
	if testing.Short() {
		t.Skip("runs the whole program for about 20 s")
	}
	db := mongodbtest.StartEmbedded(t, "")
	slackAPI := httptest.NewServer(http.HandlerFunc(failingSlack))
	t.Cleanup(slackAPI.Close)
	var discordCalls atomic.Int64
	discordAPI := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		failingDiscord(w, r, discordCalls.Add(1))
	}))
	t.Cleanup(discordAPI.Close)
	installLoopbackOnly(t, discordAPI.URL)
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	env := map[string]string{
		"MONGODB_URI": db.URI(), "AUTHOR_HASH_KEY": leakHashKey, "HTTP_ADDR": freeAddr(t),
		"SLACK_BOT_TOKEN": leakSlackBot, "SLACK_APP_TOKEN": leakSlackApp, "SLACK_SIGNING_SECRET": leakSigning, "SLACK_API_URL": slackAPI.URL + "/api/",
		"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APP_ID": soakAppID, "DISCORD_BOT_TOKEN": leakDiscordBot,
		"LOG_LEVEL": "debug", "LOG_FORMAT": "json",
	}
	var logs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"temaplanbot", "serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &logs, &logs)
	}()
	c := &soakClient{http: &http.Client{Timeout: 20 * time.Second}, base: "http://" + env["HTTP_ADDR"], secret: leakSigning, priv: priv}
	waitHealthy(t, c, done, &logs)
	dead := "http://" + freeAddr(t) + "/commands/T0LEAK/1234567890/" + leakResponsePath

	n := 0
	traffic := func() {
		for range 3 {
			n++
			leakSlackTraffic(c, n, dead)
			leakDiscordTraffic(c, n)
		}
	}
	traffic()
	_ = db.Stop()
	traffic()
	time.Sleep(2 * time.Second) // background answers fail while the database is down
	if err := db.Start(); err != nil {
		t.Fatal(err)
	}
	traffic()
	time.Sleep(3 * time.Second) // deferred answers, retries and follow-ups
	cancel()
	var runErr error
	select {
	case runErr = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the bot did not stop")
	}
	out := logs.String() + fmt.Sprint(runErr)
	out += leakBadMongoURI(t)

	checkNoSecrets(t, out, n)
	problems := strings.Count(out, `"level":"WARN"`) + strings.Count(out, `"level":"ERROR"`)
	if problems < 5 || !strings.Contains(out, "discord") || !strings.Contains(out, "slack") || discordCalls.Load() == 0 {
		t.Errorf("the error paths were not exercised (%d warnings and errors, %d Discord API calls):\n%s",
			problems, discordCalls.Load(), clipLog(out))
	}
	t.Logf("%d bytes of logs, %d warnings and errors, %d Discord API calls; no secret found", len(out), problems, discordCalls.Load())
}

// checkNoSecrets fails for every secret found in out.
func checkNoSecrets(t *testing.T, out string, interactions int) {
	t.Helper()
	secrets := map[string]string{"slack bot token": leakSlackBot, "slack app token": leakSlackApp, "signing secret": leakSigning,
		"hash key": leakHashKey, "discord bot token": leakDiscordBot, "response_url": leakResponsePath,
		"mongodb password":   leakMongoPass,
		"socket mode ticket": leakTicket}
	for i := 1; i <= interactions; i++ {
		secrets[fmt.Sprintf("interaction token %d", i)] = leakToken(i)
		secrets[fmt.Sprintf("modal interaction token %d", i)] = leakToken(1000 + i)
	}
	for name, s := range secrets {
		if i := strings.Index(out, s); i >= 0 {
			t.Errorf("%s in the logs: ...%s...", name, out[max(0, i-200):min(len(out), i+len(s)+50)])
		}
	}
}

// leakBadMongoURI runs the program against a database that is not there,
// with a password in MONGODB_URI, and returns what it logged and returned.
func leakBadMongoURI(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	env := map[string]string{"MONGODB_URI": "mongodb://bot:" + leakMongoPass + "@" + addr +
		"/?replicaSet=rs0&serverSelectionTimeoutMS=500&connectTimeoutMS=500",
		"AUTHOR_HASH_KEY": leakHashKey, "LOG_LEVEL": "debug", "LOG_FORMAT": "json"}
	var logs syncBuffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = run(ctx, []string{"temaplanbot", "export"}, func(k string) string { return env[k] }, strings.NewReader(""), &logs, &logs)
	if err == nil {
		t.Error("export against no database succeeded")
	}
	return logs.String() + fmt.Sprint(err)
}

func waitHealthy(t *testing.T, c *soakClient, done chan error, logs *syncBuffer) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := c.http.Get(c.base + "/healthz")
		if err == nil {
			res.Body.Close()
			return
		}
		select {
		case err := <-done:
			t.Fatalf("bot exited: %v\n%s", err, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("bot did not come up:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// leakSlackTraffic sends a slash command, a button press (both answering
// through the dead response_url), a DM event and requests with a bad
// signature.
func leakSlackTraffic(c *soakClient, n int, responseURL string) {
	user, ch := fmt.Sprintf("ULEAK%d", n%3), fmt.Sprintf("CLEAK%d", n%2)
	c.slash(user, ch, "hva er klimaplanen?", fmt.Sprintf("trig-leak-%d", n), responseURL, false)
	c.slash(user, ch, "oversikt", fmt.Sprintf("trig-leak-bad-%d", n), responseURL, true)
	press, _ := json.Marshal(map[string]any{"type": "block_actions", "team": map[string]any{"id": "T1"},
		"user": map[string]any{"id": user}, "channel": map[string]any{"id": ch}, "trigger_id": fmt.Sprintf("trig-press-%d", n),
		"response_url": responseURL, "api_app_id": "A1",
		"actions": []any{map[string]any{"action_id": bot.ActPlanInfo + "/0", "value": "kultur", "type": "button"}}})
	c.slack("/slack/interactions", "application/x-www-form-urlencoded", []byte(url.Values{"payload": {string(press)}}.Encode()), nil, false)
	ev, _ := json.Marshal(map[string]any{"token": "x", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
		"event_id": fmt.Sprintf("EvLeak%d", n), "event_time": time.Now().Unix(),
		"event": map[string]any{"type": "message", "channel_type": "im", "user": user, "channel": "DLEAK" + user,
			"text": "når starter klimaplanen?", "ts": fmt.Sprintf("%d.000100", time.Now().Unix()), "event_ts": "1.1"}})
	c.slack("/slack/events", "application/json", ev, nil, false)
}

// leakDiscordTraffic sends a question and an input form (deferred, so
// answered through the webhook URL with the token in it) and the same with
// a bad signature.
func leakDiscordTraffic(c *soakClient, n int) {
	user, ch := fmt.Sprintf("16000000000000099%02d", n), fmt.Sprintf("17000000000000099%02d", n%2)
	ask := leakInteraction(c, n, 2, user, ch, map[string]any{"id": "1300000000000000003", "name": "temaplan",
		"type": 1, "options": []any{map[string]any{"type": 1, "name": "ask",
			"options": []any{map[string]any{"type": 3, "name": "question", "value": "hva er klimaplanen?"}}}}})
	bad := ask
	bad.sig = strings.Repeat("0", len(ask.sig))
	c.discord(bad)
	c.discord(ask)
	c.discord(leakInteraction(c, 1000+n, 5, user, ch, map[string]any{"custom_id": bot.ActSubmitForm + ":klima",
		"components": []any{map[string]any{"type": 1, "components": []any{
			map[string]any{"type": 4, "custom_id": bot.FieldText, "value": "Flere sykkelparkeringer ved stasjonen, takk"}}}}}))
}

func leakInteraction(c *soakClient, n, typ int, user, channel string, data any) discordSigned {
	b, _ := json.Marshal(map[string]any{"id": fmt.Sprint(1400000000000000000 + n), "application_id": soakAppID,
		"type": typ, "token": leakToken(n), "version": 1, "guild_id": soakGuild, "channel_id": channel, "locale": "nb",
		"member": map[string]any{"user": map[string]any{"id": user, "username": "resident"}, "roles": []string{}},
		"data":   data})
	return c.signDiscord(b, time.Now())
}

// failingSlack is a Slack Web API that fails every way it can.
func failingSlack(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "auth.test":
		fmt.Fprint(w, `{"ok":true,"user_id":"UBOT","team_id":"T1","bot_id":"B1","user":"temaplanbot"}`)
	case "apps.connections.open": // Socket Mode: a URL whose ticket is a credential, to a closed port
		fmt.Fprintf(w, `{"ok":true,"url":"wss://127.0.0.1:1/link/?ticket=%s&app_id=A0LEAK"}`, leakTicket)
	case "chat.postMessage":
		w.WriteHeader(http.StatusInternalServerError)
	case "users.info":
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
	default:
		fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
	}
}

// failingDiscord is a Discord API that cuts connections, fails with 5xx or
// refuses the bot token.
func failingDiscord(w http.ResponseWriter, r *http.Request, n int64) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/api/v9/gateway"):
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"message": "401: Unauthorized", "code": 0}`)
	case n%2 == 0:
		w.WriteHeader(http.StatusBadGateway)
	default:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		w.WriteHeader(http.StatusInternalServerError)
	}
}

// clipLog returns the end of a long log.
func clipLog(s string) string {
	if len(s) > 4000 {
		return "..." + s[len(s)-4000:]
	}
	return s
}
