package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

// TestPrivacyAnswersNameRetentionAndContact: "how long do you keep it" and
// "who can see it" get short direct answers, in bokmål and English, and
// the answers and the whole notice name the configured period and contact.
func TestPrivacyAnswersNameRetentionAndContact(t *testing.T) {
	env := map[string]string{"RETENTION_DAYS": "730", "PRIVACY_CONTACT": "personvernombud@example.no"}
	for _, tc := range []struct {
		q, want, notWant string
	}{
		{"how long do you keep my input?", "730 days after the plan is adopted", "We store your text"},
		{"hvor lenge lagrer dere innspillet mitt?", "730 dager etter at planen er vedtatt", "Vi lagrer teksten"},
		{"who can see my input?", "do not see your name", "We store your text"},
		{"hvem kan se innspillet mitt?", "ser ikke navnet ditt", "Vi lagrer teksten"},
		{"what do you store about me?", "730 days", ""},
		{"personvern", "730 dager", ""},
	} {
		out, _, err := runWith(t, env, "", "ask", tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, tc.want) || !strings.Contains(out, "personvernombud@example.no") ||
			tc.notWant != "" && strings.Contains(out, tc.notWant) {
			t.Errorf("%q:\n%s\nwant %q and the contact, not %q", tc.q, out, tc.want, tc.notWant)
		}
	}
	out, _, _ := runWith(t, map[string]string{}, "", "ask", "how long do you keep my input?")
	if !strings.Contains(out, "not deleted automatically") {
		t.Errorf("without a retention period:\n%s", out)
	}
}

// TestOperatorMessageHasNoStrayKind: the words errors carry for errors.Is
// do not end the line the operator reads.
func TestOperatorMessageHasNoStrayKind(t *testing.T) {
	for _, err := range []error{
		fmt.Errorf("schedule: config: Store is required: %w", bot.ErrInvalid),
		fmt.Errorf("open database: %w", fmt.Errorf("mongodb: ping: server selection timeout: %w", bot.ErrUnavailable)),
	} {
		got := operatorMessage(err)
		if strings.HasSuffix(got, ": invalid") || strings.HasSuffix(got, ": unavailable") || !strings.Contains(got, ": ") {
			t.Errorf("operator message %q (from %q)", got, err)
		}
	}
	_, _, err := runWith(t, map[string]string{"DATA_DIR": t.TempDir()}, "", "import", "--dry-run", "../../README.md")
	if err == nil || strings.Contains(err.Error(), ": invalid") || !strings.Contains(err.Error(), "unknown column") {
		t.Errorf("importing the README: %v", err)
	}
}

// TestRetentionConfig: config check shows the retention rule and lists
// every bad retention setting.
func TestRetentionConfig(t *testing.T) {
	out, _, err := runWith(t, map[string]string{"RETENTION_DAYS": "365", "RETENTION_FROM": "input", "RETENTION_ACTION": "anonymise"}, "", "config", "check")
	if err != nil || !strings.Contains(out, "retention: input anonymised 365 days after it was given") {
		t.Errorf("config check: %v\n%s", err, out)
	}
	_, _, err = runWith(t, map[string]string{"RETENTION_DAYS": "two years", "RETENTION_FROM": "birth", "RETENTION_ACTION": "shred"}, "", "config", "check")
	for _, want := range []string{"RETENTION_DAYS", "RETENTION_FROM", "RETENTION_ACTION"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("config check of bad retention settings: %v; want %s named", err, want)
		}
	}
}
