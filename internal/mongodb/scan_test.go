package mongodb_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// TestScanMatchesDriver stores submissions with every kind of field value
// and checks that EachSubmission (which reads the embedded server's SQLite
// file directly) returns exactly what the driver reads, in created order,
// with the query's filters.
func TestScanMatchesDriver(t *testing.T) {
	s := mongodbtest.Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	base := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range 40 {
		sub := benchSub(i)
		sub.Created = base.Add(time.Duration((i*7919)%40) * time.Hour).Add(time.Duration(i) * time.Millisecond)
		sub.Plan = []string{"klima", "kultur"}[i%2]
		sub.Text = fmt.Sprintf("Tekst %d med \"anførsel\", æøå, \\ og\nlinjeskift \u2028 og emoji 🚲", i)
		if i%3 == 0 {
			sub.Flags = []string{bot.FlagProfanity, "other"}
		}
		if i == 5 {
			sub.Created = time.Date(1999, 12, 31, 23, 0, 0, 0, time.UTC) // fewer digits in milliseconds
		}
		if _, _, err := s.AddSubmission(ctx, sub); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetSubmissionStatus(ctx, benchSub(7).Ref, bot.SubmissionArchived, "20/11429"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []bot.SubmissionQuery{
		{},
		{Plan: "kultur"},
		{Statuses: []bot.SubmissionStatus{bot.SubmissionArchived}},
		{After: base.Add(10 * time.Hour), Until: base.Add(20 * time.Hour)},
	} {
		want, err := s.Submissions(ctx, q) // through the driver
		if err != nil {
			t.Fatal(err)
		}
		var got []bot.Submission
		if err := s.EachSubmission(ctx, q, func(sub bot.Submission) error { got = append(got, sub); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%+v: %d submissions, want %d", q, len(got), len(want))
		}
		for i := range want {
			if !got[i].Created.Equal(want[i].Created) {
				t.Errorf("%+v #%d: created %v, want %v", q, i, got[i].Created, want[i].Created)
			}
			got[i].Created, want[i].Created = time.Time{}, time.Time{}
			if len(want[i].Flags) == 0 {
				want[i].Flags, got[i].Flags = nil, nil
			}
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("%+v #%d:\n got %+v\nwant %+v", q, i, got[i], want[i])
			}
		}
	}
}
