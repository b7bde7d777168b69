package pdfkit

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"fmt"
	"hash"
	"io"
	"strconv"
	"sync"
)

// fileWriter writes a PDF file's objects in any order and the cross-
// reference table at the end. It remembers its first error.
type fileWriter struct {
	w       *bufio.Writer
	n       int64   // bytes written so far
	offsets []int64 // by object number; 0: not written yet
	sum     hash.Hash
	err     error
}

func newFileWriter(w io.Writer) *fileWriter {
	fw := &fileWriter{w: bufio.NewWriterSize(w, 1<<16), offsets: []int64{0}, sum: md5.New()}
	// The binary comment tells transfer programs the file is binary.
	fw.write([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))
	return fw
}

func (fw *fileWriter) write(b []byte) {
	if fw.err != nil {
		return
	}
	fw.sum.Write(b)
	n, err := fw.w.Write(b)
	fw.n += int64(n)
	if err != nil {
		fw.err = err
	}
}

func (fw *fileWriter) writeString(s string) { fw.write([]byte(s)) }

// start begins object num.
func (fw *fileWriter) start(num int) {
	for len(fw.offsets) <= num {
		fw.offsets = append(fw.offsets, 0)
	}
	fw.offsets[num] = fw.n
	fw.writeString(strconv.Itoa(num) + " 0 obj\n")
}

// object writes object num with body, a dictionary or other value.
func (fw *fileWriter) object(num int, body string) {
	fw.start(num)
	fw.writeString(body)
	fw.writeString("\nendobj\n")
}

// stream writes object num as a stream: dict holds the entries besides
// Length (and Filter, which is FlateDecode when deflated is set).
func (fw *fileWriter) stream(num int, dict string, data []byte, deflated bool) {
	fw.start(num)
	fw.writeString("<<")
	if dict != "" {
		fw.writeString(dict + " ")
	}
	if deflated {
		fw.writeString("/Filter /FlateDecode ")
	}
	fw.writeString("/Length " + strconv.Itoa(len(data)) + ">>\nstream\n")
	fw.write(data)
	fw.writeString("\nendstream\nendobj\n")
}

// finish writes the cross-reference table and the trailer, with an ID
// made from the file's bytes (so equal files have equal IDs), and flushes.
func (fw *fileWriter) finish(root, info int) error {
	xref := fw.n
	id := fmt.Sprintf("%x", fw.sum.Sum(nil))
	var b bytes.Buffer
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(fw.offsets))
	for num, off := range fw.offsets[1:] {
		if off == 0 {
			return fmt.Errorf("pdfkit: object %d was never written", num+1)
		}
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(fw.offsets), root, info, id, id, xref)
	fw.write(b.Bytes())
	if fw.err == nil {
		fw.err = fw.w.Flush()
	}
	return fw.err
}

// compression is the zlib level of every stream: level 6, the default,
// makes files a fifth smaller than level 1 (BestSpeed) for a third more
// time, and streams are deflated on all CPUs.
const compression = zlib.DefaultCompression

// deflaters holds zlib writers for reuse: each is about 1 MB of tables,
// too dear to make for every page.
var deflaters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(io.Discard, compression)
	return w
}}

// deflate returns data compressed with zlib, appended to dst.
func deflate(dst, data []byte) []byte {
	buf := bytes.NewBuffer(dst)
	zw := deflaters.Get().(*zlib.Writer)
	zw.Reset(buf)
	zw.Write(data) // writes to a bytes.Buffer cannot fail
	zw.Close()
	zw.Reset(io.Discard) // do not keep buf alive in the pool
	deflaters.Put(zw)
	return buf.Bytes()
}
