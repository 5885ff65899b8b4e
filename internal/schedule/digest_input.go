package schedule

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// A digest over any period in bounded memory: the counts per plan come
// from the store's CountSubmissions (an aggregate over the created index,
// no document read), and only the newest few inputs are read, as
// candidates for excerpts (recentLimit) and for "needs attention"
// (maxFlagged). So a channel's first digest after a long gap, or a staff
// summary since any date, costs a count and a few reads.

// recentLimit is how many of a window's newest inputs are read for the
// excerpts: enough to find the newest input of several plans.
const recentLimit = 200

// digestInput is what a digest window holds.
type digestInput struct {
	total   int            // new and archived input in the window
	perPlan map[string]int // total by plan
	flagged int            // of total, with flags
	// shown is the window's newest new and archived input (up to
	// recentLimit), oldest first; flaggedNewest its newest flagged input
	// (up to maxFlagged), newest first.
	shown         []bot.Submission
	flaggedNewest []bot.Submission
	hidden        int // hidden by staff (counted, not shown)
}

// shownStatuses are the statuses a digest shows.
func shownStatuses() []bot.SubmissionStatus {
	return []bot.SubmissionStatus{bot.SubmissionNew, bot.SubmissionArchived}
}

// input reads what a window covers: counts of new and archived input per
// plan, hidden input counted, and the newest inputs to quote.
func (s *Scheduler) input(ctx context.Context, w window) (digestInput, error) {
	in := digestInput{perPlan: map[string]int{}}
	if !w.until.After(w.from) {
		return in, nil
	}
	q := bot.SubmissionQuery{After: w.from, Until: w.until}
	counts, err := s.cfg.Store.CountSubmissions(ctx, q)
	if err != nil {
		s.cfg.Metrics.StoreError("count_submissions")
		return in, fmt.Errorf("schedule: digest counts: %w", err)
	}
	for _, c := range counts {
		switch {
		case c.Status == bot.SubmissionHidden:
			in.hidden += c.N
		case c.Flagged:
			in.flagged += c.N
			fallthrough
		default:
			in.total += c.N
			in.perPlan[c.Plan] += c.N
		}
	}
	if in.total == 0 {
		return in, nil
	}
	q.Statuses, q.Newest, q.Limit = shownStatuses(), true, recentLimit
	if in.shown, err = s.cfg.Store.Submissions(ctx, q); err != nil {
		s.cfg.Metrics.StoreError("submissions")
		return in, fmt.Errorf("schedule: digest submissions: %w", err)
	}
	slices.Reverse(in.shown)
	if in.flagged > 0 {
		q.Flagged, q.Limit = true, maxFlagged
		if in.flaggedNewest, err = s.cfg.Store.Submissions(ctx, q); err != nil {
			s.cfg.Metrics.StoreError("submissions")
			return in, fmt.Errorf("schedule: digest flagged submissions: %w", err)
		}
	}
	return in, nil
}

// SummarySince composes what a digest of the input created after since
// (up to now minus SettleLag) would say in lang, for a channel on to's
// platform: the staff command "digest since DATE" and `temaplanbot digest
// --dry-run --since DATE`. It posts nothing, claims nothing and moves no
// watermark, and reads counts and the newest few inputs only, so any
// period costs about the same. Errors come from the store (wrapping
// bot.ErrUnavailable when it is down) and bot.ErrNotFound without a
// catalogue.
func (s *Scheduler) SummarySince(ctx context.Context, to bot.Target, lang bot.Lang, since time.Time) (Preview, error) {
	now := s.cfg.Now()
	cat, err := s.catalog(ctx)
	if err != nil {
		return Preview{}, err
	}
	w := window{sub: bot.Subscription{Kind: bot.SubDigest, Target: to, Lang: langOr(lang)},
		from: since.Truncate(time.Millisecond), until: now.Add(-s.cfg.SettleLag).Truncate(time.Millisecond)}
	if w.until.Before(w.from) {
		w.until = w.from
	}
	in, err := s.input(ctx, w)
	if err != nil {
		return Preview{}, err
	}
	r := &run{now: now, cat: cat}
	return Preview{Target: to, Lang: w.sub.Lang, From: w.from, Until: w.until, Submissions: in.total,
		Replies: s.composeDigest(r, w, in)}, nil
}

// DigestSince implements bot.SummaryRunner with SummarySince.
func (s *Scheduler) DigestSince(ctx context.Context, to bot.Target, lang bot.Lang, since time.Time) ([]bot.Reply, error) {
	p, err := s.SummarySince(ctx, to, lang, since)
	return p.Replies, err
}
