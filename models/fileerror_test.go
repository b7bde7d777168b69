package models

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestFileError(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "不存在")
	_, err := os.OpenFile(filepath.Join(missing, "更深", "b.db"), os.O_CREATE|os.O_WRONLY, 0o600)
	if err == nil {
		t.Fatal("a file was made in a missing folder")
	}
	got := FileError(fmt.Errorf("store: backup: %w", err))
	var e *Error
	if !errors.As(got, &e) || e.Code != ENOTFOUND || e.Message != "The folder {{.Folder}} does not exist." || e.Data["Folder"] != missing {
		t.Errorf("missing folder: %#v", got)
	}
	if got.Error() != "The folder "+missing+" does not exist." {
		t.Errorf("message %q", got.Error())
	}
	_, err = os.Open(filepath.Join(dir, "名单.csv"))
	if got := FileError(err); got.Error() != "The file "+filepath.Join(dir, "名单.csv")+" does not exist." {
		t.Errorf("missing file: %v", got)
	}
	domain := Errorf(EINVALID, "", "x")
	if FileError(domain) != error(domain) {
		t.Error("a domain error was changed")
	}
	other := errors.New("disk on fire")
	if FileError(other) != other || FileError(nil) != nil {
		t.Error("another error was changed")
	}
}
