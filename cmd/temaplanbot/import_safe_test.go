package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// importEnv is a fresh embedded database and a file with content.
func importEnv(t *testing.T, content []byte) (map[string]string, string) {
	t.Helper()
	if mongodbtest.Real() {
		t.Skip("uses the embedded database in a temporary DATA_DIR")
	}
	file := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(file, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"DATA_DIR": mongodbtest.Dir(t), "LANG": "en_US.UTF-8"}, file
}

// printable reports whether s has no control bytes but tab, CR and LF
// (a refused binary file is never echoed to the terminal).
func printable(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r == 0xfffd })
}

var importIDPattern = regexp.MustCompile(`IMP-[0-9]{8}-[0-9]{4}-[A-Z2-7]{4}`)

// TestImportRefusesWholeFiles: junk, binary and wrongly encoded files,
// and files over the limits, store nothing and say why.
func TestImportRefusesWholeFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	binary := make([]byte, 64<<10)
	for i := range binary {
		binary[i] = byte(rng.UintN(256))
	}
	var junk strings.Builder
	junk.WriteString("plan;created;text\n")
	for junk.Len() < 1<<20 {
		fmt.Fprintf(&junk, "%x;%x;%x zz qq\n", rng.Uint64(), rng.Uint64(), rng.Uint64())
	}
	good := "plan;text\nklima;Flere ladestasjoner ved Asker stasjon\nkultur;Mer kultur på torget om kvelden\n"
	for _, tc := range []struct {
		name    string
		content []byte
		args    []string
		want    string
	}{
		{"binary", binary, nil, "is a binary file"},
		{"binary after a good header", append([]byte("plan;text\nklima;Flere ladestasjoner ved stasjonen\n"), binary...), nil, "is a binary file"},
		{"windows-1252", []byte("plan;text\nklima;Sykkelvei til Bler\xf8ker, takk\n"), nil, "is not UTF-8 text"},
		{"utf-16", []byte("\xff\xfep\x00l\x00a\x00n\x00"), nil, "not UTF-8 text"},
		{"junk after a valid header", []byte(junk.String()), []string{"--max-size", "2MB", "--max-rows", "100000"}, "does not look like residents' input"},
		{"over the size limit", []byte(junk.String()), []string{"--max-size", "100KB"}, "more than --max-size"},
		{"over the row limit", []byte(good), []string{"--max-rows", "1"}, "more than 1 rows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, file := importEnv(t, tc.content)
			out, errOut, err := runWith(t, env, "", append(append([]string{"import", "--source", "letter"}, tc.args...), file)...)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "nothing was imported") {
				t.Errorf("error = %v, want %q and that nothing was imported", err, tc.want)
			}
			if !printable(out+errOut) || err != nil && !printable(err.Error()) {
				t.Errorf("control bytes reached the terminal:\n%q\n%q\n%v", out, errOut, err)
			}
			if rows := exportRows(t, env); len(rows) != 1 {
				t.Errorf("%d rows stored, want none", len(rows)-1)
			}
		})
	}
}

func TestImportDryRunStoresNothing(t *testing.T) {
	env, file := importEnv(t, []byte(importCSV))
	out, errOut, err := runWith(t, env, "", "import", "--dry-run", "--source", "letter", file)
	if err == nil || !strings.Contains(err.Error(), "6 rows would be refused") {
		t.Errorf("dry run error = %v", err)
	}
	if !strings.Contains(out, "Dry run: 5 rows can be imported") || !strings.Contains(out, "6 rows refused") {
		t.Errorf("dry run summary:\n%s", out)
	}
	if !strings.Contains(errOut, "line 3: refused") {
		t.Errorf("dry run does not list the refused rows:\n%s", errOut)
	}
	if rows := exportRows(t, env); len(rows) != 1 {
		t.Errorf("a dry run stored %d rows", len(rows)-1)
	}
}

// TestImportUndoRemovesExactlyWhatItAdded: a second import of overlapping
// rows adds only the new one, and its undo removes only that one.
func TestImportUndoRemovesExactlyWhatItAdded(t *testing.T) {
	env, first := importEnv(t, []byte("plan;created;text\nklima;2025-03-01;Flere ladestasjoner ved stasjonen\n"+
		"kultur;2025-03-02;Mer kultur på torget om kvelden\n"))
	second := filepath.Join(t.TempDir(), "second.csv")
	if err := os.WriteFile(second, []byte("plan;created;text\nklima;2025-03-01;Flere ladestasjoner ved stasjonen\n"+
		"eldre;2025-03-03;Flere benker langs turveien til sjøen\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runWith(t, env, "", "import", "--source", "letter", first); err != nil {
		t.Fatal(err)
	}
	out, _, err := runWith(t, env, "", "import", "--source", "letter", second)
	id := importIDPattern.FindString(out)
	if err != nil || id == "" || !strings.Contains(out, "Imported 1 inputs; 1 were stored already") {
		t.Fatalf("second import: %v\n%s", err, out)
	}
	out, _, err = runWith(t, env, "", "import", "--undo", id)
	if err != nil || !strings.Contains(out, "1 inputs removed") {
		t.Fatalf("undo: %v\n%s", err, out)
	}
	rows := exportRows(t, env)
	if len(rows) != 3 || strings.Contains(fmt.Sprint(rows), "benker") {
		t.Errorf("after the undo the export is %q, want the first import's two rows", rows)
	}
	if out, _, err := runWith(t, env, "", "import", "--undo", id); err != nil || !strings.Contains(out, "0 inputs removed") {
		t.Errorf("second undo: %v\n%s", err, out)
	}
	if _, _, err := runWith(t, env, "", "import", "--undo", "IMP-nope"); err == nil || !strings.Contains(err.Error(), "no import") {
		t.Errorf("undo of an unknown id: %v", err)
	}
}

// TestImportInterruptedPrintsSummary: a stop (Ctrl-C) during the store
// pass ends with the summary of what was stored, not a driver error.
func TestImportInterruptedPrintsSummary(t *testing.T) {
	vars, file := importEnv(t, []byte(importCSV))
	e := testEnv(t, vars)
	var out bytes.Buffer
	e.stdout = &out
	c := openTestCore(t, e)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := e.storeRows(ctx, c, file, importFlags{format: "csv", source: "letter"}, importTally{}, nil)
	if err == nil || !strings.Contains(err.Error(), "interrupted: 0 inputs were stored") {
		t.Errorf("error = %v", err)
	}
	if !strings.Contains(out.String(), "Imported 0 inputs") {
		t.Errorf("no summary:\n%s", out.String())
	}
}
