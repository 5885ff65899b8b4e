package slack

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Time budgets inside Slack's 3-second limit.
const (
	submitWait     = time.Second            // longest wait for room in the worker queue
	commandBudget  = 2 * time.Second        // slash command answered in the HTTP response
	formBudget     = 800 * time.Millisecond // "give input" button: then a loading modal
	submitBudget   = 2300 * time.Millisecond
	answerDeadline = 5 * time.Minute // one engine call plus its paced posts (a busy channel takes 1 post/s)
)

// answer completes m with the adapter's knowledge (locale, staff) and asks
// the engine. It records the answer time; the engine counts the intent.
func (a *Adapter) answer(ctx context.Context, m bot.Message) []bot.Reply {
	m.Platform = bot.PlatformSlack
	m.Staff = a.isStaff(m.User)
	if m.Locale == "" {
		m.Locale = a.locale(ctx, m.User)
	}
	start := time.Now()
	replies := a.engine.Handle(ctx, m)
	a.m.Answer(bot.PlatformSlack, time.Since(start))
	return replies
}

// answerLater queues m; the worker answers it and delivers the replies to d.
func (a *Adapter) answerLater(m bot.Message, d dest) error {
	return a.pool.submit(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, answerDeadline)
		defer cancel()
		a.deliver(ctx, d, a.answer(ctx, m))
	}, submitWait)
}

// answerWithin asks the engine on a worker and waits up to budget. When the
// engine is in time it returns the replies and inTime=true, and the caller
// shows them. Otherwise it returns inTime=false, and the worker delivers the
// replies to d when they come. An error means the job was not queued.
func (a *Adapter) answerWithin(ctx context.Context, m bot.Message, d dest, budget time.Duration) (replies []bot.Reply, inTime bool, err error) {
	deadline := time.Now().Add(budget)
	res := make(chan []bot.Reply, 1)
	var claimed atomic.Bool // set by whoever owns the replies: the waiter or the late worker
	job := func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, answerDeadline)
		defer cancel()
		replies := a.answer(ctx, m)
		if claimed.CompareAndSwap(false, true) {
			res <- replies
			return
		}
		a.deliver(ctx, d, replies)
	}
	if err := a.pool.submit(job, min(submitWait, budget)); err != nil {
		return nil, false, err
	}
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case r := <-res:
		return r, true, nil
	case <-t.C:
	case <-ctx.Done():
	}
	if claimed.CompareAndSwap(false, true) {
		return nil, false, nil
	}
	return <-res, true, nil
}
