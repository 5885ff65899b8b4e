package apptest

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

var refRE = regexp.MustCompile(`INN-[0-9A-Z]{6}`)

// resident sends messages as one user in one channel.
type resident struct {
	t    *testing.T
	app  *App
	user string
	n    int
	loc  string
}

func (r *resident) say(text string) []bot.Reply {
	r.t.Helper()
	r.n++
	return r.app.Engine.Handle(context.Background(), bot.Message{Platform: bot.PlatformSlack, Workspace: "T1",
		Channel: "D1", User: r.user, Text: text, Locale: r.loc, Direct: true, EventID: fmt.Sprintf("%s-%d-%d", r.user, r.n, time.Now().UnixNano())})
}

func joined(rs []bot.Reply) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.Text)
	}
	return strings.Join(parts, "\n---\n")
}

func mustContain(t *testing.T, rs []bot.Reply, want ...string) {
	t.Helper()
	s := joined(rs)
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Fatalf("reply lacks %q:\n%s", w, s)
		}
	}
}

func count(t *testing.T, s bot.Store) int {
	t.Helper()
	subs, err := s.Submissions(context.Background(), bot.SubmissionQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return len(subs)
}

func TestDialogFreeTextToReceipt(t *testing.T) {
	app := New(t, Options{})
	kari := &resident{t: t, app: app, user: "U1"}

	mustContain(t, kari.say("Jeg har et innspill til klimaplanen"), "personvern", "offentlig", "klimaplanen")
	mustContain(t, kari.say("Flere ladestasjoner ved Asker stasjon"), "Dette sendes til klimaplanen", "ladestasjoner", "«ja»")
	if n := count(t, app.Store); n != 0 {
		t.Fatalf("stored before confirmation: %d", n)
	}
	rs := kari.say("ja")
	ref := refRE.FindString(joined(rs))
	if ref == "" {
		t.Fatalf("no receipt reference in %q", joined(rs))
	}
	s, err := app.Store.Submission(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	if s.Plan != "klima" || s.Text != "Flere ladestasjoner ved Asker stasjon" || s.Lang != bot.NB {
		t.Errorf("stored %+v", s)
	}
	if s.AuthorHash == "" || strings.Contains(s.AuthorHash, "U1") {
		t.Errorf("author hash %q must be a keyed hash, not the user id", s.AuthorHash)
	}
	// The privacy notice is shown once per resident.
	if strings.Contains(joined(kari.say("/temaplan innspill kultur Flere konserter i parken")), "personvern") {
		t.Error("privacy notice shown twice")
	}
}

func TestDialogEnglishCommandAndMine(t *testing.T) {
	app := New(t, Options{})
	bob := &resident{t: t, app: app, user: "U2", loc: "en-US"}
	mustContain(t, bob.say("/temaplan input kultur More concerts in the library please"), "This will be sent to the culture plan")
	rs := bob.say("yes")
	ref := refRE.FindString(joined(rs))
	mustContain(t, rs, "Thank you", ref)
	mustContain(t, bob.say("/temaplan my"), ref, "the culture plan")
	mustContain(t, bob.say("/temaplan delete "+ref), "has been deleted")
	if n := count(t, app.Store); n != 0 {
		t.Errorf("%d submissions left after delete", n)
	}
}

func TestRestartMidDialog(t *testing.T) {
	app := New(t, Options{})
	kari := &resident{t: t, app: app, user: "U3"}
	kari.say("/temaplan innspill barnehage Flere barnehageplasser på Heggedal")
	kari.app = app.Restart(t) // a new process (or a second copy) on the same database
	rs := kari.say("ja")
	if refRE.FindString(joined(rs)) == "" {
		t.Fatalf("restarted engine lost the dialog: %s", joined(rs))
	}
}

func TestDuplicateEventStoredOnce(t *testing.T) {
	app := New(t, Options{})
	msg := func(text, id string) []bot.Reply {
		return app.Engine.Handle(context.Background(), bot.Message{Platform: bot.PlatformDiscord, Channel: "C", User: "U4",
			Text: text, EventID: id})
	}
	msg("/temaplan innspill vann Rensk opp i Askerelva", "e1")
	first := msg("ja", "e2")
	again := msg("ja", "e2") // a platform retry of the same event
	if refRE.FindString(joined(first)) == "" || len(again) != 0 {
		t.Fatalf("first %q, retry %q", joined(first), joined(again))
	}
	// A second running copy sees the same event id: also dropped.
	if rs := app.Restart(t).Engine.Handle(context.Background(), bot.Message{Platform: bot.PlatformDiscord,
		Channel: "C", User: "U4", Text: "ja", EventID: "e2"}); len(rs) != 0 {
		t.Errorf("second copy answered a processed event: %q", joined(rs))
	}
	if n := count(t, app.Store); n != 1 {
		t.Errorf("stored %d, want 1", n)
	}
}

func TestBadInputNothingStored(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"empty", "   ", "tomt"},
		{"short", "abc", "for kort"},
		{"long", strings.Repeat("a", 4001), "for langt"},
		{"national id", "Mitt nummer er 01010150074", "fødselsnummer"},
		{"phone", "Ring 912 34 567", "telefonnummer"},
		{"email", "Mail kari@example.no", "e-postadresse"},
		{"binary", "\x00\x01\x02\x03\x04garbage", "ikke kan leses"},
	}
	app := New(t, Options{})
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &resident{t: t, app: app, user: fmt.Sprintf("bad%d", i)}
			r.say("/temaplan innspill klima")
			mustContain(t, r.say(tt.text), tt.want)
			// The dialog survives: a good text goes on to confirmation.
			mustContain(t, r.say("Flere sykkelparkeringer ved stasjonen"), "Dette sendes til klimaplanen")
		})
	}
	if n := count(t, app.Store); n != 0 {
		t.Errorf("stored %d submissions from bad input", n)
	}
}

func TestUnknownPlanSuggestsNearest(t *testing.T) {
	app := New(t, Options{})
	r := &resident{t: t, app: app, user: "U5"}
	// A typo is understood...
	mustContain(t, r.say("/temaplan innspill kulturr Flere konserter i parken"), "Dette sendes til kulturplanen")
	r.say("avbryt")
	// ...a plan that does not exist is named, the text is kept, and a plan can be picked.
	rs := r.say("/temaplan innspill trafikk Flere gangfelt ved skolen")
	mustContain(t, rs, "«trafikk»")
	if len(rs[len(rs)-1].Choices) == 0 {
		t.Errorf("no plan choices offered: %+v", rs)
	}
	mustContain(t, r.say("klima"), "Dette sendes til klimaplanen", "Flere gangfelt ved skolen")
}

func TestQuestionMidDialogKeepsDialog(t *testing.T) {
	app := New(t, Options{})
	r := &resident{t: t, app: app, user: "U6"}
	r.say("Jeg vil gi innspill til kulturplanen")
	rs := r.say("Når starter klimaplanen?")
	if len(rs) < 2 || rs[0].Intent != bot.IntentPlanStart || rs[0].Plan != "klima" {
		t.Fatalf("question not answered mid-dialog: %+v", rs)
	}
	mustContain(t, r.say("Mer støtte til frivillige kor"), "Dette sendes til kulturplanen")
	mustContain(t, r.say("avbryt"), "avbrutt")
	mustContain(t, r.say("ja"), "") // after cancel, "ja" is just chat
	if n := count(t, app.Store); n != 0 {
		t.Errorf("stored %d after cancel", n)
	}
}

func TestRateLimitAndProfanityFlag(t *testing.T) {
	app := New(t, Options{SubmitLimit: 2})
	r := &resident{t: t, app: app, user: "U7"}
	for i := range 2 {
		r.say(fmt.Sprintf("/temaplan innspill eldre Flere benker langs turvei nummer %d, faen", i))
		if refRE.FindString(joined(r.say("ja"))) == "" {
			t.Fatalf("submission %d not stored", i)
		}
	}
	r.say("/temaplan innspill eldre Enda en benk ved Semsvannet")
	mustContain(t, r.say("ja"), "grensen")
	subs, _ := app.Store.Submissions(context.Background(), bot.SubmissionQuery{})
	if len(subs) != 2 || len(subs[0].Flags) == 0 || subs[0].Flags[0] != bot.FlagProfanity {
		t.Errorf("want 2 flagged submissions, got %+v", subs)
	}
}

func TestDeleteRules(t *testing.T) {
	app := New(t, Options{})
	owner := &resident{t: t, app: app, user: "owner"}
	other := &resident{t: t, app: app, user: "other"}
	owner.say("/temaplan innspill grunnskole Mer fysisk aktivitet i skoletiden")
	ref := refRE.FindString(joined(owner.say("ja")))
	mustContain(t, other.say("/temaplan slett "+ref), "fant ikke")
	mustContain(t, other.say(`/temaplan slett {"$gt": ""}`), "Skriv referansen")
	if err := app.Store.SetSubmissionStatus(context.Background(), ref, bot.SubmissionArchived, "20/11429"); err != nil {
		t.Fatal(err)
	}
	mustContain(t, owner.say("/temaplan slett "+ref), "arkivert")
	if n := count(t, app.Store); n != 1 {
		t.Errorf("submission count %d, want 1", n)
	}
}

func TestLanguageChoiceWins(t *testing.T) {
	app := New(t, Options{})
	r := &resident{t: t, app: app, user: "U8", loc: "nb-NO"}
	mustContain(t, r.say("/temaplan språk en"), "English")
	rs := r.say("hva er formålet med kulturplanen?")
	if rs[0].Lang != bot.EN {
		t.Errorf("reply language %s, want en after explicit choice", rs[0].Lang)
	}
}

func TestStaffCommands(t *testing.T) {
	app := New(t, Options{})
	ctx := context.Background()
	staff := func(text string) []bot.Reply {
		return app.Engine.Handle(ctx, bot.Message{Platform: bot.PlatformSlack, Workspace: "T1", Channel: "C9",
			User: "S1", Text: text, Command: true, Staff: true})
	}
	resident := func(text string) []bot.Reply {
		return app.Engine.Handle(ctx, bot.Message{Platform: bot.PlatformSlack, Workspace: "T1", Channel: "C9",
			User: "R1", Text: text, Command: true})
	}
	mustContain(t, resident("varsler på"), "bare for kommunens ansatte")
	mustContain(t, resident("oppstart klima 2026-12-01"), "bare for kommunens ansatte")
	mustContain(t, staff("varsler på"), "får nå varsel")
	subs, err := app.Store.Subscriptions(ctx, bot.SubReminders)
	if err != nil || len(subs) != 1 || subs[0].Target.Channel != "C9" {
		t.Fatalf("subscriptions %+v, %v", subs, err)
	}
	mustContain(t, staff("oppstart klima 2026-12-01"), "1. desember 2026")
	rs := app.Engine.Handle(ctx, bot.Message{Platform: bot.PlatformSlack, User: "R2", Text: "når starter klimaplanen?"})
	mustContain(t, rs, "1. desember 2026")
	log, err := app.Store.AuditLog(ctx, "klima")
	if err != nil || len(log) != 1 || log[0].New != "2026-12-01" || log[0].By != "slack:S1" {
		t.Errorf("audit %+v, %v", log, err)
	}
}

// TestEveryStaffCommandRefusedForResidents: each staff command, in both
// languages, is refused for a resident and changes nothing.
func TestEveryStaffCommandRefusedForResidents(t *testing.T) {
	app := New(t, Options{})
	ctx := context.Background()
	owner := &resident{t: t, app: app, user: "owner"}
	owner.say("/temaplan innspill vann Renere badeplasser i Asker")
	ref := refRE.FindString(joined(owner.say("ja")))
	cmds := []string{
		"varsler på", "varsler av", "reminders on en", "reminders off", "digest her", "digest here", "digest av",
		"digest off", "digest nå", "digest now", "oppstart klima 2026-12-01", "start klima 2026-12-01",
		"skjul " + ref, "hide " + ref, "vis " + ref, "unhide " + ref, "arkiver " + ref + " 20/11429",
		"archive " + ref + " 20/11429",
	}
	for _, c := range cmds {
		t.Run(c, func(t *testing.T) {
			rs := app.Engine.Handle(ctx, bot.Message{Platform: bot.PlatformDiscord, Workspace: "G", Channel: "C",
				User: "resident", Text: c, Command: true})
			if len(rs) != 1 || !strings.Contains(rs[0].Text, "ansatte") && !strings.Contains(rs[0].Text, "staff") {
				t.Errorf("%q -> %q", c, joined(rs))
			}
		})
	}
	for _, kind := range []string{bot.SubReminders, bot.SubDigest} {
		if subs, _ := app.Store.Subscriptions(ctx, kind); len(subs) != 0 {
			t.Errorf("%s subscriptions created by a resident: %+v", kind, subs)
		}
	}
	if starts, _ := app.Store.PlanStarts(ctx); len(starts) != 0 {
		t.Errorf("start dates moved by a resident: %v", starts)
	}
	if s, err := app.Store.Submission(ctx, ref); err != nil || s.Status != bot.SubmissionNew {
		t.Errorf("submission changed by a resident: %+v, %v", s, err)
	}
}

// TestStaffHideArchiveFlow: hide, unhide and archive with an audit trail.
func TestStaffHideArchiveFlow(t *testing.T) {
	app := New(t, Options{})
	ctx := context.Background()
	owner := &resident{t: t, app: app, user: "owner2"}
	owner.say("/temaplan innspill eldre Flere eldresentre med kafé")
	ref := refRE.FindString(joined(owner.say("ja")))
	staff := func(text string) string {
		return joined(app.Engine.Handle(ctx, bot.Message{Platform: bot.PlatformSlack, Channel: "C", User: "S1",
			Text: text, Command: true, Staff: true}))
	}
	status := func() bot.SubmissionStatus {
		s, err := app.Store.Submission(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		return s.Status
	}
	if out := staff("skjul " + ref); !strings.Contains(out, "skjult") || status() != bot.SubmissionHidden {
		t.Fatalf("hide: %q, status %s", out, status())
	}
	if out := staff("vis " + ref); !strings.Contains(out, "vises igjen") || status() != bot.SubmissionNew {
		t.Fatalf("unhide: %q, status %s", out, status())
	}
	if out := staff("arkiver " + ref + " saksnr"); !strings.Contains(out, "arkiver") || status() != bot.SubmissionNew {
		t.Fatalf("archive with a bad case number: %q, status %s", out, status())
	}
	if out := staff("arkiver " + ref + " 20/11429"); !strings.Contains(out, "20/11429") || status() != bot.SubmissionArchived {
		t.Fatalf("archive: %q, status %s", out, status())
	}
	if out := staff("skjul INN-ZZZZZZ"); !strings.Contains(out, "Fant ikke") {
		t.Errorf("hide unknown: %q", out)
	}
	log, err := app.Store.AuditLog(ctx, ref)
	if err != nil || len(log) != 3 {
		t.Fatalf("audit log %+v, %v; want 3 entries", log, err)
	}
	for _, e := range log {
		if e.By != "slack:S1" || e.At.IsZero() {
			t.Errorf("audit entry %+v", e)
		}
	}
}

// TestFloodingResidentSlowedDown: past the per-minute limit a resident is
// asked once, politely, to slow down; input stored before is kept, and
// other residents are not affected.
func TestFloodingResidentSlowedDown(t *testing.T) {
	app := New(t, Options{FloodPerMinute: 5})
	r := &resident{t: t, app: app, user: "flooder"}
	r.say("/temaplan innspill klima Flere hurtigladere ved Holmen")
	ref := refRE.FindString(joined(r.say("ja")))
	for range 3 {
		if rs := r.say("hei"); len(rs) == 0 {
			t.Fatal("refused within the limit")
		}
	}
	rs := r.say("hei")
	if len(rs) != 1 || !strings.Contains(rs[0].Text, "veldig raskt") || !rs[0].Private {
		t.Fatalf("6th message: %+v", rs)
	}
	if rs := r.say("hei"); len(rs) != 0 {
		t.Errorf("7th message answered: %q", joined(rs))
	}
	if _, err := app.Store.Submission(context.Background(), ref); ref == "" || err != nil {
		t.Errorf("input accepted before the flood is gone: %q, %v", ref, err)
	}
	other := &resident{t: t, app: app, user: "calm", loc: "en-US"}
	mustContain(t, other.say("hello"), "Hi!")
}
