package app

// refresh reads the course list, the forms' choices and the tab in front
// again after others changed them (live.go), keeping the course and the
// tab shown, the filters, and on the tabs the row chosen, the
// attendance grid's cursor and a score being typed.
func (s *coursesScreen) refresh([]string) {
	s.readAgain(func() {
		if s.cur != nil && s.tabs.SelectedIndex() == tabAttendance {
			s.attendance.refresh(s.cur.Course)
			return
		}
		s.loadTab()
	})
}

// typedScore returns the trainee of the row chosen (0 for none) and the
// score typed for them, nil unless it differs from the one recorded.
func (t *courseCompletion) typedScore() (int64, *string) {
	if t.selected < 0 || t.selected >= len(t.rows) {
		return 0, nil
	}
	r, text := t.rows[t.selected], t.score.Text
	if text == scoreText(r.enrolment.Score, "") {
		return r.trainee.ID, nil
	}
	return r.trainee.ID, &text
}
