package cli

import (
	"context"
	"testing"

	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

// seedOutcomes stores two trainees and their home village.
func seedOutcomes(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	svc := training.New(db)
	for _, tr := range []*models.Trainee{{Name: "张三", IDNumber: cliID1}, {Name: "李四", IDNumber: cliID2}} {
		if err := svc.Trainees.CreateTrainee(ctx, tr); err != nil {
			t.Fatal(err)
		}
	}
	v := &models.Organisation{Name: "石泉村", Kind: models.OrgVillage, Region: models.Region{County: "中江县"}}
	if err := db.CreateOrganisation(ctx, v); err != nil {
		t.Fatal(err)
	}
}

func TestImportReturnsAndElectionsCommands(t *testing.T) {
	if bothStores(t, TestImportReturnsAndElectionsCommands) {
		return
	}
	db := tempDB(t)
	seedOutcomes(t, db)
	dir := t.TempDir()
	rets := writeFile(t, dir, "回引.csv", "中江县回引情况\n姓名,身份证号码,回引村（社区）,回引时间,担任职务\n"+
		"张三,"+cliID1+",石泉村,2024-03-01,村委会委员\n"+
		"李四,"+cliID2+",石泉村,2024-03-02,\n合计：2人,,,,\n")
	cmd(t, db, "import", "returns", rets, "--dry-run").want(t, 0, "Rows read: 2, valid: 2, rejected: 0, imported: 0, skipped: 1",
		"Dry run", "A totals line (合计:2人)")
	cmd(t, db, "import", "returns", rets).want(t, 0, "imported: 2")
	els := writeFile(t, dir, "选举.csv", "姓名,身份证号,选举日期,职务,结果,得票数\n"+
		"张三,"+cliID1+",2024-12-20,一肩挑,当选,301\n"+
		"李四,"+cliID2+",2024-01-01,村委会主任,当选,\n")
	cmd(t, db, "import", "elections", els).want(t, 1, "row 3, 选举日期: 李四 has no return recorded on or before the election on 2024-01-01",
		"nothing was imported")
	cmd(t, db, "import", "elections", els, "--skip-invalid").want(t, 0, "imported: 1", "_rejected.xlsx")
	cmd(t, db, "import", "elections", els, "--skip-invalid").want(t, 0, "imported: 0", "recorded already: not stored twice")
	cmd(t, db, "import", "outcomes", els, "--dry-run", "--json").want(t, 1, `"kind": "outcomes"`)
}

func TestImportContactsAndPlacementsCommands(t *testing.T) {
	if bothStores(t, TestImportContactsAndPlacementsCommands) {
		return
	}
	db := tempDB(t)
	seedOutcomes(t, db)
	dir := t.TempDir()
	log := writeFile(t, dir, "联系.csv", "导师,姓名,身份证号,联系日期,联系方式,联系内容\n刘明,张三,"+cliID1+",2025-03-02,电话,了解情况\n")
	cmd(t, db, "import", "contacts", log).want(t, 1, "row 2, 导师: No mentorship of 刘明 with 张三 runs on 2025-03-02")
	pl := writeFile(t, dir, "跟班.csv", "姓名,身份证号,跟班村（社区）,开始日期,结束日期,鉴定等次\n张三,"+cliID1+",石泉村,2025-03-01,2025-04-30,优秀\n")
	cmd(t, db, "import", "placements", pl, "--dry-run").want(t, 1, "石泉村 is not a key village")

	// 刘明 mentors 张三 and 先锋村 is a key village: both lists go in.
	seedMentorAndKeyVillage(t, db)
	log = writeFile(t, dir, "联系2.csv", "导师,姓名,身份证号,联系日期,联系方式,联系内容\n刘明,张三,"+cliID1+",2025-03-02,电话,了解情况\n")
	cmd(t, db, "import", "contacts", log).want(t, 0, "imported: 1")
	pl = writeFile(t, dir, "跟班2.csv", "姓名,身份证号,跟班村（社区）,开始日期,结束日期,鉴定等次\n张三,"+cliID1+",先锋村,2025-03-01,2025-04-30,优秀\n")
	cmd(t, db, "import", "placements", pl).want(t, 0, "imported: 1")
	cmd(t, db, "trainees", "show", "1").want(t, 0, "刘明", "先锋村")
}

// seedMentorAndKeyVillage stores the mentor 刘明, mentoring 张三 since
// 2025-01-01, and the key village 先锋村.
func seedMentorAndKeyVillage(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	found, err := db.FindTrainees(ctx, models.TraineeFilter{IDNumber: cliID1})
	if err != nil || len(found) != 1 {
		t.Fatalf("张三: %v (%d found)", err, len(found))
	}
	m := &models.Instructor{Name: "刘明", MaxMentees: 3}
	must(t, db.CreateInstructor(ctx, m))
	must(t, db.CreateMentorship(ctx, &models.Mentorship{MentorID: m.ID, TraineeID: found[0].ID, StartDate: models.MustDate("2025-01-01")}))
	v := &models.Organisation{Name: "先锋村", Kind: models.OrgVillage, KeyVillage: true, PlacementCapacity: 3, Region: models.Region{County: "中江县"}}
	must(t, db.CreateOrganisation(ctx, v))
}
