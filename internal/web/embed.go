package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"

	"github.com/askerkommune/temaplanbot/bot"
)

// embedScript builds embed.js with the embed's strings in every language.
func (a *Adapter) embedScript() ([]byte, error) {
	src, err := fs.ReadFile(assets, "assets/embed.js")
	if err != nil {
		return nil, fmt.Errorf("web: embed.js: %w", err)
	}
	strs := map[bot.Lang]map[string]string{}
	for _, l := range []bot.Lang{bot.NB, bot.EN} {
		strs[l] = map[string]string{
			"open": a.text(l, "web.embed.open", nil), "close": a.text(l, "web.embed.close", nil),
			"title": a.text(l, "web.embed.title", nil), "window": a.text(l, "web.embed.window", nil),
		}
	}
	js, err := json.Marshal(strs) // escapes <, > and & too
	if err != nil {
		return nil, fmt.Errorf("web: embed strings: %w", err)
	}
	return bytes.Replace(src, []byte("__STRINGS__"), js, 1), nil
}

// serveEmbed serves embed.js to any page (it is meant to be loaded by the
// municipality's pages).
func serveEmbed(js []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		h.Set("Cross-Origin-Resource-Policy", "cross-origin")
		h.Set("Cache-Control", "public, max-age=3600")
		_, _ = w.Write(js)
	}
}
