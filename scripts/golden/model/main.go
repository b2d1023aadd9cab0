// Command model writes the golden vectors of imago's core model (geometry, colours, models,
// palettes, image types) from Go's own image, image/color and image/color/palette packages.
//
// Run it from the project root, one part at a time (Go 1.19, no network):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run scripts/golden/model/main.go colors   > test/fixtures/model/colors.json
//	GO111MODULE=off GOPATH=/usr/share/gocode go run scripts/golden/model/main.go hashes   > test/fixtures/model/hashes.json
//	GO111MODULE=off GOPATH=/usr/share/gocode go run scripts/golden/model/main.go palettes > test/fixtures/model/palettes.json
//	GO111MODULE=off GOPATH=/usr/share/gocode go run scripts/golden/model/main.go images   > test/fixtures/model/images.json
//	GO111MODULE=off GOPATH=/usr/share/gocode go run scripts/golden/model/main.go geom     > test/fixtures/model/geom.json
//
// Colours are written as [type, fields...], e.g. ["NRGBA", 255, 0, 0, 128]. Big sweeps are
// written as SHA-256 hashes of a byte stream whose layout is documented beside each stream
// below; test/helpers/golden-model.ts rebuilds the same streams in TypeScript. Pseudo-random
// inputs come from xorshift32 (x ^= x<<13; x ^= x>>17; x ^= x<<5 on uint32), seeded per stream,
// which the tests reimplement, so the fixtures hold only outputs for the large sets.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"image"
	"image/color"
	"image/color/palette"
	"os"
	"strings"
)

// ---------------------------------------------------------------------------------------------
// Deterministic inputs.

type rng struct{ s uint32 }

func (r *rng) next() uint32 {
	x := r.s
	x ^= x << 13
	x ^= x >> 17
	x ^= x << 5
	r.s = x
	return x
}
func (r *rng) u8() uint8   { return uint8(r.next() >> 24) }
func (r *rng) u16() uint16 { return uint16(r.next() >> 16) }

// The colour types, and the models, in one fixed order (Go's color package order).
var typeNames = []string{"RGBA", "RGBA64", "NRGBA", "NRGBA64", "Alpha", "Alpha16", "Gray", "Gray16", "CMYK", "YCbCr", "NYCbCrA"}

var models = []color.Model{
	color.RGBAModel, color.RGBA64Model, color.NRGBAModel, color.NRGBA64Model,
	color.AlphaModel, color.Alpha16Model, color.GrayModel, color.Gray16Model,
	color.CMYKModel, color.YCbCrModel, color.NYCbCrAModel,
}

// Edge values: zero, one, around the middle, around the top.
var e8 = []uint32{0, 1, 0x7f, 0x80, 0xfe, 0xff}
var e16 = []uint32{0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff}

// fieldCount and wide (16-bit fields) per type.
func shape(t string) (n int, wide bool) {
	switch t {
	case "RGBA", "NRGBA", "CMYK", "NYCbCrA":
		return 4, false
	case "RGBA64", "NRGBA64":
		return 4, true
	case "Alpha", "Gray":
		return 1, false
	case "Alpha16", "Gray16":
		return 1, true
	case "YCbCr":
		return 3, false
	}
	panic(t)
}

func make_(t string, f []uint32) color.Color {
	switch t {
	case "RGBA":
		return color.RGBA{uint8(f[0]), uint8(f[1]), uint8(f[2]), uint8(f[3])}
	case "RGBA64":
		return color.RGBA64{uint16(f[0]), uint16(f[1]), uint16(f[2]), uint16(f[3])}
	case "NRGBA":
		return color.NRGBA{uint8(f[0]), uint8(f[1]), uint8(f[2]), uint8(f[3])}
	case "NRGBA64":
		return color.NRGBA64{uint16(f[0]), uint16(f[1]), uint16(f[2]), uint16(f[3])}
	case "Alpha":
		return color.Alpha{uint8(f[0])}
	case "Alpha16":
		return color.Alpha16{uint16(f[0])}
	case "Gray":
		return color.Gray{uint8(f[0])}
	case "Gray16":
		return color.Gray16{uint16(f[0])}
	case "CMYK":
		return color.CMYK{uint8(f[0]), uint8(f[1]), uint8(f[2]), uint8(f[3])}
	case "YCbCr":
		return color.YCbCr{uint8(f[0]), uint8(f[1]), uint8(f[2])}
	case "NYCbCrA":
		return color.NYCbCrA{color.YCbCr{uint8(f[0]), uint8(f[1]), uint8(f[2])}, uint8(f[3])}
	}
	panic(t)
}

// fields returns a colour's type name and fields.
func fields(c color.Color) (string, []uint32) {
	switch c := c.(type) {
	case color.RGBA:
		return "RGBA", []uint32{uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)}
	case color.RGBA64:
		return "RGBA64", []uint32{uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)}
	case color.NRGBA:
		return "NRGBA", []uint32{uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)}
	case color.NRGBA64:
		return "NRGBA64", []uint32{uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)}
	case color.Alpha:
		return "Alpha", []uint32{uint32(c.A)}
	case color.Alpha16:
		return "Alpha16", []uint32{uint32(c.A)}
	case color.Gray:
		return "Gray", []uint32{uint32(c.Y)}
	case color.Gray16:
		return "Gray16", []uint32{uint32(c.Y)}
	case color.CMYK:
		return "CMYK", []uint32{uint32(c.C), uint32(c.M), uint32(c.Y), uint32(c.K)}
	case color.YCbCr:
		return "YCbCr", []uint32{uint32(c.Y), uint32(c.Cb), uint32(c.Cr)}
	case color.NYCbCrA:
		return "NYCbCrA", []uint32{uint32(c.Y), uint32(c.Cb), uint32(c.Cr), uint32(c.A)}
	}
	panic(fmt.Sprintf("%T", c))
}

func enc(c color.Color) []any {
	t, f := fields(c)
	out := []any{t}
	for _, v := range f {
		out = append(out, v)
	}
	return out
}

func rgbaOf(c color.Color) []uint32 {
	r, g, b, a := c.RGBA()
	return []uint32{r, g, b, a}
}

func randomColor(r *rng, t string) color.Color {
	n, wide := shape(t)
	f := make([]uint32, n)
	for i := range f {
		if wide {
			f[i] = uint32(r.u16())
		} else {
			f[i] = uint32(r.u8())
		}
	}
	return make_(t, f)
}

// edgeProduct calls fn with every combination of edge values for the type's fields.
func edgeProduct(t string, fn func(color.Color)) {
	n, wide := shape(t)
	e := e8
	if wide {
		e = e16
	}
	f := make([]uint32, n)
	var rec func(i int)
	rec = func(i int) {
		if i == n {
			fn(make_(t, f))
			return
		}
		for _, v := range e {
			f[i] = v
			rec(i + 1)
		}
	}
	rec(0)
}

// ---------------------------------------------------------------------------------------------
// Output helpers: one JSON object, one record per line.

type writer struct {
	first bool
}

func (w *writer) section(name string, records []any) {
	if w.first {
		fmt.Print("{\n")
		w.first = false
	} else {
		fmt.Print(",\n")
	}
	fmt.Printf("%q: [", name)
	for i, r := range records {
		b, err := json.Marshal(r)
		if err != nil {
			panic(err)
		}
		if i > 0 {
			fmt.Print(",")
		}
		fmt.Print("\n  ")
		os.Stdout.Write(b)
	}
	fmt.Print("\n]")
}

func (w *writer) value(name string, v any) {
	if w.first {
		fmt.Print("{\n")
		w.first = false
	} else {
		fmt.Print(",\n")
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%q: %s", name, b)
}

func (w *writer) end() { fmt.Print("\n}\n") }

// ---------------------------------------------------------------------------------------------
// colors: explicit colours of every type, their RGBA() and every model's Convert.

func colorsPart(w *writer) {
	var list []color.Color
	for ti, t := range typeNames {
		n, wide := shape(t)
		e := e8
		if wide {
			e = []uint32{0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff}
		}
		switch n {
		case 1:
			for _, v := range e16 {
				if wide || v <= 0xff {
					list = append(list, make_(t, []uint32{v}))
				}
			}
		case 3: // YCbCr: luma edges with neutral, extreme and crossed chroma.
			for _, y := range e {
				for _, cc := range [][2]uint32{{0x80, 0x80}, {0, 0}, {0xff, 0xff}, {0, 0xff}, {0xff, 0}} {
					list = append(list, make_(t, []uint32{y, cc[0], cc[1]}))
				}
			}
		case 4: // (c, c, c, a): includes premultiplied colours with c > a, which Go accepts.
			for _, c := range e {
				for _, a := range e {
					if t == "NYCbCrA" {
						list = append(list, make_(t, []uint32{c, 0x80, 0x80, a}))
					} else {
						list = append(list, make_(t, []uint32{c, c, c, a}))
					}
				}
			}
		}
		r := &rng{uint32(0x9e3779b9 + ti)}
		for i := 0; i < 12; i++ {
			list = append(list, randomColor(r, t))
		}
	}
	// A few hand-picked ones from Go's tests and docs.
	list = append(list,
		color.RGBA{0x80, 0x00, 0x00, 0x80}, color.RGBA{0x7f, 0x00, 0x00, 0x7f},
		color.NRGBA64{0xffff, 0xffff, 0xffff, 0x1357}, color.RGBA64{0x1234, 0x1234, 0x1234, 0x1234},
		color.Black, color.White, color.Transparent, color.Opaque,
	)
	var recs []any
	for _, c := range list {
		conv := make([]any, len(models))
		for i, m := range models {
			_, f := fields(m.Convert(c))
			conv[i] = f
		}
		recs = append(recs, []any{enc(c), rgbaOf(c), conv})
	}
	w.value("models", typeNames)
	w.section("colors", recs)
}

// ---------------------------------------------------------------------------------------------
// hashes: SHA-256 over large and exhaustive sweeps.

type stream struct {
	h   hash.Hash
	buf []byte
	n   int
}

func newStream() *stream { return &stream{h: sha256.New()} }
func (s *stream) u8(v uint32) {
	if v > 0xff {
		panic("u8 overflow")
	}
	s.buf = append(s.buf, byte(v))
	s.flush()
}
func (s *stream) u16(v uint32) {
	if v > 0xffff {
		panic("u16 overflow")
	}
	s.buf = append(s.buf, byte(v>>8), byte(v))
	s.flush()
}
func (s *stream) u32(v uint32) {
	s.buf = append(s.buf, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
	s.flush()
}
func (s *stream) flush() {
	if len(s.buf) >= 1<<16 {
		s.n += len(s.buf)
		s.h.Write(s.buf)
		s.buf = s.buf[:0]
	}
}
func (s *stream) sum() map[string]any {
	s.n += len(s.buf)
	s.h.Write(s.buf)
	return map[string]any{"bytes": s.n, "sha256": hex.EncodeToString(s.h.Sum(nil))}
}

func hashesPart(w *writer) {
	out := []any{}
	add := func(name, layout string, s *stream) {
		m := s.sum()
		m["name"] = name
		m["layout"] = layout
		out = append(out, m)
		fmt.Fprintln(os.Stderr, name, m["bytes"])
	}

	// Exhaustive 8-bit RGB and Y'CbCr functions, r (or y, c) outermost.
	{
		s := newStream()
		for r := uint32(0); r < 256; r++ {
			for g := uint32(0); g < 256; g++ {
				for b := uint32(0); b < 256; b++ {
					y, cb, cr := color.RGBToYCbCr(uint8(r), uint8(g), uint8(b))
					s.u8(uint32(y))
					s.u8(uint32(cb))
					s.u8(uint32(cr))
				}
			}
		}
		add("RGBToYCbCr", "all r,g,b (r outermost): y cb cr as u8", s)
	}
	{
		s := newStream()
		for y := uint32(0); y < 256; y++ {
			for cb := uint32(0); cb < 256; cb++ {
				for cr := uint32(0); cr < 256; cr++ {
					r, g, b := color.YCbCrToRGB(uint8(y), uint8(cb), uint8(cr))
					s.u8(uint32(r))
					s.u8(uint32(g))
					s.u8(uint32(b))
				}
			}
		}
		add("YCbCrToRGB", "all y,cb,cr (y outermost): r g b as u8", s)
	}
	{
		s := newStream()
		for y := uint32(0); y < 256; y++ {
			for cb := uint32(0); cb < 256; cb++ {
				for cr := uint32(0); cr < 256; cr++ {
					r, g, b, a := color.YCbCr{uint8(y), uint8(cb), uint8(cr)}.RGBA()
					s.u16(r)
					s.u16(g)
					s.u16(b)
					s.u16(a)
				}
			}
		}
		add("YCbCr.RGBA", "all y,cb,cr (y outermost): r g b a as u16 BE", s)
	}
	{
		s := newStream()
		rr := &rng{0x2545f491}
		for y := uint32(0); y < 256; y++ {
			for cb := uint32(0); cb < 256; cb++ {
				for cr := uint32(0); cr < 256; cr++ {
					a := rr.u8()
					r, g, b, a2 := color.NYCbCrA{color.YCbCr{uint8(y), uint8(cb), uint8(cr)}, a}.RGBA()
					s.u16(r)
					s.u16(g)
					s.u16(b)
					s.u16(a2)
				}
			}
		}
		add("NYCbCrA.RGBA", "all y,cb,cr (y outermost), a = u8() of xorshift32 seed 0x2545f491 per sample: r g b a as u16 BE", s)
	}
	{
		s := newStream()
		for r := uint32(0); r < 256; r++ {
			for g := uint32(0); g < 256; g++ {
				for b := uint32(0); b < 256; b++ {
					c, m, y, k := color.RGBToCMYK(uint8(r), uint8(g), uint8(b))
					s.u8(uint32(c))
					s.u8(uint32(m))
					s.u8(uint32(y))
					s.u8(uint32(k))
				}
			}
		}
		add("RGBToCMYK", "all r,g,b (r outermost): c m y k as u8", s)
	}
	{
		s := newStream()
		rr := &rng{0x6a09e667}
		for c := uint32(0); c < 256; c++ {
			for m := uint32(0); m < 256; m++ {
				for y := uint32(0); y < 256; y++ {
					k := rr.u8()
					r, g, b := color.CMYKToRGB(uint8(c), uint8(m), uint8(y), k)
					s.u8(uint32(r))
					s.u8(uint32(g))
					s.u8(uint32(b))
					r16, g16, b16, a16 := color.CMYK{uint8(c), uint8(m), uint8(y), k}.RGBA()
					s.u16(r16)
					s.u16(g16)
					s.u16(b16)
					s.u16(a16)
				}
			}
		}
		add("CMYKToRGB", "all c,m,y (c outermost), k = u8() of xorshift32 seed 0x6a09e667 per sample: CMYKToRGB r g b as u8, then CMYK.RGBA() as u16 BE", s)
	}
	{
		s := newStream()
		for c := uint32(0); c < 256; c++ {
			for a := uint32(0); a < 256; a++ {
				r, g, b, a2 := color.NRGBA{uint8(c), uint8(255 - c), uint8(c ^ 0x5a), uint8(a)}.RGBA()
				s.u16(r)
				s.u16(g)
				s.u16(b)
				s.u16(a2)
				_, f := fields(color.NRGBAModel.Convert(color.RGBA{uint8(c), uint8(255 - c), uint8(c ^ 0x5a), uint8(a)}))
				for _, v := range f {
					s.u8(v)
				}
				_, f = fields(color.NYCbCrAModel.Convert(color.RGBA{uint8(c), uint8(255 - c), uint8(c ^ 0x5a), uint8(a)}))
				for _, v := range f {
					s.u8(v)
				}
			}
		}
		add("NRGBA.8", "all c,a (c outermost): NRGBA{c,255-c,c^0x5a,a}.RGBA() as u16 BE, then NRGBAModel and NYCbCrAModel of RGBA{c,255-c,c^0x5a,a} fields as u8", s)
	}
	{
		s := newStream()
		rr := &rng{0xbb67ae85}
		for i := 0; i < 1<<20; i++ {
			c := color.RGBA64{rr.u16(), rr.u16(), rr.u16(), rr.u16()}
			r, g, b, a := color.NRGBA64{c.R, c.G, c.B, c.A}.RGBA()
			s.u16(r)
			s.u16(g)
			s.u16(b)
			s.u16(a)
			_, f := fields(color.NRGBA64Model.Convert(c))
			for _, v := range f {
				s.u16(v)
			}
			_, f = fields(color.Gray16Model.Convert(c))
			s.u16(f[0])
			_, f = fields(color.GrayModel.Convert(c))
			s.u8(f[0])
		}
		add("RGBA64.sample", "2^20 samples, fields r g b a = u16() of xorshift32 seed 0xbb67ae85: NRGBA64{r,g,b,a}.RGBA() as u16 BE, NRGBA64Model(RGBA64{r,g,b,a}) fields u16 BE, Gray16Model Y u16 BE, GrayModel Y u8", s)
	}
	{
		s := newStream()
		for r := uint32(0); r < 256; r++ {
			for g := uint32(0); g < 256; g++ {
				for b := uint32(0); b < 256; b++ {
					s.u8(uint32(color.GrayModel.Convert(color.RGBA{uint8(r), uint8(g), uint8(b), 0xff}).(color.Gray).Y))
				}
			}
		}
		add("Gray.RGB", "all r,g,b (r outermost): GrayModel(RGBA{r,g,b,0xff}).Y as u8", s)
	}
	// Model sweeps: per type, every edge combination then 2^14 random colours; per colour the
	// fields, RGBA() and the fields of every model's Convert, all as u32 BE.
	for ti, t := range typeNames {
		s := newStream()
		emit := func(c color.Color) {
			_, f := fields(c)
			for _, v := range f {
				s.u32(v)
			}
			for _, v := range rgbaOf(c) {
				s.u32(v)
			}
			for _, m := range models {
				_, f := fields(m.Convert(c))
				for _, v := range f {
					s.u32(v)
				}
			}
		}
		edgeProduct(t, emit)
		rr := &rng{uint32(0x3c6ef372 + ti)}
		for i := 0; i < 1<<14; i++ {
			emit(randomColor(rr, t))
		}
		add("sweep."+t, fmt.Sprintf("every edge combination of %s fields (edges 8-bit %v, 16-bit %v, first field outermost), then 2^14 random (xorshift32 seed 0x3c6ef372+%d, u8()/u16() per field): fields, RGBA(), then each model's Convert fields, all u32 BE", t, e8, e16, ti), s)
	}
	// Palette.Index over random colours of every type.
	{
		s := newStream()
		rr := &rng{0xa54ff53a}
		for i := 0; i < 1<<16; i++ {
			c := randomColor(rr, typeNames[i%len(typeNames)])
			s.u8(uint32(color.Palette(palette.Plan9).Index(c)))
			s.u8(uint32(color.Palette(palette.WebSafe).Index(c)))
		}
		add("palette.Index", "2^16 colours, type i%11 in model order, fields from xorshift32 seed 0xa54ff53a: Plan9.Index, WebSafe.Index as u8", s)
	}
	w.section("hashes", out)
}

// ---------------------------------------------------------------------------------------------
// palettes: the standard palettes and Index on random palettes, with ties.

func palettesPart(w *writer) {
	pal := func(p color.Palette) []any {
		var out []any
		for _, c := range p {
			out = append(out, enc(c))
		}
		return out
	}
	w.section("plan9", pal(palette.Plan9))
	w.section("webSafe", pal(palette.WebSafe))

	r := &rng{0x510e527f}
	grid := func() uint16 { return uint16(r.next()>>29) * 0x2000 } // 0, 0x2000, ..., 0xe000
	gridColor := func() color.Color {
		a := grid() | 0x1fff // 0x1fff ... 0xffff
		c := color.RGBA64{grid(), grid(), grid(), a}
		if c.R > a {
			c.R = a
		}
		return c
	}
	var cases []any
	for i := 0; i < 160; i++ {
		n := 1 + int(r.next()%12)
		var p color.Palette
		for j := 0; j < n; j++ {
			switch {
			case i%2 == 0:
				p = append(p, gridColor())
			case j > 0 && r.next()%4 == 0: // a duplicate of an earlier entry
				p = append(p, p[r.next()%uint32(j)])
			default:
				p = append(p, randomColor(r, typeNames[r.next()%uint32(len(typeNames))]))
			}
		}
		var queries []any
		var answers []int
		for q := 0; q < 8; q++ {
			var c color.Color
			switch q % 4 {
			case 0: // an entry itself: the first equal entry wins
				c = p[r.next()%uint32(n)]
			case 1: // a midpoint of the grid: equidistant from neighbours
				c = color.RGBA64{grid() + 0x1000, grid() + 0x1000, grid(), 0xffff}
			default:
				c = randomColor(r, typeNames[r.next()%uint32(len(typeNames))])
			}
			queries = append(queries, enc(c))
			answers = append(answers, p.Index(c))
		}
		cases = append(cases, map[string]any{"palette": pal(p), "queries": queries, "index": answers})
	}
	// Go's own TestPalette case.
	{
		p := color.Palette{
			color.RGBA{0xff, 0xff, 0xff, 0xff}, color.RGBA{0x80, 0x00, 0x00, 0xff},
			color.RGBA{0x7f, 0x00, 0x00, 0x7f}, color.RGBA{0x00, 0x00, 0x00, 0x7f},
			color.RGBA{0x00, 0x00, 0x00, 0x00}, color.RGBA{0x40, 0x40, 0x40, 0x40},
		}
		qs := []color.Color{p[0], p[1], p[2], p[3], p[4], p[5], color.RGBA{0x80, 0x00, 0x00, 0x80}}
		var queries []any
		var answers []int
		for _, c := range qs {
			queries = append(queries, enc(c))
			answers = append(answers, p.Index(c))
		}
		cases = append(cases, map[string]any{"palette": pal(p), "queries": queries, "index": answers})
	}
	w.section("index", cases)
}

// ---------------------------------------------------------------------------------------------
// images: every buffer type with a non-zero origin and padded stride.

type bufImage interface {
	image.Image
	Set(x, y int, c color.Color)
	Opaque() bool
	SubImage(r image.Rectangle) image.Image
	RGBA64At(x, y int) color.RGBA64
	SetRGBA64(x, y int, c color.RGBA64)
}

// pixOf returns the Pix and Stride of a buffer image.
func pixOf(m image.Image) ([]uint8, int) {
	switch m := m.(type) {
	case *image.RGBA:
		return m.Pix, m.Stride
	case *image.RGBA64:
		return m.Pix, m.Stride
	case *image.NRGBA:
		return m.Pix, m.Stride
	case *image.NRGBA64:
		return m.Pix, m.Stride
	case *image.Alpha:
		return m.Pix, m.Stride
	case *image.Alpha16:
		return m.Pix, m.Stride
	case *image.Gray:
		return m.Pix, m.Stride
	case *image.Gray16:
		return m.Pix, m.Stride
	case *image.CMYK:
		return m.Pix, m.Stride
	case *image.Paletted:
		return m.Pix, m.Stride
	}
	panic(fmt.Sprintf("%T", m))
}

func newBuf(kind string, r image.Rectangle, pix []uint8, stride int, p color.Palette) bufImage {
	switch kind {
	case "RGBA":
		return &image.RGBA{Pix: pix, Stride: stride, Rect: r}
	case "RGBA64":
		return &image.RGBA64{Pix: pix, Stride: stride, Rect: r}
	case "NRGBA":
		return &image.NRGBA{Pix: pix, Stride: stride, Rect: r}
	case "NRGBA64":
		return &image.NRGBA64{Pix: pix, Stride: stride, Rect: r}
	case "Alpha":
		return &image.Alpha{Pix: pix, Stride: stride, Rect: r}
	case "Alpha16":
		return &image.Alpha16{Pix: pix, Stride: stride, Rect: r}
	case "Gray":
		return &image.Gray{Pix: pix, Stride: stride, Rect: r}
	case "Gray16":
		return &image.Gray16{Pix: pix, Stride: stride, Rect: r}
	case "CMYK":
		return &image.CMYK{Pix: pix, Stride: stride, Rect: r}
	case "Paletted":
		return &image.Paletted{Pix: pix, Stride: stride, Rect: r, Palette: p}
	}
	panic(kind)
}

func rectJSON(r image.Rectangle) []int { return []int{r.Min.X, r.Min.Y, r.Max.X, r.Max.Y} }

// subRects relative to an image's bounds b: inside, edge-touching, partly outside, outside, empty.
func subRects(b image.Rectangle) []image.Rectangle {
	x0, y0, x1, y1 := b.Min.X, b.Min.Y, b.Max.X, b.Max.Y
	return []image.Rectangle{
		b,
		image.Rect(x0+1, y0+1, x1-1, y1-1),
		image.Rect(x0+2, y0+1, x0+3, y0+2),
		image.Rect(x0-2, y0-3, x0+2, y0+2),
		image.Rect(x1-2, y1-1, x1+5, y1+5),
		image.Rect(x1, y0, x1+3, y1),
		image.Rect(x0-9, y0-9, x0-1, y0-1),
		image.Rect(x0+1, y0+1, x0+1, y1),
		image.Rect(x0, y0, x0, y0),
		image.Rect(x1, y1, x1, y1),
	}
}

func subJSON(m bufImage, full []uint8, r image.Rectangle) map[string]any {
	sub := m.SubImage(r)
	pix, stride := pixOf(sub)
	off := -1
	if pix != nil {
		off = len(full) - len(pix)
	}
	return map[string]any{"r": rectJSON(r), "bounds": rectJSON(sub.Bounds()), "offset": off, "stride": stride, "opaque": sub.(interface{ Opaque() bool }).Opaque()}
}

func imagesPart(w *writer) {
	bpp := map[string]int{"RGBA": 4, "RGBA64": 8, "NRGBA": 4, "NRGBA64": 8, "Alpha": 1, "Alpha16": 2, "Gray": 1, "Gray16": 2, "CMYK": 4, "Paletted": 1}
	kinds := []string{"RGBA", "RGBA64", "NRGBA", "NRGBA64", "Alpha", "Alpha16", "Gray", "Gray16", "CMYK", "Paletted"}
	small := color.Palette{
		color.RGBA{0, 0, 0, 0}, color.RGBA{0xff, 0, 0, 0xff}, color.NRGBA{0, 0xff, 0, 0x80},
		color.Gray{0x80}, color.RGBA64{0x1000, 0x2000, 0x3000, 0x4000}, color.Alpha{0xc0},
	}
	// The colours stored by Set, in order, cycling.
	r := &rng{0x1f83d9ab}
	var setColors []color.Color
	for i := 0; i < 44; i++ {
		setColors = append(setColors, randomColor(r, typeNames[i%len(typeNames)]))
	}
	setColors = append(setColors, color.Opaque, color.Transparent, color.White, color.Black,
		color.RGBA{0x80, 0x00, 0x00, 0x80}, color.NRGBA64{0xffff, 0xffff, 0xffff, 0x1357})
	var colorsJSON []any
	for _, c := range setColors {
		colorsJSON = append(colorsJSON, enc(c))
	}
	w.section("setColors", colorsJSON)
	w.section("smallPalette", func() []any {
		var out []any
		for _, c := range small {
			out = append(out, enc(c))
		}
		return out
	}())

	var cases []any
	for _, kind := range kinds {
		for pi, p := range []color.Palette{palette.Plan9, small} {
			if pi == 1 && kind != "Paletted" {
				continue
			}
			b := image.Rect(-3, 2, 4, 7) // 7x5, origin off zero
			rowBytes := b.Dx() * bpp[kind]
			stride := rowBytes + 5 // padded
			pix := make([]uint8, (b.Dy()-1)*stride+rowBytes+3)
			for i := range pix {
				pix[i] = uint8(i*7 + 3)
			}
			m := newBuf(kind, b, pix, stride, p)
			k := 0
			// Set every pixel (row-major), plus points just outside, which must be no-ops.
			for y := b.Min.Y - 1; y <= b.Max.Y; y++ {
				for x := b.Min.X - 1; x <= b.Max.X; x++ {
					m.Set(x, y, setColors[k%len(setColors)])
					k++
				}
			}
			// Then SetRGBA64 on a diagonal with colours taken from the list.
			var rgba64Sets []any
			for i := 0; i < b.Dy(); i++ {
				c := color.RGBA64Model.Convert(setColors[(3*i+1)%len(setColors)]).(color.RGBA64)
				x, y := b.Min.X+i, b.Min.Y+i
				m.SetRGBA64(x, y, c)
				rgba64Sets = append(rgba64Sets, []any{x, y, c.R, c.G, c.B, c.A})
			}
			var at []any
			for y := b.Min.Y - 1; y <= b.Max.Y; y++ {
				for x := b.Min.X - 1; x <= b.Max.X; x++ {
					c := m.RGBA64At(x, y)
					at = append(at, []any{enc(m.At(x, y)), []uint16{c.R, c.G, c.B, c.A}})
				}
			}
			var subs []any
			for _, sr := range subRects(b) {
				subs = append(subs, subJSON(m, pix, sr))
			}
			// An all-opaque variant (padding left untouched) for Opaque().
			opaquePix := append([]uint8(nil), pix...)
			om := newBuf(kind, b, opaquePix, stride, p)
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					om.Set(x, y, color.White)
				}
			}
			name := kind
			if kind == "Paletted" {
				name = []string{"Paletted.plan9", "Paletted.small"}[pi]
			}
			cases = append(cases, map[string]any{
				"kind": name, "rect": rectJSON(b), "stride": stride, "pixLen": len(pix),
				"rgba64Sets": rgba64Sets,
				"pix":        hex.EncodeToString(pix), "at": at, "opaque": m.Opaque(),
				"whiteOpaque": om.Opaque(), "sub": subs,
			})
		}
	}
	w.section("buffers", cases)

	// Y'CbCr: every ratio, with origins odd and negative; Go's own allocation and a padded one.
	ratios := []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410}
	ratioNames := []string{"444", "422", "420", "440", "411", "410"}
	rects := []image.Rectangle{
		image.Rect(0, 0, 7, 5), image.Rect(1, 1, 8, 6), image.Rect(3, 2, 10, 9),
		image.Rect(-3, -5, 4, 2), image.Rect(-9, -7, -3, -2), image.Rect(-13, -6, -4, -1),
		image.Rect(-2, 3, 5, 4), image.Rect(5, 5, 5, 9),
	}
	var ycc []any
	for ri, ratio := range ratios {
		for _, b := range rects {
			for _, alpha := range []bool{false, true} {
				for _, padded := range []bool{false, true} {
					if padded && !(b == rects[1] || b == rects[3]) {
						continue
					}
					var m *image.YCbCr
					var na *image.NYCbCrA
					if alpha {
						na = image.NewNYCbCrA(b, ratio)
						m = &na.YCbCr
					} else {
						m = image.NewYCbCr(b, ratio)
					}
					cw, ch := m.CStride, 0
					if cw > 0 {
						ch = len(m.Cb) / cw
					}
					if padded {
						// Same rect, strides padded, planes sized for them.
						ys, cs := b.Dx()+3, cw+2
						m.Y = make([]uint8, max0((b.Dy()-1)*ys+b.Dx()))
						m.Cb = make([]uint8, max0((ch-1)*cs+cw))
						m.Cr = make([]uint8, max0((ch-1)*cs+cw))
						m.YStride, m.CStride = ys, cs
						if alpha {
							na.AStride = b.Dx() + 1
							na.A = make([]uint8, max0((b.Dy()-1)*na.AStride+b.Dx()))
						}
					}
					for i := range m.Y {
						m.Y[i] = uint8(i*3 + 1)
					}
					for i := range m.Cb {
						m.Cb[i] = uint8(i*5 + 7)
						m.Cr[i] = uint8(i*11 + 200)
					}
					if alpha {
						for i := range na.A {
							na.A[i] = uint8(i*13 + 5)
						}
					}
					var img image.Image = m
					if alpha {
						img = na
					}
					// Offsets of the in-bounds pixels (row-major), then a hash of what At and
					// RGBA64At read on the bounds grown by one pixel: At fields as u8, then
					// RGBA64At r g b a as u16 BE.
					var cOffs []int
					for y := b.Min.Y; y < b.Max.Y; y++ {
						for x := b.Min.X; x < b.Max.X; x++ {
							cOffs = append(cOffs, m.COffset(x, y))
						}
					}
					s := newStream()
					for y := b.Min.Y - 1; y <= b.Max.Y; y++ {
						for x := b.Min.X - 1; x <= b.Max.X; x++ {
							_, f := fields(img.At(x, y))
							for _, v := range f {
								s.u8(v)
							}
							c := img.(image.RGBA64Image).RGBA64At(x, y)
							s.u16(uint32(c.R))
							s.u16(uint32(c.G))
							s.u16(uint32(c.B))
							s.u16(uint32(c.A))
						}
					}
					read := s.sum()["sha256"]
					var subs []any
					for _, sr := range subRects(b) {
						sub := img.(interface {
							SubImage(image.Rectangle) image.Image
						}).SubImage(sr)
						var sy *image.YCbCr
						aOff := -1
						if alpha {
							sa := sub.(*image.NYCbCrA)
							sy = &sa.YCbCr
							if sa.A != nil {
								aOff = len(na.A) - len(sa.A)
							}
						} else {
							sy = sub.(*image.YCbCr)
						}
						yOff, cOff := -1, -1
						if sy.Y != nil {
							yOff, cOff = len(m.Y)-len(sy.Y), len(m.Cb)-len(sy.Cb)
						}
						subs = append(subs, map[string]any{"r": rectJSON(sr), "bounds": rectJSON(sub.Bounds()), "yOffset": yOff, "cOffset": cOff, "aOffset": aOff})
					}
					rec := map[string]any{
						"ratio": ratioNames[ri], "rect": rectJSON(b), "alpha": alpha, "padded": padded,
						"yStride": m.YStride, "cStride": m.CStride, "cw": cw, "ch": ch,
						"yLen": len(m.Y), "cLen": len(m.Cb), "cOffsets": cOffs, "readSha256": read, "sub": subs,
					}
					if alpha {
						rec["aStride"] = na.AStride
						rec["aLen"] = len(na.A)
						rec["opaque"] = na.Opaque()
					}
					ycc = append(ycc, rec)
				}
			}
		}
	}
	w.section("ycbcr", ycc)

	// Go's chroma-size bug: a rectangle whose max.x (or max.y) lies in (1-h, 0] for a
	// subsampling factor h makes the last chroma offset land one past the row (At panics).
	var bug []any
	for ri, ratio := range ratios {
		for _, b := range []image.Rectangle{image.Rect(-4, -4, 0, 0), image.Rect(-6, -3, -1, 0), image.Rect(-5, 1, -2, 3)} {
			m := image.NewYCbCr(b, ratio)
			cw, ch := m.CStride, 0
			if cw > 0 {
				ch = len(m.Cb) / cw
			}
			var offs []int
			panics := false
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					offs = append(offs, m.COffset(x, y))
					func() {
						defer func() {
							if recover() != nil {
								panics = true
							}
						}()
						m.At(x, y)
					}()
				}
			}
			bug = append(bug, map[string]any{"ratio": ratioNames[ri], "rect": rectJSON(b), "cw": cw, "ch": ch, "cOffsets": offs, "goPanics": panics})
		}
	}
	w.section("ycbcrChromaBug", bug)
}

func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}

// ---------------------------------------------------------------------------------------------
// geom: Rectangle and Point methods on random (also non-canonical) rectangles.

func geomPart(w *writer) {
	r := &rng{0x9b05688c}
	coord := func() int { return int(r.next()%13) - 6 }
	rectOf := func() image.Rectangle { // may be non-canonical, as a literal can be in Go
		return image.Rectangle{image.Pt(coord(), coord()), image.Pt(coord(), coord())}
	}
	var cases []any
	for i := 0; i < 200; i++ {
		a, b := rectOf(), rectOf()
		if i%2 == 0 { // half canonical, so that overlaps and non-empty results are common
			a, b = a.Canon(), b.Canon()
		}
		if i%5 == 0 {
			b = a.Add(image.Pt(coord(), coord()))
		}
		n := int(r.next()%9) - 4
		p := image.Pt(coord()*3, coord()*3)
		k := int(r.next()%7) - 3
		if k == 0 {
			k = 5
		}
		rec := map[string]any{
			"a": rectJSON(a), "b": rectJSON(b), "n": n, "p": []int{p.X, p.Y}, "k": k,
			"rect":      rectJSON(image.Rect(a.Min.X, a.Min.Y, a.Max.X, a.Max.Y)),
			"canon":     rectJSON(a.Canon()),
			"intersect": rectJSON(a.Intersect(b)),
			"union":     rectJSON(a.Union(b)),
			"inset":     rectJSON(a.Inset(n)),
			"empty":     a.Empty(),
			"eq":        a.Eq(b),
			"overlaps":  a.Overlaps(b),
			"in":        a.In(b),
			"size":      []int{a.Size().X, a.Size().Y},
			"add":       rectJSON(a.Add(p)),
			"sub":       rectJSON(a.Sub(p)),
			"pIn":       p.In(a),
			"div":       []int{p.Div(k).X, p.Div(k).Y},
			"mul":       []int{p.Mul(k).X, p.Mul(k).Y},
		}
		if c := a.Canon(); c.Dx() > 0 && c.Dy() > 0 {
			q := p.Mod(c)
			rec["mod"] = []int{q.X, q.Y}
		}
		cases = append(cases, rec)
	}
	w.section("rects", cases)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: main.go colors|hashes|palettes|images|geom")
		os.Exit(2)
	}
	w := &writer{first: true}
	switch strings.ToLower(os.Args[1]) {
	case "colors":
		colorsPart(w)
	case "hashes":
		hashesPart(w)
	case "palettes":
		palettesPart(w)
	case "images":
		imagesPart(w)
	case "geom":
		geomPart(w)
	default:
		fmt.Fprintln(os.Stderr, "unknown part", os.Args[1])
		os.Exit(2)
	}
	w.end()
}
