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
	// Each act weighs the same in total, whatever its number of turns
	// (questions outnumber every other act many times over), softened by a
	// square root.
	count := make([]int, len(Acts))
	for _, e := range examples {
		count[idx[e.Act]]++
	}
	weight := make([]float64, len(Acts))
	for c, n := range count {
		if n > 0 {
			weight[c] = math.Sqrt(float64(len(examples)) / float64(len(Acts)*n))
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
			c := idx[examples[k].Act]
			p[c] -= 1 // gradient of the log-loss per class
			scale := weight[c] * rate / math.Sqrt(float64(len(fs)))
			for c, g := range p {
				m.Bias[c] -= weight[idx[examples[k].Act]] * rate * g * 0.1
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
