// Package chart draws the small bar charts staff digests carry (inputs per
// plan per week, inputs per theme per week) as PNG images.
//
// It is written on the standard library's image and image/png with fonts
// from golang.org/x/image (the Go fonts, which cover æ, ø and å): a grouped
// bar chart needs no more, and a plotting library such as gonum.org/v1/plot
// would add nine modules (PDF, SVG, LaTeX, two font families, gonum's
// numerics) to the deployment for it. Colours are the Okabe-Ito palette,
// told apart by people with the common colour-vision deficiencies; every
// bar also carries its number, so no meaning rests on colour alone.
package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strconv"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Size of the image and its parts, in pixels.
const (
	width      = 960
	height     = 540
	marginLeft = 56
	marginTop  = 56
	marginEnd  = 24
	axisRoom   = 28 // below the plot: group labels
	legendRow  = 24
	fontSize   = 15
	titleSize  = 20
	// MaxSeries is the most series a chart shows (the palette's colours);
	// callers fold the rest into one.
	MaxSeries = 8
)

// palette is Okabe and Ito's colour-blind-safe palette.
var palette = []color.RGBA{
	{0xE6, 0x9F, 0x00, 0xff}, {0x56, 0xB4, 0xE9, 0xff}, {0x00, 0x9E, 0x73, 0xff}, {0xF0, 0xE4, 0x42, 0xff},
	{0x00, 0x72, 0xB2, 0xff}, {0xD5, 0x5E, 0x00, 0xff}, {0xCC, 0x79, 0xA7, 0xff}, {0x44, 0x44, 0x44, 0xff},
}

var (
	ink  = color.RGBA{0x22, 0x22, 0x22, 0xff}
	grid = color.RGBA{0xdd, 0xdd, 0xdd, 0xff}
)

// Series is one colour of bars: a value per group.
type Series struct {
	Name   string
	Values []int
}

// Bars is a grouped bar chart: for each group (a week) one bar per series
// (a plan, a theme).
type Bars struct {
	Title  string
	Groups []string
	Series []Series
}

// PNG draws the chart. It returns an error wrapping the font's or the
// encoder's, or one saying the chart has no groups, more than MaxSeries
// series, or a series whose values do not match the groups.
func (b Bars) PNG() ([]byte, error) {
	if len(b.Groups) == 0 || len(b.Series) == 0 || len(b.Series) > MaxSeries {
		return nil, fmt.Errorf("chart: %d groups and %d series (want 1+ and 1-%d)", len(b.Groups), len(b.Series), MaxSeries)
	}
	for _, s := range b.Series {
		if len(s.Values) != len(b.Groups) {
			return nil, fmt.Errorf("chart: series %q has %d values for %d groups", s.Name, len(s.Values), len(b.Groups))
		}
	}
	face, title, err := faces()
	if err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	c := canvas{img: img, face: face}
	c.text(title, marginLeft, marginTop-24, b.Title)
	legendTop := c.legend(b.Series)
	plot := image.Rect(marginLeft, marginTop, width-marginEnd, legendTop-axisRoom)
	top := niceMax(maxValue(b.Series))
	c.axis(plot, top)
	c.bars(plot, top, b)
	var out bytes.Buffer
	if err := png.Encode(&out, img); err != nil {
		return nil, fmt.Errorf("chart: encode png: %w", err)
	}
	return out.Bytes(), nil
}

// faces loads the Go Regular font at the body and title sizes.
func faces() (body, title font.Face, err error) {
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, nil, fmt.Errorf("chart: font: %w", err)
	}
	if body, err = opentype.NewFace(f, &opentype.FaceOptions{Size: fontSize, DPI: 72, Hinting: font.HintingFull}); err != nil {
		return nil, nil, fmt.Errorf("chart: font: %w", err)
	}
	if title, err = opentype.NewFace(f, &opentype.FaceOptions{Size: titleSize, DPI: 72, Hinting: font.HintingFull}); err != nil {
		return nil, nil, fmt.Errorf("chart: font: %w", err)
	}
	return body, title, nil
}

// canvas draws on an image.
type canvas struct {
	img  *image.RGBA
	face font.Face
}

// text writes s with its baseline at (x, y).
func (c canvas) text(face font.Face, x, y int, s string) {
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(ink), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

func (c canvas) width(s string) int { return font.MeasureString(c.face, s).Round() }

func (c canvas) fill(r image.Rectangle, col color.Color) {
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
}

// legend draws a swatch and a name per series in rows at the bottom and
// returns the top of the legend.
func (c canvas) legend(series []Series) int {
	type item struct {
		x, row int
		s      string
	}
	var items []item
	x, row := marginLeft, 0
	for _, s := range series {
		w := 18 + c.width(s.Name) + 24
		if x+w > width-marginEnd && x > marginLeft {
			x, row = marginLeft, row+1
		}
		items = append(items, item{x, row, s.Name})
		x += w
	}
	top := height - 8 - (row+1)*legendRow
	for i, it := range items {
		y := top + it.row*legendRow
		c.fill(image.Rect(it.x, y+4, it.x+14, y+18), palette[i])
		c.text(c.face, it.x+20, y+16, it.s)
	}
	return top
}

// axis draws horizontal grid lines with their values.
func (c canvas) axis(plot image.Rectangle, top int) {
	step := max(top/5, 1)
	for v := 0; v <= top; v += step {
		y := plot.Max.Y - v*plot.Dy()/top
		c.fill(image.Rect(plot.Min.X, y, plot.Max.X, y+1), grid)
		label := strconv.Itoa(v)
		c.text(c.face, plot.Min.X-8-c.width(label), y+5, label)
	}
}

// bars draws each group's bars with their numbers and the group's label.
func (c canvas) bars(plot image.Rectangle, top int, b Bars) {
	gw := plot.Dx() / len(b.Groups)
	bw := max(gw*4/5/len(b.Series), 2)
	for g, label := range b.Groups {
		x0 := plot.Min.X + g*gw + (gw-bw*len(b.Series))/2
		for i, s := range b.Series {
			v := s.Values[g]
			h := v * plot.Dy() / top
			r := image.Rect(x0+i*bw, plot.Max.Y-h, x0+(i+1)*bw-1, plot.Max.Y)
			c.fill(r, palette[i])
			if n := strconv.Itoa(v); v > 0 && c.width(n) <= bw+4 {
				c.text(c.face, r.Min.X+(bw-c.width(n))/2, r.Min.Y-4, n)
			}
		}
		c.text(c.face, plot.Min.X+g*gw+(gw-c.width(label))/2, plot.Max.Y+20, label)
	}
	c.fill(image.Rect(plot.Min.X, plot.Max.Y, plot.Max.X, plot.Max.Y+1), ink)
}

func maxValue(series []Series) int {
	m := 0
	for _, s := range series {
		for _, v := range s.Values {
			m = max(m, v)
		}
	}
	return m
}

// niceMax rounds v up to 1, 2 or 5 times a power of ten (at least 5), so
// the grid lines fall on round numbers.
func niceMax(v int) int {
	if v <= 5 {
		return 5
	}
	p := 1
	for p*10 < v {
		p *= 10
	}
	for _, m := range []int{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}
