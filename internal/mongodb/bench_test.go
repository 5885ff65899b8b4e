package mongodb_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

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

// BenchmarkSubmitVsRawPaired alternates one Submit and one raw insert of
// the same document (same server, same database file) per iteration and
// reports the median of each and their ratio, on a store already holding
// realistic input (mongodbtest.Realistic: residents coming back at spread-out
// times, a long tail, evening peaks) and going on with more of it. On a
// busy machine this pairing keeps load spikes from landing on one side
// only, so the ratio stays meaningful. "embedded" is the default store;
// "mongodb-mode" the store's MongoDB code path (against the embedded server
// unless TEST_MONGODB_URI names a real MongoDB).
func BenchmarkSubmitVsRawPaired(b *testing.B) {
	b.Run("embedded", func(b *testing.B) { benchPaired(b, mongodbtest.Open(b), false) })
	b.Run("mongodb-mode", func(b *testing.B) { benchPaired(b, mongodbtest.OpenMongoDBMode(b), false) })
	b.Run("mongodb-mode-indexed-raw", func(b *testing.B) { benchPaired(b, mongodbtest.OpenMongoDBMode(b), true) })
}

// benchPreload is how many realistic inputs a paired benchmark's store
// holds before it measures.
const benchPreload = 20000

// benchPaired measures s against raw inserts into a collection with only
// the _id index, or, when indexedRaw, with the same indexes as the store's
// submissions (so the ratio shows the store's own cost, not the server's
// index maintenance).
func benchPaired(b *testing.B, s *mongodb.Store, indexedRaw bool) {
	ctx := context.Background()
	subs := mongodbtest.Realistic(benchPreload+20000, 1, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC))
	preload(b, s, subs[:benchPreload])
	rest := subs[benchPreload:]
	raw := s.Database().Collection("raw")
	if indexedRaw {
		copyIndexes(b, s, "raw")
	}
	var sub, ins []time.Duration
	i := 0
	for b.Loop() {
		in := rest[i%len(rest)]
		in.Ref, in.EventID = fmt.Sprintf("%s-%d", in.Ref, i), fmt.Sprintf("%s-%d", in.EventID, i)
		t0 := time.Now()
		if _, created, err := s.AddSubmission(ctx, in); err != nil || !created {
			b.Fatalf("add: created=%v err=%v", created, err)
		}
		t1 := time.Now()
		if _, err := raw.InsertOne(ctx, rawDoc(in)); err != nil {
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

// preload stores subs in batches of 1,000 (the import path).
func preload(b testing.TB, s *mongodb.Store, subs []bot.Submission) {
	for len(subs) > 0 {
		n := min(1000, len(subs))
		if _, err := s.InsertSubmissions(context.Background(), subs[:n]); err != nil {
			b.Fatalf("preload: %v", err)
		}
		subs = subs[n:]
	}
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

// copyIndexes gives collection coll the indexes of the store's submissions.
func copyIndexes(b testing.TB, s *mongodb.Store, coll string) {
	ctx := context.Background()
	cur, err := s.Database().Collection("submissions").Indexes().List(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var ixs []struct {
		Name   string `bson:"name"`
		Key    bson.D `bson:"key"`
		Unique bool   `bson:"unique"`
	}
	if err := cur.All(ctx, &ixs); err != nil {
		b.Fatal(err)
	}
	for _, ix := range ixs {
		if ix.Name == "_id_" {
			continue
		}
		m := mongo.IndexModel{Keys: ix.Key, Options: options.Index().SetName(ix.Name).SetUnique(ix.Unique)}
		if _, err := s.Database().Collection(coll).Indexes().CreateOne(ctx, m); err != nil {
			b.Fatalf("index %s: %v", ix.Name, err)
		}
	}
}
