package insight

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Example is one labelled input: the plan it was given to, the key of the
// theme it is mostly about, and its text.
type Example struct {
	Plan, Theme, Text string
}

// TrainOptions tune Train; the zero value uses the defaults.
type TrainOptions struct {
	Epochs int     // passes over the data (default 40)
	Rate   float64 // learning rate (default 0.2)
	L2     float64 // weight decay per update (default 1e-3)
	Seed   uint64  // shuffling seed: the same seed and data give the same model
}

// Train fits a model per plan of tg's catalogue to the examples of that
// plan (examples of plans without written themes, or with a theme key the
// plan lacks, are left out) by stochastic gradient descent on the
// log-loss, deterministically for a given seed. tg supplies the words and
// the word table's scores, as it does when tagging; its own model, if
// any, is not used.
func Train(tg *Tagger, examples []Example, o TrainOptions) *Model {
	if o.Epochs == 0 {
		o.Epochs = 40
	}
	if o.Rate == 0 {
		o.Rate = 0.2
	}
	if o.L2 == 0 {
		o.L2 = 1e-3
	}
	byPlan := map[string][]Example{}
	for _, e := range examples {
		byPlan[e.Plan] = append(byPlan[e.Plan], e)
	}
	m := &Model{Plans: map[string]*PlanModel{}}
	for plan, exs := range byPlan {
		pt := tg.plans[plan]
		if pt == nil {
			continue
		}
		if p := trainPlan(tg, pt, exs, o); p != nil {
			m.Plans[plan] = p
		}
	}
	return m
}

// sample is one example as the model reads it.
type sample struct {
	fs    []string
	lex   []float32
	class int
}

func trainPlan(tg *Tagger, pt *planThemes, exs []Example, o TrainOptions) *PlanModel {
	themes := keys(pt.themes)
	n := len(themes)
	p := &PlanModel{Themes: themes, Bias: make([]float32, n), Weights: map[string][]float32{}, Lexicon: 1}
	var data []sample
	for _, e := range exs {
		c := indexOf(themes, e.Theme)
		if c < 0 {
			continue
		}
		lex, fs := tg.read(pt, e.Text, true)
		for _, f := range fs {
			if p.Weights[f] == nil {
				p.Weights[f] = make([]float32, n)
			}
		}
		data = append(data, sample{fs: fs, lex: lex, class: c})
	}
	if len(data) == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(o.Seed, 23))
	order := rng.Perm(len(data))
	prob := make([]float32, n)
	for ep := 0; ep < o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := float32(o.Rate / (1 + float64(ep)/5))
		decay := 1 - rate*float32(o.L2)
		for _, k := range order {
			s := data[k]
			p.scores(s.fs, s.lex, prob)
			softmax(prob)
			prob[s.class] -= 1 // gradient of the log-loss per theme
			scale := rate / float32(math.Sqrt(float64(max(len(s.fs), 1))))
			var gl float32
			for c, g := range prob {
				p.Bias[c] -= rate * g * 0.1
				gl += g * s.lex[c]
				for _, f := range s.fs {
					w := p.Weights[f]
					w[c] = w[c]*decay - scale*g
				}
			}
			p.Lexicon -= rate * 0.1 * gl
		}
	}
	for f, w := range p.Weights { // a feature that hardly moves a score only costs memory
		if slices.IndexFunc(w, func(v float32) bool { return v > pruneBelow || v < -pruneBelow }) < 0 {
			delete(p.Weights, f)
		}
	}
	return p
}

// pruneBelow is the weight under which a feature is left out of the model.
const pruneBelow = 0.02

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
