package bottest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// testSubmissionsPage pages an author's input newest first: pages join
// up to SubmissionsBy, more is exact, other authors never show.
func testSubmissionsPage(t *testing.T, s bot.Store) {
	c := ctx(t)
	for i := range 7 {
		mustAdd(t, s, sub(fmt.Sprintf("INN-P%05d", i), fmt.Sprintf("EvP%d", i), "h1", "klima", base.Add(time.Duration(i)*time.Minute)))
	}
	mustAdd(t, s, sub("INN-OTHER1", "EvO", "h2", "klima", base.Add(time.Hour)))
	all, err := s.SubmissionsBy(c, "h1")
	noErr(t, "submissions by", err)
	var joined []bot.Submission
	for skip := 0; ; skip += 3 {
		page, more, err := s.SubmissionsPage(c, "h1", skip, 3)
		noErr(t, "page", err)
		joined = append(joined, page...)
		if wantMore := skip+3 < len(all); more != wantMore {
			t.Errorf("page at %d: more = %v, want %v", skip, more, wantMore)
		}
		if !more {
			break
		}
	}
	wantRefs(t, "pages joined", joined, refs(all)...)
	if joined[0].Ref != "INN-P00006" {
		t.Errorf("first of page 1 = %s, want the newest", joined[0].Ref)
	}
	page, more, err := s.SubmissionsPage(c, "h1", 50, 3)
	noErr(t, "page past the end", err)
	if len(page) != 0 || more {
		t.Errorf("page past the end = %d, more %v; want none", len(page), more)
	}
	_, _, err = s.SubmissionsPage(c, "h1", 0, 0)
	wantErr(t, "limit 0", err, bot.ErrInvalid)
}

// testCountSubmissions counts per plan, status and flagged in a window,
// and lists the newest (flagged) first with a limit.
func testCountSubmissions(t *testing.T, s bot.Store) {
	c := ctx(t)
	add := func(i int, plan string, flagged bool, status bot.SubmissionStatus) {
		in := sub(fmt.Sprintf("INN-C%05d", i), fmt.Sprintf("EvC%d", i), fmt.Sprintf("h%d", i%3), plan, base.Add(time.Duration(i)*time.Hour))
		if !flagged {
			in.Flags = nil
		}
		mustAdd(t, s, in)
		if status != bot.SubmissionNew {
			noErr(t, "set status", s.SetSubmissionStatus(c, in.Ref, status, "20/1"))
		}
	}
	for i := range 12 {
		add(i, []string{"klima", "kultur", "klima"}[i%3], i%4 == 0, []bot.SubmissionStatus{bot.SubmissionNew, bot.SubmissionNew, bot.SubmissionHidden}[i%3])
	}
	// Window (base+1h, base+10h]: i = 2..10.
	q := bot.SubmissionQuery{After: base.Add(time.Hour), Until: base.Add(10 * time.Hour)}
	got, err := s.CountSubmissions(c, q)
	noErr(t, "count", err)
	want := countsByHand(q)
	if len(want) < 4 || !slices.Equal(got, want) {
		t.Errorf("counts = %+v\nwant %+v", got, want)
	}
	q.Flagged, q.Statuses = true, []bot.SubmissionStatus{bot.SubmissionNew}
	got, err = s.CountSubmissions(c, q)
	noErr(t, "count flagged new", err)
	if !slices.Equal(got, countsByHand(q)) {
		t.Errorf("flagged new counts = %+v, want %+v", got, countsByHand(q))
	}
	newest, err := s.Submissions(c, bot.SubmissionQuery{Newest: true, Flagged: true, Limit: 2})
	noErr(t, "newest flagged", err)
	wantRefs(t, "newest flagged", newest, "INN-C00008", "INN-C00004")
	newest, err = s.Submissions(c, bot.SubmissionQuery{Newest: true, Plan: "kultur", Until: base.Add(9 * time.Hour), Limit: 2})
	noErr(t, "newest of a plan", err)
	wantRefs(t, "newest of a plan", newest, "INN-C00007", "INN-C00004")
}

// countsByHand is what testCountSubmissions stored, counted for q.
func countsByHand(q bot.SubmissionQuery) []bot.SubmissionCount {
	var out []bot.SubmissionCount
	for i := range 12 {
		s := bot.Submission{Plan: []string{"klima", "kultur", "klima"}[i%3], Created: base.Add(time.Duration(i) * time.Hour),
			Status: []bot.SubmissionStatus{bot.SubmissionNew, bot.SubmissionNew, bot.SubmissionHidden}[i%3]}
		if i%4 == 0 {
			s.Flags = []string{bot.FlagProfanity}
		}
		if q.Match(s) {
			out = bot.Tally(out, s)
		}
	}
	slices.SortFunc(out, bot.CompareCounts)
	return out
}
