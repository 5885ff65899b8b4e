package main

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb"
)

// storeFigures are what verifyStore found.
type storeFigures struct{ receipts, stored, noReceipt int }

var markerPattern = regexp.MustCompile(`soak-[sd]\d+-n\d+`)

// verifyStore checks the database against what residents were told: every
// receipt's input is stored with its marker, no marker is stored twice,
// and inputs stored without a receipt are rare and explained by an answer
// that was lost (a restart, an outage) or a "not saved" during the outage.
func (s *soak) verifyStore(t *testing.T, uri string) storeFigures {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	store, err := mongodb.Open(ctx, mongodb.Config{URI: uri})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	defer store.Close(context.Background())
	subs, err := store.Submissions(ctx, bot.SubmissionQuery{})
	if err != nil {
		t.Fatalf("read submissions: %v", err)
	}
	byRef := map[string]bot.Submission{}
	byMarker := map[string][]string{}
	for _, sub := range subs {
		byRef[sub.Ref] = sub
		m := markerPattern.FindString(sub.Text)
		byMarker[m] = append(byMarker[m], sub.Ref)
	}
	fig := storeFigures{stored: len(subs)}
	flows := map[string]*flow{}
	for _, f := range s.flows {
		flows[f.marker] = f
		if f.ref == "" {
			continue
		}
		fig.receipts++
		sub, ok := byRef[f.ref]
		switch {
		case !ok:
			t.Errorf("%s was told %s is saved, but it is not in the database", f.marker, f.ref)
		case !strings.Contains(sub.Text, f.marker) || sub.Plan != "klima" || sub.Platform != f.platform:
			t.Errorf("receipt %s for %s (%s) names a different input: %s %s %q", f.ref, f.marker, f.platform, sub.Platform, sub.Plan, sub.Text)
		}
	}
	for m, refs := range byMarker {
		f := flows[m]
		switch {
		case m == "" || f == nil:
			t.Errorf("stored input(s) %v carry no marker of this run", refs)
			continue
		case len(refs) > 1:
			t.Errorf("%s stored %d times: %v (resident got %q, told not saved %d times, lost answer: %v)",
				m, len(refs), refs, f.ref, f.notSaved, f.ambiguous)
		}
		if f.ref != "" {
			continue
		}
		fig.noReceipt++
		t.Logf("stored without receipt: %s as %v (outcome %q, told not saved %d times, lost answer: %v)",
			m, refs, f.outcome, f.notSaved, f.ambiguous)
		if !f.ambiguous && f.notSaved == 0 {
			t.Errorf("%s is stored but the resident got no receipt and no answer was lost", m)
		}
	}
	if limit := max(3, fig.stored/100); fig.noReceipt > limit {
		t.Errorf("%d inputs stored without a receipt; want at most %d", fig.noReceipt, limit)
	}
	return fig
}

// eventFigures are what verifyEvents found: acknowledged DM events never
// answered, answered twice within one run of the bot, and answered twice
// across a restart.
type eventFigures struct{ lost, twice, twiceAcross int }

// verifyEvents checks that every acknowledged DM event was answered, and
// answered once when all its deliveries reached the same run of the bot;
// answers twice across a restart are counted for the caller to judge.
func (s *soak) verifyEvents(t *testing.T) eventFigures {
	var fig eventFigures
	for _, ev := range s.events {
		n := s.slack.postsTo(ev.channel)
		switch {
		case ev.acks > 0 && n == 0:
			fig.lost++
			if fig.lost <= 5 {
				t.Errorf("acknowledged event in %s was never answered", ev.channel)
			}
		case n > 1 && ev.sameGen:
			fig.twice++
			if fig.twice <= 5 {
				t.Errorf("event in %s answered %d times", ev.channel, n)
			}
		case n > 1:
			fig.twiceAcross++
		}
	}
	s.count(fmt.Sprintf("dm_events_%d", len(s.events)))
	if fig.lost+fig.twice > 0 {
		t.Errorf("%d acknowledged events lost, %d answered twice", fig.lost, fig.twice)
	}
	return fig
}

// verifyRun checks the run as a whole: traffic flowed on both platforms,
// inputs were saved again after the outage and after the restart, no
// request left the machine, and nothing unexpected was answered.
func (s *soak) verifyRun(t *testing.T, guard *loopbackOnly, dbBack, botBack time.Time) {
	for _, u := range s.unexpected {
		t.Errorf("unexpected: %s", u)
	}
	if n := guard.refused.Load(); n > 0 {
		t.Errorf("%d requests to non-loopback hosts refused: %v", n, guard.refusedTo)
	}
	per := map[string]int{}
	for _, f := range s.flows {
		if f.ref != "" {
			per[f.platform]++
		}
	}
	t.Logf("receipts per platform: %v", per)
	if per[bot.PlatformSlack] == 0 || per[bot.PlatformDiscord] == 0 {
		t.Errorf("receipts per platform %v: want some on both", per)
	}
	afterDB, afterBot := 0, 0
	for _, at := range s.receiptsAt {
		if at.After(dbBack) {
			afterDB++
		}
		if at.After(botBack) {
			afterBot++
		}
	}
	if afterDB == 0 || afterBot == 0 {
		t.Errorf("receipts after the database came back: %d, after the restart: %d; want some of each", afterDB, afterBot)
	}
	if s.counts["reply_"+kindNotSaved]+s.counts["reply_"+kindUnavailable] == 0 {
		t.Errorf("no resident noticed the database outage: the outage did not happen")
	}
}

// sentCommand records a slash command of a flow and whether its answer
// came in the HTTP response.
func (s *soak) sentCommand(id string, r result) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inline == nil {
		s.inline = map[string]bool{}
	}
	s.commands = append(s.commands, id)
	if r.err == nil && r.status == http.StatusOK && slackResponseText(r.body) != "" {
		s.inline[id] = true
	}
}

// slackTwice counts the flows' slash commands answered twice: posted to
// the response_url more than once, or answered in the HTTP response and
// posted to the response_url as well.
func (s *soak) slackTwice() (posted, inlineAndPosted int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range s.commands {
		n := s.slack.responsesTo(id)
		switch {
		case n > 1:
			posted++
		case n > 0 && s.inline[id]:
			inlineAndPosted++
		}
	}
	return posted, inlineAndPosted
}
