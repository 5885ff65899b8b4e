// Command gen trains the dialog-act model from the labelled turns in the
// repository and writes its weights (run by `go generate ./bot/act`), or
// measures it: -cv k reports k-fold cross-validated accuracy per act,
// -heldout reports accuracy on turns never trained on.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/askerkommune/temaplanbot/bot/act"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	out := fs.String("out", "", "write the trained weights to this file")
	cv := fs.Int("cv", 0, "report k-fold cross-validated accuracy per act (k >= 2)")
	heldout := fs.String("heldout", "testdata/acts_heldout.tsv", "turns never trained on, measured after training")
	root := fs.String("root", "../..", "the repository root (from bot/act)")
	try := fs.Bool("try", false, "classify each line of standard input with the trained model and print the acts")
	if err := fs.Parse(args); err != nil {
		return err
	}
	data, err := loadAll(*root)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d labelled turns\n", len(data))
	if *cv >= 2 {
		report(stdout, fmt.Sprintf("%d-fold cross-validation", *cv), crossValidate(data, *cv))
	}
	m := act.Train(data, act.TrainOptions{Seed: 1})
	if *heldout != "" {
		held, err := loadActs(*heldout)
		if err != nil {
			return err
		}
		report(stdout, "held-out turns ("+*heldout+")", evaluate(m, held))
	}
	if *try {
		return tryLines(m, os.Stdin, stdout)
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

// tryLines prints the three likeliest acts of every line of r.
func tryLines(m *act.Model, r io.Reader, w io.Writer) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		g := m.Classify(sc.Text())
		fmt.Fprintf(w, "%-60q %s %.2f | %s %.2f | %s %.2f\n", sc.Text(), g[0].Act, g[0].Prob, g[1].Act, g[1].Prob, g[2].Act, g[2].Prob)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read: %w", err)
	}
	return nil
}

// score counts right answers per act.
type score map[act.Act][2]int // act -> right, total

func evaluate(m *act.Model, data []act.Example) score {
	s := score{}
	for _, e := range data {
		got, _ := m.Best(e.Text)
		c := s[e.Act]
		c[1]++
		if got == e.Act {
			c[0]++
		}
		s[e.Act] = c
	}
	return s
}

// crossValidate trains k models, each without every k-th turn, and scores
// each on the turns it did not see.
func crossValidate(data []act.Example, k int) score {
	s := score{}
	for fold := 0; fold < k; fold++ {
		var train, test []act.Example
		for i, e := range data {
			if i%k == fold {
				test = append(test, e)
			} else {
				train = append(train, e)
			}
		}
		for a, c := range evaluate(act.Train(train, act.TrainOptions{Seed: 1}), test) {
			t := s[a]
			s[a] = [2]int{t[0] + c[0], t[1] + c[1]}
		}
	}
	return s
}

func report(w io.Writer, title string, s score) {
	fmt.Fprintf(w, "%s:\n", title)
	right, total := 0, 0
	for _, a := range act.Acts {
		c := s[a]
		if c[1] == 0 {
			continue
		}
		right, total = right+c[0], total+c[1]
		fmt.Fprintf(w, "  %-9s %5.1f%% (%d/%d)\n", a, 100*float64(c[0])/float64(c[1]), c[0], c[1])
	}
	if total > 0 {
		fmt.Fprintf(w, "  %-9s %5.1f%% (%d/%d)\n", "all", 100*float64(right)/float64(total), right, total)
	}
}
