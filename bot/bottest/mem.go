// Package bottest has test helpers for code that uses package bot: an
// in-memory bot.Store (Mem) and a contract test suite (TestStore) that every
// bot.Store implementation, in memory or in MongoDB, must pass.
package bottest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Mem is an in-memory bot.Store for tests. It is safe for concurrent use and
// follows the same rules as the MongoDB store: times are kept at millisecond
// precision in UTC, a submission needs a Ref and an EventID, dialogs and
// events need an expiry (bot.ErrInvalid otherwise). Use SetDown to make it
// fail with bot.ErrUnavailable like an unreachable database.
type Mem struct {
	now func() time.Time

	mu       sync.Mutex
	down     bool
	subs     map[string]bot.Submission // by ref
	dialogs  map[string]bot.Dialog
	prefs    map[string]bot.Prefs
	events   map[[2]string]time.Time
	subscr   map[subKey]bot.Subscription
	anns     map[string]bot.Announcement
	marks    map[bot.Target]bot.DigestMark
	starts   map[string]bot.Date
	audit    []bot.AuditEntry
	eventIdx map[[2]string]string   // (platform, event id) -> ref
	links    map[string]bot.WebLink // by hash
	runs     map[string]bool        // claimed run ids (mem_retention.go)
}

type subKey struct {
	kind string
	t    bot.Target
}

var _ bot.Store = (*Mem)(nil)

// NewMem returns an empty in-memory store. now fills in times the caller
// left zero (Submission.Created, AuditEntry.At, Announcement.Claimed); nil
// means time.Now.
func NewMem(now func() time.Time) *Mem {
	if now == nil {
		now = time.Now
	}
	return &Mem{
		now:      now,
		subs:     map[string]bot.Submission{},
		dialogs:  map[string]bot.Dialog{},
		prefs:    map[string]bot.Prefs{},
		events:   map[[2]string]time.Time{},
		subscr:   map[subKey]bot.Subscription{},
		anns:     map[string]bot.Announcement{},
		marks:    map[bot.Target]bot.DigestMark{},
		starts:   map[string]bot.Date{},
		eventIdx: map[[2]string]string{},
		links:    map[string]bot.WebLink{},
	}
}

// SetDown makes every later call fail with an error wrapping
// bot.ErrUnavailable (down=true) or work again (down=false).
func (m *Mem) SetDown(down bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.down = down
}

// lock takes the mutex and reports ErrUnavailable while the store is down.
// The caller must unlock when err is nil.
func (m *Mem) lock(op string) error {
	m.mu.Lock()
	if m.down {
		m.mu.Unlock()
		return fmt.Errorf("bottest: %s: %w", op, bot.ErrUnavailable)
	}
	return nil
}

// ms rounds t the way BSON dates do: milliseconds, UTC.
func ms(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.Truncate(time.Millisecond).UTC()
}

func cloneSub(s bot.Submission) bot.Submission {
	s.Flags = slices.Clone(s.Flags)
	return s
}

// validStatus reports whether st is one of the bot.Submission* statuses.
func validStatus(st bot.SubmissionStatus) bool {
	switch st {
	case bot.SubmissionNew, bot.SubmissionArchived, bot.SubmissionHidden:
		return true
	}
	return false
}

// AddSubmission implements bot.SubmissionStore.
func (m *Mem) AddSubmission(ctx context.Context, s bot.Submission) (bot.Submission, bool, error) {
	if s.Ref == "" || s.EventID == "" || s.Platform == "" {
		return bot.Submission{}, false, fmt.Errorf("bottest: add submission: ref, platform and event id are required: %w", bot.ErrInvalid)
	}
	if s.Status == "" {
		s.Status = bot.SubmissionNew
	}
	if !validStatus(s.Status) {
		return bot.Submission{}, false, fmt.Errorf("bottest: add submission: status %q: %w", s.Status, bot.ErrInvalid)
	}
	if err := m.lock("add submission"); err != nil {
		return bot.Submission{}, false, err
	}
	defer m.mu.Unlock()
	if ref, ok := m.eventIdx[[2]string{s.Platform, s.EventID}]; ok {
		return cloneSub(m.subs[ref]), false, nil
	}
	if _, ok := m.subs[s.Ref]; ok {
		return bot.Submission{}, false, fmt.Errorf("bottest: add submission: ref %s: %w", s.Ref, bot.ErrConflict)
	}
	if s.Created.IsZero() {
		s.Created = m.now()
	}
	s.Created = ms(s.Created)
	s = cloneSub(s)
	m.subs[s.Ref] = s
	m.eventIdx[[2]string{s.Platform, s.EventID}] = s.Ref
	return cloneSub(s), true, nil
}

// Submission implements bot.SubmissionStore.
func (m *Mem) Submission(ctx context.Context, ref string) (bot.Submission, error) {
	if err := m.lock("submission"); err != nil {
		return bot.Submission{}, err
	}
	defer m.mu.Unlock()
	s, ok := m.subs[ref]
	if !ok {
		return bot.Submission{}, fmt.Errorf("bottest: submission %q: %w", ref, bot.ErrNotFound)
	}
	return cloneSub(s), nil
}

// sortedSubs returns the submissions matching keep, ordered by Created then Ref.
func (m *Mem) sortedSubs(keep func(bot.Submission) bool) []bot.Submission {
	var out []bot.Submission
	for _, s := range m.subs {
		if keep(s) {
			out = append(out, cloneSub(s))
		}
	}
	slices.SortFunc(out, func(a, b bot.Submission) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.Ref, b.Ref))
	})
	return out
}

// SubmissionsBy implements bot.SubmissionStore.
func (m *Mem) SubmissionsBy(ctx context.Context, authorHash string) ([]bot.Submission, error) {
	if err := m.lock("submissions by"); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	out := m.sortedSubs(func(s bot.Submission) bool { return s.AuthorHash == authorHash })
	slices.Reverse(out)
	return out, nil
}

// CountSubmissionsSince implements bot.SubmissionStore.
func (m *Mem) CountSubmissionsSince(ctx context.Context, authorHash string, since time.Time) (int, error) {
	if err := m.lock("count submissions"); err != nil {
		return 0, err
	}
	defer m.mu.Unlock()
	n := 0
	for _, s := range m.subs {
		if s.AuthorHash == authorHash && s.Created.After(since) {
			n++
		}
	}
	return n, nil
}

// DeleteSubmission implements bot.SubmissionStore.
func (m *Mem) DeleteSubmission(ctx context.Context, ref, authorHash string) error {
	if err := m.lock("delete submission"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	s, ok := m.subs[ref]
	if !ok || s.AuthorHash != authorHash {
		return fmt.Errorf("bottest: delete submission %q: %w", ref, bot.ErrNotFound)
	}
	if s.Status == bot.SubmissionArchived {
		return fmt.Errorf("bottest: delete submission %q: %w", ref, bot.ErrArchived)
	}
	delete(m.subs, ref)
	delete(m.eventIdx, [2]string{s.Platform, s.EventID})
	return nil
}

// Submissions implements bot.SubmissionStore.
func (m *Mem) Submissions(ctx context.Context, q bot.SubmissionQuery) ([]bot.Submission, error) {
	if err := m.lock("submissions"); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	out := m.sortedSubs(q.Match)
	if q.Newest {
		slices.Reverse(out)
	}
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

// SetSubmissionStatus implements bot.SubmissionStore. The case number is
// set when status is bot.SubmissionArchived and left as it was otherwise.
func (m *Mem) SetSubmissionStatus(ctx context.Context, ref string, status bot.SubmissionStatus, caseNumber string) error {
	if !validStatus(status) {
		return fmt.Errorf("bottest: set status %q: %w", status, bot.ErrInvalid)
	}
	if err := m.lock("set submission status"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	s, ok := m.subs[ref]
	if !ok {
		return fmt.Errorf("bottest: set status of %q: %w", ref, bot.ErrNotFound)
	}
	s.Status = status
	if status == bot.SubmissionArchived {
		s.CaseNumber = caseNumber
	}
	m.subs[ref] = s
	return nil
}

// Dialog implements bot.DialogStore; a dialog whose Expires is not after
// now is expired.
func (m *Mem) Dialog(ctx context.Context, key string, now time.Time) (bot.Dialog, error) {
	if err := m.lock("dialog"); err != nil {
		return bot.Dialog{}, err
	}
	defer m.mu.Unlock()
	d, ok := m.dialogs[key]
	if !ok || !d.Expires.After(now) {
		return bot.Dialog{}, fmt.Errorf("bottest: dialog %q: %w", key, bot.ErrNotFound)
	}
	d.Flags, d.Menu = slices.Clone(d.Flags), slices.Clone(d.Menu)
	return d, nil
}

// SaveDialog implements bot.DialogStore. Key and Expires are required
// (bot.ErrInvalid).
func (m *Mem) SaveDialog(ctx context.Context, d bot.Dialog) error {
	if d.Key == "" || d.Expires.IsZero() {
		return fmt.Errorf("bottest: save dialog: key and expiry are required: %w", bot.ErrInvalid)
	}
	if err := m.lock("save dialog"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	d.Flags, d.Menu = slices.Clone(d.Flags), slices.Clone(d.Menu)
	d.Updated, d.Expires = ms(d.Updated), ms(d.Expires)
	m.dialogs[d.Key] = d
	return nil
}

// DeleteDialog implements bot.DialogStore.
func (m *Mem) DeleteDialog(ctx context.Context, key string) error {
	if err := m.lock("delete dialog"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	delete(m.dialogs, key)
	return nil
}

// DeleteExpiredDialogs implements bot.DialogStore.
func (m *Mem) DeleteExpiredDialogs(ctx context.Context, now time.Time) (int, error) {
	if err := m.lock("delete expired dialogs"); err != nil {
		return 0, err
	}
	defer m.mu.Unlock()
	n := 0
	for k, d := range m.dialogs {
		if d.Expires.Before(now) {
			delete(m.dialogs, k)
			n++
		}
	}
	return n, nil
}

// Prefs implements bot.PrefsStore.
func (m *Mem) Prefs(ctx context.Context, authorHash string) (bot.Prefs, error) {
	if err := m.lock("prefs"); err != nil {
		return bot.Prefs{}, err
	}
	defer m.mu.Unlock()
	p, ok := m.prefs[authorHash]
	if !ok {
		return bot.Prefs{}, fmt.Errorf("bottest: prefs: %w", bot.ErrNotFound)
	}
	return p, nil
}

// SavePrefs implements bot.PrefsStore; AuthorHash is required (bot.ErrInvalid).
func (m *Mem) SavePrefs(ctx context.Context, p bot.Prefs) error {
	if p.AuthorHash == "" {
		return fmt.Errorf("bottest: save prefs: author hash is required: %w", bot.ErrInvalid)
	}
	if err := m.lock("save prefs"); err != nil {
		return err
	}
	defer m.mu.Unlock()
	p.NoticeSeen = ms(p.NoticeSeen)
	m.prefs[p.AuthorHash] = p
	return nil
}

// MarkEvent implements bot.EventStore. A record stays (first=false) until
// DeleteExpiredEvents removes it. Platform, id and expires are required
// (bot.ErrInvalid).
func (m *Mem) MarkEvent(ctx context.Context, platform, id string, expires time.Time) (bool, error) {
	if platform == "" || id == "" || expires.IsZero() {
		return false, fmt.Errorf("bottest: mark event: platform, id and expiry are required: %w", bot.ErrInvalid)
	}
	if err := m.lock("mark event"); err != nil {
		return false, err
	}
	defer m.mu.Unlock()
	k := [2]string{platform, id}
	if _, ok := m.events[k]; ok {
		return false, nil
	}
	m.events[k] = ms(expires)
	return true, nil
}

// DeleteExpiredEvents implements bot.EventStore.
func (m *Mem) DeleteExpiredEvents(ctx context.Context, now time.Time) (int, error) {
	if err := m.lock("delete expired events"); err != nil {
		return 0, err
	}
	defer m.mu.Unlock()
	n := 0
	for k, exp := range m.events {
		if exp.Before(now) {
			delete(m.events, k)
			n++
		}
	}
	return n, nil
}

// Ping implements bot.Store.
func (m *Mem) Ping(ctx context.Context) error {
	if err := m.lock("ping"); err != nil {
		return err
	}
	m.mu.Unlock()
	return nil
}
