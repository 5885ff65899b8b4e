package locale

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/askerkommune/temaplanbot/bot"
)

// TestEmbeddedLocalesComplete fails when a message id exists in one language
// but not in another, or a file does not parse.
func TestEmbeddedLocalesComplete(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range bot.Langs {
		if len(b.IDs(lang)) == 0 {
			t.Errorf("no messages for %s", lang)
		}
	}
	for _, id := range b.IDs(bot.NB) {
		nb, en := b.Text(bot.NB, id, nil), b.Text(bot.EN, id, nil)
		if strings.TrimSpace(nb) == "" || strings.TrimSpace(en) == "" {
			t.Errorf("message %q is empty in nb or en", id)
		}
	}
}

func TestLoadFSReportsEveryMissingID(t *testing.T) {
	fsys := fstest.MapFS{
		"a.nb.yaml": {Data: []byte("x: \"X\"\ny: \"Y\"\n")},
		"a.en.yaml": {Data: []byte("x: \"X\"\n")},
		"b.en.yaml": {Data: []byte("z: \"Z\"\n")},
	}
	_, err := LoadFS(fsys)
	if err == nil {
		t.Fatal("want an error for missing ids")
	}
	for _, want := range []string{`en: missing message "y"`, `nb: missing message "z"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestTextTemplateAndFallback(t *testing.T) {
	fsys := fstest.MapFS{
		"a.nb.yaml": {Data: []byte("hi: \"Hei, {{.Name}}!\"\n")},
		"a.en.yaml": {Data: []byte("hi: \"Hi, {{.Name}}!\"\n")},
	}
	b, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang bot.Lang
		id   string
		want string
	}{
		{bot.NB, "hi", "Hei, Kari!"},
		{bot.EN, "hi", "Hi, Kari!"},
		{"de", "hi", "Hei, Kari!"},
		{bot.EN, "nope", "nope"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+"/"+tt.id, func(t *testing.T) {
			if got := b.Text(tt.lang, tt.id, map[string]any{"Name": "Kari"}); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBrokenFileIsNamed(t *testing.T) {
	_, err := LoadFS(fstest.MapFS{"a.nb.yaml": {Data: []byte("x: [unclosed\n")}})
	if err == nil || !strings.Contains(err.Error(), "a.nb.yaml") {
		t.Fatalf("want error naming a.nb.yaml, got %v", err)
	}
}
