package mongodb_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// benchEvent is a typical stored event: a Discord command with its route.
func benchEvent(i int64) bot.InboxEvent {
	return bot.InboxEvent{ID: fmt.Sprintf("discord:ix:%019d", i), Resident: "discord:123456789012345678", Owner: "0123456789abcdef",
		Received: time.Now(), Message: bot.Message{Platform: bot.PlatformDiscord, Workspace: "111111111111111111",
			Channel: "222222222222222222", User: "123456789012345678", Text: "ask Når starter klimaplanen?", Locale: "no",
			EventID: fmt.Sprint(i), Command: true},
		Route: map[string]string{"as": "answer", "token": "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldA", "app": "999999999999999999",
			"ix": fmt.Sprint(i), "locale": "no", "user": "123456789012345678"}}
}

// BenchmarkInboxAddEvent is what the durable write adds to an
// acknowledgement: one majority+journal insert of an event, one at a time.
func BenchmarkInboxAddEvent(b *testing.B) {
	s := mongodbtest.Open(b)
	ctx := context.Background()
	var i int64
	b.ReportAllocs()
	for b.Loop() {
		i++
		if err := s.AddEvent(ctx, benchEvent(i)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInboxAddEventParallel is the same with 64 requests at once (a
// burst); ns/op is the store's throughput, not one request's latency.
func BenchmarkInboxAddEventParallel(b *testing.B) {
	s := mongodbtest.Open(b)
	ctx := context.Background()
	var i atomic.Int64
	b.SetParallelism(32)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := s.AddEvent(ctx, benchEvent(i.Add(1))); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkInboxLifecycle is an event's whole life in the store: added
// (before the ack), answered (a receipt, saved before it is shown) and
// finished.
func BenchmarkInboxLifecycle(b *testing.B) {
	s := mongodbtest.Open(b)
	ctx := context.Background()
	replies := []bot.Reply{{Lang: bot.NB, Text: "Takk! Innspillet ditt er lagret med referanse INN-ABC123.", Ref: "INN-ABC123"}}
	var i int64
	for b.Loop() {
		i++
		e := benchEvent(i)
		if err := s.AddEvent(ctx, e); err != nil {
			b.Fatal(err)
		}
		if err := s.SaveAnswer(ctx, e.ID, replies); err != nil {
			b.Fatal(err)
		}
		if err := s.FinishEvent(ctx, e.ID, time.Now().Add(time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRawInsertMany50 inserts 50 small documents in one call: the
// cost of a batch, to judge whether grouping concurrent events would pay.
func BenchmarkRawInsertMany50(b *testing.B) {
	s := mongodbtest.Open(b)
	ctx := context.Background()
	c := s.Database().Collection("raw_many")
	n := 0
	for b.Loop() {
		docs := make([]any, 50)
		for j := range docs {
			n++
			docs[j] = bson.D{{Key: "_id", Value: fmt.Sprint(n)}, {Key: "v", Value: benchText}}
		}
		if _, err := c.InsertMany(ctx, docs); err != nil {
			b.Fatal(err)
		}
	}
}
