package chart

import (
	"bytes"
	"image/png"
	"os"
	"testing"
)

func TestBarsPNG(t *testing.T) {
	b := Bars{Title: "Innspill per plan per uke (æøå)", Groups: []string{"uke 47", "uke 48", "uke 49"},
		Series: []Series{{"klimaplanen", []int{12, 30, 7}}, {"kulturplanen", []int{0, 4, 9}}, {"næringsplanen", []int{1, 0, 2}}}}
	data, err := b.PNG()
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("CHART_OUT") != "" {
		_ = os.WriteFile(os.Getenv("CHART_OUT"), data, 0o644)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != width || img.Bounds().Dy() != height {
		t.Errorf("size %v", img.Bounds())
	}
	seen := map[int]int{}
	for y := 0; y < height; y++ {
		for x := 0; x < width; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			for i, p := range palette[:3] {
				if uint8(r>>8) == p.R && uint8(g>>8) == p.G && uint8(bl>>8) == p.B {
					seen[i]++
				}
			}
		}
	}
	// The tallest bar (30) is far taller than the others: its colour covers
	// more pixels than the third series' (1, 0, 2) does.
	if seen[0] == 0 || seen[1] == 0 || seen[2] == 0 || seen[0] < 4*seen[2] {
		t.Errorf("colour pixels per series %v", seen)
	}
}

func TestBarsRefusesBadInput(t *testing.T) {
	for _, b := range []Bars{
		{},
		{Groups: []string{"a"}},
		{Groups: []string{"a", "b"}, Series: []Series{{"x", []int{1}}}},
		{Groups: []string{"a"}, Series: make([]Series, MaxSeries+1)},
	} {
		if _, err := b.PNG(); err == nil {
			t.Errorf("%+v: no error", b)
		}
	}
}

func TestNiceMax(t *testing.T) {
	for v, want := range map[int]int{0: 5, 3: 5, 6: 10, 11: 20, 30: 50, 51: 100, 100: 100, 101: 200, 999: 1000} {
		if got := niceMax(v); got != want {
			t.Errorf("niceMax(%d) = %d, want %d", v, got, want)
		}
	}
}
