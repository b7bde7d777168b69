// Command outcomes benchmarks the imports of follow-up results at the
// scale of a round of "two committees" elections: it stores N trainees
// (2,000 by default) and 40 villages, writes a county list of N returns
// and one of N election results (a title row, Chinese headers, posts as
// ledgers write them, a totals footer), and imports the returns and then
// the elections, each in a child process of its own so that the peak
// memory printed is that import's alone.
//
//	go run ./bench/outcomes [-n 2000] [-keep DIR]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"

	"peiyang/bench/internal/measure"
	"peiyang/internal/people"
	"peiyang/models"
	"peiyang/sheets/imports"
	"peiyang/store"
	"peiyang/training"
)

const villages = 40

func main() {
	n := flag.Int("n", 2000, "trainees, returns and election results")
	keep := flag.String("keep", "", "keep the files in this folder instead of a temporary one")
	phase := flag.String("phase", "", "internal: run one import (returns or elections) in this process")
	file := flag.String("file", "", "internal: the list")
	dbPath := flag.String("db", "", "internal: the database")
	flag.Parse()
	var err error
	if *phase == "" {
		err = run(*n, *keep)
	} else {
		err = runImport(*phase, *file, *dbPath)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "outcomes bench:", err)
		os.Exit(1)
	}
}

func run(n int, keep string) error {
	dir := keep
	if dir == "" {
		d, err := os.MkdirTemp("", "peiyang-outcomes-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	db := filepath.Join(dir, "bench.db")
	ts, err := seed(db, n)
	if err != nil {
		return err
	}
	rets, els := filepath.Join(dir, "回引情况.xlsx"), filepath.Join(dir, "选举结果.xlsx")
	if err := writeLists(rets, els, ts); err != nil {
		return err
	}
	fmt.Printf("%d trainees and %d villages stored; lists of %d returns and %d election results written\n", n, villages, n, n)
	for _, p := range [][2]string{{"returns", rets}, {"elections", els}} {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		cmd := exec.Command(exe, "-phase", p[0], "-file", p[1], "-db", db)
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		fmt.Print(string(out))
		if err != nil {
			return fmt.Errorf("%s: %w", p[0], err)
		}
	}
	return nil
}

var clock = training.WithClock(now)

func now() time.Time { return benchNow }

// seed stores the trainees and the villages.
func seed(path string, n int) ([]*models.Trainee, error) {
	ctx := context.Background()
	db, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	for i := range villages {
		v := &models.Organisation{Name: fmt.Sprintf("第%d村", i+1), Kind: models.OrgVillage,
			Region: models.Region{Province: "四川省", City: "德阳市", County: "中江县", Town: fmt.Sprintf("第%d镇", i/4+1)}}
		if err := db.CreateOrganisation(ctx, v); err != nil {
			return nil, err
		}
	}
	ts := people.New(2026).Trainees(n)
	svc := training.New(db, clock)
	if err := svc.Trainees.CreateTrainees(ctx, ts); err != nil {
		return nil, err
	}
	return ts, nil
}

// posts are written as ledgers write them, with the village's committee.
var posts = []string{"书记、主任", "村委会委员", "党支部副书记", "村委会主任", "委员", "书记兼主任（一肩挑）", "村委会副主任", "支部委员"}

// writeLists writes the county's returns and election results.
func writeLists(rets, els string, ts []*models.Trainee) error {
	rows := [][]any{{"中江县流动党员回引情况统计表"}, {"序号", "姓名", "公民身份号码", "回引村（社区）", "乡镇（街道）", "回引时间", "担任职务", "备注"}}
	for i, t := range ts {
		rows = append(rows, []any{i + 1, t.Name, t.IDNumber, fmt.Sprintf("第%d村", i%villages+1), fmt.Sprintf("第%d镇", i%villages/4+1),
			fmt.Sprintf("2025-%02d-%02d", i%6+1, i%27+1), "", ""})
	}
	rows = append(rows, []any{fmt.Sprintf("合计：%d人", len(ts))}, []any{"填表人：", "", "联系电话："})
	if err := write(rets, rows); err != nil {
		return err
	}
	rows = [][]any{{"中江县村“两委”选举结果"}, {"序号", "姓名", "身份证号码", "村（社区）", "选举日期", "委员会", "职务", "选举结果", "得票数"}}
	for i, t := range ts {
		committee := ""
		if posts[i%len(posts)] == "委员" {
			committee = "村民委员会"
		}
		result := "当选"
		if i%5 == 4 {
			result = "未当选"
		}
		rows = append(rows, []any{i + 1, t.Name, t.IDNumber, fmt.Sprintf("第%d村", i%villages+1), "2026-03-20", committee,
			posts[i%len(posts)], result, 100 + i%300})
	}
	rows = append(rows, []any{fmt.Sprintf("合计：%d人", len(ts))})
	return write(els, rows)
}

func write(path string, rows [][]any) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, r); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// runImport imports one list and prints its time and peak memory.
func runImport(kind, file, dbPath string) error {
	ctx := context.Background()
	db, err := store.Open(dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := training.New(db, clock)
	im := imports.New(svc, now)
	timer := measure.Start()
	var rep *imports.Report
	if kind == "returns" {
		rep, err = im.ImportReturns(ctx, file, imports.OutcomeOptions{})
	} else {
		rep, err = im.ImportElections(ctx, file, imports.OutcomeOptions{})
	}
	_, took := timer.Stop()
	if err != nil {
		if rep != nil && len(rep.Problems) > 0 {
			return fmt.Errorf("%w (first problem: %s)", err, rep.Problems[0])
		}
		return err
	}
	fmt.Printf("import %-9s %d rows read, %d imported, %d skipped: %s; peak memory %s\n", kind, rep.RowsRead, rep.Imported,
		rep.Skipped, took, measure.PeakMemory())
	return nil
}

// benchNow is the benchmark's today, after the elections.
var benchNow = time.Date(2026, 6, 15, 10, 0, 0, 0, time.Local)
