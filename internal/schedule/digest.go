package schedule

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// How digests stay exact (nothing repeated, nothing skipped):
//
// Each digest channel has a watermark (bot.DigestMark). A digest covers the
// submissions created in (From, Until], where From is the previous digest's
// Until (the subscription's creation for the first one) and Until is now
// minus SettleLag. The lag matters because a submission's Created is set
// by the engine just before its insert is acknowledged: a digest that read
// up to "now" could pass over a submission created a moment earlier but
// committed a moment later, and the next digest (From = that now) would
// never see it. Thirty seconds is far longer than an insert may take (the
// store's write timeout is shorter) and than the clock difference between
// running copies, so everything with Created <= Until has been committed
// when the digest reads it; whatever arrives later lands in the next digest.
//
// The watermark moves by compare-and-set, first to the claimed range (State
// claimed, Owner this copy) before anything is sent, then to sent. A second
// copy finds the claim and skips the channel. A claim whose owner crashed,
// or one released because a send failed (Owner emptied), is sent again by
// a later run once it is StaleClaim old (released ones at once), merged
// with whatever came in since. So a crash can repeat a digest, never lose
// one: a repeated staff digest is a nuisance, lost input is not.

// reportLookback limits how far back unsent reminders are listed in digests.
const reportLookback = 90 * 24 * time.Hour

// Preview is what a digest run would post to one channel now.
type Preview struct {
	Target      bot.Target
	Lang        bot.Lang
	From, Until time.Time // the input covered: created in (From, Until]
	Submissions int       // submissions in the range (hidden ones excluded)
	Reminders   int       // unsent reminders listed (missed, failed, unconfirmed)
	Busy        bool      // another running copy is sending this digest now
	Resend      bool      // the range was claimed before but never marked sent
	Replies     []bot.Reply
}

// window is the range a digest to one channel would cover now.
type window struct {
	sub         bot.Subscription
	prev        bot.DigestMark // as read; zero when the channel had none
	from, until time.Time
	resend      bool
	busy        bool
}

func (s *Scheduler) window(ctx context.Context, sub bot.Subscription, now time.Time) (window, error) {
	w := window{sub: sub, until: now.Add(-s.cfg.SettleLag).Truncate(time.Millisecond)}
	mark, err := s.cfg.Store.DigestMark(ctx, sub.Target)
	switch {
	case errors.Is(err, bot.ErrNotFound):
		w.from = sub.Created.Truncate(time.Millisecond)
	case err != nil:
		s.cfg.Metrics.StoreError("digest_mark")
		return w, fmt.Errorf("schedule: digest mark: %w", err)
	case mark.State == bot.DigestClaimed && mark.Owner != "" && now.Sub(mark.Updated) < s.cfg.StaleClaim:
		w.prev, w.busy = mark, true
	case mark.State == bot.DigestClaimed:
		w.prev, w.from, w.resend = mark, mark.From, true
		if mark.Until.After(w.until) {
			w.until = mark.Until
		}
	default:
		w.prev, w.from = mark, mark.Until
	}
	if w.until.Before(w.from) {
		w.until = w.from
	}
	return w, nil
}

// unsent lists reminders not yet shown in a digest that were not posted:
// missed, failed, and claims left unconfirmed for StaleClaim (a copy
// stopped between claiming and recording the send).
func (s *Scheduler) unsent(ctx context.Context, now time.Time) ([]bot.Announcement, error) {
	var out []bot.Announcement
	for _, st := range []string{bot.AnnMissed, bot.AnnFailed, bot.AnnClaimed} {
		list, err := s.cfg.Store.Announcements(ctx, st, now.Add(-reportLookback))
		if err != nil {
			s.cfg.Metrics.StoreError("announcements")
			return nil, fmt.Errorf("schedule: list %s announcements: %w", st, err)
		}
		for _, a := range list {
			if a.Reported || (st == bot.AnnClaimed && now.Sub(a.Updated) < s.cfg.StaleClaim) {
				continue
			}
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b bot.Announcement) int {
		return cmp.Or(a.Claimed.Compare(b.Claimed), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// run is what one digest run shares across channels.
type run struct {
	now   time.Time
	cat   *bot.Catalog
	notes []bot.Announcement
	shown bool // notes went out in at least one digest
}

func (s *Scheduler) newRun(ctx context.Context) (*run, error) {
	r := &run{now: s.cfg.Now()}
	var err error
	if r.cat, err = s.catalog(ctx); err != nil {
		return nil, err
	}
	if r.notes, err = s.unsent(ctx, r.now); err != nil {
		return nil, err
	}
	return r, nil
}

// finish marks the listed reminders as reported once a digest showed them.
func (s *Scheduler) finish(ctx context.Context, r *run) error {
	if !r.shown || len(r.notes) == 0 {
		return nil
	}
	ids := make([]string, len(r.notes))
	for i, a := range r.notes {
		ids[i] = a.ID
	}
	if err := s.cfg.Store.MarkReported(ctx, ids); err != nil {
		s.cfg.Metrics.StoreError("mark_reported")
		return fmt.Errorf("schedule: mark reminders reported: %w", err)
	}
	return nil
}

// RunDigests sends a digest to every digest channel: the input since its
// previous digest, plus reminders that were not sent. Channels with nothing
// new get no post unless DigestEmpty. It goes on after a failure and returns
// all errors joined: store errors (wrapping bot.ErrUnavailable when it is
// down), a missing Sender (bot.ErrInvalid), and send errors as returned.
func (s *Scheduler) RunDigests(ctx context.Context) (Report, error) {
	var rep Report
	if s.cfg.Sender == nil {
		return rep, fmt.Errorf("schedule: digests: no Sender configured: %w", bot.ErrInvalid)
	}
	s.digestMu.Lock()
	defer s.digestMu.Unlock()
	subs, err := s.cfg.Store.Subscriptions(ctx, bot.SubDigest)
	if err != nil {
		s.cfg.Metrics.StoreError("subscriptions")
		return rep, fmt.Errorf("schedule: digest subscriptions: %w", err)
	}
	if len(subs) == 0 {
		return rep, nil
	}
	r, err := s.newRun(ctx)
	if err != nil {
		return rep, err
	}
	var errs []error
	for _, sub := range subs {
		if _, err := s.digest(ctx, r, sub, s.cfg.DigestEmpty, &rep); err != nil && !errors.Is(err, bot.ErrConflict) {
			errs = append(errs, err)
		}
	}
	return rep, errors.Join(append(errs, s.finish(ctx, r))...)
}

// DigestNow sends the digest of the digest channel to at once, even when
// there is nothing new, and reports how many posts it took. It returns an
// error wrapping bot.ErrNotFound when to is not a digest channel,
// bot.ErrConflict when another running copy is sending its digest right
// now, store errors, and send errors as the Sender returned them.
func (s *Scheduler) DigestNow(ctx context.Context, to bot.Target) (sent int, err error) {
	if s.cfg.Sender == nil {
		return 0, fmt.Errorf("schedule: digest now: no Sender configured: %w", bot.ErrInvalid)
	}
	s.digestMu.Lock()
	defer s.digestMu.Unlock()
	subs, err := s.cfg.Store.Subscriptions(ctx, bot.SubDigest)
	if err != nil {
		s.cfg.Metrics.StoreError("subscriptions")
		return 0, fmt.Errorf("schedule: digest subscriptions: %w", err)
	}
	i := slices.IndexFunc(subs, func(x bot.Subscription) bool { return x.Target == to })
	if i < 0 {
		return 0, fmt.Errorf("schedule: digest now: %s channel %s gets no digests: %w", to.Platform, to.Channel, bot.ErrNotFound)
	}
	r, err := s.newRun(ctx)
	if err != nil {
		return 0, err
	}
	var rep Report
	_, err = s.digest(ctx, r, subs[i], true, &rep)
	return rep.Sent, errors.Join(err, s.finish(ctx, r))
}

// PreviewDigests returns, per digest channel, what a digest run would post
// now, claiming nothing and moving no watermark (for `temaplanbot digest
// --dry-run`). Errors come from the store.
func (s *Scheduler) PreviewDigests(ctx context.Context) ([]Preview, error) {
	subs, err := s.cfg.Store.Subscriptions(ctx, bot.SubDigest)
	if err != nil {
		s.cfg.Metrics.StoreError("subscriptions")
		return nil, fmt.Errorf("schedule: digest subscriptions: %w", err)
	}
	r, err := s.newRun(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Preview, 0, len(subs))
	for _, sub := range subs {
		w, err := s.window(ctx, sub, r.now)
		if err != nil {
			return nil, err
		}
		p := Preview{Target: sub.Target, Lang: langOr(sub.Lang), From: w.from, Until: w.until,
			Busy: w.busy, Resend: w.resend, Reminders: len(r.notes)}
		if !w.busy {
			input, err := s.input(ctx, w)
			if err != nil {
				return nil, err
			}
			p.Submissions = input.total
			if input.total > 0 || len(r.notes) > 0 || s.cfg.DigestEmpty {
				p.Replies = s.composeDigest(r, w, input)
			}
		}
		out = append(out, p)
	}
	return out, nil
}
