// Command resize writes test/fixtures/resize/golden.json: the pixels Go's x/image/draw scalers
// (NearestNeighbor, ApproxBiLinear, BiLinear, CatmullRom) produce for seeded inputs, as FNV-1a
// 32-bit hashes of the destination's Pix bytes. test/resize/golden.test.ts rebuilds every input
// from the same description and compares.
//
// Run from the project root, offline, with Go 1.19 and x/image v0.5.0 installed:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run scripts/golden/resize/main.go > test/fixtures/resize/golden.json
//
// Inputs are filled by a 32-bit LCG (state = state*1664525 + 1013904223; byte = state >> 24),
// reseeded per image; see fill below and test/resize/golden-inputs.ts.
package main

import (
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"

	"golang.org/x/image/draw"
)

type lcg struct{ s uint32 }

func (g *lcg) byte() uint8 {
	g.s = g.s*1664525 + 1013904223
	return uint8(g.s >> 24)
}

func fill(seed uint32, bufs ...[]byte) {
	g := &lcg{seed}
	for _, b := range bufs {
		for i := range b {
			b[i] = g.byte()
		}
	}
}

// premul makes every 4-byte RGBA pixel valid premultiplied colour (c <= a), as Go's scale tests do.
func premul(pix []byte) {
	for i := 0; i < len(pix); i += 4 {
		a := uint32(pix[i+3])
		pix[i+0] = uint8(uint32(pix[i+0]) * a / 0xff)
		pix[i+1] = uint8(uint32(pix[i+1]) * a / 0xff)
		pix[i+2] = uint8(uint32(pix[i+2]) * a / 0xff)
	}
}

// premul16 does the same for 8-byte big-endian RGBA64 pixels.
func premul16(pix []byte) {
	for i := 0; i < len(pix); i += 8 {
		a := uint32(pix[i+6])<<8 | uint32(pix[i+7])
		for c := 0; c < 6; c += 2 {
			v := (uint32(pix[i+c])<<8 | uint32(pix[i+c+1])) * a / 0xffff
			pix[i+c] = uint8(v >> 8)
			pix[i+c+1] = uint8(v)
		}
	}
}

// Source describes one source image. Kind is one of rgba, rgba-sub (an RGBA sub-image of a larger
// image: a non-tight stride), nrgba, gray, rgba64, ycbcr, nycbcra, uniform, png. Wrapped hides the
// concrete type (Go's srcWrapper), forcing the generic path.
type Source struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Rect    [4]int `json:"rect"`
	Seed    uint32 `json:"seed"`
	Ratio   string `json:"ratio,omitempty"`
	Wrapped bool   `json:"wrapped,omitempty"`
	File    string `json:"file,omitempty"`
}

// Dest describes one destination: kind rgba, nrgba, rgba64, gray, or rgba-wrapped (Go's dstWrapper).
type Dest struct {
	Kind string `json:"kind"`
	Rect [4]int `json:"rect"`
	Seed uint32 `json:"seed"`
}

type srcWrapper struct{ image.Image }
type dstWrapper struct{ draw.Image }

var ratios = map[string]image.YCbCrSubsampleRatio{
	"444": image.YCbCrSubsampleRatio444,
	"422": image.YCbCrSubsampleRatio422,
	"420": image.YCbCrSubsampleRatio420,
	"440": image.YCbCrSubsampleRatio440,
	"411": image.YCbCrSubsampleRatio411,
	"410": image.YCbCrSubsampleRatio410,
}

func rectOf(r [4]int) image.Rectangle { return image.Rect(r[0], r[1], r[2], r[3]) }

func makeSource(s Source) image.Image {
	r := rectOf(s.Rect)
	var m image.Image
	switch s.Kind {
	case "rgba":
		x := image.NewRGBA(r)
		fill(s.Seed, x.Pix)
		premul(x.Pix)
		m = x
	case "rgba-sub":
		big := image.NewRGBA(image.Rect(r.Min.X-2, r.Min.Y-1, r.Max.X+3, r.Max.Y+2))
		fill(s.Seed, big.Pix)
		premul(big.Pix)
		m = big.SubImage(r)
	case "nrgba":
		x := image.NewNRGBA(r)
		fill(s.Seed, x.Pix)
		m = x
	case "gray":
		x := image.NewGray(r)
		fill(s.Seed, x.Pix)
		m = x
	case "rgba64":
		x := image.NewRGBA64(r)
		fill(s.Seed, x.Pix)
		premul16(x.Pix)
		m = x
	case "ycbcr":
		x := image.NewYCbCr(r, ratios[s.Ratio])
		fill(s.Seed, x.Y, x.Cb, x.Cr)
		m = x
	case "nycbcra":
		x := image.NewNYCbCrA(r, ratios[s.Ratio])
		fill(s.Seed, x.Y, x.Cb, x.Cr, x.A)
		m = x
	case "uniform":
		m = image.NewUniform(color.RGBA64{0x1234, 0x5555, 0x9181, 0xbeef})
	case "png":
		f, err := os.Open(s.File)
		if err != nil {
			panic(err)
		}
		defer f.Close()
		x, err := png.Decode(f)
		if err != nil {
			panic(err)
		}
		m = x
	default:
		panic("unknown source kind " + s.Kind)
	}
	if s.Wrapped {
		m = srcWrapper{m}
	}
	return m
}

func makeDest(d Dest) (draw.Image, []byte) {
	r := rectOf(d.Rect)
	switch d.Kind {
	case "rgba", "rgba-wrapped":
		x := image.NewRGBA(r)
		fill(d.Seed, x.Pix)
		premul(x.Pix)
		if d.Kind == "rgba-wrapped" {
			return dstWrapper{x}, x.Pix
		}
		return x, x.Pix
	case "nrgba":
		x := image.NewNRGBA(r)
		fill(d.Seed, x.Pix)
		return x, x.Pix
	case "rgba64":
		x := image.NewRGBA64(r)
		fill(d.Seed, x.Pix)
		premul16(x.Pix)
		return x, x.Pix
	case "gray":
		x := image.NewGray(r)
		fill(d.Seed, x.Pix)
		return x, x.Pix
	}
	panic("unknown dest kind " + d.Kind)
}

func fnv(b []byte) string {
	h := uint32(2166136261)
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return fmt.Sprintf("%08x", h)
}

var scalerNames = []string{"NearestNeighbor", "ApproxBiLinear", "BiLinear", "CatmullRom"}
var scalers = []draw.Scaler{draw.NearestNeighbor, draw.ApproxBiLinear, draw.BiLinear, draw.CatmullRom}
var opNames = []string{"over", "src"}
var ops = []draw.Op{draw.Over, draw.Src}

func add(r [4]int, dx, dy int) [4]int { return [4]int{r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy} }

// Grid is Go's TestFastPaths grid: every source × destination × dr × sr × scaler × op. The
// destination rectangles drs are relative to the destination's min, the source rectangles srs to
// the source's min. Hashes are listed in that loop order (op innermost).
type Grid struct {
	Sources []Source `json:"sources"`
	Dests   []Dest   `json:"dests"`
	Drs     [][4]int `json:"drs"`
	Srs     [][4]int `json:"srs"`
	Hashes  string   `json:"hashes"`
}

// Sizes scales the whole source onto the whole destination (dr = dst bounds, sr = src bounds):
// every source × destination × scaler × op, op innermost.
type Sizes struct {
	Sources []Source `json:"sources"`
	Dests   []Dest   `json:"dests"`
	Hashes  string   `json:"hashes"`
}

type Golden struct {
	Comment string   `json:"comment"`
	Scalers []string `json:"scalers"`
	Ops     []string `json:"ops"`
	Grid    Grid     `json:"grid"`
	Sizes   Sizes    `json:"sizes"`
	Photo   Sizes    `json:"photo"`
	Plugins Plugins  `json:"plugins"`
}

// Plugins checks kernels made with draw.Kernel{Support, At} from outside the package (as
// new Kernel(support, at) in TypeScript): every source × destination × kernel × op, whole source
// onto whole destination. The kernels use only + − × / and comparisons, so both languages
// evaluate them to the same bits.
type Plugins struct {
	Kernels []string `json:"kernels"`
	Sources []Source `json:"sources"`
	Dests   []Dest   `json:"dests"`
	Hashes  string   `json:"hashes"`
}

// The plugin kernels, also defined in test/resize/golden.test.ts.
var pluginNames = []string{"hole", "cubic", "negative"}
var plugins = []draw.Scaler{
	// Zero near the centre: ranges with zero weights at their start and inside.
	&draw.Kernel{Support: 1.5, At: func(t float64) float64 {
		if t < 0.25 {
			return 0
		}
		return 1.5 - t
	}},
	// A smooth cubic bump, wide support.
	&draw.Kernel{Support: 2.5, At: func(t float64) float64 { return (2.5 - t) * (2.5 - t) * (1 + t) / 4 }},
	// Strong negative lobes: clamping matters.
	&draw.Kernel{Support: 2, At: func(t float64) float64 {
		if t < 1 {
			return 1 - 2*t*t
		}
		return -0.75 * (2 - t)
	}},
}

func run(s Source, d Dest, dr, sr image.Rectangle, q draw.Scaler, op draw.Op) string {
	src := makeSource(s)
	dst, pix := makeDest(d)
	q.Scale(dst, dr, src, sr, op, nil)
	return fnv(pix)
}

func main() {
	g := Golden{
		Comment: "Generated by scripts/golden/resize/main.go from Go's x/image/draw v0.5.0. Do not edit.",
		Scalers: scalerNames,
		Ops:     opNames,
	}

	// The grid: Go's TestFastPaths rectangles, around a 12x9 source and a 10x10 destination, with
	// non-zero origins.
	o := [2]int{-3, 5}
	srcRect := add([4]int{0, 0, 12, 9}, o[0], o[1])
	seed := uint32(1)
	next := func() uint32 { seed++; return seed * 7919 }
	g.Grid.Sources = []Source{
		{Name: "rgba", Kind: "rgba", Rect: srcRect, Seed: next()},
		{Name: "rgba-sub", Kind: "rgba-sub", Rect: srcRect, Seed: next()},
		{Name: "nrgba", Kind: "nrgba", Rect: srcRect, Seed: next()},
		{Name: "gray", Kind: "gray", Rect: srcRect, Seed: next()},
		{Name: "rgba64", Kind: "rgba64", Rect: srcRect, Seed: next()},
		{Name: "uniform", Kind: "uniform", Rect: srcRect},
		{Name: "nycbcra420", Kind: "nycbcra", Ratio: "420", Rect: srcRect, Seed: next()},
		{Name: "wrapped-nrgba", Kind: "nrgba", Rect: srcRect, Seed: next(), Wrapped: true},
		{Name: "wrapped-gray", Kind: "gray", Rect: srcRect, Seed: next(), Wrapped: true},
		{Name: "wrapped-ycbcr420", Kind: "ycbcr", Ratio: "420", Rect: srcRect, Seed: next(), Wrapped: true},
	}
	for _, ratio := range []string{"444", "422", "420", "440", "411", "410"} {
		g.Grid.Sources = append(g.Grid.Sources, Source{Name: "ycbcr" + ratio, Kind: "ycbcr", Ratio: ratio, Rect: srcRect, Seed: next()})
	}
	dstRect := [4]int{0, 0, 10, 10}
	g.Grid.Dests = []Dest{
		{Kind: "rgba", Rect: dstRect, Seed: next()},
		{Kind: "rgba", Rect: add(dstRect, 4, -7), Seed: next()},
		{Kind: "nrgba", Rect: dstRect, Seed: next()},
		{Kind: "rgba64", Rect: dstRect, Seed: next()},
		{Kind: "gray", Rect: dstRect, Seed: next()},
		{Kind: "rgba-wrapped", Rect: dstRect, Seed: next()},
	}
	g.Grid.Drs = [][4]int{{0, 0, 10, 10}, {3, 4, 8, 6}, {-3, -5, 2, 4}, {4, -2, 6, 12}, {12, 14, 23, 45}, {5, 5, 5, 5}}
	g.Grid.Srs = [][4]int{{0, 0, 12, 9}, {2, 2, 10, 8}, {10, 5, 20, 20}, {-40, 0, 40, 8}, {-8, -8, -4, -4}, {5, 5, 5, 5}}
	var hs []byte
	for _, s := range g.Grid.Sources {
		for _, d := range g.Grid.Dests {
			for _, dr := range g.Grid.Drs {
				for _, sr := range g.Grid.Srs {
					for qi, q := range scalers {
						for oi, op := range ops {
							_ = qi
							_ = oi
							dr1 := rectOf(add(dr, d.Rect[0], d.Rect[1]))
							sr1 := rectOf(add(sr, srcRect[0], srcRect[1]))
							hs = append(hs, run(s, d, dr1, sr1, q, op)...)
						}
					}
				}
			}
		}
	}
	g.Grid.Hashes = string(hs)

	// Sizes: whole source onto whole destination, up, down, same size, odd and mixed.
	sr := [4]int{-7, 4, 16, 21} // 23x17
	g.Sizes.Sources = []Source{
		{Name: "rgba", Kind: "rgba", Rect: sr, Seed: next()},
		{Name: "nrgba", Kind: "nrgba", Rect: sr, Seed: next()},
		{Name: "gray", Kind: "gray", Rect: sr, Seed: next()},
		{Name: "ycbcr420", Kind: "ycbcr", Ratio: "420", Rect: sr, Seed: next()},
		{Name: "ycbcr422", Kind: "ycbcr", Ratio: "422", Rect: sr, Seed: next()},
		{Name: "ycbcr411", Kind: "ycbcr", Ratio: "411", Rect: sr, Seed: next()},
		{Name: "wrapped-rgba", Kind: "rgba", Rect: sr, Seed: next(), Wrapped: true},
	}
	for _, wh := range [][2]int{{23, 17}, {7, 5}, {46, 34}, {50, 9}, {1, 1}, {3, 40}, {11, 8}} {
		for _, kind := range []string{"rgba", "nrgba"} {
			g.Sizes.Dests = append(g.Sizes.Dests, Dest{Kind: kind, Rect: [4]int{2, -1, 2 + wh[0], -1 + wh[1]}, Seed: next()})
		}
	}
	hs = nil
	for _, s := range g.Sizes.Sources {
		for _, d := range g.Sizes.Dests {
			for _, q := range scalers {
				for _, op := range ops {
					hs = append(hs, run(s, d, rectOf(d.Rect), rectOf(s.Rect), q, op)...)
				}
			}
		}
	}
	g.Sizes.Hashes = string(hs)

	// A real picture: Go's video-001.png (150x103 RGB), as image/png decodes it (*image.RGBA).
	photo := Source{Name: "video-001.png", Kind: "png", File: "../shared/corpus/gotestdata/video-001.png", Rect: [4]int{0, 0, 150, 103}}
	g.Photo.Sources = []Source{photo}
	for _, wh := range [][2]int{{40, 30}, {61, 97}, {320, 240}, {150, 103}} {
		g.Photo.Dests = append(g.Photo.Dests, Dest{Kind: "rgba", Rect: [4]int{0, 0, wh[0], wh[1]}, Seed: next()})
	}
	hs = nil
	for _, d := range g.Photo.Dests {
		for _, q := range scalers {
			for _, op := range ops {
				hs = append(hs, run(photo, d, rectOf(d.Rect), rectOf(photo.Rect), q, op)...)
			}
		}
	}
	g.Photo.Hashes = string(hs)

	// Plugin kernels.
	g.Plugins.Kernels = pluginNames
	g.Plugins.Sources = []Source{
		{Name: "rgba", Kind: "rgba", Rect: sr, Seed: next()},
		{Name: "nrgba", Kind: "nrgba", Rect: sr, Seed: next()},
		{Name: "ycbcr420", Kind: "ycbcr", Ratio: "420", Rect: sr, Seed: next()},
	}
	for _, wh := range [][2]int{{23, 17}, {7, 5}, {46, 34}, {50, 9}, {2, 3}} {
		for _, kind := range []string{"rgba", "nrgba"} {
			g.Plugins.Dests = append(g.Plugins.Dests, Dest{Kind: kind, Rect: [4]int{-3, 4, -3 + wh[0], 4 + wh[1]}, Seed: next()})
		}
	}
	hs = nil
	for _, s := range g.Plugins.Sources {
		for _, d := range g.Plugins.Dests {
			for _, q := range plugins {
				for _, op := range ops {
					hs = append(hs, run(s, d, rectOf(d.Rect), rectOf(s.Rect), q, op)...)
				}
			}
		}
	}
	g.Plugins.Hashes = string(hs)

	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(g); err != nil {
		panic(err)
	}
}
