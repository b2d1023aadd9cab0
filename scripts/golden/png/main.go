// Command png writes the golden fixtures for imago's PNG codec from Go's own image/png.
//
// Run it from the project root (Go 1.19, offline, no module needed):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run scripts/golden/png/main.go
//
// It writes two files:
//
//   - test/fixtures/png/decode-go.json: for every PNG under ../shared/corpus/pngsuite (including
//     golang-sng/) and test/fixtures/png/go-testdata, what png.Decode returns: the concrete image
//     type, bounds, stride, the SHA-256 of Pix and, for paletted images, every palette entry with
//     its Go colour type; or, for a file Go rejects, the error's type and text. It also records
//     png.DecodeConfig's answer.
//   - test/fixtures/png/encode-go.json: for a table of synthetic images (built from the
//     deterministic pattern below, which the tests rebuild in TypeScript), what png.Encode writes:
//     every non-IDAT chunk byte for byte, and the length and SHA-256 of the inflated IDAT stream,
//     i.e. the filtered scanlines. Deflate output differs between zlib implementations; the
//     filtered scanlines do not, so they pin Go's pixel conversion and filter choice exactly.
package main

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type decodeResult struct {
	File      string `json:"file"`
	OK        bool   `json:"ok"`
	Type      string `json:"type,omitempty"`
	Bounds    []int  `json:"bounds,omitempty"`
	Stride    int    `json:"stride,omitempty"`
	PixSHA256 string `json:"pixSha256,omitempty"`
	// Palette is every entry as 9 characters: R (color.RGBA) or N (color.NRGBA), then RRGGBBAA.
	Palette    string  `json:"palette,omitempty"`
	ErrorType  string  `json:"errorType,omitempty"`
	Error      string  `json:"error,omitempty"`
	Config     *config `json:"config,omitempty"`
	ConfigErr  string  `json:"configError,omitempty"`
	ConfigType string  `json:"configErrorType,omitempty"`
}

type config struct {
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Model  string `json:"model"`
	// PaletteLength is the length of the palette colour model, for paletted files.
	PaletteLength int `json:"paletteLength,omitempty"`
}

func errType(err error) string {
	switch err.(type) {
	case png.FormatError:
		return "FormatError"
	case png.UnsupportedError:
		return "UnsupportedError"
	}
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		return "EOF"
	}
	return "other"
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func colorString(c color.Color) string {
	switch c := c.(type) {
	case color.RGBA:
		return fmt.Sprintf("R%02x%02x%02x%02x", c.R, c.G, c.B, c.A)
	case color.NRGBA:
		return fmt.Sprintf("N%02x%02x%02x%02x", c.R, c.G, c.B, c.A)
	}
	panic(fmt.Sprintf("unexpected palette colour %T", c))
}

func modelName(m color.Model) string {
	switch m {
	case color.GrayModel:
		return "Gray"
	case color.Gray16Model:
		return "Gray16"
	case color.RGBAModel:
		return "RGBA"
	case color.RGBA64Model:
		return "RGBA64"
	case color.NRGBAModel:
		return "NRGBA"
	case color.NRGBA64Model:
		return "NRGBA64"
	}
	if _, ok := m.(color.Palette); ok {
		return "Palette"
	}
	return "unknown"
}

func describe(m image.Image, r *decodeResult) {
	b := m.Bounds()
	r.Bounds = []int{b.Min.X, b.Min.Y, b.Max.X, b.Max.Y}
	switch m := m.(type) {
	case *image.Gray:
		r.Type, r.Stride, r.PixSHA256 = "Gray", m.Stride, sum(m.Pix)
	case *image.Gray16:
		r.Type, r.Stride, r.PixSHA256 = "Gray16", m.Stride, sum(m.Pix)
	case *image.RGBA:
		r.Type, r.Stride, r.PixSHA256 = "RGBA", m.Stride, sum(m.Pix)
	case *image.RGBA64:
		r.Type, r.Stride, r.PixSHA256 = "RGBA64", m.Stride, sum(m.Pix)
	case *image.NRGBA:
		r.Type, r.Stride, r.PixSHA256 = "NRGBA", m.Stride, sum(m.Pix)
	case *image.NRGBA64:
		r.Type, r.Stride, r.PixSHA256 = "NRGBA64", m.Stride, sum(m.Pix)
	case *image.Paletted:
		r.Type, r.Stride, r.PixSHA256 = "Paletted", m.Stride, sum(m.Pix)
		for _, c := range m.Palette {
			r.Palette += colorString(c)
		}
	default:
		panic(fmt.Sprintf("unexpected image type %T", m))
	}
}

func decodeFile(path, name string) decodeResult {
	data, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	r := decodeResult{File: name}
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		r.ErrorType, r.Error = errType(err), err.Error()
	} else {
		r.OK = true
		describe(m, &r)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		r.ConfigType, r.ConfigErr = errType(err), err.Error()
	} else {
		c := &config{Width: cfg.Width, Height: cfg.Height, Model: modelName(cfg.ColorModel)}
		if p, ok := cfg.ColorModel.(color.Palette); ok {
			c.PaletteLength = len(p)
		}
		r.Config = c
	}
	return r
}

func listPNGs(dir, prefix string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		panic(err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".png") {
			out = append(out, prefix+e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// ---- The deterministic pattern, mirrored by test/codec/png/pattern.ts. ----

// mix is a 32-bit integer hash of its arguments (uint32 arithmetic, as Math.imul in TypeScript).
func mix(seed, x, y, c int) uint32 {
	h := uint32(x)*0x9E3779B1 ^ uint32(y)*0x85EBCA77 ^ uint32(c)*0xC2B2AE3D ^ uint32(seed)*0x27D4EB2F
	h ^= h >> 15
	h *= 0x2C1B3C6D
	h ^= h >> 12
	return h
}

// sample is byte c of pixel (rx, ry), coordinates relative to the image's top-left corner. Rows
// cycle through noise, a gradient, a noisy copy of that gradient, a constant and a diagonal, so
// that every PNG filter wins somewhere.
func sample(seed, rx, ry, c int) uint8 {
	h := mix(seed, rx, ry, c)
	switch ry % 5 {
	case 0:
		return uint8(h)
	case 1:
		return uint8(rx*5 + c*50 + seed)
	case 2:
		return uint8(rx*5 + c*50 + seed + int(h&3))
	case 3:
		return uint8(seed*7 + c*31)
	default:
		return uint8(rx*3 + ry*7 + c*11)
	}
}

// alpha8 is the alpha of pixel (rx, ry): 0 and 0xff appear in every row.
func alpha8(seed, rx, ry int) uint8 {
	switch rx % 7 {
	case 0:
		return 0
	case 1:
		return 0xff
	}
	return sample(seed, rx, ry, 3)
}

func alpha16(seed, rx, ry int) uint16 {
	switch rx % 7 {
	case 0:
		return 0
	case 1:
		return 0xffff
	}
	return uint16(sample(seed, rx, ry, 6))<<8 | uint16(sample(seed, rx, ry, 7))
}

type encodeCase struct {
	Name string `json:"name"`
	// Kind is the Go image type: Gray, Gray16, RGBA, RGBA64, NRGBA, NRGBA64, Alpha, Alpha16,
	// Paletted, CMYK, YCbCr, NYCbCrA.
	Kind string `json:"kind"`
	// Rect is the image bounds [x0, y0, x1, y1].
	Rect []int `json:"rect"`
	// Parent, when set, is the rectangle of a larger image of which Rect is a SubImage.
	Parent []int `json:"parent,omitempty"`
	Seed   int   `json:"seed"`
	// Opaque forces alpha to the maximum.
	Opaque bool `json:"opaque,omitempty"`
	// Colors is the palette length (Paletted); Modulus the range of the indices written.
	Colors  int `json:"colors,omitempty"`
	Modulus int `json:"modulus,omitempty"`
	// Translucent palette entries (i%3 == 0 NRGBA, i%3 == 1 premultiplied RGBA).
	Translucent bool `json:"translucent,omitempty"`
	// Ratio is the YCbCr subsample ratio: 444, 422, 420, 440, 411, 410.
	Ratio string `json:"ratio,omitempty"`
	// Level is "default" or "none".
	Level string `json:"level"`

	Chunks       []chunk `json:"chunks,omitempty"`
	IDATLength   int     `json:"idatLength,omitempty"`
	IDATSHA256   string  `json:"idatSha256,omitempty"`
	Error        string  `json:"error,omitempty"`
	DecodedType  string  `json:"decodedType,omitempty"`
	DecodedPixel string  `json:"decodedPixSha256,omitempty"`
}

type chunk struct {
	Type string `json:"type"`
	Data string `json:"data"`
}

func ratioOf(s string) image.YCbCrSubsampleRatio {
	switch s {
	case "444":
		return image.YCbCrSubsampleRatio444
	case "422":
		return image.YCbCrSubsampleRatio422
	case "420":
		return image.YCbCrSubsampleRatio420
	case "440":
		return image.YCbCrSubsampleRatio440
	case "411":
		return image.YCbCrSubsampleRatio411
	case "410":
		return image.YCbCrSubsampleRatio410
	}
	panic(s)
}

func palette(c encodeCase) color.Palette {
	p := make(color.Palette, c.Colors)
	for i := range p {
		r := uint8(mix(c.Seed, i, 0, 0))
		g := uint8(mix(c.Seed, i, 0, 1))
		b := uint8(mix(c.Seed, i, 0, 2))
		a := uint8(mix(c.Seed, i, 0, 3))
		switch {
		case c.Translucent && i%3 == 0:
			p[i] = color.NRGBA{r, g, b, a}
		case c.Translucent && i%3 == 1:
			p[i] = color.RGBA{uint8(int(r) % (int(a) + 1)), uint8(int(g) % (int(a) + 1)), uint8(int(b) % (int(a) + 1)), a}
		default:
			p[i] = color.RGBA{r, g, b, 0xff}
		}
	}
	return p
}

// build makes the image of a case. Buffer images are filled over their whole (parent) rectangle,
// coordinates relative to that rectangle's corner; planar images byte by byte over each plane.
func build(c encodeCase) image.Image {
	r := image.Rect(c.Rect[0], c.Rect[1], c.Rect[2], c.Rect[3])
	full := r
	if c.Parent != nil {
		full = image.Rect(c.Parent[0], c.Parent[1], c.Parent[2], c.Parent[3])
	}
	w, h := full.Dx(), full.Dy()
	var m image.Image
	switch c.Kind {
	case "Gray":
		g := image.NewGray(full)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				g.Pix[y*g.Stride+x] = sample(c.Seed, x, y, 0)
			}
		}
		m = g
	case "Gray16":
		g := image.NewGray16(full)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				g.Pix[y*g.Stride+2*x] = sample(c.Seed, x, y, 0)
				g.Pix[y*g.Stride+2*x+1] = sample(c.Seed, x, y, 1)
			}
		}
		m = g
	case "Alpha":
		g := image.NewAlpha(full)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				g.Pix[y*g.Stride+x] = alpha8(c.Seed, x, y)
				if c.Opaque {
					g.Pix[y*g.Stride+x] = 0xff
				}
			}
		}
		m = g
	case "Alpha16":
		g := image.NewAlpha16(full)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				a := alpha16(c.Seed, x, y)
				if c.Opaque {
					a = 0xffff
				}
				binary.BigEndian.PutUint16(g.Pix[y*g.Stride+2*x:], a)
			}
		}
		m = g
	case "RGBA", "NRGBA":
		var pix []uint8
		var stride int
		if c.Kind == "RGBA" {
			g := image.NewRGBA(full)
			pix, stride, m = g.Pix, g.Stride, g
		} else {
			g := image.NewNRGBA(full)
			pix, stride, m = g.Pix, g.Stride, g
		}
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				a := alpha8(c.Seed, x, y)
				if c.Opaque {
					a = 0xff
				}
				i := y*stride + 4*x
				for k := 0; k < 3; k++ {
					v := sample(c.Seed, x, y, k)
					if c.Kind == "RGBA" {
						v = uint8(int(v) % (int(a) + 1))
					}
					pix[i+k] = v
				}
				pix[i+3] = a
			}
		}
	case "RGBA64", "NRGBA64":
		var pix []uint8
		var stride int
		if c.Kind == "RGBA64" {
			g := image.NewRGBA64(full)
			pix, stride, m = g.Pix, g.Stride, g
		} else {
			g := image.NewNRGBA64(full)
			pix, stride, m = g.Pix, g.Stride, g
		}
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				a := alpha16(c.Seed, x, y)
				if c.Opaque {
					a = 0xffff
				}
				i := y*stride + 8*x
				for k := 0; k < 3; k++ {
					v := uint16(sample(c.Seed, x, y, 2*k))<<8 | uint16(sample(c.Seed, x, y, 2*k+1))
					if c.Kind == "RGBA64" {
						v = uint16(int(v) % (int(a) + 1))
					}
					binary.BigEndian.PutUint16(pix[i+2*k:], v)
				}
				binary.BigEndian.PutUint16(pix[i+6:], a)
			}
		}
	case "Paletted":
		g := image.NewPaletted(full, palette(c))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				g.Pix[y*g.Stride+x] = uint8(int(sample(c.Seed, x, y, 0)) % c.Modulus)
			}
		}
		m = g
	case "CMYK":
		g := image.NewCMYK(full)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				for k := 0; k < 4; k++ {
					g.Pix[y*g.Stride+4*x+k] = sample(c.Seed, x, y, k)
				}
			}
		}
		m = g
	case "YCbCr":
		g := image.NewYCbCr(full, ratioOf(c.Ratio))
		fillPlane(g.Y, c.Seed, 0)
		fillPlane(g.Cb, c.Seed, 1)
		fillPlane(g.Cr, c.Seed, 2)
		m = g
	case "NYCbCrA":
		g := image.NewNYCbCrA(full, ratioOf(c.Ratio))
		fillPlane(g.Y, c.Seed, 0)
		fillPlane(g.Cb, c.Seed, 1)
		fillPlane(g.Cr, c.Seed, 2)
		fillPlane(g.A, c.Seed, 3)
		if c.Opaque {
			for i := range g.A {
				g.A[i] = 0xff
			}
		}
		m = g
	default:
		panic(c.Kind)
	}
	if c.Parent != nil {
		m = m.(interface {
			SubImage(image.Rectangle) image.Image
		}).SubImage(r)
	}
	return m
}

// fillPlane sets byte i of a plane to the low byte of mix(seed, i, 0, c).
func fillPlane(p []uint8, seed, c int) {
	for i := range p {
		p[i] = uint8(mix(seed, i, 0, c))
	}
}

func encodeCases() []encodeCase {
	d := "default"
	n := "none"
	return []encodeCase{
		{Name: "gray", Kind: "Gray", Rect: []int{0, 0, 13, 11}, Seed: 1, Level: d},
		{Name: "gray-1x1", Kind: "Gray", Rect: []int{0, 0, 1, 1}, Seed: 2, Level: d},
		{Name: "gray-origin", Kind: "Gray", Rect: []int{-3, 5, 30, 17}, Seed: 3, Level: d},
		{Name: "gray-sub", Kind: "Gray", Rect: []int{2, 3, 15, 14}, Parent: []int{0, 0, 20, 20}, Seed: 4, Level: d},
		{Name: "gray-none", Kind: "Gray", Rect: []int{0, 0, 13, 11}, Seed: 1, Level: n},
		{Name: "gray16", Kind: "Gray16", Rect: []int{0, 0, 11, 10}, Seed: 5, Level: d},
		{Name: "gray16-sub", Kind: "Gray16", Rect: []int{1, 1, 9, 12}, Parent: []int{0, 0, 12, 13}, Seed: 6, Level: d},
		{Name: "rgba-opaque", Kind: "RGBA", Rect: []int{0, 0, 17, 11}, Seed: 7, Opaque: true, Level: d},
		{Name: "rgba-alpha", Kind: "RGBA", Rect: []int{0, 0, 17, 11}, Seed: 8, Level: d},
		{Name: "rgba-sub-alpha", Kind: "RGBA", Rect: []int{3, 2, 19, 12}, Parent: []int{0, 0, 23, 15}, Seed: 9, Level: d},
		{Name: "rgba-wide", Kind: "RGBA", Rect: []int{0, 0, 300, 10}, Seed: 10, Opaque: true, Level: d},
		{Name: "rgba-alpha-none", Kind: "RGBA", Rect: []int{0, 0, 17, 11}, Seed: 8, Level: n},
		{Name: "nrgba-opaque", Kind: "NRGBA", Rect: []int{0, 0, 15, 12}, Seed: 11, Opaque: true, Level: d},
		{Name: "nrgba-alpha", Kind: "NRGBA", Rect: []int{0, 0, 15, 12}, Seed: 12, Level: d},
		{Name: "nrgba-origin-alpha", Kind: "NRGBA", Rect: []int{10, -4, 30, 6}, Seed: 13, Level: d},
		{Name: "nrgba-sub-opaque", Kind: "NRGBA", Rect: []int{1, 2, 12, 12}, Parent: []int{0, 0, 14, 14}, Seed: 14, Opaque: true, Level: d},
		{Name: "rgba64-opaque", Kind: "RGBA64", Rect: []int{0, 0, 9, 11}, Seed: 15, Opaque: true, Level: d},
		{Name: "rgba64-alpha", Kind: "RGBA64", Rect: []int{0, 0, 9, 11}, Seed: 16, Level: d},
		{Name: "nrgba64-opaque", Kind: "NRGBA64", Rect: []int{0, 0, 10, 11}, Seed: 17, Opaque: true, Level: d},
		{Name: "nrgba64-alpha", Kind: "NRGBA64", Rect: []int{0, 0, 10, 11}, Seed: 18, Level: d},
		{Name: "nrgba64-sub-alpha", Kind: "NRGBA64", Rect: []int{2, 2, 9, 10}, Parent: []int{0, 0, 11, 11}, Seed: 19, Level: d},
		{Name: "alpha", Kind: "Alpha", Rect: []int{0, 0, 9, 10}, Seed: 20, Level: d},
		{Name: "alpha-opaque", Kind: "Alpha", Rect: []int{0, 0, 9, 10}, Seed: 21, Opaque: true, Level: d},
		{Name: "alpha16", Kind: "Alpha16", Rect: []int{0, 0, 9, 10}, Seed: 22, Level: d},
		{Name: "paletted-2", Kind: "Paletted", Rect: []int{0, 0, 13, 10}, Seed: 23, Colors: 2, Modulus: 2, Level: d},
		{Name: "paletted-3", Kind: "Paletted", Rect: []int{0, 0, 13, 10}, Seed: 24, Colors: 3, Modulus: 3, Translucent: true, Level: d},
		{Name: "paletted-16", Kind: "Paletted", Rect: []int{0, 0, 13, 10}, Seed: 25, Colors: 16, Modulus: 16, Level: d},
		{Name: "paletted-5-odd", Kind: "Paletted", Rect: []int{4, 1, 15, 10}, Seed: 26, Colors: 5, Modulus: 5, Translucent: true, Level: d},
		{Name: "paletted-256", Kind: "Paletted", Rect: []int{0, 0, 20, 10}, Seed: 27, Colors: 256, Modulus: 256, Translucent: true, Level: d},
		{Name: "paletted-200-out-of-range", Kind: "Paletted", Rect: []int{0, 0, 20, 10}, Seed: 28, Colors: 200, Modulus: 230, Level: d},
		{Name: "paletted-sub", Kind: "Paletted", Rect: []int{1, 1, 18, 9}, Parent: []int{0, 0, 20, 10}, Seed: 29, Colors: 40, Modulus: 40, Translucent: true, Level: d},
		{Name: "paletted-none", Kind: "Paletted", Rect: []int{0, 0, 20, 10}, Seed: 27, Colors: 256, Modulus: 256, Translucent: true, Level: n},
		{Name: "cmyk", Kind: "CMYK", Rect: []int{0, 0, 7, 6}, Seed: 30, Level: d},
		{Name: "ycbcr-420", Kind: "YCbCr", Rect: []int{1, 1, 12, 10}, Seed: 31, Ratio: "420", Level: d},
		{Name: "ycbcr-444", Kind: "YCbCr", Rect: []int{0, 0, 8, 7}, Seed: 32, Ratio: "444", Level: d},
		{Name: "nycbcra-422", Kind: "NYCbCrA", Rect: []int{0, 0, 9, 7}, Seed: 33, Ratio: "422", Level: d},
		{Name: "nycbcra-opaque", Kind: "NYCbCrA", Rect: []int{0, 0, 9, 7}, Seed: 34, Ratio: "420", Opaque: true, Level: d},
	}
}

func encodeOne(c encodeCase) encodeCase {
	m := build(c)
	enc := png.Encoder{}
	if c.Level == "none" {
		enc.CompressionLevel = png.NoCompression
	}
	var buf bytes.Buffer
	if err := enc.Encode(&buf, m); err != nil {
		c.Error = err.Error()
		return c
	}
	data := buf.Bytes()
	var idat []byte
	for p := 8; p < len(data); {
		n := int(binary.BigEndian.Uint32(data[p:]))
		typ := string(data[p+4 : p+8])
		body := data[p+8 : p+8+n]
		if typ == "IDAT" {
			idat = append(idat, body...)
		} else {
			c.Chunks = append(c.Chunks, chunk{typ, hex.EncodeToString(body)})
		}
		p += 12 + n
	}
	zr, err := zlib.NewReader(bytes.NewReader(idat))
	if err != nil {
		panic(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		panic(err)
	}
	c.IDATLength, c.IDATSHA256 = len(raw), sum(raw)
	d, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		panic(err)
	}
	var r decodeResult
	describe(d, &r)
	c.DecodedType, c.DecodedPixel = r.Type, r.PixSHA256
	return c
}

func writeJSON(path string, v interface{}) {
	var b bytes.Buffer
	b.WriteString("[\n")
	items := v.([]interface{})
	for i, it := range items {
		j, err := json.Marshal(it)
		if err != nil {
			panic(err)
		}
		b.Write(j)
		if i+1 < len(items) {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		panic(err)
	}
	fmt.Println("wrote", path, len(items), "entries")
}

func main() {
	suite := "../shared/corpus/pngsuite"
	var decoded []interface{}
	for _, f := range listPNGs(suite, "") {
		decoded = append(decoded, decodeFile(filepath.Join(suite, f), "pngsuite/"+f))
	}
	for _, f := range listPNGs(filepath.Join(suite, "golang-sng"), "") {
		decoded = append(decoded, decodeFile(filepath.Join(suite, "golang-sng", f), "pngsuite/golang-sng/"+f))
	}
	gt := "test/fixtures/png/go-testdata"
	for _, f := range listPNGs(gt, "") {
		decoded = append(decoded, decodeFile(filepath.Join(gt, f), "go-testdata/"+f))
	}
	writeJSON("test/fixtures/png/decode-go.json", decoded)

	var encoded []interface{}
	for _, c := range encodeCases() {
		encoded = append(encoded, encodeOne(c))
	}
	writeJSON("test/fixtures/png/encode-go.json", encoded)
}
