package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"peiyang/models"
)

// printError writes the error for a person on stderr and, with --json, as
// an object on stdout: {"error": ..., "code": ..., "fields": {...}}.
func (e *env) printError(err error) {
	err = models.FileError(err)
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

// table prints aligned columns on stdout. Widths are counted in terminal
// columns, so Chinese characters (two columns each) line up.
type table struct {
	w    io.Writer
	rows [][]string
}

func (e *env) table(headers ...string) *table {
	t := &table{w: e.stdout}
	t.row(anySlice(headers)...)
	return t
}

func (t *table) row(cells ...any) {
	parts := make([]string, len(cells))
	for i, c := range cells {
		parts[i] = strings.NewReplacer("\t", " ", "\n", " ").Replace(fmt.Sprint(c))
	}
	t.rows = append(t.rows, parts)
}

func (t *table) flush() error {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteByte('\n')
	}
	t.rows = nil
	_, err := io.WriteString(t.w, b.String())
	return err
}

// displayWidth is the number of terminal columns s takes: two for East
// Asian wide and full-width characters, one for others.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if isWide(r) {
			n++
		}
	}
	return n
}

func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0x303E, r >= 0x3041 && r <= 0x33FF,
		r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xA000 && r <= 0xA4CF,
		r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F,
		r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return false
}

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// writeRecordJSON prints records as indented JSON on stdout with every
// personal value at any depth (the trainee's, and the phones of the
// organisations and mentors a record holds) masked by the policy
// (models.MaskJSON), unless the user asked for them in full.
func (e *env) writeRecordJSON(v any, full bool) error {
	if full {
		return e.writeJSON(v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("json: %w", err)
	}
	if b, err = models.MaskJSON(b); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	out.WriteByte('\n')
	_, err = e.stdout.Write(out.Bytes())
	return err
}

// percent formats a rate between 0 and 1.
func percent(r float64) string { return fmt.Sprintf("%.0f%%", r*100) }

// hours formats class hours without needless decimals.
func hours(h float64) string {
	s := fmt.Sprintf("%.1f", h)
	return strings.TrimSuffix(s, ".0")
}
