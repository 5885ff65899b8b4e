package slack

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/inbox"
)

// Time budgets inside Slack's 3-second limit.
const (
	commandBudget = 2 * time.Second        // slash command answered in the HTTP response
	formBudget    = 800 * time.Millisecond // "give input" button: then a loading modal
	submitBudget  = 2300 * time.Millisecond
)

// kindHome is the inbox kind of an App Home tab to publish.
const kindHome = "home"

// errNotTaken marks an event the inbox did not store: Slack should send it again.
var errNotTaken = errors.New("slack: event not taken")

// answer completes m with the adapter's knowledge (locale, staff) and asks
// the engine. It runs on an inbox worker. It records the answer time; the
// engine counts the intent.
func (a *Adapter) answer(ctx context.Context, m bot.Message) []bot.Reply {
	m.Platform = bot.PlatformSlack
	m.Staff = a.isStaff(m.User)
	if m.Locale == "" {
		m.Locale = a.locale(ctx, m.User)
	}
	start := time.Now()
	replies := renderHints(a.engine.Handle(ctx, m))
	a.m.Answer(bot.PlatformSlack, time.Since(start))
	return replies
}

// deliverEvent is the inbox's delivery for Slack events: it shows replies
// where the route of e says (any running copy can), or publishes the Home tab.
func (a *Adapter) deliverEvent(ctx context.Context, e bot.InboxEvent, replies []bot.Reply) error {
	d := destOf(e.Route)
	if e.Kind == kindHome {
		a.publishHome(ctx, d.user)
		return nil
	}
	if pv, ok := a.pending.LoadAndDelete(e.ID); ok {
		d.pending = pv.(*pendingView)
	}
	d.event, d.resume, d.since = e.ID, e.Showing, e.Received
	a.deliver(ctx, d, replies)
	return nil
}

// event builds the inbox event for m, answered at d. The key is unique per
// Slack event: kind and Slack's own id.
func event(key string, m bot.Message, d dest) bot.InboxEvent {
	m.Platform = bot.PlatformSlack
	return bot.InboxEvent{ID: "slack:" + key, Message: m, Route: d.route()}
}

// accept stores e in the inbox. Duplicates (retries) and a flooding
// resident's dropped events are done with; other errors wrap errNotTaken.
func (a *Adapter) accept(ctx context.Context, e bot.InboxEvent) error {
	err := a.inbox.Accept(ctx, e)
	return a.taken(e, err)
}

func (a *Adapter) taken(e bot.InboxEvent, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, inbox.ErrDuplicate):
		a.m.Duplicate(bot.PlatformSlack)
		a.log.Debug("duplicate event dropped", "event", e.ID)
		return err
	case errors.Is(err, inbox.ErrFlood):
		a.log.Debug("flooding resident's event dropped", "event", e.ID)
		return err
	}
	return errors.Join(errNotTaken, err)
}

// answerWithin stores m in the inbox and waits up to budget for the
// answer. When the engine is in time it returns the replies and
// inTime=true: the caller shows them and then calls done. Otherwise the
// inbox delivers them to d. An error wrapping errNotTaken means the event
// was not stored; inbox.ErrDuplicate and inbox.ErrFlood that there is
// nothing to answer.
func (a *Adapter) answerWithin(ctx context.Context, key string, m bot.Message, d dest, budget time.Duration) (replies []bot.Reply, inTime bool, done func(), err error) {
	deadline := time.Now().Add(budget)
	e := event(key, m, d)
	e.Route[rSync] = "true" // answered in the response if in time; Slack never retries it
	if d.pending != nil {
		a.pending.Store(e.ID, d.pending)
	}
	t, err := a.inbox.AcceptSync(ctx, e)
	if err := a.taken(e, err); err != nil {
		a.pending.Delete(e.ID)
		return nil, false, nil, err
	}
	replies, ok := t.Wait(ctx, time.Until(deadline))
	if !ok {
		t.Acknowledge(ctx) // the empty response tells Slack it arrived; the answer follows
		return nil, false, nil, nil
	}
	a.pending.Delete(e.ID)
	return replies, true, t.Shown, nil
}

// route keys of a Slack destination.
const (
	rTeam, rChannel, rThread, rUser = "team", "channel", "thread", "user"
	rDirect, rResponseURL, rPrivate = "direct", "response_url", "private"
	rSync                           = "sync"
)

// acknowledged reports whether Slack was told a taken-over event arrived:
// events API deliveries always were once stored (Slack retries the
// others, and a retry finds the event stored). A slash command or
// interaction whose answer was to go in the response was, if it was
// answered or acknowledged without its answer; otherwise the copy stopped
// before responding, the resident saw Slack's error, and answering now
// would come out of turn.
func (a *Adapter) acknowledged(_ context.Context, e bot.InboxEvent) bool {
	return e.Route[rSync] != "true" || e.Answered || e.Acked
}

// route is d as stored with the event, so any running copy can deliver.
func (d dest) route() map[string]string {
	r := map[string]string{rTeam: d.team, rChannel: d.channel, rThread: d.thread, rUser: d.user,
		rDirect: strconv.FormatBool(d.direct), rResponseURL: d.responseURL, rPrivate: strconv.FormatBool(d.private)}
	for k, v := range r {
		if v == "" || v == "false" {
			delete(r, k)
		}
	}
	return r
}

// destOf is the destination stored in a route.
func destOf(r map[string]string) dest {
	return dest{team: r[rTeam], channel: r[rChannel], thread: r[rThread], user: r[rUser],
		direct: r[rDirect] == "true", responseURL: r[rResponseURL], private: r[rPrivate] == "true"}
}

// pendingViews maps inbox event ids to loading modals opened for them
// (this running copy only; another copy posts the answer instead).
type pendingViews = sync.Map
