package backup

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"
)

// gz compresses lines.
func gz(t *testing.T, lines ...string) *bytes.Reader {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(strings.Join(lines, "\n"))); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b.Bytes())
}

// TestReadRefusesWhatIsNoCompleteBackup: Read tells a backup from other
// files, and a complete backup from a cut-off or altered one.
func TestReadRefusesWhatIsNoCompleteBackup(t *testing.T) {
	const head = `{"format":"temaplanbot-backup","version":1,"key_fingerprint":"00"}`
	const rec = `{"kind":"prefs","data":{"AuthorHash":"h"}}`
	for _, tc := range []struct {
		name string
		in   *bytes.Reader
		want error
	}{
		{"not gzip", bytes.NewReader([]byte("plan;text\n")), ErrNotBackup},
		{"another file", gz(t, `{"hello":1}`), ErrNotBackup},
		{"another version", gz(t, `{"format":"temaplanbot-backup","version":9}`), ErrNotBackup},
		{"unknown kind", gz(t, head, `{"kind":"spaceship","data":{}}`, `{"kind":"end","counts":{"spaceship":1}}`), ErrNotBackup},
		{"no end line", gz(t, head, rec), ErrTruncated},
		{"counts differ", gz(t, head, rec, `{"kind":"end","counts":{"prefs":2}}`), ErrTruncated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := Read(tc.in); !errors.Is(err, tc.want) {
				t.Errorf("Read = %v, want %v", err, tc.want)
			}
		})
	}
	_, counts, err := Read(gz(t, head, rec, `{"kind":"end","counts":{"prefs":1}}`))
	if err != nil || counts[KindPrefs] != 1 || counts.Total() != 1 {
		t.Errorf("a complete backup: %v, %v", counts, err)
	}
}

func TestFingerprintHidesTheKey(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	fp := Fingerprint(key)
	if len(fp) != 16 || strings.Contains(string(key), fp) || fp == Fingerprint([]byte("another-key-0123456789abcdef01234")) {
		t.Errorf("fingerprint %q", fp)
	}
}
