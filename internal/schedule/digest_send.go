package schedule

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// digest claims, sends and completes one channel's digest (see digest.go).
// force sends even when there is nothing to report. It returns an error
// wrapping bot.ErrConflict when another copy is sending it or moved the
// watermark first.
func (s *Scheduler) digest(ctx context.Context, r *run, sub bot.Subscription, force bool, rep *Report) (int, error) {
	t := sub.Target
	log := s.log.With("platform", t.Platform, "channel", t.Channel)
	w, err := s.window(ctx, sub, s.cfg.Now())
	if err != nil {
		rep.Failed++
		s.cfg.Metrics.DigestRun("failed")
		return 0, err
	}
	if w.busy {
		rep.Skipped++
		return 0, fmt.Errorf("schedule: digest to %s %s is being sent by %s: %w", t.Platform, t.Channel, w.prev.Owner, bot.ErrConflict)
	}
	input, err := s.input(ctx, w)
	if err != nil {
		rep.Failed++
		s.cfg.Metrics.DigestRun("failed")
		return 0, err
	}
	next := bot.DigestMark{Target: t, From: w.from, Until: w.until, State: bot.DigestClaimed,
		Owner: s.cfg.Instance, Updated: s.cfg.Now()}
	if input.total == 0 && len(r.notes) == 0 && !force {
		rep.Empty++
		s.cfg.Metrics.DigestRun("empty")
		if !w.resend && w.prev.State == bot.DigestSent && w.until.Equal(w.from) {
			return 0, nil // nothing to move
		}
		next.State = bot.DigestSent
		return 0, s.advance(ctx, w.prev, next, rep)
	}
	if err := s.advance(ctx, w.prev, next, rep); err != nil {
		return 0, err
	}
	replies := s.composeDigest(r, w, input)
	n, err := s.post(ctx, next, replies, rep)
	if n == len(replies) && len(r.notes) > 0 {
		r.shown = true
	}
	if err != nil {
		return n, err
	}
	s.cfg.Metrics.DigestRun("sent")
	log.Info("schedule: digest sent", "parts", n, "submissions", input.total, "hidden", input.hidden,
		"reminders", len(r.notes), "from", w.from, "until", w.until, "resend", w.resend)
	return n, nil
}

// post sends a claimed digest's parts and marks the claim sent; when a part
// fails it releases the claim (empty Owner) so the next run sends the range
// again. It returns the number of parts sent.
func (s *Scheduler) post(ctx context.Context, claim bot.DigestMark, replies []bot.Reply, rep *Report) (int, error) {
	t := claim.Target
	// Finish the bookkeeping even if ctx ends while sending.
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	for i, reply := range replies {
		if _, err := s.cfg.Sender.Send(ctx, t, reply); err != nil {
			rep.Failed++
			s.cfg.Metrics.DigestRun("failed")
			s.log.Error("schedule: digest send failed; the range is released for the next run",
				"platform", t.Platform, "channel", t.Channel, "part", i+1, "parts", len(replies), "err", err)
			released := claim
			released.Owner, released.Updated = "", s.cfg.Now()
			return i, errors.Join(fmt.Errorf("schedule: send digest part %d of %d to %s %s: %w",
				i+1, len(replies), t.Platform, t.Channel, err), s.advance(bctx, claim, released, rep))
		}
		rep.Sent++
	}
	done := claim
	done.State, done.Updated = bot.DigestSent, s.cfg.Now()
	if err := s.advance(bctx, claim, done, rep); err != nil {
		// Sent, but a later run may send this range again (see digest.go).
		s.log.Error("schedule: digest sent but not marked sent", "platform", t.Platform, "channel", t.Channel, "err", err)
		return len(replies), err
	}
	return len(replies), nil
}

// advance moves a channel's watermark from prev to next by compare-and-set.
// A lost race counts as skipped and returns an error wrapping bot.ErrConflict.
func (s *Scheduler) advance(ctx context.Context, prev, next bot.DigestMark, rep *Report) error {
	err := s.cfg.Store.AdvanceDigest(ctx, prev, next)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, bot.ErrConflict):
		rep.Skipped++
		return fmt.Errorf("schedule: digest to %s %s: watermark moved by another copy: %w",
			next.Target.Platform, next.Target.Channel, err)
	default:
		s.cfg.Metrics.StoreError("advance_digest")
		return fmt.Errorf("schedule: move digest watermark (%s): %w", next.State, err)
	}
}
