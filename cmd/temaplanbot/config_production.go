package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/askerkommune/temaplanbot/bot"
)

// checkRetention reads RETENTION_DAYS, RETENTION_FROM, RETENTION_ACTION and
// PRIVACY_CONTACT.
func (c *config) checkRetention(v map[string]string) []string {
	var p []string
	days, err := strconv.Atoi(strings.TrimSpace(v["RETENTION_DAYS"]))
	if err != nil || days < 0 || days > 36500 {
		p = append(p, fmt.Sprintf("RETENTION_DAYS: must be a number of days 0-36500 (0 = no automatic removal), got %q", v["RETENTION_DAYS"]))
	}
	from := strings.ToLower(strings.TrimSpace(v["RETENTION_FROM"]))
	if from != bot.RetentionFromAdoption && from != bot.RetentionFromInput {
		p = append(p, fmt.Sprintf("RETENTION_FROM: must be adoption or input, got %q", v["RETENTION_FROM"]))
	}
	action := strings.ToLower(strings.TrimSpace(v["RETENTION_ACTION"]))
	switch action {
	case "delete", "anonymise", "anonymize":
	default:
		p = append(p, fmt.Sprintf("RETENTION_ACTION: must be delete or anonymise, got %q", v["RETENTION_ACTION"]))
	}
	contact := strings.TrimSpace(v["PRIVACY_CONTACT"])
	if strings.ContainsAny(contact, "\r\n") || len(contact) > 200 {
		p = append(p, "PRIVACY_CONTACT: must be one line of at most 200 characters (an e-mail address or a web page)")
	}
	c.Retention = bot.Retention{Days: days, From: from, Anonymise: action != "delete", Contact: contact}
	return p
}

// retentionText describes the retention rule for config check.
func (c *config) retentionText() string {
	r := c.Retention
	if r.Days == 0 {
		return "off (input is kept until the resident or staff delete it; set RETENTION_DAYS)"
	}
	action := "deleted"
	if r.Anonymise {
		action = "anonymised"
	}
	from := "after its plan's adoption (the plan's \"adopted\" milestone; plans without one keep their input)"
	if r.From == bot.RetentionFromInput {
		from = "after it was given"
	}
	return fmt.Sprintf("input %s %d days %s, checked daily", action, r.Days, from)
}

// readKeyFile sets c.AuthorHashKey from AUTHOR_HASH_KEY_FILE when that is
// set and AUTHOR_HASH_KEY is not. A text file's final line break is not
// part of the key; a generated key (32 random bytes) is used as it is.
func (c *config) readKeyFile(v map[string]string) []string {
	name := v["AUTHOR_HASH_KEY_FILE"]
	if name == "" {
		return nil
	}
	if c.AuthorHashKey != "" {
		return []string{"AUTHOR_HASH_KEY_FILE: set either AUTHOR_HASH_KEY or AUTHOR_HASH_KEY_FILE, not both"}
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return []string{fmt.Sprintf("AUTHOR_HASH_KEY_FILE: cannot read %s (%v)", name, errWithoutPath(err))}
	}
	if utf8.Valid(b) {
		b = []byte(strings.TrimRight(string(b), "\r\n"))
	}
	c.AuthorHashKey = string(b)
	return nil
}

// errWithoutPath shortens a file error to its cause (the path is said already).
func errWithoutPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
