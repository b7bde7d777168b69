package pdfkit

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"strconv"
)

// gofpdf draws what Draw callbacks ask for (frames, seals, transforms,
// transparency) on pages of its own; pdfkit writes the file. A page with
// such drawings is replayed onto a gofpdf document, which is written
// uncompressed and read back here: each page's content stream, and the
// graphics states (transparency) its resources name. Nothing else of
// gofpdf's output is kept, so fonts, images, gradients, layers and links
// made through gofpdf are refused with an error: pdfkit draws text and
// images itself.

// gofpdfPages is what pdfkit takes from a gofpdf document.
type gofpdfPages struct {
	contents [][]byte // each page's content stream, graphics states renamed
	group    []bool   // the page asks for a transparency group
	gstates  map[string]string
}

// readGofpdf reads a gofpdf document's pages back.
func readGofpdf(pdf []byte) (*gofpdfPages, error) {
	objs, err := gofpdfObjects(pdf)
	if err != nil {
		return nil, err
	}
	obj := func(n int) ([]byte, error) {
		if n <= 0 || n >= len(objs) || objs[n] == nil {
			return nil, fmt.Errorf("pdfkit: gofpdf output has no object %d", n)
		}
		return objs[n], nil
	}
	res, err := obj(2)
	if err != nil {
		return nil, err
	}
	rename, gstates, err := gofpdfResources(res, obj)
	if err != nil {
		return nil, err
	}
	root, err := obj(1)
	if err != nil {
		return nil, err
	}
	kids := between(root, "/Kids [", "]")
	if kids == nil {
		return nil, fmt.Errorf("pdfkit: gofpdf output has no page list")
	}
	out := &gofpdfPages{gstates: gstates}
	refs := bytes.Fields(kids)
	for i := 0; i+2 < len(refs); i += 3 {
		n, _ := strconv.Atoi(string(refs[i]))
		page, err := obj(n)
		if err != nil {
			return nil, err
		}
		if bytes.Contains(page, []byte("/Annots")) {
			return nil, fmt.Errorf("pdfkit: links and attachments made through gofpdf are not supported")
		}
		cn, err := firstInt(between(page, "/Contents ", " 0 R"))
		if err != nil {
			return nil, fmt.Errorf("pdfkit: gofpdf page object %d has no contents", n)
		}
		body, err := obj(cn)
		if err != nil {
			return nil, err
		}
		data, err := streamData(body)
		if err != nil {
			return nil, fmt.Errorf("pdfkit: gofpdf page object %d: %w", n, err)
		}
		for local, global := range rename {
			data = bytes.ReplaceAll(data, []byte("/"+local+" gs"), []byte("/"+global+" gs"))
		}
		out.contents = append(out.contents, data)
		out.group = append(out.group, bytes.Contains(page, []byte("/Group")))
	}
	return out, nil
}

// gofpdfObjects returns the objects' bodies by number, from the cross-
// reference table gofpdf writes.
func gofpdfObjects(pdf []byte) ([][]byte, error) {
	at := bytes.LastIndex(pdf, []byte("startxref\n"))
	if at < 0 {
		return nil, fmt.Errorf("pdfkit: gofpdf output has no startxref")
	}
	xref, err := firstInt(pdf[at+len("startxref\n"):])
	if err != nil || xref <= 0 || xref >= len(pdf) {
		return nil, fmt.Errorf("pdfkit: gofpdf output has a bad startxref")
	}
	lines := bytes.Split(pdf[xref:], []byte("\n"))
	if len(lines) < 3 || string(lines[0]) != "xref" {
		return nil, fmt.Errorf("pdfkit: gofpdf output has no cross-reference table")
	}
	hdr := bytes.Fields(lines[1])
	if len(hdr) != 2 {
		return nil, fmt.Errorf("pdfkit: gofpdf output has a bad cross-reference table")
	}
	count, err := strconv.Atoi(string(hdr[1]))
	if err != nil || count > len(lines)-2 {
		return nil, fmt.Errorf("pdfkit: gofpdf output has a bad cross-reference table")
	}
	objs := make([][]byte, count)
	for n := 1; n < count; n++ {
		off, err := firstInt(lines[2+n])
		if err != nil || off <= 0 || off >= xref {
			return nil, fmt.Errorf("pdfkit: gofpdf output: bad offset of object %d", n)
		}
		body := pdf[off:xref]
		head := []byte(strconv.Itoa(n) + " 0 obj\n")
		end := bytes.Index(body, []byte("\nendobj"))
		if !bytes.HasPrefix(body, head) || end < 0 {
			return nil, fmt.Errorf("pdfkit: gofpdf output: object %d is not where the table says", n)
		}
		objs[n] = body[len(head):end]
	}
	return objs, nil
}

// gofpdfResources checks that the resource dictionary names nothing but
// graphics states and returns, for each of them, the name it gets in the
// file (from its content, so that documents drawn in parts agree) and the
// objects by that name.
func gofpdfResources(res []byte, obj func(int) ([]byte, error)) (rename, gstates map[string]string, err error) {
	for _, empty := range []string{"/Font <<\n>>", "/XObject <<\n>>"} {
		if !bytes.Contains(res, []byte(empty)) {
			return nil, nil, fmt.Errorf("pdfkit: text and images drawn through gofpdf are not supported; use Doc.Text and Doc.Image")
		}
	}
	for _, other := range []string{"/Shading", "/Properties", "/ColorSpace", "/Pattern"} {
		if i := bytes.Index(res, []byte(other)); i >= 0 && !bytes.HasPrefix(res[i:], []byte(other+" <<\n>>")) {
			return nil, nil, fmt.Errorf("pdfkit: gofpdf resources %s are not supported", other)
		}
	}
	rename, gstates = map[string]string{}, map[string]string{}
	refs := bytes.Fields(between(res, "/ExtGState <<", ">>"))
	for i := 0; i+3 < len(refs); i += 4 {
		n, _ := strconv.Atoi(string(refs[i+1]))
		body, err := obj(n)
		if err != nil {
			return nil, nil, err
		}
		h := fnv.New32a()
		h.Write(body)
		global := fmt.Sprintf("GS%08x", h.Sum32())
		rename[string(refs[i][1:])] = global
		gstates[global] = string(body)
	}
	return rename, gstates, nil
}

// streamData returns an uncompressed stream's data.
func streamData(body []byte) ([]byte, error) {
	start := bytes.Index(body, []byte(">>\nstream\n"))
	if start < 0 {
		return nil, fmt.Errorf("not a stream")
	}
	if bytes.Contains(body[:start], []byte("/Filter")) {
		return nil, fmt.Errorf("compressed stream")
	}
	n, err := firstInt(between(body[:start], "/Length ", "\x00"))
	start += len(">>\nstream\n")
	if err != nil || n < 0 || start+n > len(body) {
		return nil, fmt.Errorf("bad stream length")
	}
	return body[start : start+n], nil
}

// firstInt parses the first field of b as a number.
func firstInt(b []byte) (int, error) {
	f := bytes.Fields(b)
	if len(f) == 0 {
		return 0, fmt.Errorf("no number")
	}
	return strconv.Atoi(string(f[0]))
}

// between returns what lies in b between the first from and the next to
// (or the end of b when to is absent), or nil when from is absent.
func between(b []byte, from, to string) []byte {
	i := bytes.Index(b, []byte(from))
	if i < 0 {
		return nil
	}
	rest := b[i+len(from):]
	if j := bytes.Index(rest, []byte(to)); j >= 0 {
		return rest[:j]
	}
	return rest
}
