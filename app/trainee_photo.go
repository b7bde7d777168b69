package app

import (
	"context"
	"crypto/sha256"
	"fmt"
	"image"
	"io"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/models"
	"peiyang/photo"
)

// The trainee form's photo (证件照): the photo as it will be printed, with
// Choose… and Remove beside it. Choose asks for a JPEG or PNG file, reads
// it in the background within package photo's bounds (turned upright by
// its EXIF orientation) and opens the crop dialog (trainee_crop.go). The
// photo made there (295 × 413 pixels, no EXIF) is stored when the form
// is saved, after the trainee's fields; a removal likewise.

// photoField is the form's photo input; the form watches it (Value).
type photoField struct {
	widget.BaseWidget
	u              *ui
	img            *canvas.Image
	empty          *widget.Label
	choose, remove *widget.Button
	jpg            []byte // the photo shown; nil for none
	changed        bool   // jpg is not the stored photo
	watch          []func()
	// refuse shows why a file was not taken, beside the field.
	refuse func(msg string)
	crop   *photoCrop // the crop dialog opened last; for tests
}

// photoBoxSize is the photo's size in the form: 25 × 35 mm.
var photoBoxSize = fyne.NewSize(100, 140)

func newPhotoField(u *ui) *photoField {
	p := &photoField{u: u, img: canvas.NewImageFromImage(nil), empty: widget.NewLabel(T("photo.none"))}
	p.img.FillMode = canvas.ImageFillContain
	p.img.SetMinSize(photoBoxSize)
	p.empty.Alignment = fyne.TextAlignCenter
	p.choose = widget.NewButtonWithIcon(T("photo.choose"), theme.FolderOpenIcon(), p.chooseFile)
	p.remove = widget.NewButtonWithIcon(T("photo.remove"), theme.DeleteIcon(), func() { p.set(nil) })
	p.refuse = func(string) {}
	p.ExtendBaseWidget(p)
	p.show()
	return p
}

func (p *photoField) CreateRenderer() fyne.WidgetRenderer {
	frame := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	frame.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	frame.StrokeWidth = 1
	box := container.NewStack(frame, container.NewCenter(p.empty), p.img)
	buttons := container.NewVBox(p.choose, p.remove)
	return widget.NewSimpleRenderer(container.NewHBox(box, buttons))
}

// Value says whether the photo changed, for the form: "" while it is the
// stored one.
func (p *photoField) Value() string {
	switch {
	case !p.changed:
		return ""
	case p.jpg == nil:
		return "removed"
	}
	return fmt.Sprintf("%x", sha256.Sum256(p.jpg))
}

// Watch registers a function called when the photo changes.
func (p *photoField) Watch(changed func()) { p.watch = append(p.watch, changed) }

// loadStored shows the trainee's stored photo, read in the background.
func (p *photoField) loadStored(traineeID int64) {
	goLoadOrFail(p.u, func(ctx context.Context) ([]byte, error) {
		return p.u.svc.Trainees.FindPhoto(ctx, traineeID)
	}, func(jpg []byte, err error) {
		if err == nil && !p.changed {
			p.jpg = jpg
			p.show()
		}
	})
}

// set shows a new photo, nil for none, as a change.
func (p *photoField) set(jpg []byte) {
	p.jpg, p.changed = jpg, true
	p.show()
	for _, w := range p.watch {
		w()
	}
}

// show shows the photo or the empty frame.
func (p *photoField) show() {
	p.img.Image = nil
	if p.jpg != nil {
		if img, err := photo.Decode(p.jpg); err == nil {
			p.img.Image = img
		}
	}
	p.empty.Hidden = p.img.Image != nil
	p.remove.Disable()
	if p.jpg != nil {
		p.remove.Enable()
	}
	p.img.Refresh()
	p.Refresh()
}

// chooseFile asks for the image file, then crops it.
func (p *photoField) chooseFile() {
	p.u.chooseFile(docImages, T("photo.choose_title"), []string{".jpg", ".jpeg", ".png"}, p.load)
}

// load reads the image file in the background and opens the crop dialog,
// or says why the file cannot be used.
func (p *photoField) load(path string) {
	goLoadOrFail(p.u, func(context.Context) (image.Image, error) { return readPhotoFile(path) }, func(img image.Image, err error) {
		if err != nil {
			p.refuse(UserMessage(err))
			return
		}
		p.crop = p.u.cropPhoto(img, p.set, p.refuse)
	})
}

// readPhotoFile reads an image file within photo.MaxFileSize and turns
// it upright.
func readPhotoFile(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, photo.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	return photo.Decode(data)
}

// save stores the change of the photo, if any: the new photo, or its
// removal (none stored is fine).
func (p *photoField) save(ctx context.Context, traineeID int64) error {
	switch {
	case !p.changed:
		return nil
	case p.jpg == nil:
		if err := p.u.svc.Trainees.DeletePhoto(ctx, traineeID); models.ErrorCode(err) != models.ENOTFOUND {
			return err
		}
		return nil
	}
	return p.u.svc.Trainees.SetPhoto(ctx, traineeID, p.jpg)
}
