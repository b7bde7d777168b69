package imports

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"peiyang/internal/parallel"
	"peiyang/models"
	"peiyang/photo"
)

// Photos: a folder of image files named the way schools collect them, by
// ID number (510623198802151234.jpg) or by name and ID number
// (王芳-510623198802151234.jpg; a space or "_" may stand for "-"), each
// made into the trainee's stored photo (package photo). Every file is
// checked before anything is written: a name that is no ID number or
// matches no trainee (or the trainee's name differs), two files for one
// trainee, a file that is no readable JPEG or PNG, or a picture too small
// to print, is reported by file, and then nothing is imported. Other
// files (a Thumbs.db, a note) are listed as skipped. File names are
// reported with the ID number masked.

// Messages of the photo import.
const (
	MsgPhotoName      = "The file's name is neither an ID number nor 姓名-身份证号."
	MsgPhotoNoTrainee = "No trainee has the ID number in the file's name."
	MsgPhotoOtherName = "The file's name says {{.Name}}, but the trainee with that ID number is {{.Trainee}}."
	MsgPhotoDuplicate = "{{.N}} files are photos of {{.Trainee}}; keep one."
	MsgPhotosRejected = "{{.N}} of {{.Files}} photo(s) have problems, so none was imported. Correct them and import again."
	MsgNoPhotos       = "The folder holds no photos (JPEG or PNG files)."
	MsgPhotoFolder    = "{{.Folder}} is not a folder that can be read."
)

// The kinds of a photo's problem.
const (
	PhotoUnmatched  = "unmatched"
	PhotoDuplicate  = "duplicate"
	PhotoUnreadable = "unreadable"
	PhotoTooSmall   = "too_small"
)

// PhotoProblem is one file's problem.
type PhotoProblem struct {
	File    string         `json:"file"` // the file's name, its ID number masked
	Kind    string         `json:"kind"` // unmatched, duplicate, unreadable or too_small
	Key     string         `json:"key"`  // the English message, the translation key
	Data    map[string]any `json:"data,omitempty"`
	Message string         `json:"message"`
}

// PhotoReport is what a photo import did, or would do in a dry run.
type PhotoReport struct {
	Folder   string         `json:"folder"`
	DryRun   bool           `json:"dry_run"`
	Files    int            `json:"files"`   // image files looked at
	Skipped  []string       `json:"skipped"` // other files, by name
	Matched  int            `json:"matched"` // files that are good photos of one trainee each
	Imported int            `json:"imported"`
	Bytes    int64          `json:"bytes"` // of the stored photos, together
	Problems []PhotoProblem `json:"problems"`
}

// BytesPerPhoto is the average size of the stored photos.
func (r *PhotoReport) BytesPerPhoto() int64 {
	if r.Matched == 0 {
		return 0
	}
	return r.Bytes / int64(r.Matched)
}

// Count returns how many problems are of the kind.
func (r *PhotoReport) Count(kind string) int {
	n := 0
	for _, p := range r.Problems {
		if p.Kind == kind {
			n++
		}
	}
	return n
}

// PhotoOptions shape a photo import.
type PhotoOptions struct {
	DryRun bool // check and report; write nothing
}

// photoFile is one image file of the folder.
type photoFile struct {
	name, shown string // the file's name, and with its ID number masked
	id, person  string // the ID number and the name its name gives
	trainee     *models.Trainee
	jpeg        []byte
	problem     *PhotoProblem
}

func (f *photoFile) fail(kind, key string, data ...any) {
	m := map[string]any{}
	for i := 0; i+1 < len(data); i += 2 {
		m[fmt.Sprint(data[i])] = data[i+1]
	}
	f.problem = &PhotoProblem{File: f.shown, Kind: kind, Key: key, Data: m, Message: models.Render(key, m)}
}

// ImportPhotos makes the photos of the folder's image files and stores
// them, all or nothing.
func (im *Importer) ImportPhotos(ctx context.Context, dir string, opts PhotoOptions) (*PhotoReport, error) {
	rep := &PhotoReport{Folder: dir, DryRun: opts.DryRun, Skipped: []string{}, Problems: []PhotoProblem{}}
	files, err := listPhotos(dir, rep)
	if err != nil {
		return rep, err
	}
	if err := im.matchPhotos(ctx, files); err != nil {
		return rep, err
	}
	parallel.Each(len(files), func(i int) { files[i].prepare(dir) })
	photos := map[int64][]byte{}
	for _, f := range files {
		if f.problem != nil {
			rep.Problems = append(rep.Problems, *f.problem)
			continue
		}
		rep.Matched++
		rep.Bytes += int64(len(f.jpeg))
		photos[f.trainee.ID] = f.jpeg
	}
	if len(rep.Problems) > 0 {
		return rep, models.Errorf(models.EINVALID, "", MsgPhotosRejected, "N", len(rep.Problems), "Files", rep.Files)
	}
	if opts.DryRun {
		return rep, nil
	}
	if err := im.svc.Trainees.SetPhotos(ctx, photos); err != nil {
		return rep, err
	}
	rep.Imported = len(photos)
	return rep, nil
}

// listPhotos lists the folder's image files, in order of name, and notes
// the other files as skipped.
func listPhotos(dir string, rep *PhotoReport) ([]*photoFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, models.Errorf(models.EINVALID, "", MsgPhotoFolder, "Folder", filepath.Base(dir))
	}
	var files []*photoFile
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || e.IsDir() {
			continue
		}
		ext := strings.ToLower(filepath.Ext(name))
		if !e.Type().IsRegular() || (ext != ".jpg" && ext != ".jpeg" && ext != ".png") {
			rep.Skipped = append(rep.Skipped, maskName(name))
			continue
		}
		f := &photoFile{name: name, shown: maskName(name)}
		f.person, f.id = parsePhotoName(strings.TrimSuffix(name, filepath.Ext(name)))
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	rep.Files = len(files)
	if len(files) == 0 {
		return nil, models.Errorf(models.EINVALID, "", MsgNoPhotos)
	}
	return files, nil
}

// parsePhotoName reads a file's name without its extension: an ID number,
// or a name and an ID number joined by "-", "_" or a space. It returns
// the name ("" for none) and the ID number normalised, or "" when there
// is none.
func parsePhotoName(stem string) (person, id string) {
	stem = strings.TrimSpace(stem)
	if looksLikeID(stem) {
		return "", models.NormalizeIDNumber(stem)
	}
	i := strings.LastIndexFunc(stem, func(r rune) bool { return r == '-' || r == '_' || unicode.IsSpace(r) })
	if i <= 0 {
		return "", ""
	}
	person, rest := strings.TrimSpace(stem[:i]), strings.TrimSpace(stem[i+1:])
	if person == "" || !looksLikeID(rest) {
		return "", ""
	}
	return person, models.NormalizeIDNumber(rest)
}

// looksLikeID reports whether s is an 18-character ID number with its
// check character right.
func looksLikeID(s string) bool {
	n := models.NormalizeIDNumber(s)
	if len(n) != 18 {
		return false
	}
	for _, r := range n[:17] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return models.IDCheckChar(n[:17]) == n[17]
}

// maskName masks every ID number in a file's name.
func maskName(name string) string {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	var b strings.Builder
	r := []rune(stem)
	for i := 0; i < len(r); {
		if i+18 <= len(r) && looksLikeID(string(r[i:i+18])) {
			b.WriteString(models.MaskIDNumber(models.NormalizeIDNumber(string(r[i : i+18]))))
			i += 18
			continue
		}
		b.WriteRune(r[i])
		i++
	}
	return b.String() + ext
}

// matchPhotos finds each file's trainee by the ID number in its name and
// marks the files that match no one, or one that another file matches.
func (im *Importer) matchPhotos(ctx context.Context, files []*photoFile) error {
	var ids []string
	for _, f := range files {
		if f.id == "" {
			f.fail(PhotoUnmatched, MsgPhotoName)
			continue
		}
		ids = append(ids, f.id)
	}
	byID := map[string]*models.Trainee{}
	for start := 0; start < len(ids); start += 500 {
		found, err := im.svc.Trainees.FindTrainees(ctx, models.TraineeFilter{IDNumbers: ids[start:min(start+500, len(ids))],
			Page: models.Page{Limit: 500}})
		if err != nil {
			return err
		}
		for _, t := range found {
			byID[t.IDNumber] = t
		}
	}
	byTrainee := map[int64][]*photoFile{}
	for _, f := range files {
		if f.problem != nil {
			continue
		}
		t := byID[f.id]
		switch {
		case t == nil:
			f.fail(PhotoUnmatched, MsgPhotoNoTrainee)
		case f.person != "" && f.person != t.Name:
			f.fail(PhotoUnmatched, MsgPhotoOtherName, "Name", f.person, "Trainee", t.Name)
		default:
			f.trainee = t
			byTrainee[t.ID] = append(byTrainee[t.ID], f)
		}
	}
	for _, same := range byTrainee {
		if len(same) > 1 {
			for _, f := range same {
				f.fail(PhotoDuplicate, MsgPhotoDuplicate, "N", len(same), "Trainee", f.trainee.Name)
			}
		}
	}
	return nil
}

// prepare reads the file and makes its photo, or notes why not.
func (f *photoFile) prepare(dir string) {
	if f.problem != nil {
		return
	}
	path := filepath.Join(dir, f.name)
	if fi, err := os.Stat(path); err == nil && fi.Size() > photo.MaxFileSize {
		f.fail(PhotoUnreadable, photo.MsgTooLarge, "Size", fmt.Sprintf("%d MB", (fi.Size()+500_000)/1_000_000))
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		f.fail(PhotoUnreadable, photo.MsgUnreadable)
		return
	}
	jpg, err := photo.Prepare(data)
	if err != nil {
		kind := PhotoUnreadable
		if photo.IsTooSmall(err) {
			kind = PhotoTooSmall
		}
		if me, ok := err.(*models.Error); ok {
			f.problem = &PhotoProblem{File: f.shown, Kind: kind, Key: me.Message, Data: me.Data, Message: models.Render(me.Message, me.Data)}
			return
		}
		f.fail(kind, photo.MsgUnreadable)
		return
	}
	f.jpeg = jpg
}
