package cli

import (
	"path/filepath"
	"testing"
)

// Writing into a folder that does not exist names the folder instead of
// the system's raw "no such file or directory" (on Windows: "The system
// cannot find the path specified").
func TestMissingFolderIsNamed(t *testing.T) {
	db := tempDB(t)
	cmd(t, db, "demo", "--trainees", "20").want(t, 0)
	missing := filepath.Join(t.TempDir(), "不存在")
	cmd(t, db, "backup", filepath.Join(missing, "b.db")).want(t, 1, "The folder "+missing+" does not exist.")
	// Files a user asked for say so through internal/userfile.
	cmd(t, db, "print", "roster", "--course", "1", "--out", filepath.Join(missing, "花名册.pdf")).want(t, 1, "花名册.pdf was not saved: the folder "+missing+" does not exist.")
	cmd(t, db, "export", "trainees", filepath.Join(missing, "更深", "学员.xlsx")).want(t, 1, "the folder "+filepath.Join(missing, "更深")+" does not exist.")
	cmd(t, db, "import", "trainees", filepath.Join(missing, "名单.csv")).want(t, 1, "名单.csv")
}
