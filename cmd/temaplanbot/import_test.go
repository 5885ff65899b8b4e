package main

import (
	csvpkg "encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// importCSV is what staff might save from Excel: BOM, ";" between fields,
// CRLF, a quoted cell over two lines, and six bad rows among five good ones.
const importCSV = "\ufeffplan;created;text\r\n" +
	"klima;2025-03-01 10:00;Flere ladestasjoner ved Asker stasjon, takk.\r\n" + // line 2: good
	"kultur;2025-03-02 11:30;Ring meg på 912 34 567 om kulturhuset.\r\n" + // 3: phone
	"klima;2025-03-03;\"Brev om sykkelveier:\r\nlag flere, og «bredere».\"\r\n" + // 4-5: good (two lines)
	"helse;2025-03-04 09:00;Mitt fødselsnummer er 15038910083, ring.\r\n" + // 6: national id
	"nope;2025-03-05 09:00;En plan som ikke finnes i katalogen.\r\n" + // 7: unknown plan
	"klima;in march;Tidspunktet kan ikke leses her, dessverre.\r\n" + // 8: bad time
	"kultur;2025-03-06 12:00;Skriv til ola@example.no om dette.\r\n" + // 9: e-mail
	"kultur;;Mer kultur på Asker torg, gjerne om kvelden.\r\n" + // 10: good, created now
	"klima;2025-03-07 08:00;kort\r\n" + // 11: too short
	"fysisk-aktivitet;2025-03-08 08:00;=Flere turstier i marka (formel-lignende)\r\n" + // 12: good
	"medborgerskap;2025-03-09 08:00;Et innspill på papir fra biblioteket.\r\n" // 13: good

func TestImportRefusesBadRowsKeepsGoodOnesAndIsIdempotent(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("uses the embedded database in a temporary DATA_DIR")
	}
	dir := mongodbtest.Dir(t)
	file := filepath.Join(t.TempDir(), "brev.csv")
	if err := os.WriteFile(file, []byte(importCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DATA_DIR": dir, "LANG": "en_US.UTF-8"}
	out, errOut, err := runWith(t, env, "", "import", "--source", "letter", file)
	if err == nil || !strings.Contains(err.Error(), "6 rows refused") {
		t.Errorf("import error = %v, want 6 rows refused", err)
	}
	for _, want := range []string{
		"line 3: refused: the text contains what looks like a phone number",
		"line 6: refused: the text contains what looks like a national identity number",
		`line 7: refused: unknown plan "nope"`,
		`line 8: refused: the time "in march"`,
		"line 9: refused: the text contains what looks like an e-mail address",
		"line 11: refused: the text is shorter than 8 characters",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "912 34 567") || strings.Contains(errOut, "15038910083") {
		t.Errorf("a refused row's personal data was printed:\n%s", errOut)
	}
	if !strings.Contains(out, "Imported 5 inputs; 0 were stored already; 6 rows refused.") {
		t.Errorf("summary:\n%s", out)
	}
	rows := exportRows(t, env)
	if len(rows) != 6 { // header + 5
		t.Fatalf("export after import has %d rows, want 6:\n%q", len(rows), rows)
	}
	body := strings.Join(func() []string {
		var s []string
		for _, r := range rows[1:] {
			s = append(s, strings.Join(r, "|"))
		}
		return s
	}(), "\n")
	for _, want := range []string{"|letter|new|", "lag flere, og «bredere».", "'=Flere turstier", "2025-03-01 10:00"} {
		if !strings.Contains(body, want) {
			t.Errorf("export lacks %q:\n%s", want, body)
		}
	}

	// The same file again adds nothing.
	out, _, _ = runWith(t, env, "", "import", "--source", "letter", file)
	if !strings.Contains(out, "Imported 0 inputs; 5 were stored already; 6 rows refused.") {
		t.Errorf("re-import summary:\n%s", out)
	}
	if again := exportRows(t, env); len(again) != len(rows) {
		t.Errorf("re-import changed the export from %d to %d rows", len(rows), len(again))
	}
}

// TestImportReadsItsOwnExport round-trips an export (JSON lines and CSV)
// into a fresh database: references, plans, texts and statuses survive.
func TestImportReadsItsOwnExport(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("uses the embedded database in a temporary DATA_DIR")
	}
	src := map[string]string{"DATA_DIR": mongodbtest.Dir(t), "LANG": "en_US.UTF-8"}
	file := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(file, []byte(importCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, _ = runWith(t, src, "", "import", "--source", "email", file)
	want := exportRows(t, src)
	for _, format := range []string{"json", "csv"} {
		t.Run(format, func(t *testing.T) {
			data, _, err := runWith(t, src, "", "export", "--format", format, "--delimiter", ",")
			if err != nil {
				t.Fatal(err)
			}
			dst := map[string]string{"DATA_DIR": mongodbtest.Dir(t), "LANG": "en_US.UTF-8"}
			imp := format
			if imp == "json" {
				imp = "jsonl"
			}
			out, errOut, err := runWith(t, dst, data, "import", "--format", imp, "-")
			if err != nil {
				t.Fatalf("import %s: %v\n%s", format, err, errOut)
			}
			if !regexp.MustCompile(`Imported 5 inputs`).MatchString(out) {
				t.Errorf("summary: %s", out)
			}
			if got := exportRows(t, dst); !sameRows(got, want) {
				t.Errorf("round trip through %s:\n got %q\nwant %q", format, got, want)
			}
		})
	}
}

func exportRows(t *testing.T, env map[string]string) [][]string {
	t.Helper()
	csv, _, err := runWith(t, env, "", "export", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	r := csvpkg.NewReader(strings.NewReader(strings.TrimPrefix(csv, "\ufeff")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// sameRows compares exports regardless of row order.
func sameRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, r := range a {
		seen[strings.Join(r, "\x00")]++
	}
	for _, r := range b {
		k := strings.Join(r, "\x00")
		if seen[k] == 0 {
			return false
		}
		seen[k]--
	}
	return true
}
