package bot_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
)

// flakyStore fails chosen calls once with ErrUnavailable.
type flakyStore struct {
	*bottest.Mem
	failMarkEvent atomic.Bool // next MarkEvent fails
	loseAck       atomic.Bool // next AddSubmission writes, then reports failure
}

func (f *flakyStore) MarkEvent(ctx context.Context, platform, id string, exp time.Time) (bool, error) {
	if f.failMarkEvent.CompareAndSwap(true, false) {
		return false, fmt.Errorf("flaky: %w", bot.ErrUnavailable)
	}
	return f.Mem.MarkEvent(ctx, platform, id, exp)
}

func (f *flakyStore) AddSubmission(ctx context.Context, s bot.Submission) (bot.Submission, bool, error) {
	stored, created, err := f.Mem.AddSubmission(ctx, s)
	if err == nil && f.loseAck.CompareAndSwap(true, false) {
		return bot.Submission{}, false, fmt.Errorf("flaky: ack lost: %w", bot.ErrUnavailable)
	}
	return stored, created, err
}

func say(e *bot.Engine, id int, text string) string {
	var parts []string
	for _, r := range e.Handle(context.Background(), bot.Message{Platform: bot.PlatformSlack, Channel: "D1",
		User: "U1", Text: text, EventID: fmt.Sprintf("ev-%d", id)}) {
		parts = append(parts, r.Text)
	}
	return strings.Join(parts, "\n")
}

// A store hiccup before the preferences are read must not erase the
// resident's saved language (the privacy notice used to save empty prefs).
func TestStoreHiccupKeepsLanguageChoice(t *testing.T) {
	fs := &flakyStore{Mem: bottest.NewMem(fixedNow)}
	e := newEngineWith(t, fs)
	say(e, 1, "/temaplan språk en")
	fs.failMarkEvent.Store(true)
	say(e, 2, "/temaplan innspill klima Flere ladestasjoner ved stasjonen")
	out := say(e, 3, "/temaplan innspill kultur Flere konserter i parken")
	if !strings.Contains(out, "This will be sent") {
		t.Fatalf("language choice lost after a store hiccup: %q", out)
	}
}

// A write that lands but whose acknowledgement is lost: the resident is told
// "not saved", says yes again, and must get the one stored copy back.
func TestLostAckRetryStoresOnce(t *testing.T) {
	fs := &flakyStore{Mem: bottest.NewMem(fixedNow)}
	e := newEngineWith(t, fs)
	say(e, 1, "/temaplan innspill vann Renere badevann i Semsvannet")
	fs.loseAck.Store(true)
	if out := say(e, 2, "ja"); !strings.Contains(out, "IKKE lagret") {
		t.Fatalf("lost ack: want 'not saved', got %q", out)
	}
	out := say(e, 3, "ja")
	ref := regexp.MustCompile(`INN-[0-9A-Z]{6}`).FindString(out)
	subs, err := fs.Submissions(context.Background(), bot.SubmissionQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if ref == "" || len(subs) != 1 || subs[0].Ref != ref {
		t.Fatalf("retry answered %q; stored %d (%+v)", out, len(subs), subs)
	}
}

// replayStore lets every event through MarkEvent, as the durable inbox does
// (it de-duplicates before the engine sees an event).
type replayStore struct{ *bottest.Mem }

func (replayStore) MarkEvent(context.Context, string, string, time.Time) (bool, error) {
	return true, nil
}

// A copy that dies after storing the input but before delivering the answer
// hands the same "ja" event to another copy: it must get the same receipt,
// not "nothing is waiting", and nothing is stored twice.
func TestReplayedConfirmationGetsTheSameReceipt(t *testing.T) {
	rs := replayStore{Mem: bottest.NewMem(fixedNow)}
	e := newEngineWith(t, rs)
	say(e, 1, "/temaplan innspill vann Renere badevann i Semsvannet")
	first := say(e, 2, "ja")
	again := say(e, 2, "ja") // the same event, processed again
	refRe := regexp.MustCompile(`INN-[0-9A-Z]{6}`)
	ref := refRe.FindString(first)
	if ref == "" || refRe.FindString(again) != ref {
		t.Fatalf("first answer %q, replay answered %q", first, again)
	}
	subs, err := rs.Submissions(context.Background(), bot.SubmissionQuery{})
	if err != nil || len(subs) != 1 {
		t.Fatalf("stored %d (%v), want 1", len(subs), err)
	}
	// A new "ja" right after (a resident who never saw the receipt) is told
	// the input is already stored, with its reference; nothing is stored again.
	if out := say(e, 3, "ja"); !strings.Contains(out, ref) || !strings.Contains(out, "allerede lagret") {
		t.Fatalf("a second yes right after the receipt: %q", out)
	}
	// Once the resident has said something else, "ja" means nothing pending.
	say(e, 4, "når starter kulturplanen?")
	if out := say(e, 5, "ja"); strings.Contains(out, ref) {
		t.Fatalf("a yes after another question repeated the receipt: %q", out)
	}
	subs, err = rs.Submissions(context.Background(), bot.SubmissionQuery{})
	if err != nil || len(subs) != 1 {
		t.Fatalf("stored %d (%v), want 1", len(subs), err)
	}
}

// A form whose write landed although the resident was told "not saved"
// (the acknowledgement lost), sent again as a new interaction, is the same
// input: one stored copy, and the second answer names it.
func TestFormSentAgainAfterLostAckStoresOnce(t *testing.T) {
	fs := &flakyStore{Mem: bottest.NewMem(fixedNow)}
	e := newEngineWith(t, fs)
	form := func(id string) []bot.Reply {
		return e.Handle(context.Background(), bot.Message{Platform: bot.PlatformDiscord, Channel: "C1", User: "U1",
			EventID: id, Action: &bot.Action{ID: bot.ActSubmitForm,
				Fields: map[string]string{bot.FieldPlan: "vann", bot.FieldText: "Renere badevann i Semsvannet"}}})
	}
	fs.loseAck.Store(true)
	if rs := form("ix-1"); len(rs) == 0 || rs[0].Ref != "" {
		t.Fatalf("lost ack: want an answer without a receipt, got %+v", rs)
	}
	rs := form("ix-2")
	subs, err := fs.Submissions(context.Background(), bot.SubmissionQuery{})
	if err != nil || len(subs) != 1 || len(rs) == 0 || rs[0].Ref != subs[0].Ref {
		t.Fatalf("second form answered %+v; stored %d (%v)", rs, len(subs), err)
	}
}
