package main

import (
	"fmt"
	"os"
	"strings"
	"unicode/utf8"
)

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
