// Command codecs writes the Go reference for imago's PNG decoding tests: for every valid PngSuite
// file (every .png not starting with "x"), the type Go's image/png returns, its size, a SHA-256 of
// its pixel bytes (Pix, rows packed tight; for Paletted the indices), and a SHA-256 of every
// pixel's premultiplied 16-bit RGBA (At(x, y).RGBA(), each component as 2 big-endian bytes, in
// row order). For Paletted images it also records the palette as NRGBA hex.
//
// Run from the project root (needs Go, not needed by CI):
//
//	GO111MODULE=off go run ./scripts/golden/codecs ../shared/corpus/pngsuite > test/fixtures/codecs/pngsuite-go.json
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type entry struct {
	Type       string   `json:"type"`
	Width      int      `json:"width"`
	Height     int      `json:"height"`
	PixSHA256  string   `json:"pix"`
	RGBASHA256 string   `json:"rgba64"`
	Palette    []string `json:"palette,omitempty"`
}

func pixHash(pix []byte, stride, rowBytes, rows int) string {
	h := sha256.New()
	for y := 0; y < rows; y++ {
		h.Write(pix[y*stride : y*stride+rowBytes])
	}
	return hex.EncodeToString(h.Sum(nil))
}

func main() {
	dir := os.Args[1]
	names, err := filepath.Glob(filepath.Join(dir, "*.png"))
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	out := map[string]entry{}
	for _, name := range names {
		base := filepath.Base(name)
		if strings.HasPrefix(base, "x") {
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			panic(err)
		}
		m, err := png.Decode(f)
		f.Close()
		if err != nil {
			panic(fmt.Sprintf("%s: %v", base, err))
		}
		b := m.Bounds()
		e := entry{Type: fmt.Sprintf("%T", m), Width: b.Dx(), Height: b.Dy()}
		switch m := m.(type) {
		case *image.Gray:
			e.PixSHA256 = pixHash(m.Pix, m.Stride, b.Dx(), b.Dy())
		case *image.Gray16:
			e.PixSHA256 = pixHash(m.Pix, m.Stride, b.Dx()*2, b.Dy())
		case *image.RGBA:
			e.PixSHA256 = pixHash(m.Pix, m.Stride, b.Dx()*4, b.Dy())
		case *image.RGBA64:
			e.PixSHA256 = pixHash(m.Pix, m.Stride, b.Dx()*8, b.Dy())
		case *image.NRGBA:
			e.PixSHA256 = pixHash(m.Pix, m.Stride, b.Dx()*4, b.Dy())
		case *image.NRGBA64:
			e.PixSHA256 = pixHash(m.Pix, m.Stride, b.Dx()*8, b.Dy())
		case *image.Paletted:
			e.PixSHA256 = pixHash(m.Pix, m.Stride, b.Dx(), b.Dy())
			for _, c := range m.Palette {
				n := color.NRGBAModel.Convert(c).(color.NRGBA)
				e.Palette = append(e.Palette, fmt.Sprintf("%02x%02x%02x%02x", n.R, n.G, n.B, n.A))
			}
		default:
			panic(fmt.Sprintf("%s: unexpected type %T", base, m))
		}
		h := sha256.New()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, a := m.At(x, y).RGBA()
				h.Write([]byte{byte(r >> 8), byte(r), byte(g >> 8), byte(g), byte(bl >> 8), byte(bl), byte(a >> 8), byte(a)})
			}
		}
		e.RGBASHA256 = hex.EncodeToString(h.Sum(nil))
		out[base] = e
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
