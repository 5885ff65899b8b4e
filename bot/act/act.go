// Package act classifies what one chat turn does in a conversation (its
// dialog act): confirm, refuse, cancel, replace or add to the text, change
// the plan, ask a question, change language, start an input, start another
// input, refer back, or simply say something (the input text itself).
//
// The model is a multinomial logistic regression over word, word-pair and
// character n-gram features of the normalised text. It is trained by
// `go generate` (gen/main.go) from labelled turns in the repository and its
// weights are committed (weights.json.gz, embedded): nothing is downloaded
// or trained at run time, and training is deterministic. The caller, the
// dialog, keeps exact rules for what must be exact (references, numbers,
// plan names) and decides what an act means in its state.
package act

//go:generate go run ./gen -out weights.json.gz

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Act is what a turn does in the conversation.
type Act string

// The dialog acts.
const (
	Confirm  Act = "confirm"  // yes, send it
	Refuse   Act = "refuse"   // no
	Cancel   Act = "cancel"   // leave the dialog
	Replace  Act = "replace"  // correct or replace the text ("I want to change the text")
	Add      Act = "add"      // add to the text ("legg til at ...")
	Plan     Act = "plan"     // the input is for another plan
	Ask      Act = "ask"      // a question about the plans or the bot
	Language Act = "language" // answer in another language
	Input    Act = "input"    // start an input ("I have a suggestion for ...")
	More     Act = "more"     // start another input ("one more thing", "jeg har et til")
	Refer    Act = "refer"    // refer back ("den", "that one", "nummer 3")
	Say      Act = "say"      // content: the point itself, or talk
)

// Acts lists every act, in the model's class order.
var Acts = []Act{Confirm, Refuse, Cancel, Replace, Add, Plan, Ask, Language, Input, More, Refer, Say}

// Model is a trained classifier. The zero Model is not usable: use Load or Train.
type Model struct {
	Classes []Act                `json:"classes"`
	Bias    []float64            `json:"bias"`
	Weights map[string][]float64 `json:"weights"` // feature -> weight per class

	hashed map[uint64][]float64 // Weights by the hash of the feature, for reading turns
}

//go:embed weights.json.gz
var weights []byte

// Default returns the committed model; an error only if the embedded file is damaged.
func Default() (*Model, error) {
	return Load(bytes.NewReader(weights))
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("act: open weights: %w", err)
	}
	defer zr.Close()
	var m Model
	if err := json.NewDecoder(zr).Decode(&m); err != nil {
		return nil, fmt.Errorf("act: read weights: %w", err)
	}
	if len(m.Classes) == 0 || len(m.Bias) != len(m.Classes) {
		return nil, fmt.Errorf("act: read weights: %d classes, %d biases", len(m.Classes), len(m.Bias))
	}
	m.index()
	return &m, nil
}

// Save writes m compactly (gzip JSON, weights rounded, features sorted so
// the same training writes the same bytes).
func (m *Model) Save(w io.Writer) error {
	round := func(v float64) float64 { return math.Round(v*1000) / 1000 }
	out := Model{Classes: m.Classes, Bias: make([]float64, len(m.Bias)), Weights: map[string][]float64{}}
	for i, b := range m.Bias {
		out.Bias[i] = round(b)
	}
	for f, ws := range m.Weights {
		r := make([]float64, len(ws))
		keep := false
		for i, v := range ws {
			r[i] = round(v)
			keep = keep || r[i] != 0
		}
		if keep {
			out.Weights[f] = r
		}
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("act: save: %w", err)
	}
	if err := json.NewEncoder(zw).Encode(out); err != nil { // encoding/json sorts map keys
		return fmt.Errorf("act: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("act: save: %w", err)
	}
	return nil
}

// Guess is one act with its probability.
type Guess struct {
	Act  Act
	Prob float64
}

// index builds the hashed weights. Two features with one hash (rare with
// 64 bits) add up, the same in every run.
func (m *Model) index() {
	m.hashed = make(map[uint64][]float64, len(m.Weights))
	for f, ws := range m.Weights {
		if old, ok := m.hashed[hashString(f)]; ok {
			sum := make([]float64, len(ws))
			for i := range ws {
				sum[i] = old[i] + ws[i]
			}
			ws = sum
		}
		m.hashed[hashString(f)] = ws
	}
}

// Classify returns every act with its probability, most likely first.
func (m *Model) Classify(text string) []Guess {
	p := m.probsText(text)
	out := make([]Guess, len(p))
	for i, v := range p {
		out[i] = Guess{m.Classes[i], v}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Prob > out[j].Prob })
	return out
}

// Best is the most likely act and its probability.
func (m *Model) Best(text string) (Act, float64) {
	p := m.probsText(text)
	best := 0
	for i, v := range p {
		if v > p[best] {
			best = i
		}
	}
	return m.Classes[best], p[best]
}

// probs is the softmax of the class scores for the features fs.
func (m *Model) probs(fs []string) []float64 {
	s := make([]float64, len(m.Classes))
	copy(s, m.Bias)
	for _, f := range fs {
		if ws, ok := m.Weights[f]; ok {
			for i, w := range ws {
				s[i] += w
			}
		}
	}
	return softmax(s)
}

// probsText is probs for the features of text, read without building them.
func (m *Model) probsText(text string) []float64 {
	if m.hashed == nil { // a Model built by hand: the slow way, never a write
		return m.probs(Features(text))
	}
	s := make([]float64, len(m.Classes))
	copy(s, m.Bias)
	walk(text, func(k key) {
		if ws, ok := m.hashed[k.hash()]; ok {
			for i, w := range ws {
				s[i] += w
			}
		}
	})
	return softmax(s)
}

func softmax(s []float64) []float64 {
	max := math.Inf(-1)
	for _, v := range s {
		max = math.Max(max, v)
	}
	sum := 0.0
	for i, v := range s {
		s[i] = math.Exp(v - max)
		sum += s[i]
	}
	for i := range s {
		s[i] /= sum
	}
	return s
}

// Unfamiliar returns the words of text that the model does not know as
// words of act a: words it never saw, or saw mostly with other acts
// (a negative weight for a). A "yes" with such words in it ("yes and also
// more trees") may say more than yes.
func (m *Model) Unfamiliar(text string, a Act) []string {
	c := -1
	for i, k := range m.Classes {
		if k == a {
			c = i
		}
	}
	var out []string
	for _, t := range strings.Fields(Normalize(text)) {
		ws, ok := m.Weights["w:"+t]
		if !ok || c < 0 || ws[c] < 0 {
			out = append(out, t)
		}
	}
	return out
}
