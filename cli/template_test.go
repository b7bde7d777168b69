package cli

import (
	"path/filepath"
	"testing"
)

// TestImportTemplate: peiyang import template writes the trainee list's
// template, which imports back as it is; a kind without a template is
// refused.
func TestImportTemplate(t *testing.T) {
	if bothStores(t, TestImportTemplate) {
		return
	}
	db := tempDB(t)
	out := filepath.Join(t.TempDir(), "模板.xlsx")
	cmd(t, db, "import", "template", "trainees", out).want(t, 0, "Wrote "+out)
	cmd(t, db, "import", "trainees", out).want(t, 0, "imported: 1")
	cmd(t, db, "trainees", "search", "张明").want(t, 0, "张明")
	cmd(t, db, "import", "template", "sessions", filepath.Join(t.TempDir(), "x.xlsx")).want(t, 1, "no template for sessions")
}
