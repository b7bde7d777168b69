package training

import (
	"strings"
	"testing"

	"peiyang/models"
)

func TestSessionWarnings(t *testing.T) {
	for date, want := range map[string]string{
		"2026-10-01": "国庆节",
		"2026-02-18": "春节",
		"2026-01-04": "", // a Sunday made a working day for 元旦
		"2026-03-04": "", // a Wednesday
		"2035-01-01": "", // beyond the tables: no false warning
	} {
		ws := SessionWarnings(&models.Session{Date: models.MustDate(date)})
		switch {
		case want == "" && len(ws) > 0:
			t.Errorf("%s warns: %v", date, ws)
		case want != "" && (len(ws) != 1 || !strings.Contains(models.Render(ws[0].Message, ws[0].Data), want)):
			t.Errorf("%s: %v, want a warning of %s", date, ws, want)
		}
	}
}
