package app

import (
	"fmt"
	"strings"
	"testing"

	"peiyang/models"
)

// The messages a form cannot show beside a field come out below it in the
// order the rules gave them, every time (they used to follow a map's
// random order).
func TestFormMessagesKeepTheirOrder(t *testing.T) {
	e, s := traineesEnv(t, LangEnglish)
	d := openFirstRow(t, e, s)
	e.act(d.openEdit)
	f := d.form
	var list models.ErrorList
	var want []string
	for i := range 8 {
		msg := fmt.Sprintf("Rule %d is broken.", i)
		list.Add(fmt.Sprintf("elsewhere_%d", i), msg)
		want = append(want, msg)
	}
	for range 5 {
		e.act(func() { showFormError(e.u.win, f.Form, list.Err()) })
		if got := f.General().Text; got != strings.Join(want, "\n") {
			t.Fatalf("below the form:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
		}
	}
}
