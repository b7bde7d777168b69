package photo

import (
	"image"

	xdraw "golang.org/x/image/draw"
)

// scale returns the part r of img scaled to w × h pixels. Shrinking, each
// output pixel is the mean of the source area it covers (area averaging,
// which neither aliases nor blurs), computed on a JPEG's own Y, Cb and Cr
// planes, which the JPEG encoder then takes as they are: a photo is
// scaled in a millisecond or two, without a conversion to RGB and back.
// Enlarging (a crop a little under the stored size), Catmull-Rom
// interpolates.
func scale(img image.Image, r image.Rectangle, w, h int) image.Image {
	if ycc, ok := img.(*image.YCbCr); ok && r.Dx() >= w && r.Dy() >= h {
		if cx, cy, ok := chromaShift(ycc.SubsampleRatio); ok {
			return scaleYCbCr(ycc, r, w, h, cx, cy)
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if r.Dx() < w || r.Dy() < h {
		xdraw.CatmullRom.Scale(dst, dst.Rect, img, r, xdraw.Src, nil)
		return dst
	}
	src, ok := img.(*image.RGBA)
	if !ok || src.Rect != r {
		src = toRGBA(img, r)
	}
	for c := range 4 {
		out := shrinkPlane(plane{src.Pix[c:], src.Stride, 4}, float64(r.Dx()), float64(r.Dy()), 0, 0, w, h)
		for i, v := range out {
			dst.Pix[4*i+c] = v
		}
	}
	return dst
}

// chromaShift returns how many bits the chroma planes' coordinates are
// shifted from the luma's, across and down.
func chromaShift(s image.YCbCrSubsampleRatio) (int, int, bool) {
	switch s {
	case image.YCbCrSubsampleRatio444:
		return 0, 0, true
	case image.YCbCrSubsampleRatio422:
		return 1, 0, true
	case image.YCbCrSubsampleRatio420:
		return 1, 1, true
	case image.YCbCrSubsampleRatio440:
		return 0, 1, true
	}
	return 0, 0, false
}

// scaleYCbCr shrinks the part r of a JPEG's planes to w × h, all three
// planes at full resolution.
func scaleYCbCr(src *image.YCbCr, r image.Rectangle, w, h, cx, cy int) *image.YCbCr {
	b := src.Rect
	ly := plane{src.Y[(r.Min.Y-b.Min.Y)*src.YStride+(r.Min.X-b.Min.X):], src.YStride, 1}
	y := shrinkPlane(ly, float64(r.Dx()), float64(r.Dy()), 0, 0, w, h)
	// The chroma planes start at b.Min >> shift; r's corner falls inside a
	// chroma sample when the shift is not zero.
	x0, y0 := (b.Min.X>>cx)<<cx, (b.Min.Y>>cy)<<cy
	fx, fy := float64(r.Min.X-x0)/float64(int(1)<<cx), float64(r.Min.Y-y0)/float64(int(1)<<cy)
	cw, ch := float64(r.Dx())/float64(int(1)<<cx), float64(r.Dy())/float64(int(1)<<cy)
	cb := shrinkPlane(plane{src.Cb, src.CStride, 1}, cw, ch, fx, fy, w, h)
	cr := shrinkPlane(plane{src.Cr, src.CStride, 1}, cw, ch, fx, fy, w, h)
	return &image.YCbCr{Y: y, Cb: cb, Cr: cr, YStride: w, CStride: w,
		SubsampleRatio: image.YCbCrSubsampleRatio444, Rect: image.Rect(0, 0, w, h)}
}

// plane is one channel of an image: its samples, a row every stride
// bytes, a sample every step bytes.
type plane struct {
	pix          []uint8
	stride, step int
}

// taps are the source samples an output sample averages, with their
// weights in 1/4096.
type taps struct {
	first int
	w     []int32
}

// weights returns, for each of n outputs covering the source span from
// off to off+span, the samples it covers and how much of each.
func weights(off, span float64, n, limit int) []taps {
	out := make([]taps, n)
	step := span / float64(n)
	for i := range out {
		a, b := off+float64(i)*step, off+float64(i+1)*step
		first := int(a)
		var ws []int32
		total := int32(0)
		for s := first; float64(s) < b && s < limit; s++ {
			lo, hi := max(a, float64(s)), min(b, float64(s+1))
			wt := int32((hi - lo) / step * 4096)
			ws = append(ws, wt)
			total += wt
		}
		if len(ws) == 0 {
			ws = []int32{4096}
			first = min(first, limit-1)
		} else {
			ws[len(ws)-1] += 4096 - total // the rounding's remainder
		}
		out[i] = taps{first, ws}
	}
	return out
}

// shrinkPlane averages the span w × h of p (from x0, y0, fractions
// allowed) down to ow × oh samples: each row across, then the rows down,
// a whole row of sums at a time.
func shrinkPlane(p plane, w, h, x0, y0 float64, ow, oh int) []uint8 {
	rows := int(y0+h+0.999999) - int(y0)
	wx := weights(x0, w, ow, int(x0+w+0.999999))
	wy := weights(y0-float64(int(y0)), h, oh, rows)
	tmp := make([]int32, rows*ow) // 8.8 fixed point
	for y := range rows {
		row := p.pix[(int(y0)+y)*p.stride:]
		out := tmp[y*ow : (y+1)*ow]
		for i, t := range wx {
			at := t.first * p.step
			var v int32
			for _, wt := range t.w {
				v += wt * int32(row[at])
				at += p.step
			}
			out[i] = v >> 4
		}
	}
	out := make([]uint8, ow*oh)
	acc := make([]int32, ow)
	for j, t := range wy {
		clear(acc)
		for k, wt := range t.w {
			src := tmp[(t.first+k)*ow : (t.first+k+1)*ow]
			for i, v := range src {
				acc[i] += wt * v
			}
		}
		dst := out[j*ow : (j+1)*ow]
		for i, v := range acc {
			dst[i] = uint8(min(255, (v+1<<19)>>20))
		}
	}
	return out
}
