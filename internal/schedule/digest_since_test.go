package schedule

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// TestSummarySince: a summary over a period with more input than a digest
// reads (recentLimit) counts every input per plan, flagged and hidden
// ones apart, quotes the newest, leaves out what came before the date,
// and moves no watermark.
func TestSummarySince(t *testing.T) {
	forDigestStores(t, func(t *testing.T, e *env) {
		start := at(t, 2026, 2, 1, 9, 0)
		e.addSub("INN-OLD", "klima", "Fra før perioden, skal ikke telles.", start.Add(-24*time.Hour))
		n := recentLimit + 60
		for i := range n {
			plan, flags := []string{"klima", "kultur"}[i%2], []string(nil)
			if i%50 == 0 {
				flags = []string{bot.FlagProfanity}
			}
			e.addSub(fmt.Sprintf("INN-S%04d", i), plan, fmt.Sprintf("Innspill nummer %s i perioden.", wordsFor(i)), start.Add(time.Duration(i)*time.Hour), flags...)
		}
		for _, ref := range []string{"INN-S0001", "INN-S0003"} {
			if err := e.store.SetSubmissionStatus(ctxT(t), ref, bot.SubmissionHidden, ""); err != nil {
				t.Fatal(err)
			}
		}
		e.clock.Set(start.Add(time.Duration(n+1) * time.Hour))
		p, err := e.sched("a").SummarySince(ctxT(t), staffD, bot.EN, at(t, 2026, 2, 1, 0, 0))
		if err != nil || len(p.Replies) != 1 {
			t.Fatalf("SummarySince = %+v, %v", p, err)
		}
		text := p.Replies[0].Text
		flagged := (n + 49) / 50
		wants := []string{
			fmt.Sprintf("%d new submissions", n-2),
			fmt.Sprintf("(klima): %d", n/2),
			fmt.Sprintf("(kultur): %d", n/2-2),
			fmt.Sprintf("%d flagged for review", flagged),
			"2 hidden by staff",
			fmt.Sprintf("INN-S%04d", n-1), // the newest is quoted
		}
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("summary lacks %q:\n%s", w, text)
			}
		}
		if p.Submissions != n-2 || strings.Contains(text, "INN-OLD") {
			t.Errorf("Submissions = %d (want %d), or input before the date shown:\n%s", p.Submissions, n-2, text)
		}
		if runes(text) > DefaultMaxMessageLen(bot.PlatformDiscord) {
			t.Errorf("summary has %d characters, more than Discord takes", runes(text))
		}
		if _, err := e.store.DigestMark(ctxT(t), staffD); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("a summary moved a watermark: %v", err)
		}
	})
}

// wordsFor spells i in letters (digits could read as a phone number).
func wordsFor(i int) string {
	var b strings.Builder
	for {
		b.WriteByte(byte('a' + i%26))
		if i /= 26; i == 0 {
			return b.String()
		}
	}
}
