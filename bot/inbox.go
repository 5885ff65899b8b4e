package bot

import (
	"context"
	"time"
)

// InboxEvent is one platform event a resident sent, made durable before the
// platform is told it was received. Any running copy can answer it from
// what is stored here: the engine's input (Message) and where the answer
// goes (Route, read by the platform's adapter).
type InboxEvent struct {
	// ID is the unique key of the platform event, prefixed by platform and
	// kind ("slack:ev:Ev0123", "discord:ix:1234"). A second event with the
	// same ID is a retry or a replay and is not processed again.
	ID string
	// Kind is "" for a message the engine answers; any other kind is work
	// the platform's adapter does itself (e.g. Slack's App Home).
	Kind string
	// Resident is the key the fair scheduler queues by (platform:user).
	Resident string
	Message  Message
	// Route says where the answers go (response_url, interaction token,
	// channel and thread); only the adapter of Message.Platform reads it.
	Route map[string]string
	// Notice marks an event that arrived while its resident was flooding:
	// it is answered with the "slow down" notice, not by the engine.
	Notice   bool
	Received time.Time
	// Owner is the running copy processing the event (see Heartbeat).
	Owner string
	// Replies is the engine's answer once Answered is set: after a crash it
	// is delivered as it was, and the engine is not asked again.
	Replies  []Reply
	Answered bool
	// Acked records that the platform was told the event arrived before
	// it was answered (see InboxStore.MarkAcked).
	Acked bool
	// Showing records that its answer was being posted (see
	// InboxStore.MarkShowing): a copy taking over looks on the platform
	// for what was shown before posting again, where it can.
	Showing bool
}

// InboxStore keeps accepted events until they are answered, and the ids of
// answered ones for a while, so that retries are recognised. Writes are
// acknowledged by a majority with journaling. Every method returns an error
// wrapping ErrUnavailable when the database cannot be reached.
//
// Ownership: each running copy writes a heartbeat; the events of a copy
// whose heartbeat expired are taken over by another with TakeEvent, which
// only one caller wins (an insert under a unique key, so it holds on
// servers without transactions).
type InboxStore interface {
	// AddEvent stores e. It returns an error wrapping ErrConflict when an
	// event with e.ID was added before and is unfinished, or finished and
	// still remembered; ErrInvalid without ID, Owner or Resident.
	AddEvent(ctx context.Context, e InboxEvent) error
	// SaveAnswer records the engine's replies to the unfinished event id
	// and sets Answered; ErrNotFound when there is no such event.
	SaveAnswer(ctx context.Context, id string, replies []Reply) error
	// MarkAcked records on the unfinished event id that the platform was
	// told it arrived although it is not answered yet (an answer that
	// follows later); ErrNotFound when there is no such event.
	MarkAcked(ctx context.Context, id string) error
	// MarkShowing records on the unfinished event id that its answer is
	// being posted (written at the moment of the first post): after a
	// crash before FinishEvent, a copy taking over checks the platform
	// before it posts again. owner is the copy about to post: when another
	// copy has taken the event over (TakeEvent), the error wraps
	// ErrConflict and the caller must not post (the taker answers). A take
	// racing the mark either sees Showing or makes the mark fail, so an
	// answer is never posted by both without one of them looking first.
	// ErrConflict too when the event is finished (answered) and its id
	// still remembered; ErrNotFound when there is no such event.
	MarkShowing(ctx context.Context, id, owner string) error
	// FinishEvent marks id answered. Its content is removed; its id is
	// remembered until keepUntil. A zero keepUntil forgets the id at once,
	// so a later event with the same id is new work (a form refused with
	// field errors and submitted again). Finishing an unknown id is no error.
	FinishEvent(ctx context.Context, id string, keepUntil time.Time) error
	// Event returns the unfinished event id; ErrNotFound when it is
	// finished (or its id only remembered) or unknown.
	Event(ctx context.Context, id string) (InboxEvent, error)
	// EventsOf lists up to limit unfinished events owned by owner, oldest
	// (Received) first.
	EventsOf(ctx context.Context, owner string, limit int) ([]InboxEvent, error)
	// TakeEvent moves the unfinished event id from owner from to owner to
	// and returns it. Of callers racing for the same (id, from) exactly one
	// succeeds; the others get ErrConflict. ErrNotFound when the event is
	// finished or gone, ErrConflict when it is not owned by from. The
	// winner may call it again (its first call failed but may have landed,
	// in part or whole): it gets the event again.
	TakeEvent(ctx context.Context, id, from, to string) (InboxEvent, error)
	// Heartbeat records that owner is alive until until (a zero until
	// means it stopped).
	Heartbeat(ctx context.Context, owner string, until time.Time) error
	// Owners returns every owner that has written a heartbeat, with the
	// time it is alive until.
	Owners(ctx context.Context) (map[string]time.Time, error)
	// DropOwner removes owner's heartbeat (after its events were taken over).
	DropOwner(ctx context.Context, owner string) error
	// DeleteExpiredInbox removes remembered ids (and take-over records)
	// that expired before now.
	DeleteExpiredInbox(ctx context.Context, now time.Time) (int, error)
}
