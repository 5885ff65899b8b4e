package bot

import (
	"testing"
	"time"
)

func TestFloodGuard(t *testing.T) {
	g := newFloodGuard(10)
	t0 := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	for i := range 10 {
		if ok, _ := g.check("slack:U1", t0); !ok {
			t.Fatalf("message %d refused within the limit", i)
		}
	}
	if ok, warn := g.check("slack:U1", t0); ok || !warn {
		t.Fatalf("11th: ok=%v warn=%v, want refused with a warning", ok, warn)
	}
	if ok, warn := g.check("slack:U1", t0.Add(time.Second)); ok || warn {
		t.Fatalf("12th: ok=%v warn=%v, want refused silently", ok, warn)
	}
	if ok, _ := g.check("slack:U2", t0); !ok {
		t.Fatal("another resident is limited too")
	}
	if ok, _ := g.check("slack:U1", t0.Add(7*time.Second)); !ok {
		t.Fatal("bucket did not refill")
	}
	var off *floodGuard
	if ok, _ := off.check("x", t0); !ok {
		t.Fatal("nil guard must allow")
	}
	if ok, _ := newFloodGuard(0).check("x", t0); !ok {
		t.Fatal("limit 0 must allow")
	}
}

func TestFloodGuardOneNoticePerFlood(t *testing.T) {
	g := NewFloodGuard(30)
	t0 := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	notices := 0
	for i := range 500 { // 500 messages in 10 s
		if _, warn := g.Check("slack:U1", t0.Add(time.Duration(i)*20*time.Millisecond)); warn {
			notices++
		}
	}
	if notices != 1 {
		t.Fatalf("%d notices in one flood, want 1", notices)
	}
	later := t0.Add(10*time.Second + 2*time.Minute) // quiet: the bucket refilled
	for range 30 {
		g.Check("slack:U1", later)
	}
	if ok, warn := g.Check("slack:U1", later); ok || !warn {
		t.Fatalf("second flood: ok=%v warn=%v, want a new notice", ok, warn)
	}
}
