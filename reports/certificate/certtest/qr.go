package certtest

import (
	"bytes"
	"fmt"
	"image"

	"github.com/makiuchi-d/gozxing"
	zqr "github.com/makiuchi-d/gozxing/qrcode"
)

// DecodeQR reads the QR code in the image, as a phone would, and returns
// its bytes as text. It tries hard: the codes differ from run to run (each
// test database has its own signing key), and so do their mask patterns.
func DecodeQR(img image.Image) (string, error) {
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", fmt.Errorf("certtest: QR bitmap: %w", err)
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	res, err := zqr.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return "", fmt.Errorf("certtest: read the QR code: %w", err)
	}
	segs, ok := res.GetResultMetadata()[gozxing.ResultMetadataType_BYTE_SEGMENTS].([][]byte)
	if !ok {
		return res.GetText(), nil
	}
	return string(bytes.Join(segs, nil)), nil
}
