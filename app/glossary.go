package app

import (
	"fmt"
	"strings"

	"peiyang/models"
)

// The window takes the glossary's wording (models/glossary.go) into its
// translations: the values of the closed sets (their keys are the
// glossary's, "stage.placed") and the window's keys that show a term as
// it is (screenTerms) get their texts from the glossary, in both
// languages. The translation files must not define
// them, so that the window, the PDFs and the workbooks cannot drift
// apart.

// screenTerms maps the window's keys that show a glossary term to the
// term's key.
var screenTerms = map[string]string{
	"trainee.birth_date":       models.TermBirthDate,
	"trainee.birth_month":      models.TermBirthMonth,
	"trainee.branch":           models.TermBranch,
	"trainee.current_district": models.TermCurrentDistrict,
	"trainee.direction":        models.TermDirection,
	"trainee.home_region":      models.TermHomeRegion,
	"import.direction":         models.TermDirection,
	"courses.field.theme":      models.TermTheme,
	"courses.col.topic":        models.TermTopic,
	"placements.supervisor":    models.TermSupervisor,
	"placements.grade":         models.TermGrade,
	"placements.comment":       models.TermComment,
	"nav.returns":              models.TermReturns,
}

// addGlossary puts the glossary's texts in the language's translations m,
// refusing a key the files define themselves.
func addGlossary(m map[string]string, code string) error {
	pick := func(l models.Label) string {
		if code == LangChinese {
			return l.Zh
		}
		return l.En
	}
	add := func(key string, l models.Label) error {
		if _, dup := m[key]; dup {
			return fmt.Errorf("app: translations %s: key %q takes its text from the glossary (models/glossary.go); remove it from the file", code, key)
		}
		m[key] = pick(l)
		return nil
	}
	for key, l := range models.Glossary() {
		if strings.HasPrefix(key, "term.") {
			continue // the window shows terms under its own keys
		}
		if err := add(key, l); err != nil {
			return err
		}
	}
	for key, term := range screenTerms {
		l := models.Term(term)
		if l.Zh == "" {
			return fmt.Errorf("app: screen term %s: no glossary term %s", key, term)
		}
		if err := add(key, l); err != nil {
			return err
		}
	}
	return nil
}
