package schedule

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// MilestoneStart is the Announcement.Milestone of a plan's start.
const MilestoneStart = "start"

// Due is one reminder that is due now and not yet claimed by any copy.
type Due struct {
	ID        string // the claim id; see AnnouncementID
	Plan      string
	Milestone string   // MilestoneStart or a catalogue milestone id
	Date      bot.Date // the milestone's date
	LeadDays  int      // days before Date this reminder is for; 0: on the day
	Target    bot.Target
	Lang      bot.Lang
	At        time.Time // when it fell due
	// Missed is set when it is too late to send (more than Grace late, or
	// past the milestone itself for a lead reminder): it is recorded as
	// missed, not sent.
	Missed bool
	Reply  bot.Reply // what would be posted; empty when Missed
}

// AnnouncementID is the unique claim id of a reminder: plan, milestone,
// date, lead variant and channel. A date moved from D1 to D2 gives a new id,
// so the reminder fires on D2 even when D1's fired.
func AnnouncementID(plan, milestone string, date bot.Date, leadDays int, t bot.Target) string {
	variant := "day"
	if leadDays > 0 {
		variant = fmt.Sprintf("lead%dd", leadDays)
	}
	return strings.Join([]string{plan, milestone, date.String(), variant, t.Platform, t.Workspace, t.Channel}, "|")
}

// leadOf returns the lead days encoded in an AnnouncementID (0 on the day).
func leadOf(id string) int {
	parts := strings.Split(id, "|")
	var n int
	if len(parts) > 3 {
		fmt.Sscanf(parts[3], "lead%dd", &n)
	}
	return n
}

// event is a dated thing in a plan that reminders announce.
type event struct {
	plan      bot.Plan
	milestone string
	name      bot.Text // nil for the start
	date      bot.Date
}

// candidate is one (event, lead variant, channel) reminder with its times.
type candidate struct {
	event
	lead     int
	sub      bot.Subscription
	due      time.Time
	deadline time.Time // the latest instant it may still be sent
}

func (c candidate) id() string {
	return AnnouncementID(c.plan.ID, c.milestone, c.date, c.lead, c.sub.Target)
}

// events lists every plan start and catalogue milestone with a date.
func events(cat *bot.Catalog) []event {
	var out []event
	for _, p := range cat.Plans {
		if !p.Start.IsZero() {
			out = append(out, event{plan: p, milestone: MilestoneStart, date: p.Start})
		}
		for _, m := range p.Milestones {
			if !m.Date.IsZero() && m.ID != "" {
				out = append(out, event{plan: p, milestone: m.ID, name: m.Name, date: m.Date})
			}
		}
	}
	return out
}

// candidates lists the reminders that are due at now, in due order: those
// to send (within their deadline) and those to record as missed (past their
// deadline, but due after the channel subscribed, so a new subscription does
// not report years of old dates as missed). Future ones are left out.
func (s *Scheduler) candidates(ctx context.Context, now time.Time) ([]candidate, *bot.Catalog, error) {
	cat, err := s.catalog(ctx)
	if err != nil {
		return nil, nil, err
	}
	subs, err := s.cfg.Store.Subscriptions(ctx, bot.SubReminders)
	if err != nil {
		s.cfg.Metrics.StoreError("subscriptions")
		return nil, nil, fmt.Errorf("schedule: reminder subscriptions: %w", err)
	}
	var out []candidate
	for _, ev := range events(cat) {
		day := dueAt(ev.date, s.hour, s.minute, s.cfg.Location)
		variants := []candidate{{event: ev, due: day, deadline: day.Add(s.cfg.Grace)}}
		if s.cfg.LeadDays > 0 && ev.milestone != MilestoneStart {
			lead := dueAt(addDays(ev.date, -s.cfg.LeadDays), s.hour, s.minute, s.cfg.Location)
			variants = append(variants, candidate{event: ev, lead: s.cfg.LeadDays, due: lead,
				deadline: minTime(lead.Add(s.cfg.Grace), day)})
		}
		for _, v := range variants {
			if now.Before(v.due) {
				continue
			}
			for _, sub := range subs {
				c := v
				c.sub = sub
				if now.After(c.deadline) && c.due.Before(sub.Created) {
					continue
				}
				out = append(out, c)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b candidate) int { return a.due.Compare(b.due) })
	return out, cat, nil
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// existing returns the ids of announcements claimed since (any state).
func (s *Scheduler) existing(ctx context.Context, since time.Time) (map[string]bool, error) {
	ids := map[string]bool{}
	for _, st := range []string{bot.AnnClaimed, bot.AnnSent, bot.AnnMissed, bot.AnnFailed} {
		list, err := s.cfg.Store.Announcements(ctx, st, since)
		if err != nil {
			s.cfg.Metrics.StoreError("announcements")
			return nil, fmt.Errorf("schedule: list %s announcements: %w", st, err)
		}
		for _, a := range list {
			ids[a.ID] = true
		}
	}
	return ids, nil
}

// open returns the candidates at now that no copy has claimed yet. The
// listing only saves writes: the claim in RunReminders decides.
func (s *Scheduler) open(ctx context.Context, now time.Time) ([]candidate, *bot.Catalog, error) {
	cands, cat, err := s.candidates(ctx, now)
	if err != nil || len(cands) == 0 {
		return nil, cat, err
	}
	// A claim is made after its due time, so it was updated after it too.
	have, err := s.existing(ctx, cands[0].due.Add(-time.Millisecond))
	if err != nil {
		return nil, nil, err
	}
	out := cands[:0]
	for _, c := range cands {
		if !have[c.id()] {
			out = append(out, c)
		}
	}
	return out, cat, nil
}

// DueReminders lists the reminders due now that no copy has claimed yet,
// with the text that would be sent and whether each would be recorded as
// missed instead (for `temaplanbot remind --dry-run`). It changes nothing.
// Errors come from the store (wrapping bot.ErrUnavailable when it is down).
func (s *Scheduler) DueReminders(ctx context.Context) ([]Due, error) {
	now := s.cfg.Now()
	cands, _, err := s.open(ctx, now)
	if err != nil {
		return nil, err
	}
	out := make([]Due, 0, len(cands))
	for _, c := range cands {
		d := s.due(c, now)
		if !d.Missed {
			d.Reply = s.announcement(c, now)
		}
		out = append(out, d)
	}
	return out, nil
}

func (s *Scheduler) due(c candidate, now time.Time) Due {
	return Due{ID: c.id(), Plan: c.plan.ID, Milestone: c.milestone, Date: c.date, LeadDays: c.lead,
		Target: c.sub.Target, Lang: langOr(c.sub.Lang), At: c.due, Missed: now.After(c.deadline)}
}

func langOr(l bot.Lang) bot.Lang {
	if l == "" {
		return bot.NB
	}
	return l
}

// RunReminders sends every reminder due now that no copy has claimed yet,
// claiming each before sending, and records the too-late ones as missed.
// It goes on after a failure and returns all errors joined: store errors
// (wrapping bot.ErrUnavailable when it is down), a missing Sender
// (bot.ErrInvalid), and send errors as the Sender returned them.
func (s *Scheduler) RunReminders(ctx context.Context) (Report, error) {
	var rep Report
	if s.cfg.Sender == nil {
		return rep, fmt.Errorf("schedule: reminders: no Sender configured: %w", bot.ErrInvalid)
	}
	s.remindMu.Lock()
	defer s.remindMu.Unlock()
	now := s.cfg.Now()
	cands, _, err := s.open(ctx, now)
	if err != nil {
		return rep, err
	}
	var errs []error
	for _, c := range cands {
		if err := ctx.Err(); err != nil {
			errs = append(errs, fmt.Errorf("schedule: reminders: %w", err))
			break
		}
		if err := s.remind(ctx, c, &rep); err != nil {
			errs = append(errs, err)
		}
	}
	return rep, errors.Join(errs...)
}

// remind claims one reminder and sends it, or records it as missed.
func (s *Scheduler) remind(ctx context.Context, c candidate, rep *Report) error {
	now := s.cfg.Now()
	d := s.due(c, now)
	a := bot.Announcement{ID: d.ID, Plan: d.Plan, Milestone: d.Milestone, Date: d.Date, Target: d.Target,
		State: bot.AnnClaimed, Claimed: now, Updated: now, Owner: s.cfg.Instance}
	if d.Missed {
		a.State = bot.AnnMissed
	}
	claimed, err := s.cfg.Store.ClaimAnnouncement(ctx, a)
	if err != nil {
		s.cfg.Metrics.StoreError("claim_announcement")
		return fmt.Errorf("schedule: claim %s: %w", d.ID, err)
	}
	log := s.log.With("plan", d.Plan, "milestone", d.Milestone, "date", d.Date.String(),
		"platform", d.Target.Platform, "channel", d.Target.Channel)
	switch {
	case !claimed:
		rep.Skipped++
		return nil
	case d.Missed:
		rep.Missed++
		s.cfg.Metrics.Reminder("missed")
		log.Warn("schedule: reminder missed", "due", d.At, "now", now)
		return nil
	}
	msgID, sendErr := s.cfg.Sender.Send(ctx, d.Target, s.announcement(c, now))
	state := bot.AnnSent
	if sendErr != nil {
		state, msgID = bot.AnnFailed, ""
	}
	// Record the outcome even when ctx ended during the send.
	uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	updErr := s.cfg.Store.UpdateAnnouncement(uctx, d.ID, state, msgID, s.cfg.Now())
	if updErr != nil {
		s.cfg.Metrics.StoreError("update_announcement")
		updErr = fmt.Errorf("schedule: mark %s %s: %w", d.ID, state, updErr)
	}
	if sendErr != nil {
		rep.Failed++
		s.cfg.Metrics.Reminder("failed")
		log.Error("schedule: reminder send failed; not retried", "err", sendErr)
		return errors.Join(fmt.Errorf("schedule: send reminder %s: %w", d.ID, sendErr), updErr)
	}
	rep.Sent++
	s.cfg.Metrics.Reminder("sent")
	log.Info("schedule: reminder sent", "message", msgID)
	return updErr
}
