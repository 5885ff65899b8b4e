package main

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/export"
)

// TestCheckMemoAnswersAsCheckInput: the second pass gets what
// bot.CheckInput says about each text (cleaned text, flags, length),
// and a row whose text changed between the passes, or that the first
// pass did not see pass, is checked again.
func TestCheckMemoAnswersAsCheckInput(t *testing.T) {
	texts := map[int]string{
		2:  "Flere ladestasjoner ved Asker stasjon, takk.",
		3:  "Brev om sykkelveier:\r\nlag flere,\u200b og «bredere».", // cleaned: CRLF, zero-width space
		5:  "Det er faen meg på tide med sykkelvei",                  // flagged
		6:  "Ring meg på 912 34 567 om kulturhuset.",                 // refused
		8:  "Ungdommen trenger et sted å være, ikke bare idrett.",
		9:  "kort", // refused
		12: "Et innspill på papir fra biblioteket.",
	}
	lines := []int{2, 3, 5, 6, 8, 9, 12}
	memo := newCheckMemo()
	for _, line := range lines {
		if got, want := memo.check(line, texts[line]), bot.CheckInput(texts[line]); !reflect.DeepEqual(got, want) {
			t.Errorf("first pass, line %d: %+v, want %+v", line, got, want)
		}
	}
	memo.rewind()
	second := map[int]string{
		3:  texts[3],
		5:  texts[5],
		6:  texts[6],
		7:  "En rad den første lesingen ikke så, med 912 34 567.", // not seen: checked
		8:  "Ungdommen trenger et sted å være, ring 912 34 567.",  // changed since: checked
		12: texts[12],
		13: "Enda et innspill, nytt i filen.",
	}
	for _, line := range []int{3, 5, 6, 7, 8, 12, 13} {
		got, want := memo.check(line, second[line]), bot.CheckInput(second[line])
		if !reflect.DeepEqual(got, want) {
			t.Errorf("second pass, line %d: %+v, want %+v", line, got, want)
		}
	}
	if n := len(memo.rows); n != 5 {
		t.Errorf("memo kept %d texts, want the 5 that passed", n)
	}
}

// TestCheckMemoRowsAreTheSame: a row turned into a submission with the
// first pass's checks is the submission a fresh check makes.
func TestCheckMemoRowsAreTheSame(t *testing.T) {
	e := testEnv(t, map[string]string{"DATA_DIR": t.TempDir()})
	cat, now := e.cfg.catalog, time.Now()
	rd, err := export.NewReader(strings.NewReader(importCSV+
		"klima;2025-03-10 08:00;Det er faen meg på tide med sykkelvei\u200b.\r\n"), "csv") // flagged, cleaned
	if err != nil {
		t.Fatal(err)
	}
	var rows []export.Row
	for {
		r, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
	}
	memo := newCheckMemo()
	for _, r := range rows {
		e.importRow(cat, r, "letter", now, memo)
	}
	memo.rewind()
	for _, r := range rows {
		got, gotProblem := e.importRow(cat, r, "letter", now, memo)
		want, wantProblem := e.importRow(cat, r, "letter", now, nil)
		if !reflect.DeepEqual(got, want) || gotProblem != wantProblem {
			t.Errorf("line %d: %+v %q, want %+v %q", r.Line, got, gotProblem, want, wantProblem)
		}
	}
}
