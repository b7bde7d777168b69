package app

import (
	"sort"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/pinyin"
)

// The session form's instructor: the instructors in pinyin order of their
// names, found by typing part of the name or of its pinyin (full or
// initials); "none" leaves the session without one.

// instructorChoice makes the instructor's input, holding the instructor
// of the ID (none for 0).
func (e *sessionEditor) instructorChoice(id int64) *kit.SearchSelect {
	e.teachers = append([]*models.Instructor(nil), e.t.s.instructors...)
	sort.SliceStable(e.teachers, func(i, j int) bool {
		return pinyin.SortKey(e.teachers[i].Name) < pinyin.SortKey(e.teachers[j].Name)
	})
	labels := []string{T("value.none")}
	keys := []string{"none"}
	for _, in := range e.teachers {
		labels = append(labels, instructorLabel(in, e.teachers))
		keys = append(keys, pinyin.Full(in.Name)+" "+pinyin.Initials(in.Name))
	}
	e.instructor = kit.NewSearchSelect(labels, keys)
	e.instructor.SetPlaceHolder(T("courses.instructor_search"))
	if i := indexOf(e.teachers, func(in *models.Instructor) bool { return in.ID == id }); i >= 0 {
		e.instructor.SetText(labels[i+1])
	}
	return e.instructor
}

// instructorLabel is the instructor's name, with the position when
// another instructor has the same name.
func instructorLabel(in *models.Instructor, all []*models.Instructor) string {
	for _, o := range all {
		if o != in && o.Name == in.Name && in.Position != "" {
			return in.Name + "（" + in.Position + "）"
		}
	}
	return in.Name
}

// instructorID is the instructor chosen, 0 for none; a text that names
// no instructor adds its error to l.
func (e *sessionEditor) instructorID(l *models.ErrorList) int64 {
	if formText(e.instructor.Text) == "" {
		return 0
	}
	switch i := e.instructor.Index(); {
	case i == 0:
		return 0
	case i > 0:
		return e.teachers[i-1].ID
	}
	// The message is the window's own, translated here.
	msg := T("courses.no_such_instructor", "Text", formText(e.instructor.Text))
	*l = append(*l, models.Errorf(models.EINVALID, "instructor_id", "{{.Text}}", "Text", msg))
	return 0
}
