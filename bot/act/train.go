package act

import (
	"math"
	"math/rand/v2"
)

// Example is one labelled turn.
type Example struct {
	Text string
	Act  Act
}

// TrainOptions tune Train; the zero value uses the defaults.
type TrainOptions struct {
	Epochs int     // passes over the data (default 30)
	Rate   float64 // learning rate (default 0.3)
	L2     float64 // weight decay per update (default 1e-4)
	Seed   uint64  // shuffling seed: the same seed and data give the same model
}

// Train fits a model to examples by stochastic gradient descent on the
// log-loss, deterministically for a given seed.
func Train(examples []Example, o TrainOptions) *Model {
	if o.Epochs == 0 {
		o.Epochs = 30
	}
	if o.Rate == 0 {
		o.Rate = 0.3
	}
	if o.L2 == 0 {
		o.L2 = 1e-4
	}
	idx := map[Act]int{}
	for i, a := range Acts {
		idx[a] = i
	}
	m := &Model{Classes: Acts, Bias: make([]float64, len(Acts)), Weights: map[string][]float64{}}
	feats := make([][]string, len(examples))
	for i, e := range examples {
		feats[i] = Features(e.Text)
		for _, f := range feats[i] {
			if m.Weights[f] == nil {
				m.Weights[f] = make([]float64, len(Acts))
			}
		}
	}
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(o.Seed, 18))
	for ep := 0; ep < o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := o.Rate / (1 + float64(ep)/5)
		for _, k := range order {
			fs := feats[k]
			p := m.probs(fs)
			p[idx[examples[k].Act]] -= 1 // gradient of the log-loss per class
			scale := rate / math.Sqrt(float64(len(fs)))
			for c, g := range p {
				m.Bias[c] -= rate * g * 0.1
				for _, f := range fs {
					w := m.Weights[f]
					w[c] -= scale*g + rate*o.L2*w[c]
				}
			}
		}
	}
	m.index()
	return m
}
