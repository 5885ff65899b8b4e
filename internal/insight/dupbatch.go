package insight

// Grouping many texts at once (a summary over a period): the same groups
// as adding them one by one to a Grouper, with the band index built by
// sorting instead of in a hash table. Each looked-up band of each text
// becomes one uint64, its band value in the high bits and the text's index
// in the low ones; sorted, the texts with one band value lie side by side,
// oldest first, so a text's candidates in that band are the (at most
// maxBucket) entries before it in its run: what the Grouper's bucket held
// when the text was added. Reading a run touches one or two cache lines
// where the Grouper's bucket list touches one per entry.
const (
	idBits = 24 // texts per batch: up to 16.7 million
	idMask = 1<<idBits - 1
	// The band value keeps 40 bits: two different values meet in one run
	// about once in 2^40 pairs (a few times over 10 million band entries),
	// which only adds a candidate that confirm then compares and rejects.
)

// groupAll groups the normalised texts norms, signed as sigs (see Sign),
// and returns the group of each: the index of its group's first text, as
// Grouper.Group gives after adding them in order. It falls back to a
// Grouper beyond idMask texts.
func groupAll(norms []string, sigs []Signature) []int {
	n := len(norms)
	if n > idMask {
		return groupOneByOne(norms, sigs)
	}
	g := &Grouper{sigs: sigs, norms: norms, parent: make([]int32, n), exact: make(map[string]int32, n),
		shared: make([]int8, n), stamp: make([]int32, n)}
	entries := make([]uint64, 0, n*looked)
	for id := range int32(n) {
		g.parent[id] = id
		norm := norms[id]
		if norm == "" {
			continue
		}
		if first, ok := g.exact[norm]; ok {
			g.union(first, id) // the same text: its near-duplicates are the first one's
			continue
		}
		g.exact[norm] = id
		for b := 0; b < bands; b += bandStride {
			entries = append(entries, bandKey(&sigs[id], b)&^idMask|uint64(id))
		}
	}
	entries = sortByBand(entries)
	runs := runsOf(entries, n)
	for id := range int32(n) {
		g.hits = g.hits[:0]
		for _, r := range runs.of(id) {
			for _, e := range entries[r.start : r.start+min(r.rank, maxBucket)] {
				g.hit(int32(e&idMask), id)
			}
		}
		if len(g.hits) > 0 {
			g.confirm(id)
		}
	}
	out := make([]int, n)
	for i := range out {
		out[i] = int(g.find(int32(i)))
	}
	return out
}

// groupOneByOne is groupAll through a Grouper.
func groupOneByOne(norms []string, sigs []Signature) []int {
	g := NewGrouperSize(len(norms))
	for i := range norms {
		g.AddSigned(norms[i], sigs[i])
	}
	out := make([]int, len(norms))
	for i := range out {
		out[i] = g.Group(i)
	}
	return out
}

// run is where one band entry of a text lies in the sorted entries: the
// start of the run of its band value and its place in that run (how many
// earlier texts share the value).
type run struct{ start, rank int32 }

// textRuns holds the runs of every text, looked per text.
type textRuns struct {
	runs  []run
	count []uint8 // runs per text
}

// runsOf finds, for each entry of the sorted entries, its run, and files
// it under its text.
func runsOf(entries []uint64, n int) textRuns {
	tr := textRuns{runs: make([]run, n*looked), count: make([]uint8, n)}
	start := 0
	for p, e := range entries {
		if e&^idMask != entries[start]&^idMask {
			start = p
		}
		id := int(e & idMask)
		tr.runs[id*looked+int(tr.count[id])] = run{int32(start), int32(p - start)}
		tr.count[id]++
	}
	return tr
}

// of returns text id's runs.
func (tr textRuns) of(id int32) []run {
	return tr.runs[int(id)*looked : int(id)*looked+int(tr.count[id])]
}

// sortByBand sorts entries by their band value (the bits above idBits),
// keeping entries with the same value in the order given (by text, as
// they were made): a least-significant-digit radix sort, one byte a pass,
// which is stable and several times faster than a comparison sort here.
// It returns the sorted entries, in entries or in a second buffer.
func sortByBand(entries []uint64) []uint64 {
	buf := make([]uint64, len(entries))
	for shift := idBits; shift < 64; shift += 8 {
		var count [257]int
		for _, e := range entries {
			count[int(byte(e>>shift))+1]++
		}
		for i := 1; i < len(count); i++ {
			count[i] += count[i-1]
		}
		for _, e := range entries {
			d := byte(e >> shift)
			buf[count[d]] = e
			count[d]++
		}
		entries, buf = buf, entries
	}
	return entries
}
