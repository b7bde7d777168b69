package exports

import (
	"peiyang/models"
	"peiyang/sheets"
	"peiyang/training"
)

// The feedback package's fill-in sheets: the region writes its members'
// returns and election results in them and sends the workbook back, which
// `import outcomes` takes in. Each member has a row with the name, the ID
// number (masked unless the package has full ones) and the 系统编号 by
// which a masked number is matched; committee, post and result are
// chosen from drop-down lists. Rows left as they are pass over on import.

// Names of the fill-in sheets.
const (
	FillReturnsSheet   = "回引情况填报"
	FillElectionsSheet = "选举结果填报"
)

var (
	fillReturnCols = []sheets.Col{{Header: "姓名"}, {Header: "身份证号", Width: 21}, {Header: "回引村（社区）", Width: 16},
		{Header: "乡镇（街道）", Width: 14}, {Header: "县（市、区）", Width: 14}, {Header: "回引日期", Kind: sheets.Date},
		{Header: "担任职务", Width: 16}, {Header: "备注", Width: 30}, recordCol}
	fillElectionCols = []sheets.Col{{Header: "姓名"}, {Header: "身份证号", Width: 21}, {Header: "村（社区）", Width: 16},
		{Header: "选举日期", Kind: sheets.Date}, {Header: "委员会", Width: 18}, {Header: "职务", Width: 12},
		{Header: "结果", Width: 16}, {Header: "得票数", Kind: sheets.Int}, {Header: "任期（年）", Kind: sheets.Int}, recordCol}
)

// fillRows is how many rows past the members' the drop-down lists cover,
// for a member who stood twice.
const fillRows = 50

// writeFillIn writes the two fill-in sheets of the members.
func writeFillIn(w *sheets.Workbook, recs []*training.TraineeRecord, o Options) error {
	s, err := w.AddSheet(FillReturnsSheet, fillReturnCols)
	if err != nil {
		return err
	}
	for _, r := range recs {
		id, _ := o.ids(r.Trainee)
		if err := s.Write(r.Trainee.Name, id, nil, nil, nil, nil, nil, nil, r.Trainee.ID); err != nil {
			return err
		}
	}
	if err := s.Close(); err != nil {
		return err
	}
	s, err = w.AddSheet(FillElectionsSheet, fillElectionCols)
	if err != nil {
		return err
	}
	for _, r := range recs {
		id, _ := o.ids(r.Trainee)
		village := ""
		if n := len(r.Returns); n > 0 && r.Returns[n-1].Village != nil {
			village = r.Returns[n-1].Village.Name
		}
		if err := s.Write(r.Trainee.Name, id, village, nil, nil, nil, nil, nil, nil, r.Trainee.ID); err != nil {
			return err
		}
	}
	return electionLists(s, len(recs)+1+fillRows)
}

// electionLists puts the drop-down lists on the columns of committee,
// post and result, in the words the import reads (models.ParseSeat,
// models.ParseElectionResult).
func electionLists(s *sheets.SheetWriter, last int) error {
	committees := make([]string, len(models.Committees))
	for i, c := range models.Committees {
		committees[i] = c.Chinese()
	}
	posts := make([]string, len(models.Posts))
	for i, p := range models.Posts {
		posts[i] = p.Chinese()
	}
	results := make([]string, len(models.ElectionResults))
	for i, r := range models.ElectionResults {
		results[i] = r.Chinese()
	}
	for _, l := range []struct {
		col    int
		values []string
		title  string
	}{{4, committees, "委员会"}, {5, posts, "职务"}, {6, results, "结果"}} {
		if err := s.DropList(l.col, last, l.values, l.title, "请从下拉列表中选择。"); err != nil {
			return err
		}
	}
	return s.Close()
}
