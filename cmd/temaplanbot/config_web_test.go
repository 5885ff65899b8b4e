package main

import (
	"strings"
	"testing"
)

func TestWebConfig(t *testing.T) {
	dir := t.TempDir()
	c, rest, err := loadConfig([]string{"--web", "serve", "--web-allowed-origins", "https://WWW.asker.kommune.no, https://asker.kommune.no",
		"--web-trusted-proxies", "10.0.0.0/8,192.0.2.7"},
		func(k string) string { return map[string]string{"DATA_DIR": dir}[k] })
	if err != nil {
		t.Fatal(err)
	}
	if !c.WebEnabled || len(rest) != 1 || rest[0] != "serve" {
		t.Fatalf("--web standing alone: enabled %v, rest %q", c.WebEnabled, rest)
	}
	if len(c.WebAllowedOrigins) != 2 || c.WebAllowedOrigins[0] != "https://www.asker.kommune.no" {
		t.Fatalf("origins %q", c.WebAllowedOrigins)
	}
	if len(c.WebTrustedProxies) != 2 || c.WebTrustedProxies[1].String() != "192.0.2.7/32" {
		t.Fatalf("trusted proxies %v", c.WebTrustedProxies)
	}
	_, _, err = loadConfig(nil, func(k string) string {
		return map[string]string{"DATA_DIR": dir, "WEB_ENABLED": "perhaps", "WEB_BASE_URL": "chat.example/web",
			"WEB_ALLOWED_ORIGINS": "https://ok.example,https://bad.example/page", "WEB_TRUSTED_PROXIES": "10.0.0.0/33"}[k]
	})
	if err == nil {
		t.Fatal("want problems")
	}
	for _, want := range []string{"WEB_ENABLED", "WEB_BASE_URL", "WEB_ALLOWED_ORIGINS", "bad.example/page", "WEB_TRUSTED_PROXIES"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("problems lack %s:\n%v", want, err)
		}
	}
	out, _, err := runWith(t, map[string]string{"DATA_DIR": dir, "WEB_ENABLED": "true"}, "", "config", "check")
	if err != nil || !strings.Contains(out, "web chat: true") {
		t.Fatalf("config check: %q, %v", out, err)
	}
}
