package bot

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// SubmissionStatus is where a submission is in staff handling.
type SubmissionStatus string

// Submission statuses.
const (
	SubmissionNew      SubmissionStatus = "new"
	SubmissionArchived SubmissionStatus = "archived" // filed in the case file; the resident can no longer delete it
	SubmissionHidden   SubmissionStatus = "hidden"   // hidden from digests and exports; reversible
)

// Flags set on a submission for staff.
const (
	FlagProfanity = "profanity"
)

// Submission is one resident's input (innspill) to a plan. It holds no names:
// AuthorHash is an HMAC-SHA256 of the platform user id.
type Submission struct {
	Ref        string // receipt reference, e.g. INN-7K3QF9; unique
	Plan       string
	Text       string
	Lang       Lang
	Platform   string
	Workspace  string
	Channel    string
	AuthorHash string
	Created    time.Time
	Status     SubmissionStatus
	Flags      []string
	EventID    string // source event id; unique per platform
	CaseNumber string // saksnummer once archived
	// Themes are the plan's catalogue themes the text is about (keys, best
	// first), computed when it was stored from the catalogue identified by
	// ThemesVersion; readers recompute them when the catalogue has changed.
	Themes        []string
	ThemesVersion string
}

// SubmissionQuery selects submissions for exports and digests. Zero fields
// do not filter. Results are ordered by Created, then Ref (both descending
// when Newest).
type SubmissionQuery struct {
	Plan     string
	Statuses []SubmissionStatus
	After    time.Time // Created > After
	Until    time.Time // Created <= Until
	Flagged  bool      // only submissions with at least one flag
	Newest   bool      // newest first: with Limit, the newest few
	Limit    int
}

// SubmissionCount is how many submissions of one plan have one status,
// split by whether they carry flags (see CountSubmissions).
type SubmissionCount struct {
	Plan    string
	Status  SubmissionStatus
	Flagged bool
	N       int
}

// SubmissionStore keeps submissions. Every method returns an error wrapping
// ErrUnavailable when the database cannot be reached.
type SubmissionStore interface {
	// AddSubmission stores s once the write is acknowledged (majority, journal).
	// If a submission with the same Platform and EventID exists it is returned
	// with created=false and nothing is written. A Ref already taken by another
	// event returns ErrConflict (pick a new Ref and retry).
	AddSubmission(ctx context.Context, s Submission) (stored Submission, created bool, err error)
	// Submission returns the submission with ref, or ErrNotFound.
	Submission(ctx context.Context, ref string) (Submission, error)
	// SubmissionsBy lists an author's submissions (any status), newest first.
	SubmissionsBy(ctx context.Context, authorHash string) ([]Submission, error)
	// SubmissionsPage lists at most limit of an author's submissions (any
	// status), newest first, after skipping the skip newest; more reports
	// whether older ones follow. limit <= 0 is ErrInvalid.
	SubmissionsPage(ctx context.Context, authorHash string, skip, limit int) (page []Submission, more bool, err error)
	// CountSubmissionsSince counts an author's submissions created after since.
	CountSubmissionsSince(ctx context.Context, authorHash string, since time.Time) (int, error)
	// DeleteSubmission deletes ref if authorHash wrote it. It returns ErrNotFound
	// when there is no such submission by that author and ErrArchived when staff
	// have archived it.
	DeleteSubmission(ctx context.Context, ref, authorHash string) error
	// Submissions lists submissions matching q.
	Submissions(ctx context.Context, q SubmissionQuery) ([]Submission, error)
	// CountSubmissions counts the submissions matching q (Limit and Newest
	// aside) per plan, status and flagged, without reading them one by one:
	// a digest over any period costs a count, not every document.
	// Counts are ordered by CompareCounts.
	CountSubmissions(ctx context.Context, q SubmissionQuery) ([]SubmissionCount, error)
	// SetSubmissionStatus changes ref's status (and case number when archiving).
	// It returns ErrNotFound for an unknown ref.
	SetSubmissionStatus(ctx context.Context, ref string, status SubmissionStatus, caseNumber string) error
}

// Dialog step names (the states of the dialog in dialog.go).
const (
	StepIdle    = "idle"    // no input under way; only the last menu is kept
	StepPlan    = "plan"    // waiting for the plan
	StepText    = "text"    // waiting for the input text
	StepConfirm = "confirm" // waiting for yes/no
	StepDelete  = "delete"  // waiting for which own input to delete
)

// Menu kinds: what a number typed after a numbered list means.
const (
	MenuPlans  = "plans"  // Menu holds plan ids: show the plan
	MenuChoose = "choose" // Menu holds plan ids: the input is for that plan
	MenuDelete = "delete" // Menu holds references: delete that input
	MenuOwn    = "own"    // Menu holds the references of the own-input list just shown, as numbered
	// MenuSaid: at StepIdle, Text holds (checked) words the resident said
	// that were not understood as a question; "send that as input" next
	// uses them as the input's text.
	MenuSaid = "said"
)

// Dialog is a resident's conversation state in one channel (an unfinished
// input, the last numbered menu shown), kept in the store so a restart or
// another running copy continues it. Text is always checked (CheckInput)
// before it is put here.
type Dialog struct {
	Key   string // see DialogKey
	Step  string
	Plan  string
	Text  string
	Lang  Lang
	Flags []string
	// Menu is the last numbered list shown (plan ids or references, by
	// MenuKind), so "4" means its fourth line.
	Menu     []string
	MenuKind string
	// SubmitKey is the idempotency key of the submission this dialog would
	// store, set when the text is ready to confirm. Every "yes" to the same
	// text uses it, so a retry after a lost write acknowledgement returns the
	// stored copy instead of writing a second one.
	SubmitKey string
	// Receipt and ReceiptEvent remember the last receipt given in this
	// dialog and the event that asked for it, so the same event processed
	// again (a replica taking over after a crash between storing the input
	// and delivering the answer) gets the same receipt, not "nothing pending".
	Receipt      string
	ReceiptEvent string
	Updated      time.Time
	Expires      time.Time
}

// DialogStore keeps dialog state.
type DialogStore interface {
	// Dialog returns the dialog for key, or ErrNotFound (also when expired).
	Dialog(ctx context.Context, key string, now time.Time) (Dialog, error)
	// SaveDialog creates or replaces d.
	SaveDialog(ctx context.Context, d Dialog) error
	// DeleteDialog removes key; a missing dialog is not an error.
	DeleteDialog(ctx context.Context, key string) error
	// DeleteExpiredDialogs removes dialogs that expired before now and reports how many.
	DeleteExpiredDialogs(ctx context.Context, now time.Time) (int, error)
}

// Prefs are a resident's settings, keyed by author hash.
type Prefs struct {
	AuthorHash string
	Lang       Lang      // explicit language choice; empty when none
	NoticeSeen time.Time // when the privacy notice was shown; zero when never
}

// PrefsStore keeps resident preferences.
type PrefsStore interface {
	// Prefs returns authorHash's preferences, or ErrNotFound.
	Prefs(ctx context.Context, authorHash string) (Prefs, error)
	// SavePrefs creates or replaces p.
	SavePrefs(ctx context.Context, p Prefs) error
}

// EventStore remembers processed platform events so retries and duplicate
// deliveries are handled once.
type EventStore interface {
	// MarkEvent records (platform, id) and reports first=true only for the
	// first caller, across running copies. Records may be forgotten after expires.
	MarkEvent(ctx context.Context, platform, id string, expires time.Time) (first bool, err error)
	// DeleteExpiredEvents removes records that expired before now.
	DeleteExpiredEvents(ctx context.Context, now time.Time) (int, error)
}

// Subscription kinds.
const (
	SubReminders = "reminders"
	SubDigest    = "digest"
)

// Subscription is a channel that gets reminders or staff digests.
type Subscription struct {
	Kind    string // SubReminders or SubDigest
	Target  Target
	Lang    Lang
	By      string // who subscribed (platform:user id of staff)
	Created time.Time
}

// Announcement states.
const (
	AnnClaimed = "claimed"
	AnnSent    = "sent"
	AnnMissed  = "missed"
	AnnFailed  = "failed"
)

// Announcement is a claim on one reminder post: the unique ID is built from
// plan, milestone, date and channel, so only one running copy can post it.
type Announcement struct {
	ID        string
	Plan      string
	Milestone string // "start" or a milestone id
	Date      Date
	Target    Target
	State     string // Ann* constant
	MessageID string
	Claimed   time.Time
	Updated   time.Time
	Owner     string // instance id of the claimant
	Reported  bool   // a missed announcement has been shown in a digest
}

// Digest run states.
const (
	DigestClaimed = "claimed"
	DigestSent    = "sent"
)

// DigestMark is the watermark of a digest channel: the digest covering
// submissions created in (From, Until] has been claimed (and maybe sent).
type DigestMark struct {
	Target  Target
	From    time.Time
	Until   time.Time
	State   string // Digest* constant
	Owner   string
	Updated time.Time
}

// AuditEntry records a staff action (who, when, what changed).
type AuditEntry struct {
	Action string // e.g. "plan.start", "submission.hide", "submission.archive"
	Object string // plan id or submission ref
	By     string // platform:user id of the staff member
	At     time.Time
	Old    string
	New    string
}

// ScheduleStore keeps what reminders and digests need.
type ScheduleStore interface {
	// Subscribe creates or replaces the subscription for (s.Kind, s.Target).
	Subscribe(ctx context.Context, s Subscription) error
	// Unsubscribe removes it; ErrNotFound when there was none.
	Unsubscribe(ctx context.Context, kind string, t Target) error
	// Subscriptions lists subscriptions of kind.
	Subscriptions(ctx context.Context, kind string) ([]Subscription, error)

	// ClaimAnnouncement inserts a with State AnnClaimed (or AnnMissed) and
	// reports claimed=false when a.ID exists already (another copy has it).
	ClaimAnnouncement(ctx context.Context, a Announcement) (claimed bool, err error)
	// UpdateAnnouncement sets state and message id of a claimed announcement.
	UpdateAnnouncement(ctx context.Context, id, state, messageID string, at time.Time) error
	// Announcements lists announcements in state updated after since.
	Announcements(ctx context.Context, state string, since time.Time) ([]Announcement, error)
	// MarkReported marks missed announcements as shown in a digest.
	MarkReported(ctx context.Context, ids []string) error

	// DigestMark returns the channel's watermark, or ErrNotFound.
	DigestMark(ctx context.Context, t Target) (DigestMark, error)
	// AdvanceDigest moves the watermark from prev (compare-and-set on prev.Until
	// and prev.State; a zero prev means none yet) to next. It returns
	// ErrConflict when another copy moved it first.
	AdvanceDigest(ctx context.Context, prev, next DigestMark) error

	// SetPlanStart records a staff override of a plan's start date.
	SetPlanStart(ctx context.Context, plan string, d Date) error
	// PlanStarts returns all start date overrides.
	PlanStarts(ctx context.Context) (map[string]Date, error)

	// Audit appends an entry to the staff action log.
	Audit(ctx context.Context, e AuditEntry) error
	// AuditLog lists entries for object (all when empty), oldest first.
	AuditLog(ctx context.Context, object string) ([]AuditEntry, error)
}

// Store is everything the engine and the scheduler keep in the database.
type Store interface {
	SubmissionStore
	DialogStore
	PrefsStore
	EventStore
	ScheduleStore
	WebLinkStore
	// Ping reports whether the database answers (for /readyz); ErrUnavailable if not.
	Ping(ctx context.Context) error
}

// Match reports whether s passes q's filters (Newest and Limit aside).
func (q SubmissionQuery) Match(s Submission) bool {
	return (q.Plan == "" || s.Plan == q.Plan) &&
		(len(q.Statuses) == 0 || slices.Contains(q.Statuses, s.Status)) &&
		(q.After.IsZero() || s.Created.After(q.After)) &&
		(q.Until.IsZero() || !s.Created.After(q.Until)) &&
		(!q.Flagged || len(s.Flags) > 0)
}

// Tally adds s to counts (see CountSubmissions), keeping one entry per
// plan, status and flagged.
func Tally(counts []SubmissionCount, s Submission) []SubmissionCount {
	c := SubmissionCount{Plan: s.Plan, Status: s.Status, Flagged: len(s.Flags) > 0}
	for i := range counts {
		if counts[i].Plan == c.Plan && counts[i].Status == c.Status && counts[i].Flagged == c.Flagged {
			counts[i].N++
			return counts
		}
	}
	c.N = 1
	return append(counts, c)
}

// CompareCounts orders counts by plan, status, then unflagged first (the
// order CountSubmissions returns them in).
func CompareCounts(a, b SubmissionCount) int {
	if c := cmp.Compare(a.Plan, b.Plan); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Status, b.Status); c != 0 {
		return c
	}
	switch {
	case a.Flagged == b.Flagged:
		return 0
	case b.Flagged:
		return -1
	}
	return 1
}
