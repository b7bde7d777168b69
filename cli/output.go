package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"peiyang/models"
)

// printError writes the error for a person on stderr and, with --json, as
// an object on stdout: {"error": ..., "code": ..., "fields": {...}}.
func (e *env) printError(err error) {
	var list models.ErrorList
	var de *models.Error
	switch {
	case errors.As(err, &list):
		fmt.Fprintln(e.stderr, "peiyang: the input was refused:")
		for _, fe := range list {
			fmt.Fprintf(e.stderr, "  %s\n", fe.Error())
		}
	case errors.As(err, &de):
		fmt.Fprintf(e.stderr, "peiyang: %s\n", de.Error())
	default:
		fmt.Fprintf(e.stderr, "peiyang: %v\n", err)
	}
	if !e.json {
		return
	}
	out := map[string]any{"code": models.ErrorCode(err), "error": models.ErrorMessage(err)}
	if models.ErrorCode(err) == models.EINTERNAL {
		out["error"] = err.Error()
	}
	if len(list) > 0 {
		fields := map[string]string{}
		for _, fe := range list {
			if _, ok := fields[fe.Field]; !ok {
				fields[fe.Field] = models.Render(fe.Message, fe.Data)
			}
		}
		out["fields"] = fields
	}
	_ = e.writeJSON(out)
}

// writeJSON prints v as indented JSON on stdout.
func (e *env) writeJSON(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// table prints aligned columns on stdout.
type table struct{ w *tabwriter.Writer }

func (e *env) table(headers ...string) *table {
	t := &table{w: tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)}
	t.row(anySlice(headers)...)
	return t
}

func (t *table) row(cells ...any) {
	parts := make([]string, len(cells))
	for i, c := range cells {
		parts[i] = strings.ReplaceAll(fmt.Sprint(c), "\t", " ")
	}
	fmt.Fprintln(t.w, strings.Join(parts, "\t"))
}

func (t *table) flush() error { return t.w.Flush() }

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// masked returns the ID number and phone as they may be shown: masked
// unless the user asked for them in full.
func masked(idNumber, phone string, full bool) (string, string) {
	if full {
		return idNumber, phone
	}
	return models.MaskIDNumber(idNumber), models.MaskPhone(phone)
}

// percent formats a rate between 0 and 1.
func percent(r float64) string { return fmt.Sprintf("%.0f%%", r*100) }

// hours formats class hours without needless decimals.
func hours(h float64) string {
	s := fmt.Sprintf("%.1f", h)
	return strings.TrimSuffix(s, ".0")
}
