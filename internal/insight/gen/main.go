// Command gen trains the theme model from the labelled inputs in
// internal/insight/testdata and writes its weights (run by
// `go generate ./internal/insight`), or measures it: -cv k reports k-fold
// cross-validated agreement of the first theme with the label, by plan and
// by language, -heldout reports it on inputs never trained on, and -table
// measures the word table alone, for comparison.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/nlu"
	"github.com/askerkommune/temaplanbot/internal/catalog"
	"github.com/askerkommune/temaplanbot/internal/insight"
)

// trainFiles are the labelled inputs the model learns from:
// plan<TAB>theme<TAB>text, the theme a key or the theme's bokmål text; a
// row with a fourth column (a planted near-copy) is left out.
// The dev_themes_heldout files were held out and measured once before they were used.
var trainFiles = []string{"dev_themes.tsv", "blind_inputs.tsv", "dev_themes_written.tsv", "dev_themes_heldout2.tsv", "dev_themes_heldout3.tsv",
	"dev_themes_heldout4.tsv", "dev_themes_heldout6.tsv"}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	out := fs.String("out", "", "write the trained weights to this file")
	cv := fs.Int("cv", 0, "report k-fold cross-validated agreement (k >= 2)")
	heldout := fs.String("heldout", "testdata/heldout_themes.tsv", "inputs never trained on, measured after training")
	dir := fs.String("testdata", "testdata", "the directory of the training files")
	table := fs.Bool("table", false, "also measure the word table alone")
	misses := fs.Bool("misses", false, "print the held-out inputs the model gets wrong")
	typos := fs.Bool("typos", false, "also measure on the held-out inputs with typos made in one word of three")
	byFile := fs.Bool("byfile", false, "train without each training file in turn and measure on it (another writer)")
	var o insight.TrainOptions
	fs.IntVar(&o.Epochs, "epochs", 0, "training passes (0: the default)")
	fs.Float64Var(&o.Rate, "rate", 0, "learning rate (0: the default)")
	fs.Float64Var(&o.L2, "l2", 0, "weight decay (0: the default)")
	o.Seed = 1
	if err := fs.Parse(args); err != nil {
		return err
	}
	cat, err := catalog.Default()
	if err != nil {
		return err
	}
	base := insight.NewTaggerWith(cat, nil)
	var data []insight.Example
	files := make([][]insight.Example, len(trainFiles))
	for i, f := range trainFiles {
		exs, err := load(base, filepath.Join(*dir, f))
		if err != nil {
			return err
		}
		files[i] = exs
		data = append(data, exs...)
	}
	lang := languages(cat)
	if *byFile {
		for i, f := range trainFiles {
			var train []insight.Example
			for j, exs := range files {
				if j != i {
					train = append(train, exs...)
				}
			}
			tg := insight.NewTaggerWith(cat, insight.Train(base, train, o))
			var w io.Writer
			if *misses {
				w = stdout
			}
			evaluate(tg, files[i], lang, w).report(stdout, "trained without "+f+", measured on it")
			if *table {
				evaluate(base, files[i], lang, nil).report(stdout, "word table alone on "+f)
			}
		}
	}
	fmt.Fprintf(stdout, "%d labelled inputs\n", len(data))
	if *cv >= 2 {
		s := score{}
		for fold := 0; fold < *cv; fold++ {
			var train, test []insight.Example
			for i, e := range data {
				if i%*cv == fold {
					test = append(test, e)
				} else {
					train = append(train, e)
				}
			}
			tg := insight.NewTaggerWith(cat, insight.Train(base, train, o))
			s.add(evaluate(tg, test, lang, nil))
		}
		s.report(stdout, fmt.Sprintf("%d-fold cross-validation", *cv))
		if *table {
			evaluate(base, data, lang, nil).report(stdout, "word table alone, all training inputs")
		}
	}
	m := insight.Train(base, data, o)
	if *heldout != "" {
		held, err := load(base, *heldout)
		if err != nil {
			return err
		}
		var w io.Writer
		if *misses {
			w = stdout
		}
		evaluate(insight.NewTaggerWith(cat, m), held, lang, w).report(stdout, "held-out inputs ("+*heldout+")")
		if *typos {
			evaluate(insight.NewTaggerWith(cat, m), misspell(held), lang, w).report(stdout, "held-out inputs with typos")
		}
		if *table {
			evaluate(base, held, lang, nil).report(stdout, "word table alone, held-out inputs")
		}
	}
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("create %s: %w", *out, err)
		}
		if err := m.Save(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	return nil
}

// load reads labelled inputs, the labels mapped to theme keys.
func load(tg *insight.Tagger, path string) ([]insight.Example, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []insight.Example
	for i, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := strings.Split(line, "\t")
		if len(r) < 3 {
			return nil, fmt.Errorf("%s:%d: %d columns", path, i+1, len(r))
		}
		if len(r) > 3 {
			continue // a planted near-copy of another row
		}
		plan, label := strings.TrimSpace(r[0]), strings.TrimSpace(r[1])
		key := ""
		for _, th := range tg.Themes(plan) {
			if th.Key == label || th.Name.In(bot.NB) == label {
				key = th.Key
			}
		}
		if key == "" {
			return nil, fmt.Errorf("%s:%d: %q is no theme of %q", path, i+1, label, plan)
		}
		out = append(out, insight.Example{Plan: plan, Theme: key, Text: r[2]})
	}
	return out, nil
}

// languages tells the language of a text for the report: English when the
// understanding step says so, nynorsk when it has more nynorsk-only words
// than bokmål-only ones, else bokmål.
func languages(cat *bot.Catalog) func(string) string {
	m := nlu.New(cat)
	nn := set("eg|ikkje|kva|korleis|kvifor|kven|dei|berre|meir|vere|vore|ein|eit|frå|ønskjer|treng|fleire|heile|" +
		"skule|skular|skulen|skulane|mykje|noko|nokon|saman|kvar|heim|heime|òg|sjølv|dette|kome|gje|bygda|no|mange|" +
		"vegen|vatn|sjukeheim|sjukeheimane|innbyggjarar|innbyggjarane|tilbod|tilboda|hjå|ho|me|kor|utan|vert|vart|blei")
	nb := set("jeg|ikke|hva|hvordan|hvorfor|hvem|de|bare|mer|være|vært|en|et|fra|ønsker|trenger|flere|hele|" +
		"skole|skoler|skolen|mye|noe|noen|sammen|hver|hjem|hjemme|også|selv|komme|gi|nå|veien|vann|sykehjem|" +
		"innbyggere|innbyggerne|tilbud|hos|hun|uten|ble")
	return func(text string) string {
		if m.Understand(text).Lang == bot.EN {
			return "en"
		}
		n := 0
		for _, t := range nlu.Tokens(text) {
			if nn[t] {
				n++
			}
			if nb[t] && !nn[t] {
				n--
			}
		}
		if n > 0 {
			return "nn"
		}
		return "nb"
	}
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(words, "|") {
		m[w] = true
	}
	return m
}

// score counts agreeing first themes by group ("plan ...", "lang ...").
type score map[string][2]int

func (s score) count(group string, ok bool) {
	c := s[group]
	c[1]++
	if ok {
		c[0]++
	}
	s[group] = c
}

func (s score) add(o score) {
	for g, c := range o {
		t := s[g]
		s[g] = [2]int{t[0] + c[0], t[1] + c[1]}
	}
}

// evaluate tags every example; misses, when not nil, gets the wrong ones.
func evaluate(tg *insight.Tagger, data []insight.Example, lang func(string) string, misses io.Writer) score {
	s := score{}
	for _, e := range data {
		got := tg.Tag(e.Plan, e.Text)
		ok := len(got) > 0 && got[0] == e.Theme
		s.count("all", ok)
		s.count("plan "+e.Plan, ok)
		s.count("lang "+lang(e.Text), ok)
		if !ok && misses != nil {
			fmt.Fprintf(misses, "  want %s got %v: %s\n", e.Theme, got, e.Text)
		}
	}
	return s
}

func (s score) report(w io.Writer, title string) {
	fmt.Fprintf(w, "%s:\n", title)
	groups := make([]string, 0, len(s))
	for g := range s {
		groups = append(groups, g)
	}
	slices.Sort(groups)
	for _, g := range groups {
		c := s[g]
		fmt.Fprintf(w, "  %-22s %5.1f%% (%d/%d)\n", g, 100*float64(c[0])/float64(c[1]), c[0], c[1])
	}
}

// misspell returns copies of data with a typo in every third word of four
// letters or more: a letter dropped, doubled, or swapped with the next one,
// in turn (deterministic).
func misspell(data []insight.Example) []insight.Example {
	out := make([]insight.Example, len(data))
	n := 0
	for i, e := range data {
		words := strings.Fields(e.Text)
		for j, w := range words {
			r := []rune(w)
			if len(r) < 4 {
				continue
			}
			n++
			if n%3 != 0 {
				continue
			}
			k := 1 + n%(len(r)-2) // never the first letter
			switch n / 3 % 3 {
			case 0:
				r = append(r[:k:k], r[k+1:]...)
			case 1:
				r = append(r[:k+1:k+1], r[k:]...)
			default:
				r[k], r[k+1] = r[k+1], r[k]
			}
			words[j] = string(r)
		}
		e.Text = strings.Join(words, " ")
		out[i] = e
	}
	return out
}
