package slack

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"
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
