package bottest

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

func testAddSubmission(t *testing.T, s bot.Store) {
	c := ctx(t)
	in := sub("INN-AAAAAA", "Ev1", "h1", "klima", base.Add(123456789*time.Nanosecond))
	in.Themes, in.ThemesVersion = []string{"transport", "energi"}, "v1" // stored with the input
	got := mustAdd(t, s, in)
	sameSub(t, "stored", got, in)
	read, err := s.Submission(c, in.Ref)
	noErr(t, "read back", err)
	sameSub(t, "read back", read, in)

	oslo, err := time.LoadLocation("Europe/Oslo")
	noErr(t, "load Europe/Oslo", err)
	in2 := sub("INN-BBBBBB", "Ev2", "h1", "kultur", time.Date(2024, 3, 31, 2, 30, 0, 0, oslo))
	in2.Status, in2.Flags = "", nil
	got = mustAdd(t, s, in2)
	if got.Status != bot.SubmissionNew {
		t.Errorf("default status = %q, want %q", got.Status, bot.SubmissionNew)
	}
	read, err = s.Submission(c, in2.Ref)
	noErr(t, "read back", err)
	if !read.Created.Equal(in2.Created) || len(read.Flags) != 0 || read.Status != bot.SubmissionNew {
		t.Errorf("read back %+v, want created %v, no flags, status new", read, in2.Created)
	}

	in3 := sub("INN-CCCCCC", "Ev3", "h1", "klima", time.Time{})
	got = mustAdd(t, s, in3)
	if got.Created.IsZero() {
		t.Errorf("zero Created was not filled in")
	}
	read, err = s.Submission(c, in3.Ref)
	noErr(t, "read back", err)
	if !read.Created.Equal(got.Created) {
		t.Errorf("stored Created = %v, returned %v", read.Created, got.Created)
	}
}

func testAddDuplicateEvent(t *testing.T, s bot.Store) {
	c := ctx(t)
	first := mustAdd(t, s, sub("INN-AAAAAA", "Ev1", "h1", "klima", base))
	retry := sub("INN-BBBBBB", "Ev1", "h1", "klima", base.Add(time.Second))
	got, created, err := s.AddSubmission(c, retry)
	noErr(t, "retry with same event id", err)
	if created {
		t.Errorf("retry: created = true, want false")
	}
	sameSub(t, "retry returns the first", got, first)
	_, err = s.Submission(c, retry.Ref)
	wantErr(t, "second ref after retry", err, bot.ErrNotFound)

	other := sub("INN-CCCCCC", "Ev1", "h1", "klima", base)
	other.Platform = bot.PlatformDiscord
	mustAdd(t, s, other) // same event id on another platform is another event
}

func testAddRefConflict(t *testing.T, s bot.Store) {
	mustAdd(t, s, sub("INN-AAAAAA", "Ev1", "h1", "klima", base))
	_, created, err := s.AddSubmission(ctx(t), sub("INN-AAAAAA", "Ev2", "h2", "kultur", base))
	wantErr(t, "same ref, other event", err, bot.ErrConflict)
	if created {
		t.Errorf("conflict: created = true")
	}
	got, err := s.Submission(ctx(t), "INN-AAAAAA")
	noErr(t, "read after conflict", err)
	if got.AuthorHash != "h1" || got.EventID != "Ev1" {
		t.Errorf("conflict overwrote the first submission: %+v", got)
	}
	mustAdd(t, s, sub("INN-BBBBBB", "Ev2", "h2", "kultur", base)) // retry with a new ref works
}

func testAddInvalid(t *testing.T, s bot.Store) {
	for _, tc := range []struct {
		name string
		edit func(*bot.Submission)
	}{
		{"no ref", func(x *bot.Submission) { x.Ref = "" }},
		{"no event id", func(x *bot.Submission) { x.EventID = "" }},
		{"no platform", func(x *bot.Submission) { x.Platform = "" }},
		{"bad status", func(x *bot.Submission) { x.Status = "deleted" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := sub("INN-AAAAAA", "Ev1", "h1", "klima", base)
			tc.edit(&in)
			_, created, err := s.AddSubmission(ctx(t), in)
			wantErr(t, "add", err, bot.ErrInvalid)
			if created {
				t.Errorf("created = true")
			}
		})
	}
}

func testAddConcurrent(t *testing.T, s bot.Store) {
	c := ctx(t)
	var mu sync.Mutex
	created := 0
	var errs []error
	seen := map[string]bool{}
	concurrently(20, func(i int) {
		in := sub(fmt.Sprintf("INN-R%05d", i), "Ev-retry", "h1", "klima", base)
		got, ok, err := s.AddSubmission(c, in)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs = append(errs, err)
			return
		}
		seen[got.Ref] = true
		if ok {
			created++
		}
	})
	if len(errs) > 0 {
		t.Fatalf("concurrent retries: %v", errors.Join(errs...))
	}
	if created != 1 || len(seen) != 1 {
		t.Errorf("20 deliveries of one event: %d created, refs returned %v; want 1 created and 1 ref", created, seen)
	}
	all, err := s.Submissions(c, bot.SubmissionQuery{})
	noErr(t, "list", err)
	if len(all) != 1 {
		t.Errorf("%d submissions stored, want 1", len(all))
	}
}

func testSubmissionNotFound(t *testing.T, s bot.Store) {
	mustAdd(t, s, sub("INN-AAAAAA", "Ev1", "h1", "klima", base))
	for _, ref := range []string{"", "INN-ZZZZZZ", "inn-aaaaaa", `{"$gt": ""}`, `{"$ne": null}`, ".*", "INN-AAAAAA "} {
		_, err := s.Submission(ctx(t), ref)
		wantErr(t, fmt.Sprintf("submission %q", ref), err, bot.ErrNotFound)
		wantErr(t, fmt.Sprintf("delete %q", ref), s.DeleteSubmission(ctx(t), ref, "h1"), bot.ErrNotFound)
	}
}

func testSubmissionsBy(t *testing.T, s bot.Store) {
	c := ctx(t)
	mustAdd(t, s, sub("INN-AAAAAA", "Ev1", "h1", "klima", base))
	mustAdd(t, s, sub("INN-BBBBBB", "Ev2", "h2", "klima", base.Add(time.Minute)))
	mustAdd(t, s, sub("INN-CCCCCC", "Ev3", "h1", "kultur", base.Add(2*time.Minute)))
	archived := mustAdd(t, s, sub("INN-DDDDDD", "Ev4", "h1", "kultur", base.Add(time.Hour)))
	noErr(t, "archive", s.SetSubmissionStatus(c, archived.Ref, bot.SubmissionArchived, "20/11429"))
	got, err := s.SubmissionsBy(c, "h1")
	noErr(t, "submissions by h1", err)
	wantRefs(t, "h1", got, "INN-DDDDDD", "INN-CCCCCC", "INN-AAAAAA")
	got, err = s.SubmissionsBy(c, "nobody")
	noErr(t, "submissions by nobody", err)
	wantRefs(t, "nobody", got)
}

func testCountSince(t *testing.T, s bot.Store) {
	c := ctx(t)
	for i := range 4 {
		mustAdd(t, s, sub(fmt.Sprintf("INN-C%05d", i), fmt.Sprintf("Ev%d", i), "h1", "klima", base.Add(time.Duration(i)*time.Minute)))
	}
	mustAdd(t, s, sub("INN-OTHER1", "EvX", "h2", "klima", base.Add(3*time.Minute)))
	for _, tc := range []struct {
		since time.Time
		want  int
	}{
		{base.Add(-time.Hour), 4},
		{base, 3}, // strictly after
		{base.Add(90 * time.Second), 2},
		{base.Add(time.Hour), 0},
	} {
		n, err := s.CountSubmissionsSince(c, "h1", tc.since)
		noErr(t, "count", err)
		if n != tc.want {
			t.Errorf("count since %v = %d, want %d", tc.since, n, tc.want)
		}
	}
}

func testDeleteSubmission(t *testing.T, s bot.Store) {
	c := ctx(t)
	mustAdd(t, s, sub("INN-AAAAAA", "Ev1", "h1", "klima", base))
	mustAdd(t, s, sub("INN-BBBBBB", "Ev2", "h1", "klima", base))
	mustAdd(t, s, sub("INN-CCCCCC", "Ev3", "h1", "klima", base))
	noErr(t, "archive", s.SetSubmissionStatus(c, "INN-BBBBBB", bot.SubmissionArchived, "20/11429"))
	noErr(t, "hide", s.SetSubmissionStatus(c, "INN-CCCCCC", bot.SubmissionHidden, ""))

	wantErr(t, "someone else's", s.DeleteSubmission(c, "INN-AAAAAA", "h2"), bot.ErrNotFound)
	wantErr(t, "unknown", s.DeleteSubmission(c, "INN-ZZZZZZ", "h1"), bot.ErrNotFound)
	wantErr(t, "archived", s.DeleteSubmission(c, "INN-BBBBBB", "h1"), bot.ErrArchived)
	wantErr(t, "archived by someone else", s.DeleteSubmission(c, "INN-BBBBBB", "h2"), bot.ErrNotFound)
	noErr(t, "hidden own", s.DeleteSubmission(c, "INN-CCCCCC", "h1"))
	noErr(t, "own", s.DeleteSubmission(c, "INN-AAAAAA", "h1"))
	_, err := s.Submission(c, "INN-AAAAAA")
	wantErr(t, "after delete", err, bot.ErrNotFound)
	wantErr(t, "delete twice", s.DeleteSubmission(c, "INN-AAAAAA", "h1"), bot.ErrNotFound)
	if _, err := s.Submission(c, "INN-BBBBBB"); err != nil {
		t.Errorf("archived submission gone: %v", err)
	}
}

func testSubmissionsQuery(t *testing.T, s bot.Store) {
	c := ctx(t)
	// Created out of insertion order; B and A share a time, so Ref breaks the tie.
	mustAdd(t, s, sub("INN-D", "Ev1", "h1", "klima", base.Add(3*time.Minute)))
	mustAdd(t, s, sub("INN-B", "Ev2", "h2", "klima", base.Add(time.Minute)))
	mustAdd(t, s, sub("INN-A", "Ev3", "h1", "klima", base.Add(time.Minute)))
	mustAdd(t, s, sub("INN-C", "Ev4", "h3", "kultur", base.Add(2*time.Minute)))
	mustAdd(t, s, sub("INN-E", "Ev5", "h3", "klima", base.Add(4*time.Minute)))
	noErr(t, "hide", s.SetSubmissionStatus(c, "INN-E", bot.SubmissionHidden, ""))
	noErr(t, "archive", s.SetSubmissionStatus(c, "INN-D", bot.SubmissionArchived, "20/1"))

	for _, tc := range []struct {
		name string
		q    bot.SubmissionQuery
		want []string
	}{
		{"all", bot.SubmissionQuery{}, []string{"INN-A", "INN-B", "INN-C", "INN-D", "INN-E"}},
		{"plan", bot.SubmissionQuery{Plan: "klima"}, []string{"INN-A", "INN-B", "INN-D", "INN-E"}},
		{"unknown plan", bot.SubmissionQuery{Plan: "nope"}, nil},
		{"status new", bot.SubmissionQuery{Statuses: []bot.SubmissionStatus{bot.SubmissionNew}}, []string{"INN-A", "INN-B", "INN-C"}},
		{"statuses", bot.SubmissionQuery{Statuses: []bot.SubmissionStatus{bot.SubmissionNew, bot.SubmissionArchived}}, []string{"INN-A", "INN-B", "INN-C", "INN-D"}},
		{"after is exclusive", bot.SubmissionQuery{After: base.Add(time.Minute)}, []string{"INN-C", "INN-D", "INN-E"}},
		{"until is inclusive", bot.SubmissionQuery{Until: base.Add(2 * time.Minute)}, []string{"INN-A", "INN-B", "INN-C"}},
		{"window", bot.SubmissionQuery{After: base.Add(time.Minute), Until: base.Add(3 * time.Minute)}, []string{"INN-C", "INN-D"}},
		{"limit", bot.SubmissionQuery{Limit: 2}, []string{"INN-A", "INN-B"}},
		{"everything", bot.SubmissionQuery{Plan: "klima", Statuses: []bot.SubmissionStatus{bot.SubmissionNew, bot.SubmissionHidden},
			After: base, Until: base.Add(time.Hour), Limit: 10}, []string{"INN-A", "INN-B", "INN-E"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Submissions(ctx(t), tc.q)
			noErr(t, "query", err)
			wantRefs(t, tc.name, got, tc.want...)
		})
	}
}

func testSetStatus(t *testing.T, s bot.Store) {
	c := ctx(t)
	mustAdd(t, s, sub("INN-AAAAAA", "Ev1", "h1", "klima", base))
	wantErr(t, "unknown ref", s.SetSubmissionStatus(c, "INN-ZZZZZZ", bot.SubmissionHidden, ""), bot.ErrNotFound)
	wantErr(t, "bad status", s.SetSubmissionStatus(c, "INN-AAAAAA", "gone", ""), bot.ErrInvalid)

	steps := []struct {
		status   bot.SubmissionStatus
		caseNo   string
		wantCase string
	}{
		{bot.SubmissionHidden, "", ""},
		{bot.SubmissionNew, "", ""},
		{bot.SubmissionArchived, "20/11429", "20/11429"},
		{bot.SubmissionHidden, "", "20/11429"}, // the case number stays
	}
	for _, st := range steps {
		noErr(t, "set "+string(st.status), s.SetSubmissionStatus(c, "INN-AAAAAA", st.status, st.caseNo))
		got, err := s.Submission(c, "INN-AAAAAA")
		noErr(t, "read", err)
		if got.Status != st.status || got.CaseNumber != st.wantCase {
			t.Errorf("after set %s: status %q case %q, want %q %q", st.status, got.Status, got.CaseNumber, st.status, st.wantCase)
		}
	}
}
