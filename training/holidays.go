package training

import (
	"peiyang/holidays"
	"peiyang/models"
)

// MsgSessionOnHoliday warns of a session on a day off of a statutory
// public holiday; the session is not refused.
const MsgSessionOnHoliday = "{{.Date}} is a public holiday ({{.Holiday}}): trainees and instructors may not be able to come."

// SessionWarnings returns what a session's date warns of without refusing
// it: a day off of a statutory public holiday (a make-up working day,
// 调休上班, is a working day). A year the holiday tables do not cover
// gives none.
func SessionWarnings(s *models.Session) []*models.Error {
	h, ok := holidays.Holiday(s.Date)
	if !ok {
		return nil
	}
	return []*models.Error{{Code: models.ECONFLICT, Field: "date", Message: MsgSessionOnHoliday,
		Data: map[string]any{"Date": s.Date.String(), "Holiday": h.Name}}}
}
