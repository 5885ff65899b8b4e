package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
	"github.com/askerkommune/temaplanbot/internal/inbox"
)

func newPlainServer(t *testing.T, h http.Handler) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func mustRead(name string) []byte {
	b, err := os.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return b
}

func jsonOK(b []byte, v any) bool { return json.Unmarshal(b, v) == nil }

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

func mustUnix(t *testing.T, ts string) time.Time {
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		t.Fatalf("accepted a timestamp that is not a number: %q", ts)
	}
	return time.Unix(n, 0)
}

// testInbox is an inbox on an in-memory store, shut down after the test.
func testInbox(tb testing.TB) *inbox.Inbox {
	tb.Helper()
	return storeInbox(tb, bottest.NewMemInbox())
}

// storeInbox is an inbox on store, shut down after the test.
func storeInbox(tb testing.TB, store bot.InboxStore) *inbox.Inbox {
	tb.Helper()
	b, err := inbox.New(inbox.Config{Store: store, Workers: 16})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = b.Shutdown(ctx)
	})
	return b
}
