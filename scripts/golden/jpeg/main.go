// Command jpeg writes the golden fixtures for imago's JPEG codec from Go's own image/jpeg.
//
// Run it from the project root (Go 1.19 is enough; no network, no modules):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run scripts/golden/jpeg/main.go
//
// It writes:
//
//   - test/fixtures/jpeg/crafted/: corpus files with a byte or two changed (see crafted below),
//     for behaviour the corpus does not reach.
//   - test/fixtures/jpeg/go-decode.json: for every file under ../shared/corpus/,
//     test/fixtures/jpeg/encoded/ and test/fixtures/jpeg/crafted/ that starts with the JPEG SOI
//     marker, what Go's
//     jpeg.DecodeConfig and jpeg.Decode return: the image type, bounds, subsample ratio and the
//     SHA-256 of each plane (only the samples inside the bounds, row after row, no padding), or
//     Go's error and its kind (FormatError, UnsupportedError, or another error such as
//     io.ErrUnexpectedEOF).
//   - test/fixtures/jpeg/go-encode.json: for the photos, what Go's jpeg.Encode makes at several
//     qualities: the file size, the SHA-256 of the whole file, of the DQT tables and of the
//     entropy-coded scan (from the SOS marker to the end).
//
// CI never runs this; the JSON is committed.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

const corpus = "../shared/corpus"
const encodedDir = "test/fixtures/jpeg/encoded"
const craftedDir = "test/fixtures/jpeg/crafted"

// crafted lists corpus files with bytes replaced: name, source, and offset → new byte.
var crafted = []struct {
	name    string
	source  string
	patches map[int]byte
}{
	// Successive approximation Al = 13 in the first (DC) scan: DC terms shifted past 16 bits.
	{"wide-dc.progressive.jpeg", "gotestdata/video-001.q50.420.progressive.jpeg", map[int]byte{244: 0x0d}},
	// Al = 14 in the first AC scan of luma (band 1..5): AC terms shifted past 16 bits.
	{"wide-ac.progressive.jpeg", "gotestdata/video-001.q50.420.progressive.jpeg", map[int]byte{536: 0x0e}},
}

func writeCrafted() {
	if err := os.MkdirAll(craftedDir, 0o755); err != nil {
		panic(err)
	}
	for _, c := range crafted {
		b, err := os.ReadFile(filepath.Join(corpus, c.source))
		if err != nil {
			panic(err)
		}
		for at, v := range c.patches {
			b[at] = v
		}
		if err := os.WriteFile(filepath.Join(craftedDir, c.name), b, 0o644); err != nil {
			panic(err)
		}
	}
}

type configResult struct {
	Width      int    `json:"width,omitempty"`
	Height     int    `json:"height,omitempty"`
	ColorModel string `json:"colorModel,omitempty"`
	Error      string `json:"error,omitempty"`
	ErrorKind  string `json:"errorKind,omitempty"`
}

type decodeResult struct {
	File   string            `json:"file"`
	Bytes  int               `json:"bytes"`
	Config configResult      `json:"config"`
	Type   string            `json:"type,omitempty"`
	Width  int               `json:"width,omitempty"`
	Height int               `json:"height,omitempty"`
	Ratio  string            `json:"ratio,omitempty"`
	SHA256 map[string]string `json:"sha256,omitempty"`
	// Error is Go's error text when Decode fails; ErrorKind is its type.
	Error     string `json:"error,omitempty"`
	ErrorKind string `json:"errorKind,omitempty"`
}

func errorKind(err error) string {
	var fe jpeg.FormatError
	var ue jpeg.UnsupportedError
	switch {
	case errors.As(err, &fe):
		return "FormatError"
	case errors.As(err, &ue):
		return "UnsupportedError"
	case err == io.ErrUnexpectedEOF:
		return "UnexpectedEOF"
	case err == io.EOF:
		return "EOF"
	}
	return fmt.Sprintf("%T", err)
}

// planeHash hashes rows rows of width bytes, stride apart.
func planeHash(pix []byte, stride, width, rows int) string {
	h := sha256.New()
	for y := 0; y < rows; y++ {
		h.Write(pix[y*stride : y*stride+width])
	}
	return hex.EncodeToString(h.Sum(nil))
}

func ratioName(r image.YCbCrSubsampleRatio) string {
	switch r {
	case image.YCbCrSubsampleRatio444:
		return "444"
	case image.YCbCrSubsampleRatio422:
		return "422"
	case image.YCbCrSubsampleRatio420:
		return "420"
	case image.YCbCrSubsampleRatio440:
		return "440"
	case image.YCbCrSubsampleRatio411:
		return "411"
	case image.YCbCrSubsampleRatio410:
		return "410"
	}
	return "?"
}

func chromaSize(w, h int, r image.YCbCrSubsampleRatio) (int, int) {
	switch r {
	case image.YCbCrSubsampleRatio422:
		return (w + 1) / 2, h
	case image.YCbCrSubsampleRatio420:
		return (w + 1) / 2, (h + 1) / 2
	case image.YCbCrSubsampleRatio440:
		return w, (h + 1) / 2
	case image.YCbCrSubsampleRatio411:
		return (w + 3) / 4, h
	case image.YCbCrSubsampleRatio410:
		return (w + 3) / 4, (h + 1) / 2
	}
	return w, h
}

func modelName(cfg image.Config) string {
	switch cfg.ColorModel {
	case nil:
		return ""
	}
	// The models are unexported values; name them by what they convert to.
	c := cfg.ColorModel.Convert(image.Black.C)
	return strings.TrimPrefix(fmt.Sprintf("%T", c), "color.")
}

func decodeOne(path, name string) decodeResult {
	data, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	res := decodeResult{File: name, Bytes: len(data)}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		res.Config = configResult{Error: err.Error(), ErrorKind: errorKind(err)}
	} else {
		res.Config = configResult{Width: cfg.Width, Height: cfg.Height, ColorModel: modelName(cfg)}
	}
	m, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		res.Error = err.Error()
		res.ErrorKind = errorKind(err)
		return res
	}
	b := m.Bounds()
	if b.Min != (image.Point{}) {
		panic(name + ": bounds do not start at 0,0")
	}
	res.Width, res.Height = b.Dx(), b.Dy()
	res.SHA256 = map[string]string{}
	switch m := m.(type) {
	case *image.YCbCr:
		res.Type = "YCbCr"
		res.Ratio = ratioName(m.SubsampleRatio)
		cw, ch := chromaSize(b.Dx(), b.Dy(), m.SubsampleRatio)
		res.SHA256["y"] = planeHash(m.Y, m.YStride, b.Dx(), b.Dy())
		res.SHA256["cb"] = planeHash(m.Cb, m.CStride, cw, ch)
		res.SHA256["cr"] = planeHash(m.Cr, m.CStride, cw, ch)
	case *image.Gray:
		res.Type = "Gray"
		res.SHA256["pix"] = planeHash(m.Pix, m.Stride, b.Dx(), b.Dy())
	case *image.CMYK:
		res.Type = "CMYK"
		res.SHA256["pix"] = planeHash(m.Pix, m.Stride, 4*b.Dx(), b.Dy())
	case *image.RGBA:
		res.Type = "RGBA"
		res.SHA256["pix"] = planeHash(m.Pix, m.Stride, 4*b.Dx(), b.Dy())
	default:
		panic(fmt.Sprintf("%s: unexpected type %T", name, m))
	}
	return res
}

func isJPEG(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var b [2]byte
	if _, err := io.ReadFull(f, b[:]); err != nil {
		return false
	}
	return b[0] == 0xff && b[1] == 0xd8
}

func collect(root, prefix string) []string {
	var out []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if isJPEG(p) {
			rel, _ := filepath.Rel(root, p)
			out = append(out, prefix+filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

type encodeResult struct {
	File    string `json:"file"`
	Source  string `json:"source"` // the Go type that was encoded
	Width   int    `json:"width"`
	Height  int    `json:"height"`
	Quality int    `json:"quality"`
	Size    int    `json:"size"`
	SHA256  string `json:"sha256"`
	DQT     string `json:"dqt"`  // SHA-256 of the DQT segment payload (after the length)
	Scan    string `json:"scan"` // SHA-256 from the SOS marker to the end of the file
}

// segment finds the first marker m (after SOI) and returns its offset.
func findMarker(b []byte, m byte) int {
	for i := 2; i+3 < len(b); {
		if b[i] != 0xff {
			panic("not at a marker")
		}
		if b[i+1] == m {
			return i
		}
		n := int(b[i+2])<<8 | int(b[i+3])
		i += 2 + n
	}
	panic("marker not found")
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func encodeOne(name string, m image.Image, q int) encodeResult {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: q}); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	dqt := findMarker(b, 0xdb)
	n := int(b[dqt+2])<<8 | int(b[dqt+3])
	sos := findMarker(b, 0xda)
	return encodeResult{
		File: name, Source: strings.TrimPrefix(fmt.Sprintf("%T", m), "*image."),
		Width: m.Bounds().Dx(), Height: m.Bounds().Dy(), Quality: q, Size: len(b),
		SHA256: sum(b), DQT: sum(b[dqt+4 : dqt+2+n]), Scan: sum(b[sos:]),
	}
}

func readImage(path string) image.Image {
	f, err := os.Open(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	var m image.Image
	if strings.HasSuffix(path, ".png") {
		m, err = png.Decode(f)
	} else {
		m, err = jpeg.Decode(f)
	}
	if err != nil {
		panic(err)
	}
	return m
}

func writeJSON(path string, v interface{}) {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		panic(err)
	}
	fmt.Println("wrote", path)
}

func main() {
	writeCrafted()
	var decodes []decodeResult
	for _, name := range collect(corpus, "") {
		decodes = append(decodes, decodeOne(filepath.Join(corpus, name), name))
	}
	for _, name := range collect(encodedDir, "encoded/") {
		decodes = append(decodes, decodeOne(filepath.Join(encodedDir, strings.TrimPrefix(name, "encoded/")), name))
	}
	for _, name := range collect(craftedDir, "crafted/") {
		decodes = append(decodes, decodeOne(filepath.Join(craftedDir, strings.TrimPrefix(name, "crafted/")), name))
	}
	writeJSON("test/fixtures/jpeg/go-decode.json", decodes)

	var encodes []encodeResult
	sources := []string{
		"photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg",
		"photos/plasma-ColorfulCups-2560x1600.jpg",
		"photos/plasma-EveningGlow-2560x1600.jpg",
		"photos/plasma-FallenLeaf-2560x1600.jpg",
		"photos/plasma-Grey-2560x1600.jpg",
		"photos/plasma-Path-2560x1600.jpg",
		"photos/skimage-hubble_deep_field.jpg",
		"photos/skimage-retina.jpg",
		"photos/skimage-rocket.jpg",
		"gotestdata/video-001.png",
		"gotestdata/video-005.gray.png",
		"photos/skimage-astronaut.png",
		"photos/skimage-camera.png",
	}
	for _, name := range sources {
		m := readImage(filepath.Join(corpus, name))
		for _, q := range []int{1, 50, 75, 85, 90, 100} {
			encodes = append(encodes, encodeOne(name, m, q))
		}
	}
	writeJSON("test/fixtures/jpeg/go-encode.json", encodes)
}
