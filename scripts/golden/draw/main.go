// Command draw writes the golden vectors for imago's draw package from Go's own image/draw.
//
// Run it from the repository root (Go 1.19, no network needed):
//
//	GO111MODULE=off go run ./scripts/golden/draw > test/fixtures/draw/draw.json
//
// It builds small images of every type from a seeded generator, runs draw.DrawMask over every
// destination type × source type × mask type × op × rectangle family, draws images onto
// themselves and onto overlapping views, and runs draw.FloydSteinberg. The output holds the
// input images (as bytes) and a SHA-256 prefix of each destination's bytes afterwards, plus full
// dumps of a few results. The TypeScript tests rebuild the inputs and must reproduce every hash.
package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"math/rand"
	"os"
	"strings"
)

var rng = rand.New(rand.NewSource(20240611))

func rbyte() uint8 { return uint8(rng.Intn(256)) }

// alpha8 is a random alpha, 0 or 0xff one time in four each.
func alpha8() uint8 {
	switch rng.Intn(8) {
	case 0, 1:
		return 0
	case 2, 3:
		return 0xff
	}
	return rbyte()
}

func alpha16() uint16 {
	switch rng.Intn(8) {
	case 0, 1:
		return 0
	case 2, 3:
		return 0xffff
	}
	return uint16(rng.Intn(65536))
}

// ---- wrappers that hide the concrete type (as Go's slowerRGBA / slowestRGBA do) ----

// slowest is a draw.Image with only At and Set: Go's FALLBACK1.0.
type slowest struct{ m draw.Image }

func (p *slowest) ColorModel() color.Model     { return p.m.ColorModel() }
func (p *slowest) Bounds() image.Rectangle     { return p.m.Bounds() }
func (p *slowest) At(x, y int) color.Color     { return p.m.At(x, y) }
func (p *slowest) Set(x, y int, c color.Color) { p.m.Set(x, y, c) }

// slower also has RGBA64At and SetRGBA64: Go's FALLBACK1.17.
type slower struct{ m draw.RGBA64Image }

func (p *slower) ColorModel() color.Model            { return p.m.ColorModel() }
func (p *slower) Bounds() image.Rectangle            { return p.m.Bounds() }
func (p *slower) At(x, y int) color.Color            { return p.m.At(x, y) }
func (p *slower) Set(x, y int, c color.Color)        { p.m.Set(x, y, c) }
func (p *slower) RGBA64At(x, y int) color.RGBA64     { return p.m.RGBA64At(x, y) }
func (p *slower) SetRGBA64(x, y int, c color.RGBA64) { p.m.SetRGBA64(x, y, c) }

// slowestRO and slowerRO are read-only forms, for sources and masks.
type slowestRO struct{ m image.Image }

func (p *slowestRO) ColorModel() color.Model { return p.m.ColorModel() }
func (p *slowestRO) Bounds() image.Rectangle { return p.m.Bounds() }
func (p *slowestRO) At(x, y int) color.Color { return p.m.At(x, y) }

type slowerRO struct{ m image.RGBA64Image }

func (p *slowerRO) ColorModel() color.Model        { return p.m.ColorModel() }
func (p *slowerRO) Bounds() image.Rectangle        { return p.m.Bounds() }
func (p *slowerRO) At(x, y int) color.Color        { return p.m.At(x, y) }
func (p *slowerRO) RGBA64At(x, y int) color.RGBA64 { return p.m.RGBA64At(x, y) }

// ---- JSON descriptions ----

type jsonColor struct {
	T string   `json:"t"`
	V []uint32 `json:"v"`
}

type jsonImage struct {
	Type    string      `json:"type"`
	Rect    [4]int      `json:"rect"`
	Stride  int         `json:"stride,omitempty"`
	Pix     string      `json:"pix,omitempty"`
	Palette []jsonColor `json:"palette,omitempty"`
	Ratio   string      `json:"ratio,omitempty"`
	Y       string      `json:"y,omitempty"`
	Cb      string      `json:"cb,omitempty"`
	Cr      string      `json:"cr,omitempty"`
	A       string      `json:"a,omitempty"`
	YStride int         `json:"yStride,omitempty"`
	CStride int         `json:"cStride,omitempty"`
	AStride int         `json:"aStride,omitempty"`
	Color   *jsonColor  `json:"color,omitempty"`
	// Wrap names the image this one wraps, for the "slower" and "slowest" wrappers.
	Wrap string `json:"wrap,omitempty"`
}

func b64(p []byte) string { return base64.StdEncoding.EncodeToString(p) }

func rectOf(r image.Rectangle) [4]int { return [4]int{r.Min.X, r.Min.Y, r.Max.X, r.Max.Y} }

func colorJSON(c color.Color) jsonColor {
	switch c := c.(type) {
	case color.RGBA:
		return jsonColor{"rgba", []uint32{uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)}}
	case color.NRGBA:
		return jsonColor{"nrgba", []uint32{uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)}}
	case color.RGBA64:
		return jsonColor{"rgba64", []uint32{uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)}}
	case color.NRGBA64:
		return jsonColor{"nrgba64", []uint32{uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)}}
	case color.Gray:
		return jsonColor{"gray", []uint32{uint32(c.Y)}}
	case color.Gray16:
		return jsonColor{"gray16", []uint32{uint32(c.Y)}}
	case color.Alpha:
		return jsonColor{"alpha", []uint32{uint32(c.A)}}
	case color.Alpha16:
		return jsonColor{"alpha16", []uint32{uint32(c.A)}}
	case color.CMYK:
		return jsonColor{"cmyk", []uint32{uint32(c.C), uint32(c.M), uint32(c.Y), uint32(c.K)}}
	case color.YCbCr:
		return jsonColor{"ycbcr", []uint32{uint32(c.Y), uint32(c.Cb), uint32(c.Cr)}}
	}
	panic(fmt.Sprintf("colour type %T", c))
}

func paletteJSON(p color.Palette) []jsonColor {
	out := make([]jsonColor, len(p))
	for i, c := range p {
		out[i] = colorJSON(c)
	}
	return out
}

// ---- building images ----

// The bounds of the images the cases draw with; each is a sub-image of a larger buffer, so
// origins are not (0, 0) and strides are padded.
var (
	dstParent  = image.Rect(0, 0, 12, 10)
	dstRect    = image.Rect(1, 2, 10, 9)
	srcParent  = image.Rect(0, 0, 11, 10)
	srcRect    = image.Rect(2, 1, 9, 8)
	maskParent = image.Rect(0, 0, 12, 12)
	maskRect   = image.Rect(0, 1, 8, 9)
)

func randomPalette(n int, translucent bool) color.Palette {
	p := make(color.Palette, n)
	for i := range p {
		a := uint8(0xff)
		if translucent && i%3 == 1 {
			a = alpha8()
		}
		if i%4 == 2 {
			p[i] = color.NRGBA{rbyte(), rbyte(), rbyte(), a}
		} else {
			r, g, b := rbyte(), rbyte(), rbyte()
			if r > a {
				r = a
			}
			if g > a {
				g = a
			}
			if b > a {
				b = a
			}
			p[i] = color.RGBA{r, g, b, a}
		}
	}
	if n > 6 {
		p[n-1] = p[3] // a repeated colour: ties must go to the lower index
	}
	return p
}

var (
	palSrc = randomPalette(20, true)
	palDst = randomPalette(24, true)
	palBW  = color.Palette{color.Black, color.White}
)

// newImage makes a sub-image of the given type with random content everywhere in its parent.
func newImage(typ string, parent, r image.Rectangle) image.Image {
	switch typ {
	case "rgba":
		m := image.NewRGBA(parent)
		for i := 0; i < len(m.Pix); i += 4 {
			a := alpha8()
			m.Pix[i+3] = a
			for k := 0; k < 3; k++ {
				m.Pix[i+k] = uint8(rng.Intn(int(a) + 1))
			}
		}
		return m.SubImage(r)
	case "rgba64":
		m := image.NewRGBA64(parent)
		for i := 0; i < len(m.Pix); i += 8 {
			a := alpha16()
			c := [4]uint16{uint16(rng.Intn(int(a) + 1)), uint16(rng.Intn(int(a) + 1)), uint16(rng.Intn(int(a) + 1)), a}
			for k := 0; k < 4; k++ {
				m.Pix[i+2*k] = uint8(c[k] >> 8)
				m.Pix[i+2*k+1] = uint8(c[k])
			}
		}
		return m.SubImage(r)
	case "nrgba":
		m := image.NewNRGBA(parent)
		for i := 0; i < len(m.Pix); i += 4 {
			m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = rbyte(), rbyte(), rbyte(), alpha8()
		}
		return m.SubImage(r)
	case "nrgba64":
		m := image.NewNRGBA64(parent)
		for i := 0; i < len(m.Pix); i += 8 {
			for k := 0; k < 6; k++ {
				m.Pix[i+k] = rbyte()
			}
			a := alpha16()
			m.Pix[i+6], m.Pix[i+7] = uint8(a>>8), uint8(a)
		}
		return m.SubImage(r)
	case "alpha":
		m := image.NewAlpha(parent)
		for i := range m.Pix {
			m.Pix[i] = alpha8()
		}
		return m.SubImage(r)
	case "alpha16":
		m := image.NewAlpha16(parent)
		for i := 0; i < len(m.Pix); i += 2 {
			a := alpha16()
			m.Pix[i], m.Pix[i+1] = uint8(a>>8), uint8(a)
		}
		return m.SubImage(r)
	case "gray":
		m := image.NewGray(parent)
		rng.Read(m.Pix)
		return m.SubImage(r)
	case "gray16":
		m := image.NewGray16(parent)
		rng.Read(m.Pix)
		return m.SubImage(r)
	case "cmyk":
		m := image.NewCMYK(parent)
		rng.Read(m.Pix)
		return m.SubImage(r)
	case "paletted", "paletted-dst", "paletted-plan9", "paletted-websafe", "paletted-bw":
		p := map[string]color.Palette{"paletted": palSrc, "paletted-dst": palDst, "paletted-plan9": palette.Plan9,
			"paletted-websafe": palette.WebSafe, "paletted-bw": palBW}[typ]
		m := image.NewPaletted(parent, p)
		for i := range m.Pix {
			m.Pix[i] = uint8(rng.Intn(len(p)))
		}
		return m.SubImage(r)
	}
	if strings.HasPrefix(typ, "ycbcr") || strings.HasPrefix(typ, "nycbcra") {
		ratio := map[string]image.YCbCrSubsampleRatio{"444": image.YCbCrSubsampleRatio444, "422": image.YCbCrSubsampleRatio422,
			"420": image.YCbCrSubsampleRatio420, "440": image.YCbCrSubsampleRatio440, "411": image.YCbCrSubsampleRatio411,
			"410": image.YCbCrSubsampleRatio410}[typ[len(typ)-3:]]
		if strings.HasPrefix(typ, "nycbcra") {
			m := image.NewNYCbCrA(parent, ratio)
			rng.Read(m.Y)
			rng.Read(m.Cb)
			rng.Read(m.Cr)
			for i := range m.A {
				m.A[i] = alpha8()
			}
			return m.SubImage(r)
		}
		m := image.NewYCbCr(parent, ratio)
		rng.Read(m.Y)
		rng.Read(m.Cb)
		rng.Read(m.Cr)
		return m.SubImage(r)
	}
	panic("unknown type " + typ)
}

func ratioName(r image.YCbCrSubsampleRatio) string {
	return map[image.YCbCrSubsampleRatio]string{image.YCbCrSubsampleRatio444: "444", image.YCbCrSubsampleRatio422: "422",
		image.YCbCrSubsampleRatio420: "420", image.YCbCrSubsampleRatio440: "440", image.YCbCrSubsampleRatio411: "411",
		image.YCbCrSubsampleRatio410: "410"}[r]
}

// describe returns the JSON form of m (a buffer image, Y'CbCr image or uniform).
func describe(m image.Image) jsonImage {
	r := rectOf(m.Bounds())
	switch m := m.(type) {
	case *image.RGBA:
		return jsonImage{Type: "rgba", Rect: r, Stride: m.Stride, Pix: b64(m.Pix)}
	case *image.RGBA64:
		return jsonImage{Type: "rgba64", Rect: r, Stride: m.Stride, Pix: b64(m.Pix)}
	case *image.NRGBA:
		return jsonImage{Type: "nrgba", Rect: r, Stride: m.Stride, Pix: b64(m.Pix)}
	case *image.NRGBA64:
		return jsonImage{Type: "nrgba64", Rect: r, Stride: m.Stride, Pix: b64(m.Pix)}
	case *image.Alpha:
		return jsonImage{Type: "alpha", Rect: r, Stride: m.Stride, Pix: b64(m.Pix)}
	case *image.Alpha16:
		return jsonImage{Type: "alpha16", Rect: r, Stride: m.Stride, Pix: b64(m.Pix)}
	case *image.Gray:
		return jsonImage{Type: "gray", Rect: r, Stride: m.Stride, Pix: b64(m.Pix)}
	case *image.Gray16:
		return jsonImage{Type: "gray16", Rect: r, Stride: m.Stride, Pix: b64(m.Pix)}
	case *image.CMYK:
		return jsonImage{Type: "cmyk", Rect: r, Stride: m.Stride, Pix: b64(m.Pix)}
	case *image.Paletted:
		return jsonImage{Type: "paletted", Rect: r, Stride: m.Stride, Pix: b64(m.Pix), Palette: paletteJSON(m.Palette)}
	case *image.YCbCr:
		return jsonImage{Type: "ycbcr", Rect: r, Ratio: ratioName(m.SubsampleRatio), Y: b64(m.Y), Cb: b64(m.Cb), Cr: b64(m.Cr),
			YStride: m.YStride, CStride: m.CStride}
	case *image.NYCbCrA:
		return jsonImage{Type: "nycbcra", Rect: r, Ratio: ratioName(m.SubsampleRatio), Y: b64(m.Y), Cb: b64(m.Cb), Cr: b64(m.Cr),
			A: b64(m.A), YStride: m.YStride, CStride: m.CStride, AStride: m.AStride}
	case *image.Uniform:
		c := colorJSON(m.C)
		return jsonImage{Type: "uniform", Color: &c}
	}
	panic(fmt.Sprintf("describe %T", m))
}

// clone deep-copies a buffer image (its whole pixel slice, padding included).
func clone(m image.Image) image.Image {
	switch m := m.(type) {
	case *image.RGBA:
		c := *m
		c.Pix = append([]byte(nil), m.Pix...)
		return &c
	case *image.RGBA64:
		c := *m
		c.Pix = append([]byte(nil), m.Pix...)
		return &c
	case *image.NRGBA:
		c := *m
		c.Pix = append([]byte(nil), m.Pix...)
		return &c
	case *image.NRGBA64:
		c := *m
		c.Pix = append([]byte(nil), m.Pix...)
		return &c
	case *image.Alpha:
		c := *m
		c.Pix = append([]byte(nil), m.Pix...)
		return &c
	case *image.Alpha16:
		c := *m
		c.Pix = append([]byte(nil), m.Pix...)
		return &c
	case *image.Gray:
		c := *m
		c.Pix = append([]byte(nil), m.Pix...)
		return &c
	case *image.Gray16:
		c := *m
		c.Pix = append([]byte(nil), m.Pix...)
		return &c
	case *image.CMYK:
		c := *m
		c.Pix = append([]byte(nil), m.Pix...)
		return &c
	case *image.Paletted:
		c := *m
		c.Pix = append([]byte(nil), m.Pix...)
		return &c
	}
	panic(fmt.Sprintf("clone %T", m))
}

// pixOf returns the bytes whose hash identifies a destination's state.
func pixOf(m image.Image) []byte {
	switch m := m.(type) {
	case *slowest:
		return pixOf(m.m)
	case *slower:
		return pixOf(m.m)
	}
	v := describe(m)
	b, _ := base64.StdEncoding.DecodeString(v.Pix)
	return b
}

// ---- named inputs ----

var images = map[string]jsonImage{}

func register(name string, m image.Image) image.Image {
	switch w := m.(type) {
	case *slowest:
		images[name] = jsonImage{Type: "slowest", Wrap: nameOf(w.m)}
	case *slower:
		images[name] = jsonImage{Type: "slower", Wrap: nameOf(w.m)}
	case *slowestRO:
		images[name] = jsonImage{Type: "slowest", Wrap: nameOf(w.m)}
	case *slowerRO:
		images[name] = jsonImage{Type: "slower", Wrap: nameOf(w.m)}
	default:
		images[name] = describe(m)
	}
	names[m] = name
	return m
}

var names = map[image.Image]string{}

func nameOf(m image.Image) string {
	n, ok := names[m]
	if !ok {
		panic("unnamed image")
	}
	return n
}

var bufferTypes = []string{"rgba", "rgba64", "nrgba", "nrgba64", "alpha", "alpha16", "gray", "gray16", "cmyk", "paletted"}

func hash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:8])
}

var families = []struct {
	name   string
	r      image.Rectangle
	sp, mp image.Point
}{
	{"inside", image.Rect(3, 4, 7, 7), image.Pt(3, 2), image.Pt(2, 3)},
	{"whole", dstRect, srcRect.Min, maskRect.Min},
	{"partly-outside", image.Rect(-2, -1, 6, 6), image.Pt(0, -1), image.Pt(-1, 0)},
	{"outside", image.Rect(30, 30, 35, 35), image.Pt(2, 1), image.Pt(0, 1)},
	{"empty", image.Rect(4, 4, 4, 8), image.Pt(3, 3), image.Pt(2, 2)},
	{"shifted", dstRect, image.Pt(5, 4), image.Pt(3, 5)},
}

type jsonFamily struct {
	Name string `json:"name"`
	R    [4]int `json:"r"`
	Sp   [2]int `json:"sp"`
	Mp   [2]int `json:"mp"`
}

type selfCase struct {
	Dst  string `json:"dst"`
	Mask string `json:"mask"`
	Op   string `json:"op"`
	Hash string `json:"hash"`
}

type viewCase struct {
	Dst  string `json:"dst"`
	Src  string `json:"src"`
	Mask string `json:"mask"`
	Op   string `json:"op"`
	Hash string `json:"hash"`
}

type output struct {
	Note     string                       `json:"note"`
	Images   map[string]jsonImage         `json:"images"`
	Families []jsonFamily                 `json:"families"`
	Dsts     []string                     `json:"dsts"`
	Srcs     []string                     `json:"srcs"`
	Masks    []string                     `json:"masks"`
	Ops      []string                     `json:"ops"`
	Draw     map[string]map[string]string `json:"draw"`
	Dumps    []map[string]string          `json:"dumps"`
	SelfRect [4]int                       `json:"selfRect"`
	SelfMp   [2]int                       `json:"selfMp"`
	Self     []selfCase                   `json:"self"`
	ViewRect [4]int                       `json:"viewRect"`
	Views    []viewCase                   `json:"views"`
	FSDsts   []string                     `json:"fsDsts"`
	FSSrcs   []string                     `json:"fsSrcs"`
	FS       map[string]map[string]string `json:"fs"`
	FSDumps  []map[string]string          `json:"fsDumps"`
}

func opName(op draw.Op) string {
	if op == draw.Over {
		return "over"
	}
	return "src"
}

// fresh returns a new destination of the named kind, equal to the registered one.
func fresh(name string, base map[string]image.Image) draw.Image {
	m := base[name]
	switch w := m.(type) {
	case *slowest:
		return &slowest{clone(w.m).(draw.Image)}
	case *slower:
		return &slower{clone(w.m).(draw.RGBA64Image)}
	}
	return clone(m).(draw.Image)
}

func main() {
	out := output{
		Note:   "Generated by scripts/golden/draw/main.go from Go's image/draw; do not edit.",
		Images: images,
		Draw:   map[string]map[string]string{},
		FS:     map[string]map[string]string{},
	}
	for _, f := range families {
		out.Families = append(out.Families, jsonFamily{f.name, rectOf(f.r), [2]int{f.sp.X, f.sp.Y}, [2]int{f.mp.X, f.mp.Y}})
	}

	// Destinations.
	dsts := map[string]image.Image{}
	for _, t := range bufferTypes {
		name := "dst-" + t
		typ := t
		if t == "paletted" {
			typ = "paletted-dst"
		}
		dsts[name] = register(name, newImage(typ, dstParent, dstRect))
		out.Dsts = append(out.Dsts, name)
	}
	under := register("dst-under-nrgba", newImage("nrgba", dstParent, dstRect))
	dsts["dst-slower"] = register("dst-slower", &slower{under.(draw.RGBA64Image)})
	dsts["dst-slowest"] = register("dst-slowest", &slowest{under.(draw.Image)})
	out.Dsts = append(out.Dsts, "dst-slower", "dst-slowest")

	// Sources.
	srcs := map[string]image.Image{}
	addSrc := func(name string, m image.Image) {
		srcs[name] = register(name, m)
		out.Srcs = append(out.Srcs, name)
	}
	for _, t := range bufferTypes {
		addSrc("src-"+t, newImage(t, srcParent, srcRect))
	}
	for _, ratio := range []string{"444", "422", "420", "440", "411", "410"} {
		addSrc("src-ycbcr"+ratio, newImage("ycbcr"+ratio, srcParent, srcRect))
	}
	addSrc("src-nycbcra420", newImage("nycbcra420", srcParent, srcRect))
	addSrc("src-uniform-opaque", image.NewUniform(color.RGBA{0x30, 0x90, 0xc0, 0xff}))
	addSrc("src-uniform-nrgba", image.NewUniform(color.NRGBA{0xf0, 0x40, 0x20, 0x80}))
	addSrc("src-uniform-transparent", image.NewUniform(color.Transparent))
	srcUnder := register("src-under-nrgba", newImage("nrgba", srcParent, srcRect))
	addSrc("src-slower", &slowerRO{srcUnder.(image.RGBA64Image)})
	addSrc("src-slowest", &slowestRO{srcUnder})

	// Masks.
	masks := map[string]image.Image{"none": nil}
	out.Masks = append(out.Masks, "none")
	addMask := func(name string, m image.Image) {
		masks[name] = register(name, m)
		out.Masks = append(out.Masks, name)
	}
	addMask("mask-alpha", newImage("alpha", maskParent, maskRect))
	addMask("mask-alpha16", newImage("alpha16", maskParent, maskRect))
	addMask("mask-uniform-half", image.NewUniform(color.Alpha{0x80}))
	addMask("mask-uniform-opaque", image.NewUniform(color.Opaque))
	maskUnder := register("mask-under-alpha", newImage("alpha", maskParent, maskRect))
	addMask("mask-slower", &slowerRO{maskUnder.(image.RGBA64Image)})
	addMask("mask-slowest", &slowestRO{maskUnder})

	ops := []draw.Op{draw.Over, draw.Src}
	out.Ops = []string{"over", "src"}

	// The grid: one hash per (dst, src, mask, op) over the results of every rectangle family.
	dumpWanted := map[string]bool{
		"dst-rgba|src-nrgba|none|over":              true,
		"dst-rgba|src-rgba|mask-alpha|over":         true,
		"dst-nrgba|src-rgba|mask-alpha16|src":       true,
		"dst-paletted|src-ycbcr420|none|src":        true,
		"dst-gray|src-nrgba|mask-uniform-half|over": true,
		"dst-slowest|src-nrgba|none|src":            true,
		"dst-cmyk|src-cmyk|none|over":               true,
	}
	for _, dn := range out.Dsts {
		out.Draw[dn] = map[string]string{}
		for _, sn := range out.Srcs {
			var hs []string
			for _, mn := range out.Masks {
				for _, op := range ops {
					h := sha256.New()
					for _, f := range families {
						dst := fresh(dn, dsts)
						draw.DrawMask(dst, f.r, srcs[sn], f.sp, masks[mn], f.mp, op)
						p := pixOf(dst)
						h.Write(p)
						key := dn + "|" + sn + "|" + mn + "|" + opName(op)
						if dumpWanted[key] && f.name == "whole" {
							out.Dumps = append(out.Dumps, map[string]string{"dst": dn, "src": sn, "mask": mn, "op": opName(op), "family": f.name, "pix": b64(p)})
						}
					}
					s := h.Sum(nil)
					hs = append(hs, hex.EncodeToString(s[:8]))
				}
			}
			out.Draw[dn][sn] = strings.Join(hs, " ")
		}
	}

	// Self-draws: src is dst (the same object), moved by (dx, dy) in each direction.
	selfRect := image.Rect(3, 4, 8, 8)
	selfMp := image.Pt(2, 3)
	out.SelfRect = rectOf(selfRect)
	out.SelfMp = [2]int{selfMp.X, selfMp.Y}
	for _, dn := range out.Dsts {
		for _, mn := range []string{"none", "mask-alpha"} {
			for _, op := range ops {
				h := sha256.New()
				for dy := -2; dy <= 2; dy++ {
					for dx := -2; dx <= 2; dx++ {
						dst := fresh(dn, dsts)
						draw.DrawMask(dst, selfRect, dst, selfRect.Min.Add(image.Pt(dx, dy)), masks[mn], selfMp, op)
						h.Write(pixOf(dst))
					}
				}
				s := h.Sum(nil)
				out.Self = append(out.Self, selfCase{dn, mn, opName(op), hex.EncodeToString(s[:8])})
			}
		}
	}

	// Views: dst and src are two sub-images of one buffer. Go walks these forward regardless, so
	// the expected result is drawn from a snapshot (a clone) of the source view.
	viewRect := image.Rect(3, 4, 8, 8)
	out.ViewRect = rectOf(viewRect)
	type sub interface {
		SubImage(image.Rectangle) image.Image
	}
	for _, dn := range bufferTypes {
		for _, mn := range []string{"none", "mask-alpha"} {
			for _, op := range ops {
				h := sha256.New()
				for dy := -2; dy <= 2; dy++ {
					for dx := -2; dx <= 2; dx++ {
						parent := fresh("dst-"+dn, dsts)
						dv := parent.(sub).SubImage(viewRect).(draw.Image)
						sv := parent.(sub).SubImage(viewRect.Add(image.Pt(dx, dy)))
						snap := clone(sv)
						draw.DrawMask(dv, dv.Bounds(), snap, sv.Bounds().Min, masks[mn], selfMp, op)
						h.Write(pixOf(parent))
					}
				}
				s := h.Sum(nil)
				out.Views = append(out.Views, viewCase{"dst-" + dn, "view", mn, opName(op), hex.EncodeToString(s[:8])})
			}
		}
	}

	// Floyd-Steinberg.
	fsDsts := map[string]image.Image{}
	for _, t := range []string{"paletted-dst", "paletted-plan9", "paletted-websafe", "paletted-bw"} {
		name := "fs-" + t
		fsDsts[name] = register(name, newImage(t, dstParent, dstRect))
		out.FSDsts = append(out.FSDsts, name)
	}
	for _, t := range []string{"gray", "rgba", "nrgba", "cmyk"} {
		name := "fs-" + t
		fsDsts[name] = register(name, newImage(t, dstParent, dstRect))
		out.FSDsts = append(out.FSDsts, name)
	}
	fsSrcs := []string{"src-rgba", "src-nrgba", "src-rgba64", "src-gray", "src-cmyk", "src-paletted", "src-ycbcr420",
		"src-nycbcra420", "src-uniform-nrgba", "src-slowest"}
	srcs["src-uniform-gray16"] = register("src-uniform-gray16", image.NewUniform(color.Gray16{0x7fff}))
	fsSrcs = append(fsSrcs, "src-uniform-gray16")
	out.FSSrcs = fsSrcs
	for _, dn := range out.FSDsts {
		out.FS[dn] = map[string]string{}
		for _, sn := range fsSrcs {
			h := sha256.New()
			for _, f := range families {
				dst := fresh(dn, fsDsts)
				draw.FloydSteinberg.Draw(dst, f.r, srcs[sn], f.sp)
				p := pixOf(dst)
				h.Write(p)
				if f.name == "whole" && (sn == "src-rgba" || sn == "src-uniform-gray16") && (dn == "fs-paletted-plan9" || dn == "fs-paletted-bw" || dn == "fs-gray") {
					out.FSDumps = append(out.FSDumps, map[string]string{"dst": dn, "src": sn, "family": f.name, "pix": b64(p)})
				}
			}
			s := h.Sum(nil)
			out.FS[dn][sn] = hex.EncodeToString(s[:8])
		}
	}

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "")
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
