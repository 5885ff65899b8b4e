package mongodb_test

import (
	"context"
	"errors"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

func TestMarkers(t *testing.T) {
	s := mongodbtest.Open(t)
	ctx := context.Background()
	if n, err := s.Marker(ctx, "reminders"); err != nil || n != 0 {
		t.Fatalf("never bumped: %d, %v; want 0", n, err)
	}
	for want := int64(1); want <= 3; want++ {
		if n, err := s.BumpMarker(ctx, "reminders"); err != nil || n != want {
			t.Fatalf("bump: %d, %v; want %d", n, err, want)
		}
	}
	if n, err := s.Marker(ctx, "reminders"); err != nil || n != 3 {
		t.Fatalf("after 3 bumps: %d, %v", n, err)
	}
	if n, _ := s.Marker(ctx, "other"); n != 0 {
		t.Fatalf("markers are separate: other = %d", n)
	}
	if _, err := s.BumpMarker(ctx, ""); !errors.Is(err, bot.ErrInvalid) {
		t.Fatalf("empty id: %v", err)
	}
}
