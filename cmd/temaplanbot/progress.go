package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// progress draws a one-line progress bar on a terminal (nothing when w is
// not one): the share of the file read, when its size is known, and the
// rows so far, redrawn at most every 200 ms.
type progress struct {
	w     io.Writer
	on    bool
	size  int64
	read  int64
	rows  int
	drawn time.Time
	shown bool
}

func newProgress(w io.Writer, size int64) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, size: size, on: ok && term.IsTerminal(int(f.Fd())), drawn: time.Now()}
}

// reader counts the bytes read through r.
func (p *progress) reader(r io.Reader) io.Reader { return &countingReader{r: r, n: &p.read} }

type countingReader struct {
	r io.Reader
	n *int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	*c.n += int64(n)
	return n, err
}

// row counts a row and redraws the bar when it is time.
func (p *progress) row() {
	p.rows++
	if !p.on || time.Since(p.drawn) < 200*time.Millisecond {
		return
	}
	p.drawn = time.Now()
	const width = 30
	line := fmt.Sprintf("%d rows", p.rows)
	if p.size > 0 {
		share := min(float64(p.read)/float64(p.size), 1)
		full := int(share * width)
		line = fmt.Sprintf("[%s%s] %3.0f%%  %s", strings.Repeat("#", full), strings.Repeat(".", width-full), share*100, line)
	}
	fmt.Fprint(p.w, "\r"+line)
	p.shown = true
}

// clear removes the bar so a message can take the line.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

// done removes the bar at the end.
func (p *progress) done() { p.clear() }
