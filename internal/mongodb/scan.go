package mongodb

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Reading every submission on the embedded server (export):
//
// Through the driver, FerretDB decodes each stored row into its document
// type, encodes it as BSON and sends it over the socket, and the driver
// decodes it again: about 10,000 rows/s here, and sorting would hold every
// document in memory. The rows are JSON in SQLite ("sjson": the document's
// fields as JSON values plus a "$s" schema naming each field's BSON type),
// so the store reads them straight from the SQLite file (see sqlread.go),
// in created order along an index, and decodes them with encoding/json:
// several times faster. Every row's
// schema is checked against what submissionDoc stores, so a change of the
// storage format is an error, never a wrong export; TestScanMatchesDriver
// compares both paths.

// sjsonSubmission is a stored submission as FerretDB v1's SQLite backend
// writes it.
type sjsonSubmission struct {
	Schema struct {
		P map[string]struct {
			T string `json:"t"`
		} `json:"p"`
	} `json:"$s"`
	Ref        string   `json:"_id"`
	Plan       string   `json:"plan"`
	Text       string   `json:"text"`
	Lang       string   `json:"lang"`
	Platform   string   `json:"platform"`
	Workspace  string   `json:"workspace"`
	Channel    string   `json:"channel"`
	AuthorHash string   `json:"author_hash"`
	Created    int64    `json:"created"` // milliseconds since the epoch (type "date")
	Status     string   `json:"status"`
	Flags      []string `json:"flags"`
	EventID    string   `json:"event_id"`
	CaseNumber string   `json:"case_number"`

	Themes        []string `json:"themes"` // issue 23
	ThemesVersion string   `json:"themes_version"`
}

// sjsonTypes are the BSON types submissionDoc's fields are stored as.
var sjsonTypes = map[string][]string{
	"_id": {"string"}, "plan": {"string"}, "text": {"string"}, "lang": {"string"}, "platform": {"string"},
	"workspace": {"string"}, "channel": {"string"}, "author_hash": {"string"}, "created": {"date"},
	"status": {"string"}, "flags": {"array", "null"}, "event_id": {"string"}, "case_number": {"string"},
	"themes": {"array", "null"}, "themes_version": {"string"},
}

// decodeSJSON decodes one stored row, checking its schema.
func decodeSJSON(row []byte) (bot.Submission, error) {
	var d sjsonSubmission
	if err := json.Unmarshal(row, &d); err != nil {
		return bot.Submission{}, fmt.Errorf("unexpected storage format: %w", err)
	}
	for field, types := range sjsonTypes {
		if t, ok := d.Schema.P[field]; ok && !slices.Contains(types, t.T) {
			return bot.Submission{}, fmt.Errorf("unexpected storage format: field %s has type %q", field, t.T)
		}
	}
	if _, ok := d.Schema.P["created"]; !ok || d.Ref == "" {
		return bot.Submission{}, errors.New("unexpected storage format: no _id or created")
	}
	return bot.Submission{Ref: d.Ref, Plan: d.Plan, Text: d.Text, Lang: bot.Lang(d.Lang), Platform: d.Platform,
		Workspace: d.Workspace, Channel: d.Channel, AuthorHash: d.AuthorHash, Created: time.UnixMilli(d.Created).UTC(),
		Status: bot.SubmissionStatus(d.Status), Flags: d.Flags, EventID: d.EventID, CaseNumber: d.CaseNumber,
		Themes: d.Themes, ThemesVersion: d.ThemesVersion}, nil
}
