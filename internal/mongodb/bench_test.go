package mongodb_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// benchText is a typical input: a few sentences with Norwegian letters.
var benchText = strings.Repeat("Flere ladestasjoner og sykkelparkering ved Asker stasjon, gjerne med tak. Æ Ø Å. ", 4)

func benchSub(i int) bot.Submission {
	return bot.Submission{
		Ref: fmt.Sprintf("INN-%06d", i), Plan: "klima", Text: benchText, Lang: bot.NB,
		Platform: bot.PlatformSlack, Workspace: "T0123ABCD", Channel: "C0123ABCD",
		AuthorHash: "3f5c1e9a7b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e",
		Created:    time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second),
		Status:     bot.SubmissionNew, EventID: fmt.Sprintf("Ev%010d", i),
	}
}

// rawDoc is the document the store writes for s, field for field, as a
// bson.D the way a hand-written driver call would build it.
func rawDoc(s bot.Submission) bson.D {
	return bson.D{
		{Key: "_id", Value: s.Ref}, {Key: "plan", Value: s.Plan}, {Key: "text", Value: s.Text},
		{Key: "lang", Value: string(s.Lang)}, {Key: "platform", Value: s.Platform},
		{Key: "workspace", Value: s.Workspace}, {Key: "channel", Value: s.Channel},
		{Key: "author_hash", Value: s.AuthorHash}, {Key: "created", Value: s.Created},
		{Key: "status", Value: string(s.Status)}, {Key: "flags", Value: bson.A{}},
		{Key: "event_id", Value: s.EventID}, {Key: "case_number", Value: ""},
	}
}

// BenchmarkSubmit measures the store's whole AddSubmission: validation,
// encoding, one majority+journal insert, the acknowledgement.
func BenchmarkSubmit(b *testing.B) {
	s := mongodbtest.Open(b)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, created, err := s.AddSubmission(ctx, benchSub(i)); err != nil || !created {
			b.Fatalf("add: created=%v err=%v", created, err)
		}
		i++
	}
}

// BenchmarkRawInsert is the baseline: a bare driver InsertOne of a
// document of the same size, with the same write concern (the store's
// database handle), on the same kind of server, into a collection with
// only the _id index.
func BenchmarkRawInsert(b *testing.B) {
	benchRaw(b, nil)
}

// BenchmarkRawInsertIndexed is the baseline with the submissions
// collection's secondary indexes: it shows how much of Submit's cost is
// index maintenance in the database rather than the store's code.
func BenchmarkRawInsertIndexed(b *testing.B) {
	benchRaw(b, func(s *mongodb.Store) string { return "submissions" })
}

// BenchmarkSubmitVsRawPaired alternates one Submit and one raw insert (same
// server, same database file) per iteration and reports the median of
// each and their ratio. On a busy machine this pairing keeps load spikes
// from landing on one side only, so the ratio stays meaningful.
func BenchmarkSubmitVsRawPaired(b *testing.B) {
	s := mongodbtest.Open(b)
	ctx := context.Background()
	raw := s.Database().Collection("raw")
	var sub, ins []time.Duration
	i := 0
	for b.Loop() {
		t0 := time.Now()
		if _, created, err := s.AddSubmission(ctx, benchSub(i)); err != nil || !created {
			b.Fatalf("add: created=%v err=%v", created, err)
		}
		t1 := time.Now()
		if _, err := raw.InsertOne(ctx, rawDoc(benchSub(i))); err != nil {
			b.Fatalf("insert: %v", err)
		}
		sub, ins = append(sub, t1.Sub(t0)), append(ins, time.Since(t1))
		i++
	}
	ms, mr := median(sub), median(ins)
	b.ReportMetric(float64(ms.Nanoseconds()), "submit-ns/op")
	b.ReportMetric(float64(mr.Nanoseconds()), "raw-ns/op")
	b.ReportMetric(float64(ms)/float64(mr), "ratio")
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func benchRaw(b *testing.B, coll func(*mongodb.Store) string) {
	s := mongodbtest.Open(b)
	ctx := context.Background()
	name := "raw"
	if coll != nil {
		name = coll(s)
	}
	c := s.Database().Collection(name)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := c.InsertOne(ctx, rawDoc(benchSub(i))); err != nil {
			b.Fatalf("insert: %v", err)
		}
		i++
	}
}
