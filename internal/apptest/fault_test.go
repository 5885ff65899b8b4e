package apptest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// TestDatabaseOutageMidDialog: the database goes away after the resident
// has seen the confirmation; "ja" must not be claimed saved, and once the
// database is back the same dialog completes and stores exactly one copy.
func TestDatabaseOutageMidDialog(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("fault test stops the embedded server; it cannot stop a real MongoDB (TEST_MONGODB_URI set)")
	}
	srv := mongodbtest.StartEmbedded(t, "")
	store := mongodbtest.OpenConfig(t, mongodb.Config{URI: srv.URI(), Database: "fault"})
	app := New(t, Options{Store: store})
	r := &resident{t: t, app: app, user: "U-fault"}

	mustContain(t, r.say("/temaplan innspill klima Bedre kollektivtilbud til Vettre"), "Dette sendes til klimaplanen")
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	rs := r.say("ja")
	text := joined(rs)
	if refRE.MatchString(text) || !strings.Contains(text, "IKKE lagret") {
		t.Fatalf("during the outage the bot said: %q", text)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for store.Ping(context.Background()) != nil {
		if time.Now().After(deadline) {
			t.Fatal("store did not recover")
		}
		time.Sleep(100 * time.Millisecond)
	}
	rs = r.say("ja")
	ref := refRE.FindString(joined(rs))
	if ref == "" {
		t.Fatalf("after recovery the retry was not saved: %q", joined(rs))
	}
	subs, err := store.Submissions(context.Background(), bot.SubmissionQuery{})
	if err != nil || len(subs) != 1 || subs[0].Ref != ref {
		t.Fatalf("stored %+v, %v; want exactly %s", subs, err, ref)
	}
}
