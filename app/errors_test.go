package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"peiyang/models"
)

func TestLogTextHasNoPersonalData(t *testing.T) {
	id := "51062319880215124X"
	var list models.ErrorList
	list.Add("phone", "Not a phone number: give an 11-digit mobile number or a landline with its area code, such as 028-86601234.")
	list = append(list, models.Errorf(models.ECONFLICT, "id_number",
		"A trainee with this ID number already exists: {{.Name}} (no. {{.ID}}).", "Name", "王芳", "ID", 12))
	for _, err := range []error{
		fmt.Errorf("training: update trainee: %w", list),
		fmt.Errorf("trainee 3 of 10 (王芳): %w", models.Errorf(models.EINVALID, "id_number", "The ID number {{.ID}} is wrong.", "ID", id)),
		fmt.Errorf("store: find trainee %s: %w", id, errors.New("database is locked")),
		fmt.Errorf("import: row 4 (138 1234 5678, 1988-02-15): %w", errors.New("bad cell")),
	} {
		got := logText(err)
		if strings.Contains(got, "王芳") || strings.Contains(got, id) || strings.Contains(got, id[:10]) ||
			strings.Contains(got, "1234 5678") || strings.Contains(got, "02-15") {
			t.Errorf("the log text holds personal data: %s", got)
		}
		if !strings.Contains(got, ":") {
			t.Errorf("the log text lost its context: %s", got)
		}
	}
	if got := logText(fmt.Errorf("training: update trainee: %w", list)); !strings.Contains(got, "training: update trainee: [invalid] [invalid] phone: Not a phone number") ||
		!strings.Contains(got, "{{.Name}}") {
		t.Errorf("log text %q", got)
	}
}

func TestUserMessageAndFieldErrors(t *testing.T) {
	if err := SetLanguage(LangEnglish); err != nil {
		t.Fatal(err)
	}
	var list models.ErrorList
	list.Add("phone", "Choose male or female.")
	list.Add("name", "The name is required.")
	list.Add("name", "The text contains control characters.")
	err := fmt.Errorf("training: update trainee: %w", list)
	if got := UserMessage(err); got != "Choose male or female.\nThe name is required.\nThe text contains control characters." {
		t.Errorf("UserMessage = %q", got)
	}
	fe := fieldErrors(err)
	if len(fe) != 2 || fe["name"] != "The name is required." {
		t.Errorf("fieldErrors = %v", fe)
	}
	if got := UserMessage(errors.New("disk I/O error")); got != T("error.internal") {
		t.Errorf("internal error shown as %q", got)
	}
	if fieldErrors(errors.New("x")) != nil {
		t.Error("field errors of an internal error")
	}
	nf := models.Errorf(models.ENOTFOUND, "", "Trainee {{.ID}} not found.", "ID", 7)
	if got := UserMessage(fmt.Errorf("training: find trainee: %w", nf)); got != "Trainee 7 not found." {
		t.Errorf("not found shown as %q", got)
	}
}

func TestShowErrorDialog(t *testing.T) {
	e := newEnv(t, LangChinese, "dashboard", false)
	e.act(func() {
		showError(e.u.win, fmt.Errorf("training: x: %w", models.Errorf(models.EINVALID, "phone", "Choose male or female.")))
	})
	top := e.u.win.Canvas().Overlays().Top()
	if top == nil || !shows(top, "请选择男或女。") || !shows(top, "关闭") {
		t.Fatalf("error dialog shows %q", texts(top))
	}
	e.act(func() { e.u.win.Canvas().OnTypedKey()(escapeKey) })
	if e.u.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape did not close the error dialog")
	}
}

func TestRunTask(t *testing.T) {
	e := newEnv(t, LangEnglish, "dashboard", false)
	done := false
	var tk *task
	e.act(func() {
		tk = e.u.runTask("Work", func(ctx context.Context, p *Progress) error {
			for i := 0; i <= 10; i++ {
				p.Set(i, 10)
				p.Note(fmt.Sprintf("step %d", i))
			}
			return nil
		}, func() { done = true })
	})
	<-tk.done
	if !done {
		t.Error("done was not called")
	}
	if e.u.win.Canvas().Overlays().Top() != nil {
		t.Error("the progress dialog stayed open")
	}

	// Cancelling stops the work and says so.
	// Started without act: act would wait for the work, which waits for
	// the cancel.
	started := make(chan struct{})
	locked(func() bool {
		tk = e.u.runTask("Long work", func(ctx context.Context, p *Progress) error {
			close(started)
			<-ctx.Done()
			return ctx.Err()
		}, func() { t.Error("done called after a cancel") })
		return true
	})
	<-started
	cancel := findButton(t, e.u.win.Canvas().Overlays().Top(), "Cancel")
	e.act(func() { test.Tap(cancel) })
	select {
	case <-tk.done:
	case <-time.After(5 * time.Second):
		t.Fatal("the cancelled work did not end")
	}
	if top := e.u.win.Canvas().Overlays().Top(); top == nil || !shows(top, "Cancelled.") {
		t.Error("no notice of the cancellation")
	}

	// A failure goes to the error dialog.
	e.act(func() { e.u.win.Canvas().Overlays().Top().Hide() })
	e.act(func() {
		tk = e.u.runTask("Failing", func(ctx context.Context, p *Progress) error {
			return models.Errorf(models.ECONFLICT, "", "The database already holds data.")
		}, nil)
	})
	<-tk.done
	if top := e.u.win.Canvas().Overlays().Top(); top == nil || !shows(top, "The database already holds data.") {
		t.Error("the failure is not shown")
	}
}

var escapeKey = &fyne.KeyEvent{Name: fyne.KeyEscape}
