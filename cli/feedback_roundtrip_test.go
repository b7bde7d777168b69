package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"peiyang/models"
	"peiyang/store"
)

// The feedback package's round trip, end to end: the region's workbook is
// exported (ID numbers masked), a county clerk fills in a return and an
// election result in its fill-in sheets, choosing committee, post and
// result from the drop-down lists, and sends it back; import outcomes
// takes both in, and the region's outcome report shows the member
// elected. Sent twice, nothing is stored twice.
func TestFeedbackRoundTrip(t *testing.T) {
	if bothStores(t, TestFeedbackRoundTrip) {
		return
	}
	db, _ := courseDB(t)
	addVillage(t, db, "石泉村", "中江县")
	dir := filepath.Join(t.TempDir(), "德阳")
	cmd(t, db, "export", "feedback", "--region", "德阳市", "--out", dir).want(t, 0, "2 trainee(s)")
	book := filepath.Join(dir, "培养反馈_德阳市_2025-06-15.xlsx")

	x, err := excelize.OpenFile(book)
	must(t, err)
	dvs, err := x.GetDataValidations("选举结果填报")
	must(t, err)
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref[:1]] = dv.Formula1
	}
	for col, want := range map[string]string{"E": "村民委员会", "F": "书记兼主任", "G": "未当选"} {
		if !strings.Contains(lists[col], want) {
			t.Fatalf("the drop-down list of column %s lacks %s: %v", col, want, lists)
		}
	}
	if v, _ := x.GetCellValue("回引情况填报", "A2"); v != "张三" {
		t.Fatalf("the fill-in sheet's A2 is %q", v)
	}
	if v, _ := x.GetCellValue("回引情况填报", "B2"); v != models.MaskIDNumber(cliID1) {
		t.Fatalf("the fill-in sheet's ID number is %q, want it masked", v)
	}
	// The clerk's part: 张三 came home to 石泉村 and was elected 一肩挑.
	must(t, x.SetCellValue("回引情况填报", "C2", "石泉村"))
	must(t, x.SetCellValue("回引情况填报", "F2", time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)))
	must(t, x.SetCellValue("回引情况填报", "G2", "村委会委员"))
	must(t, x.SetCellValue("选举结果填报", "C2", "石泉村"))
	must(t, x.SetCellValue("选举结果填报", "D2", "2024-12-20"))
	must(t, x.SetCellValue("选举结果填报", "E2", "村党组织委员会"))
	must(t, x.SetCellValue("选举结果填报", "F2", "书记兼主任"))
	must(t, x.SetCellValue("选举结果填报", "G2", "当选"))
	must(t, x.SetCellValue("选举结果填报", "H2", 301))
	must(t, x.Save())
	must(t, x.Close())

	cmd(t, db, "import", "outcomes", book).want(t, 0, "returns recorded: 1, elections recorded: 1",
		"Nothing is filled in beyond whom the row is about")
	out := filepath.Join(t.TempDir(), "成果.pdf")
	cmd(t, db, "print", "outcomes", "--region", "德阳市", "--out", out).want(t, 0)
	text := strings.Join(strings.Fields(pdfText(t, out)), "")
	for _, want := range []string{"回引1人", "进入村（社区）“两委”1人", "张三", "石泉村"} {
		if !strings.Contains(text, want) {
			t.Errorf("the outcome report lacks %q", want)
		}
	}
	cmd(t, db, "import", "outcomes", book).want(t, 0, "imported: 0", "recorded already: not stored twice")
}

// addVillage stores a village of the county.
func addVillage(t *testing.T, path, name, county string) {
	t.Helper()
	db, err := store.Open(path)
	must(t, err)
	defer db.Close()
	v := &models.Organisation{Name: name, Kind: models.OrgVillage, Region: models.Region{Province: "四川省", City: "德阳市", County: county}}
	must(t, db.CreateOrganisation(context.Background(), v))
}
