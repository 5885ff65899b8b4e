package insight

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
)

//go:generate go run ./gen -out themes_model.json.gz

// Model is a small linear classifier per plan over the words of an input,
// learned from labelled inputs (testdata/) by `go generate` (gen/main.go)
// and committed as themes_model.json.gz. The tagger adds it to the word
// table (lexicon.go): the table knows the words, the model learns which
// of a plan's neighbouring themes a labeller means when words are shared
// ("hall" in a complaint about hall rent is about the framework, not the
// facility). A plan whose catalogue themes differ from the ones the model
// was trained on is tagged by the table alone.
type Model struct {
	Plans map[string]*PlanModel `json:"plans"`

	version string // a hash of the file it was read from ("" when trained here)
}

// PlanModel scores one plan's themes: a bias per theme, a weight per
// feature and theme, and one weight for the word table's score of each
// theme (so words the training data never saw still count).
type PlanModel struct {
	Themes  []string             `json:"themes"` // theme keys, in catalogue order
	Bias    []float32            `json:"bias"`
	Lexicon float32              `json:"lexicon"` // weight of the table's score
	Weights map[string][]float32 `json:"weights"` // feature -> weight per theme
}

//go:embed themes_model.json.gz
var modelData []byte

// DefaultModel returns the committed model; an error only if the embedded
// file is damaged.
func DefaultModel() (*Model, error) { return LoadModel(bytes.NewReader(modelData)) }

// LoadModel reads a model written by Save; it fails on a damaged file or
// one whose sizes disagree.
func LoadModel(r io.Reader) (*Model, error) {
	sum := sha256.New()
	zr, err := gzip.NewReader(io.TeeReader(r, sum))
	if err != nil {
		return nil, fmt.Errorf("insight: open theme model: %w", err)
	}
	defer zr.Close()
	var m Model
	if err := json.NewDecoder(zr).Decode(&m); err != nil {
		return nil, fmt.Errorf("insight: read theme model: %w", err)
	}
	m.version = hex.EncodeToString(sum.Sum(nil)[:6])
	for id, p := range m.Plans {
		if len(p.Bias) != len(p.Themes) {
			return nil, fmt.Errorf("insight: read theme model: plan %s: %d biases for %d themes", id, len(p.Bias), len(p.Themes))
		}
		for f, w := range p.Weights {
			if len(w) != len(p.Themes) {
				return nil, fmt.Errorf("insight: read theme model: plan %s feature %q: %d weights", id, f, len(w))
			}
		}
	}
	return &m, nil
}

// Save writes m gzipped as JSON, features sorted (the same model gives the
// same bytes); it first rounds m's weights to four decimals and drops
// features whose weights are all zero, in m itself. It returns the
// writer's error.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("insight: save theme model: %w", err)
	}
	for _, p := range m.Plans {
		for f, ws := range p.Weights {
			for i, v := range ws {
				ws[i] = float32(math.Round(float64(v)*1e4) / 1e4)
			}
			if slices.IndexFunc(ws, func(v float32) bool { return v != 0 }) < 0 {
				delete(p.Weights, f)
			}
		}
	}
	if err := json.NewEncoder(zw).Encode(m); err != nil { // maps are written sorted
		return fmt.Errorf("insight: save theme model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("insight: save theme model: %w", err)
	}
	return nil
}

// scores adds the model's score of each theme for features fs and the
// table's scores lex to out (len(p.Themes)), and reports whether any
// feature was known to the model.
func (p *PlanModel) scores(fs []string, lex []float32, out []float32) bool {
	copy(out, p.Bias)
	known := false
	for _, f := range fs {
		if w, ok := p.Weights[f]; ok {
			known = true
			for c, v := range w {
				out[c] += v
			}
		}
	}
	for c, v := range lex {
		out[c] += p.Lexicon * v
	}
	return known
}

// softmax turns scores into probabilities in place.
func softmax(s []float32) {
	m := float32(math.Inf(-1))
	for _, v := range s {
		m = max(m, v)
	}
	var sum float32
	for i, v := range s {
		s[i] = float32(math.Exp(float64(v - m)))
		sum += s[i]
	}
	for i := range s {
		s[i] /= sum
	}
}
