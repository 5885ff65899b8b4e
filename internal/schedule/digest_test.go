package schedule

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// addSub stores a submission created at created.
func (e *env) addSub(ref, plan, text string, created time.Time, flags ...string) {
	e.t.Helper()
	_, _, err := e.store.AddSubmission(context.Background(), bot.Submission{Ref: ref, Plan: plan, Text: text,
		Lang: bot.NB, Platform: bot.PlatformSlack, Workspace: "T1", Channel: "C9", AuthorHash: "h-" + ref,
		Created: created, Status: bot.SubmissionNew, Flags: flags, EventID: "ev-" + ref})
	if err != nil {
		e.t.Fatalf("add submission %s: %v", ref, err)
	}
}

// digestAt runs the digests at now and fails the test on error.
func (e *env) digestAt(s *Scheduler, now time.Time) Report {
	e.t.Helper()
	e.clock.Set(now)
	rep, err := s.RunDigests(context.Background())
	if err != nil {
		e.t.Fatalf("RunDigests at %s: %v", now, err)
	}
	return rep
}

var refRE = regexp.MustCompile(`INN-[A-Z0-9]+`)

// refsIn counts the references shown in posts.
func refsIn(posts []sent) map[string]int {
	out := map[string]int{}
	for _, p := range posts {
		for _, r := range refRE.FindAllString(p.Reply.Text, -1) {
			out[r]++
		}
	}
	return out
}

// planIDs lists the test catalogue's plan ids.
func (e *env) planIDs() []string {
	var ids []string
	for _, p := range e.cat.Plans {
		ids = append(ids, p.ID)
	}
	return ids
}

// newDigestEnv is an env with a bokmål staff digest channel subscribed on
// 1 March 2026 08:00.
func newDigestEnv(t *testing.T, open func(t *testing.T, now func() time.Time) bot.Store) *env {
	e := newEnv(t, open)
	e.subscribe(bot.SubDigest, staffC, bot.NB, at(t, 2026, 3, 1, 8, 0))
	return e
}

func forDigestStores(t *testing.T, fn func(t *testing.T, e *env)) {
	for _, k := range storeKinds() {
		t.Run(k.name, func(t *testing.T) { fn(t, newDigestEnv(t, k.open)) })
	}
}

func TestDigestContentAndWatermark(t *testing.T) {
	forDigestStores(t, func(t *testing.T, e *env) {
		e.addSub("INN-A", "klima", "Flere ladestasjoner ved Asker stasjon.", at(t, 2026, 3, 1, 9, 0))
		e.addSub("INN-B", "kultur", "Et kulturhus med  drit\ndårlig  akustikk.", at(t, 2026, 3, 1, 10, 0), bot.FlagProfanity)
		e.addSub("INN-C", "klima", "Skjult innspill.", at(t, 2026, 3, 1, 11, 0))
		if err := e.store.SetSubmissionStatus(ctxT(t), "INN-C", bot.SubmissionHidden, ""); err != nil {
			t.Fatal(err)
		}
		until := at(t, 2026, 3, 2, 8, 0).Add(-DefaultSettleLag)
		e.addSub("INN-D", "klima", "Akkurat på grensen.", until)
		e.addSub("INN-E", "klima", "Like etter grensen.", until.Add(time.Millisecond))
		s := e.sched("a")
		if rep := e.digestAt(s, at(t, 2026, 3, 2, 8, 0)); rep.Sent != 1 {
			t.Fatalf("first digest: %+v", rep)
		}
		d := e.rec.to(staffC)
		checkText(t, d)
		text := d[0].Reply.Text
		got := refsIn(d)
		if len(got) != 3 || got["INN-A"] != 1 || got["INN-B"] != 1 || got["INN-D"] != 1 {
			t.Fatalf("first digest refs %v, want A, B, D once:\n%s", got, text)
		}
		for _, want := range []string{"3 nye innspill fra 2026-03-01 08:00 til 2026-03-02 07:59",
			"Temaplan for handling mot klimaendringene (klima): 2", "Temaplan for kultur (kultur): 1",
			"INN-B (Temaplan for kultur, 2026-03-01 10:00, merket: mulig støtende språk)\n«Et kulturhus med drit dårlig akustikk.»",
			"temaplanbot export --format csv --since 2026-03-01"} {
			if !strings.Contains(text, want) {
				t.Errorf("digest lacks %q:\n%s", want, text)
			}
		}
		if strings.Index(text, "INN-B") > strings.Index(text, "INN-A") {
			t.Errorf("flagged INN-B should come first:\n%s", text)
		}
		mark, err := e.store.DigestMark(ctxT(t), staffC)
		if err != nil || mark.State != bot.DigestSent || !mark.Until.Equal(until) || mark.Owner != "a" {
			t.Fatalf("mark = %+v, %v; want sent until %s", mark, err, until)
		}
		e.rec.Reset()
		e.digestAt(e.sched("restarted"), at(t, 2026, 3, 3, 8, 0))
		if got := refsIn(e.rec.to(staffC)); len(got) != 1 || got["INN-E"] != 1 {
			t.Fatalf("second digest refs %v, want only INN-E", got)
		}
	})
}

// TestDigestInputArrivingDuringDigests streams submissions whose inserts
// take up to 25 s (Created is set before the insert) while digests run
// every 20 minutes: each submission is in exactly one digest.
func TestDigestInputArrivingDuringDigests(t *testing.T) {
	forDigestStores(t, func(t *testing.T, e *env) {
		type pending struct {
			ref     string
			created time.Time
			commit  time.Time
		}
		start := at(t, 2026, 3, 2, 8, 0)
		var queue []pending
		for i := 0; i < 40; i++ {
			created := start.Add(time.Duration(i*197) * time.Second) // at most 8 per digest: all quoted
			queue = append(queue, pending{fmt.Sprintf("INN-S%02d", i), created, created.Add(time.Duration(i%6*5) * time.Second)})
		}
		var mu sync.Mutex
		commit := func(now time.Time) {
			mu.Lock()
			defer mu.Unlock()
			rest := queue[:0]
			for _, p := range queue {
				if !p.commit.After(now) {
					e.addSub(p.ref, "klima", "Et innspill i strømmen.", p.created)
				} else {
					rest = append(rest, p)
				}
			}
			queue = rest
		}
		// Inserts also land while a digest is being posted.
		e.rec.during = func() { commit(e.clock.Now().Add(20 * time.Second)) }
		s := e.sched("a")
		for now := start; now.Before(start.Add(150 * time.Minute)); now = now.Add(10 * time.Second) {
			e.clock.Set(now)
			commit(now)
			if now.Sub(start)%(20*time.Minute) == 0 {
				e.digestAt(s, now)
			}
		}
		e.digestAt(s, start.Add(3*time.Hour))
		got := refsIn(e.rec.to(staffC))
		for i := 0; i < 40; i++ {
			if ref := fmt.Sprintf("INN-S%02d", i); got[ref] != 1 {
				t.Errorf("%s shown %d times, want once", ref, got[ref])
			}
		}
	})
}

// TestDigestIsOneSummaryPost: a day with much input gives one post per
// channel, in both languages, within the platform's limit, with counts for
// every plan, what needs attention, a few excerpts and the export command.
func TestDigestIsOneSummaryPost(t *testing.T) {
	for _, platform := range []string{bot.PlatformSlack, bot.PlatformDiscord} {
		for _, lang := range []bot.Lang{bot.NB, bot.EN} {
			t.Run(platform+"/"+string(lang), func(t *testing.T) {
				e := newEnv(t, storeKinds()[0].open)
				to := staffC
				if platform == bot.PlatformDiscord {
					to = staffD
				}
				e.subscribe(bot.SubDigest, to, lang, at(t, 2026, 3, 1, 8, 0))
				plans := e.planIDs()
				long := strings.Repeat("Asker trenger flere sykkelveier og tryggere skoleveier & <b>. ", 8)
				const n = 600
				for i := range n {
					var flags []string
					if i%50 == 0 {
						flags = []string{bot.FlagProfanity}
					}
					e.addSub(fmt.Sprintf("INN-L%03d", i), plans[i%len(plans)], long, at(t, 2026, 3, 1, 9, 0).Add(time.Duration(i)*time.Minute), flags...)
				}
				for _, ref := range []string{"INN-L001", "INN-L002"} {
					if err := e.store.SetSubmissionStatus(ctxT(t), ref, bot.SubmissionHidden, ""); err != nil {
						t.Fatal(err)
					}
				}
				rep := e.digestAt(e.sched("a"), at(t, 2026, 3, 2, 8, 0))
				posts := e.rec.to(to)
				if rep.Sent != 1 || len(posts) != 1 {
					t.Fatalf("report %+v, %d posts: want exactly one", rep, len(posts))
				}
				checkText(t, posts)
				text := posts[0].Reply.Text
				if got, limit := runes(text), DefaultMaxMessageLen(platform); got > limit-postMargin {
					t.Errorf("post has %d characters, limit %d less margin %d", got, limit, postMargin)
				}
				for _, sec := range posts[0].Reply.Sections {
					if runes(sec.Title)+runes(sec.Body) > 2900 {
						t.Errorf("section %q too long for a Slack section block", sec.Title)
					}
				}
				wants := map[bot.Lang][]string{
					bot.NB: {"598 nye innspill fra 2026-03-01 08:00", "12 merket for gjennomgang", "2 skjult av ansatte",
						"temaplanbot export --format csv --since 2026-03-01 --status new,archived,hidden", "… og"},
					bot.EN: {"598 new submissions from 2026-03-01 08:00", "12 flagged for review", "2 hidden by staff",
						"temaplanbot export --format csv --since 2026-03-01 --status new,archived,hidden", "… and"},
				}[lang]
				for _, want := range wants {
					if !strings.Contains(text, want) {
						t.Errorf("digest lacks %q:\n%s", want, text)
					}
				}
				if got := len(refsIn(posts)); got < 3 || got > maxExcerpts+maxFlagged {
					t.Errorf("%d inputs quoted, want a few:\n%s", got, text)
				}
				if strings.Contains(text, "INN-L001") {
					t.Errorf("a hidden input is quoted:\n%s", text)
				}
			})
		}
	}
}

func TestDigestEmpty(t *testing.T) {
	tests := []struct {
		name  string
		empty bool
		posts int
	}{
		{"no digest without input", false, 0},
		{"DIGEST_EMPTY sends one anyway", true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newDigestEnv(t, storeKinds()[0].open)
			s := e.sched("a", func(c *Config) { c.DigestEmpty = tt.empty })
			rep := e.digestAt(s, at(t, 2026, 3, 2, 8, 0))
			posts := e.rec.to(staffC)
			if len(posts) != tt.posts {
				t.Fatalf("%d posts, want %d (%+v)", len(posts), tt.posts, rep)
			}
			if tt.posts > 0 && !strings.Contains(posts[0].Reply.Text, "Ingen nye innspill fra 2026-03-01 08:00") {
				t.Errorf("empty digest text:\n%s", posts[0].Reply.Text)
			}
			mark, err := e.store.DigestMark(ctxT(t), staffC)
			if err != nil || mark.State != bot.DigestSent || !mark.Until.Equal(at(t, 2026, 3, 2, 8, 0).Add(-DefaultSettleLag)) {
				t.Fatalf("the watermark should move over the empty range: %+v, %v", mark, err)
			}
		})
	}
	t.Run("digest now sends even when empty", func(t *testing.T) {
		e := newDigestEnv(t, storeKinds()[0].open)
		e.clock.Set(at(t, 2026, 3, 2, 8, 0))
		n, err := e.sched("a").DigestNow(ctxT(t), staffC)
		if err != nil || n != 1 || len(e.rec.to(staffC)) != 1 {
			t.Fatalf("DigestNow = %d, %v", n, err)
		}
	})
}

func TestDigestNowNotADigestChannel(t *testing.T) {
	e := newDigestEnv(t, storeKinds()[0].open)
	if _, err := e.sched("a").DigestNow(ctxT(t), slackC); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("DigestNow to a reminder channel: %v, want ErrNotFound", err)
	}
}

func TestDigestSendFailure(t *testing.T) {
	forDigestStores(t, func(t *testing.T, e *env) {
		e.addSub("INN-F1", "klima", "Første.", at(t, 2026, 3, 1, 9, 0))
		e.rec.setFail(func(bot.Target, bot.Reply) error { return fmt.Errorf("discord 503: %w", bot.ErrUnavailable) })
		s := e.sched("a")
		e.clock.Set(at(t, 2026, 3, 2, 8, 0))
		rep, err := s.RunDigests(ctxT(t))
		if !errors.Is(err, bot.ErrUnavailable) || rep.Failed != 1 {
			t.Fatalf("RunDigests = %+v, %v; want a failure", rep, err)
		}
		mark, err := e.store.DigestMark(ctxT(t), staffC)
		if err != nil || mark.State != bot.DigestClaimed || mark.Owner != "" {
			t.Fatalf("after a failed send the claim should be released: %+v, %v", mark, err)
		}
		// The next run (another copy, at once) sends the range and what came since.
		e.rec.setFail(nil)
		e.addSub("INN-F2", "klima", "Andre.", at(t, 2026, 3, 2, 9, 0))
		e.digestAt(e.sched("b"), at(t, 2026, 3, 2, 10, 0))
		if got := refsIn(e.rec.to(staffC)); len(got) != 2 || got["INN-F1"] != 1 || got["INN-F2"] != 1 {
			t.Fatalf("after recovery refs %v, want F1 and F2 once", got)
		}
	})
}

func TestDigestCrashAfterClaim(t *testing.T) {
	forDigestStores(t, func(t *testing.T, e *env) {
		e.addSub("INN-K1", "klima", "I et krasjet område.", at(t, 2026, 3, 1, 9, 0))
		claimed := at(t, 2026, 3, 2, 8, 0)
		err := e.store.AdvanceDigest(ctxT(t), bot.DigestMark{}, bot.DigestMark{Target: staffC,
			From: at(t, 2026, 3, 1, 8, 0), Until: claimed.Add(-DefaultSettleLag), State: bot.DigestClaimed, Owner: "dead", Updated: claimed})
		if err != nil {
			t.Fatal(err)
		}
		s := e.sched("b")
		if rep := e.digestAt(s, claimed.Add(5*time.Minute)); rep.Skipped != 1 || len(e.rec.Posts()) != 0 {
			t.Fatalf("a fresh claim by another copy must be left alone: %+v", rep)
		}
		e.addSub("INN-K2", "klima", "Etterpå.", at(t, 2026, 3, 2, 8, 10))
		e.digestAt(s, claimed.Add(DefaultStaleClaim+time.Minute))
		if got := refsIn(e.rec.to(staffC)); len(got) != 2 || got["INN-K1"] != 1 || got["INN-K2"] != 1 {
			t.Fatalf("a stale claim should be sent again with what came since: %v", got)
		}
	})
}

func TestDigestTwoCopies(t *testing.T) {
	forDigestStores(t, func(t *testing.T, e *env) {
		e.addSub("INN-T1", "klima", "En gang.", at(t, 2026, 3, 1, 9, 0))
		e.clock.Set(at(t, 2026, 3, 2, 8, 0))
		var wg sync.WaitGroup
		for i := 0; i < 6; i++ {
			s := e.sched(fmt.Sprintf("copy%d", i))
			wg.Add(1)
			go func() {
				defer wg.Done()
				if i%2 == 0 {
					s.DigestNow(context.Background(), staffC) // ErrConflict is expected for the losers
					return
				}
				if _, err := s.RunDigests(context.Background()); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if got := refsIn(e.rec.to(staffC)); got["INN-T1"] != 1 {
			t.Fatalf("INN-T1 shown %d times by concurrent copies, want once", got["INN-T1"])
		}
	})
}

func TestPreviewDigestsMovesNothing(t *testing.T) {
	forDigestStores(t, func(t *testing.T, e *env) {
		e.addSub("INN-P1", "klima", "Forhåndsvisning @everyone <!channel>", at(t, 2026, 3, 1, 9, 0))
		s := e.sched("a")
		e.clock.Set(at(t, 2026, 3, 2, 8, 0))
		prev, err := s.PreviewDigests(ctxT(t))
		if err != nil || len(prev) != 1 || prev[0].Submissions != 1 || len(prev[0].Replies) != 1 {
			t.Fatalf("PreviewDigests = %+v, %v", prev, err)
		}
		if _, err := e.store.DigestMark(ctxT(t), staffC); !errors.Is(err, bot.ErrNotFound) {
			t.Fatalf("preview moved the watermark: %v", err)
		}
		text := prev[0].Replies[0].Text
		if strings.Contains(text, "@everyone") || strings.Contains(text, "<!channel>") {
			t.Errorf("mentions in resident text must be defused:\n%s", text)
		}
		e.digestAt(s, at(t, 2026, 3, 2, 8, 0))
		if posts := e.rec.to(staffC); len(posts) != 1 || posts[0].Reply.Text != text {
			t.Fatalf("the digest sent differs from the preview")
		}
	})
}

// TestDigestManyPlansStaysOnePost: input to 300 plans still gives one post
// within the Discord limit that counts the plans it lists and says how many
// more there are.
func TestDigestManyPlansStaysOnePost(t *testing.T) {
	e := newEnv(t, storeKinds()[0].open)
	for i := range 300 {
		id := fmt.Sprintf("plan%03d", i)
		e.cat.Plans = append(e.cat.Plans, bot.Plan{ID: id,
			Name: bot.Text{bot.NB: "Temaplan for område " + id, bot.EN: "Theme plan for area " + id}})
	}
	e.subscribe(bot.SubDigest, staffD, bot.EN, at(t, 2026, 3, 1, 8, 0))
	for i := range 300 {
		e.addSub(fmt.Sprintf("INN-M%03d", i), fmt.Sprintf("plan%03d", i), "Et innspill til et av mange områder.", at(t, 2026, 3, 1, 9, 0).Add(time.Duration(i)*time.Second))
	}
	rep := e.digestAt(e.sched("a"), at(t, 2026, 3, 2, 8, 0))
	posts := e.rec.to(staffD)
	if rep.Sent != 1 || len(posts) != 1 {
		t.Fatalf("report %+v, %d posts: want one", rep, len(posts))
	}
	text := posts[0].Reply.Text
	if n := runes(text); n > DefaultMaxMessageLen(bot.PlatformDiscord)-postMargin {
		t.Errorf("post has %d characters", n)
	}
	m := regexp.MustCompile(`… and (\d+) more plans`).FindStringSubmatch(text)
	listed := strings.Count(text, "- Theme plan for area")
	if m == nil || listed == 0 || fmt.Sprint(300-listed) != m[1] {
		t.Errorf("listed %d plans, 'more' line %q; want them to add up to 300:\n%s", listed, m, text)
	}
	if !strings.Contains(text, "300 new submissions") || !strings.Contains(text, "temaplanbot export") {
		t.Errorf("summary or export hint missing:\n%s", text)
	}
}
