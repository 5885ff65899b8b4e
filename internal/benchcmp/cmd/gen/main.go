// Command gen writes a benchmark file of questions (one a line) derived
// from temaplanbot's labelled question set, with chat-style variations:
// case, punctuation, missing æøå, a typo, a greeting or a "pls", an emoji.
// The output is the same for the same seed.
//
//	go run ./cmd/gen -n 20000 -o /tmp/questions-20k.txt
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "../../bot/nlu/testdata/questions.tsv", "labelled question set (TSV, question first)")
	n := fs.Int("n", 20000, "number of questions to write")
	outPath := fs.String("o", "", "output file (default standard output)")
	seed := fs.Uint64("seed", 2020, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	qs, err := readQuestions(*in)
	if err != nil {
		return err
	}
	w := stdout
	if *outPath != "" {
		f, err := os.Create(*outPath)
		if err != nil {
			return fmt.Errorf("create %s: %w", *outPath, err)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	rng := rand.New(rand.NewPCG(*seed, 10))
	for i := 0; i < *n; i++ {
		q := qs[i%len(qs)]
		if i >= len(qs) {
			q = vary(q, rng)
		}
		fmt.Fprintln(bw, q)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// readQuestions returns the first column of the labelled set.
func readQuestions(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var qs []string
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, _, _ := strings.Cut(line, "\t")
		if q = strings.TrimSpace(q); q != "" {
			qs = append(qs, q)
		}
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("%s: no questions", path)
	}
	return qs, nil
}

// vary applies one to three random chat-style changes to q.
func vary(q string, rng *rand.Rand) string {
	changes := []func(string, *rand.Rand) string{
		lower, noPunct, asciiLetters, typo, greet, tail, emoji, shout,
	}
	for k := 1 + rng.IntN(3); k > 0; k-- {
		q = changes[rng.IntN(len(changes))](q, rng)
	}
	return q
}

func lower(q string, _ *rand.Rand) string { return strings.ToLower(q) }

func shout(q string, _ *rand.Rand) string { return strings.ToUpper(q) }

func noPunct(q string, _ *rand.Rand) string {
	return strings.TrimRight(strings.NewReplacer(",", "", ".", "", "!", "").Replace(q), "?")
}

func asciiLetters(q string, _ *rand.Rand) string {
	return strings.NewReplacer("æ", "ae", "ø", "o", "å", "aa", "Æ", "Ae", "Ø", "O", "Å", "Aa").Replace(q)
}

// typo swaps two neighbouring letters of one word of six letters or more.
func typo(q string, rng *rand.Rand) string {
	words := strings.Fields(q)
	var long []int
	for i, w := range words {
		if len(w) >= 6 && isASCII(w) {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return q
	}
	i := long[rng.IntN(len(long))]
	b := []byte(words[i])
	j := 1 + rng.IntN(len(b)-3)
	b[j], b[j+1] = b[j+1], b[j]
	words[i] = string(b)
	return strings.Join(words, " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func greet(q string, rng *rand.Rand) string {
	g := []string{"hei, ", "Hei! ", "hallo ", "hi, ", "Hello! ", "hey "}
	return g[rng.IntN(len(g))] + q
}

func tail(q string, rng *rand.Rand) string {
	t := []string{" takk", " pls", " plz", " thx", "??", " ?", " :)", " takk på forhånd"}
	return q + t[rng.IntN(len(t))]
}

func emoji(q string, rng *rand.Rand) string {
	e := []string{" 🙂", " 🤔", " 👍", " 🙏"}
	return q + e[rng.IntN(len(e))]
}
