package schedule

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Retention: input is deleted (or anonymised) a number of days after its
// plan was adopted, or after it was given (bot.Retention). The job runs
// once a day at retentionHour local time, and at start as a catch-up; each
// day's run is claimed in the store under "retention/YYYY-MM-DD" first, so
// exactly one running copy does it, once, across restarts. A run that
// stops halfway leaves the rest to the next day's run, which selects by
// age again. Every run that removes something is audited.

// retentionHour is the local hour of the daily retention run (a quiet time).
const retentionHour = 3

// auditRetention is the audit action of a retention run.
const auditRetention = "retention"

// RetentionConfig configures the retention job. Zero Policy.Days: off.
type RetentionConfig struct {
	Policy bot.Retention
	// Store keeps the run claims and removes input; required when Days > 0.
	Store bot.RetentionStore
}

// RetentionReport counts what one retention run did.
type RetentionReport struct {
	Claimed    bool // this copy ran today's run (false: off, or done already)
	Deleted    int
	Anonymised int
}

// RunRetention runs today's retention run unless it was run already (by
// this or another copy). It returns what it removed and the first store
// error; a run that fails is not repeated the same day.
func (s *Scheduler) RunRetention(ctx context.Context) (RetentionReport, error) {
	var rep RetentionReport
	pol := s.cfg.Retention.Policy
	if pol.Days <= 0 || s.cfg.Retention.Store == nil {
		return rep, nil
	}
	now := s.cfg.Now()
	local := now.In(s.cfg.Location)
	id := fmt.Sprintf("%s/%s", auditRetention, local.Format(time.DateOnly))
	claimed, err := s.cfg.Retention.Store.ClaimRun(ctx, id, s.cfg.Instance, now)
	if err != nil || !claimed {
		if err != nil {
			s.cfg.Metrics.RetentionRun("failed")
		}
		return rep, err
	}
	rep.Claimed = true
	due, err := s.retentionDue(ctx, pol, now)
	if err == nil {
		err = s.expire(ctx, pol, due, &rep)
	}
	if n := rep.Deleted + rep.Anonymised; n > 0 {
		entry := bot.AuditEntry{Action: auditRetention, Object: id, By: "scheduler:" + s.cfg.Instance, At: now,
			New: fmt.Sprintf("deleted=%d anonymised=%d days=%d from=%s", rep.Deleted, rep.Anonymised, pol.Days, pol.From)}
		err = errors.Join(err, s.cfg.Store.Audit(context.WithoutCancel(ctx), entry))
	}
	outcome := "done"
	if err != nil {
		outcome = "failed"
	}
	s.cfg.Metrics.RetentionRun(outcome)
	return rep, err
}

// retentionDue lists the input whose retention period has passed: given
// more than Days ago and, counting from adoption, in a plan adopted more
// than Days ago (plans without an adoption date keep their input).
func (s *Scheduler) retentionDue(ctx context.Context, pol bot.Retention, now time.Time) ([]string, error) {
	cutoff := now.AddDate(0, 0, -pol.Days)
	var adopted map[string]bool
	if pol.From != bot.RetentionFromInput {
		cat, err := s.catalog(ctx)
		if err != nil {
			return nil, err
		}
		today := bot.DateOf(now.In(s.cfg.Location))
		adopted = map[string]bool{}
		for _, p := range cat.Plans {
			for _, m := range p.Milestones {
				ends := bot.DateOf(m.Date.At(12, 0, time.UTC).AddDate(0, 0, pol.Days))
				if m.ID == bot.MilestoneAdopted && !m.Date.IsZero() && !today.Before(ends) {
					adopted[p.ID] = true
				}
			}
		}
		if len(adopted) == 0 {
			return nil, nil
		}
	}
	subs, err := s.cfg.Store.Submissions(ctx, bot.SubmissionQuery{Until: cutoff})
	if err != nil {
		s.cfg.Metrics.StoreError("submissions")
		return nil, fmt.Errorf("schedule: retention: %w", err)
	}
	var due []string
	for _, sub := range subs {
		if adopted != nil && !adopted[sub.Plan] {
			continue
		}
		if pol.Anonymise && sub.AuthorHash == "" && sub.Channel == "" && sub.Workspace == "" {
			continue // anonymised before
		}
		due = append(due, sub.Ref)
	}
	return due, nil
}

// expire removes each due submission, counting what was done.
func (s *Scheduler) expire(ctx context.Context, pol bot.Retention, due []string, rep *RetentionReport) error {
	for _, ref := range due {
		err := s.cfg.Retention.Store.ExpireSubmission(ctx, ref, pol.Anonymise)
		switch {
		case errors.Is(err, bot.ErrNotFound):
			continue // deleted meanwhile
		case err != nil:
			s.cfg.Metrics.StoreError("expire_submission")
			return fmt.Errorf("schedule: retention: %w", err)
		case pol.Anonymise:
			rep.Anonymised++
			s.cfg.Metrics.RetentionExpired("anonymised")
		default:
			rep.Deleted++
			s.cfg.Metrics.RetentionExpired("deleted")
		}
	}
	return nil
}

// retentionJob runs RunRetention and logs the outcome.
func (s *Scheduler) retentionJob(ctx context.Context, why string) {
	rep, err := s.RunRetention(ctx)
	if err != nil {
		s.log.Error("schedule: retention run", "run", why, "err", err)
	}
	if rep.Claimed {
		s.log.Info("schedule: retention", "run", why, "deleted", rep.Deleted, "anonymised", rep.Anonymised)
	}
}
