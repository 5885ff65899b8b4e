package catalog

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

var tableText = TableText{ID: "ID", Name: "NAME", Start: "START", WaveFirst: "first wave", WaveLater: "later in 2020"}

func TestWriteTable(t *testing.T) {
	c := &bot.Catalog{Plans: []bot.Plan{
		{ID: "klima", Name: bot.Text{bot.NB: "Temaplan for handling mot klimaendringene", bot.EN: "Climate"}, Wave: bot.WaveFirst},
		{ID: "vann", Name: bot.Text{bot.NB: "Vann og vannmiljø"}, Wave: bot.WaveLater, Start: bot.Date{Year: 2020, Month: 11, Day: 17}},
		{ID: "eldre", Name: bot.Text{bot.NB: "Eldre"}, Wave: bot.WaveLater},
	}}
	tests := []struct {
		lang bot.Lang
		want string
	}{
		{bot.NB, "" +
			"ID     NAME                                       START\n" +
			"klima  Temaplan for handling mot klimaendringene  first wave\n" +
			"vann   Vann og vannmiljø                          2020-11-17\n" +
			"eldre  Eldre                                      later in 2020\n"},
		{bot.EN, "" +
			"ID     NAME               START\n" +
			"klima  Climate            first wave\n" +
			"vann   Vann og vannmiljø  2020-11-17\n" +
			"eldre  Eldre              later in 2020\n"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteTable(&b, c, tt.lang, tableText); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("table:\n%s\nwant:\n%s", b.String(), tt.want)
			}
		})
	}
}

func TestWriteTableDefault(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteTable(&b, c, bot.EN, tableText); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 15 {
		t.Fatalf("%d lines, want header + 14:\n%s", len(lines), b.String())
	}
	if !strings.HasPrefix(lines[4], "klima ") || !strings.HasSuffix(lines[4], "first wave") ||
		!strings.Contains(lines[4], "Theme plan for action against climate change") {
		t.Errorf("klima line = %q", lines[4])
	}
	if !strings.HasSuffix(lines[14], "later in 2020") {
		t.Errorf("last line = %q", lines[14])
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteTableError(t *testing.T) {
	c, _ := Default()
	if err := WriteTable(failWriter{}, c, bot.NB, tableText); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v", err)
	}
}
