package bottest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// base is the fixed instant the contract suite builds its times from: far
// in the future, so a real MongoDB's TTL monitor never removes the
// suite's dialogs and events while a test looks at them.
var base = time.Date(2096, 3, 1, 9, 0, 0, 0, time.UTC)

// TestStore runs the bot.Store contract against stores made by open. open is
// called once per subtest and must return an empty store that lives until the
// subtest ends (use t.Cleanup). Every bot.Store implementation must pass it.
func TestStore(t *testing.T, open func(t *testing.T) bot.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s bot.Store)
	}{
		{"AddSubmission", testAddSubmission},
		{"AddSubmissionDuplicateEvent", testAddDuplicateEvent},
		{"AddSubmissionRefConflict", testAddRefConflict},
		{"AddSubmissionInvalid", testAddInvalid},
		{"AddSubmissionConcurrentRetries", testAddConcurrent},
		{"SubmissionNotFound", testSubmissionNotFound},
		{"SubmissionsBy", testSubmissionsBy},
		{"CountSubmissionsSince", testCountSince},
		{"DeleteSubmission", testDeleteSubmission},
		{"Submissions", testSubmissionsQuery},
		{"SameAuthorConcurrent", testSameAuthorConcurrent},
		{"DeleteForgets", testDeleteForgets},
		{"WindowAcrossDays", testWindowAcrossDays},
		{"SubmissionsPage", testSubmissionsPage},
		{"CountSubmissions", testCountSubmissions},
		{"SetSubmissionStatus", testSetStatus},
		{"Dialogs", testDialogs},
		{"DeleteExpiredDialogs", testDeleteExpiredDialogs},
		{"Prefs", testPrefs},
		{"MarkEvent", testMarkEvent},
		{"MarkEventConcurrent", testMarkEventConcurrent},
		{"Subscriptions", testSubscriptions},
		{"Announcements", testAnnouncements},
		{"ClaimAnnouncementConcurrent", testClaimConcurrent},
		{"DigestWatermark", testDigest},
		{"DigestWatermarkConcurrent", testDigestConcurrent},
		{"PlanStarts", testPlanStarts},
		{"AuditLog", testAudit},
		{"WebLinks", testWebLinks},
		{"Ping", testPing},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

// ctx returns a context for one subtest, bounded so a hung store fails fast.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("%s: err = %v, want %v", what, err, want)
	}
}

func noErr(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// sub builds a submission with the fields the suite varies.
func sub(ref, event, author, plan string, created time.Time) bot.Submission {
	return bot.Submission{
		Ref: ref, Plan: plan, Text: "Flere ladestasjoner ved Asker stasjon, takk! æøå ÆØÅ",
		Lang: bot.NB, Platform: bot.PlatformSlack, Workspace: "T1", Channel: "C1",
		AuthorHash: author, Created: created, Status: bot.SubmissionNew,
		Flags: []string{bot.FlagProfanity}, EventID: event,
	}
}

func mustAdd(t *testing.T, s bot.Store, in bot.Submission) bot.Submission {
	t.Helper()
	got, created, err := s.AddSubmission(ctx(t), in)
	noErr(t, "add "+in.Ref, err)
	if !created {
		t.Fatalf("add %s: created = false, want true", in.Ref)
	}
	return got
}

// sameSub fails unless got and want hold the same data (times compared
// with Equal at millisecond precision).
func sameSub(t *testing.T, what string, got, want bot.Submission) {
	t.Helper()
	if !got.Created.Equal(want.Created.Truncate(time.Millisecond)) {
		t.Errorf("%s: Created = %v, want %v", what, got.Created, want.Created)
	}
	if !slices.Equal(got.Flags, want.Flags) {
		t.Errorf("%s: Flags = %q, want %q", what, got.Flags, want.Flags)
	}
	got.Created, want.Created, got.Flags, want.Flags = time.Time{}, time.Time{}, nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func refs(subs []bot.Submission) []string {
	out := make([]string, len(subs))
	for i, s := range subs {
		out[i] = s.Ref
	}
	return out
}

func wantRefs(t *testing.T, what string, got []bot.Submission, want ...string) {
	t.Helper()
	if g := refs(got); !slices.Equal(g, want) {
		t.Errorf("%s: refs = %q, want %q", what, g, want)
	}
}

// concurrently runs fn(i) for i in [0,n) at once and waits for all.
func concurrently(n int, fn func(i int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			fn(i)
		}()
	}
	close(start)
	wg.Wait()
}

func testPing(t *testing.T, s bot.Store) {
	noErr(t, "ping", s.Ping(ctx(t)))
}

func testPrefs(t *testing.T, s bot.Store) {
	c := ctx(t)
	_, err := s.Prefs(c, "h1")
	wantErr(t, "prefs before save", err, bot.ErrNotFound)
	wantErr(t, "save prefs without hash", s.SavePrefs(c, bot.Prefs{Lang: bot.EN}), bot.ErrInvalid)

	p := bot.Prefs{AuthorHash: "h1", Lang: bot.EN, NoticeSeen: base}
	noErr(t, "save prefs", s.SavePrefs(c, p))
	got, err := s.Prefs(c, "h1")
	noErr(t, "prefs", err)
	if got.AuthorHash != "h1" || got.Lang != bot.EN || !got.NoticeSeen.Equal(base) {
		t.Errorf("prefs = %+v, want %+v", got, p)
	}
	noErr(t, "replace prefs", s.SavePrefs(c, bot.Prefs{AuthorHash: "h1", Lang: bot.NB}))
	got, err = s.Prefs(c, "h1")
	noErr(t, "prefs after replace", err)
	if got.Lang != bot.NB || !got.NoticeSeen.IsZero() {
		t.Errorf("prefs after replace = %+v, want nb and no notice", got)
	}
	_, err = s.Prefs(c, "h2")
	wantErr(t, "other resident's prefs", err, bot.ErrNotFound)
}

func testMarkEvent(t *testing.T, s bot.Store) {
	c := ctx(t)
	exp := base.Add(time.Hour)
	mark := func(platform, id string, exp time.Time, want bool) {
		t.Helper()
		first, err := s.MarkEvent(c, platform, id, exp)
		noErr(t, "mark "+platform+"/"+id, err)
		if first != want {
			t.Errorf("mark %s/%s: first = %v, want %v", platform, id, first, want)
		}
	}
	mark(bot.PlatformSlack, "Ev1", exp, true)
	mark(bot.PlatformSlack, "Ev1", exp, false)
	mark(bot.PlatformDiscord, "Ev1", exp, true)
	mark(bot.PlatformSlack, "Ev2", base.Add(3*time.Hour), true)
	_, err := s.MarkEvent(c, bot.PlatformSlack, "", exp)
	wantErr(t, "mark without id", err, bot.ErrInvalid)

	n, err := s.DeleteExpiredEvents(c, base.Add(2*time.Hour))
	noErr(t, "delete expired events", err)
	if n != 2 {
		t.Errorf("deleted %d expired events, want 2", n)
	}
	mark(bot.PlatformSlack, "Ev1", exp, true) // forgotten after expiry
	mark(bot.PlatformSlack, "Ev2", exp, false)
}

func testMarkEventConcurrent(t *testing.T, s bot.Store) {
	c := ctx(t)
	var mu sync.Mutex
	firsts, errs := 0, []error{}
	concurrently(20, func(int) {
		first, err := s.MarkEvent(c, bot.PlatformDiscord, "1234567890", base.Add(time.Hour))
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs = append(errs, err)
		}
		if first {
			firsts++
		}
	})
	if len(errs) > 0 {
		t.Fatalf("concurrent mark: %v", errors.Join(errs...))
	}
	if firsts != 1 {
		t.Errorf("%d of 20 concurrent callers got first=true, want exactly 1", firsts)
	}
}

func testDialogs(t *testing.T, s bot.Store) {
	c := ctx(t)
	_, err := s.Dialog(c, "slack:T1:U1", base)
	wantErr(t, "dialog before save", err, bot.ErrNotFound)
	wantErr(t, "save dialog without expiry", s.SaveDialog(c, bot.Dialog{Key: "k"}), bot.ErrInvalid)
	wantErr(t, "save dialog without key", s.SaveDialog(c, bot.Dialog{Expires: base}), bot.ErrInvalid)

	d := bot.Dialog{Key: "slack:T1:U1", Step: bot.StepText, Plan: "klima", Text: "utkast «æøå»",
		Lang: bot.NB, Flags: []string{bot.FlagProfanity}, SubmitKey: "dlg-1", Receipt: "INN-ABC234", ReceiptEvent: "Ev1", Updated: base, Expires: base.Add(30 * time.Minute)}
	noErr(t, "save dialog", s.SaveDialog(c, d))
	got, err := s.Dialog(c, d.Key, base.Add(29*time.Minute))
	noErr(t, "dialog", err)
	if got.Key != d.Key || got.Step != d.Step || got.Plan != d.Plan || got.Text != d.Text || got.Lang != d.Lang || got.SubmitKey != d.SubmitKey ||
		got.Receipt != d.Receipt || got.ReceiptEvent != d.ReceiptEvent ||
		!slices.Equal(got.Flags, d.Flags) || !got.Updated.Equal(d.Updated) || !got.Expires.Equal(d.Expires) {
		t.Errorf("dialog = %+v, want %+v", got, d)
	}
	_, err = s.Dialog(c, d.Key, base.Add(30*time.Minute))
	wantErr(t, "dialog at expiry", err, bot.ErrNotFound)

	d.Step, d.Expires = bot.StepConfirm, base.Add(time.Hour)
	noErr(t, "replace dialog", s.SaveDialog(c, d))
	got, err = s.Dialog(c, d.Key, base.Add(45*time.Minute))
	noErr(t, "dialog after replace", err)
	if got.Step != bot.StepConfirm {
		t.Errorf("step after replace = %q, want %q", got.Step, bot.StepConfirm)
	}
	noErr(t, "delete dialog", s.DeleteDialog(c, d.Key))
	_, err = s.Dialog(c, d.Key, base)
	wantErr(t, "dialog after delete", err, bot.ErrNotFound)
	noErr(t, "delete missing dialog", s.DeleteDialog(c, d.Key))
}

func testDeleteExpiredDialogs(t *testing.T, s bot.Store) {
	c := ctx(t)
	for i, exp := range []time.Duration{time.Minute, 2 * time.Minute, time.Hour} {
		d := bot.Dialog{Key: fmt.Sprintf("discord:G1:U%d", i), Step: bot.StepPlan, Expires: base.Add(exp)}
		noErr(t, "save dialog", s.SaveDialog(c, d))
	}
	n, err := s.DeleteExpiredDialogs(c, base.Add(10*time.Minute))
	noErr(t, "delete expired dialogs", err)
	if n != 2 {
		t.Errorf("deleted %d expired dialogs, want 2", n)
	}
	if _, err := s.Dialog(c, "discord:G1:U2", base); err != nil {
		t.Errorf("live dialog after cleanup: %v", err)
	}
	n, err = s.DeleteExpiredDialogs(c, base.Add(10*time.Minute))
	noErr(t, "delete expired dialogs again", err)
	if n != 0 {
		t.Errorf("second cleanup deleted %d, want 0", n)
	}
}
