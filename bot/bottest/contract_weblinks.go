package bottest

import (
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

func testWebLinks(t *testing.T, s bot.Store) {
	c := ctx(t)
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	l := bot.WebLink{Hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Ref: "INN-ABC234", Created: at}
	_, err := s.WebLink(c, l.Hash)
	wantErr(t, "unknown link", err, bot.ErrNotFound)
	noErr(t, "save", s.SaveWebLink(c, l))
	got, err := s.WebLink(c, l.Hash)
	noErr(t, "read", err)
	if got.Ref != l.Ref || got.Hash != l.Hash || !got.Created.Equal(at) {
		t.Fatalf("read %+v, want %+v", got, l)
	}
	other := l
	other.Ref = "INN-XYZ789"
	wantErr(t, "same hash again", s.SaveWebLink(c, other), bot.ErrConflict)
	if got, _ := s.WebLink(c, l.Hash); got.Ref != l.Ref {
		t.Fatalf("a conflicting save changed the link to %q", got.Ref)
	}
	wantErr(t, "no ref", s.SaveWebLink(c, bot.WebLink{Hash: "abc"}), bot.ErrInvalid)
	wantErr(t, "no hash", s.SaveWebLink(c, bot.WebLink{Ref: "INN-ABC234"}), bot.ErrInvalid)
	// A query-shaped hash is only ever a plain value.
	_, err = s.WebLink(c, `{"$gt": ""}`)
	wantErr(t, "query-shaped hash", err, bot.ErrNotFound)
	noErr(t, "delete", s.DeleteWebLink(c, l.Hash))
	_, err = s.WebLink(c, l.Hash)
	wantErr(t, "deleted link", err, bot.ErrNotFound)
	noErr(t, "delete missing", s.DeleteWebLink(c, l.Hash))
}
