package apptest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/schedule"
)

// schedRunner lets the engine reach a scheduler built after it (as
// `serve` wires them).
type schedRunner struct{ s *schedule.Scheduler }

func (r *schedRunner) DigestNow(ctx context.Context, to bot.Target) (int, error) {
	return r.s.DigestNow(ctx, to)
}

func (r *schedRunner) DigestSince(ctx context.Context, to bot.Target, lang bot.Lang, since time.Time) ([]bot.Reply, error) {
	return r.s.DigestSince(ctx, to, lang, since)
}

// TestStaffSummarySince: "digest siden DATE" gives staff a summary of the
// input since that day; a resident is refused, and a bad date gets the
// usage.
func TestStaffSummarySince(t *testing.T) {
	runner := &schedRunner{}
	app := New(t, Options{Digest: runner})
	var err error
	runner.s, err = schedule.New(schedule.Config{Store: app.Store, Catalog: app.Catalog, Localizer: app.Locale,
		Now: app.Clock.Now, Location: app.Location, Instance: "test"})
	if err != nil {
		t.Fatal(err)
	}
	owner := &resident{t: t, app: app, user: "owner3"}
	owner.say("/temaplan innspill klima Flere ladestasjoner ved Asker stasjon")
	ref := refRE.FindString(joined(owner.say("ja")))
	app.Clock.Advance(time.Minute)
	say := func(text string, staff bool) string {
		return joined(app.Engine.Handle(context.Background(), bot.Message{Platform: bot.PlatformSlack, Channel: "STAFF",
			User: "S1", Text: text, Command: true, Staff: staff}))
	}
	out := say("digest siden 2026-11-01", true)
	if ref == "" || !strings.Contains(out, "1 nytt innspill") || !strings.Contains(out, ref) {
		t.Errorf("summary since 1 November (input %s):\n%s", ref, out)
	}
	if out := say("digest since 2026-11-27", true); strings.Contains(out, ref) {
		t.Errorf("summary since the day after shows the input:\n%s", out)
	}
	if out := say("digest siden mars", true); !strings.Contains(out, "ÅÅÅÅ-MM-DD") {
		t.Errorf("bad date: %q, want the usage", out)
	}
	if out := say("digest siden 2026-11-01", false); strings.Contains(out, ref) {
		t.Errorf("a resident got the summary:\n%s", out)
	}
}
