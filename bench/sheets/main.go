// Command sheets benchmarks the spreadsheet import and export at the
// report's scale: it writes a realistic nominee list of N rows (40,630 by
// default: a merged title row, Chinese headers, valid ID numbers, phones,
// birth months as text, party dates as date cells, places as written),
// imports it into a new database and exports it again, and prints the
// times and the import's peak memory.
//
//	go run ./bench/sheets [-n 40630] [-keep DIR]
//
// Each phase runs in a child process of its own, so that the peak memory
// printed is the import's alone: VmHWM (the peak resident set size) from
// /proc/self/status, with the Go runtime's MemStats.Sys beside it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"peiyang/internal/people"
	"peiyang/models"
	"peiyang/sheets/exports"
	"peiyang/sheets/imports"
	"peiyang/store"
	"peiyang/training"
)

// Targets of the issue.
const (
	importTarget = 10 * time.Second
	memoryTarget = 500 << 20
	exportTarget = 5 * time.Second
)

func main() {
	n := flag.Int("n", 40630, "rows of the nominee list")
	keep := flag.String("keep", "", "keep the files in this folder instead of a temporary one")
	phase := flag.String("phase", "", "internal: run one phase (import or export) in this process")
	file := flag.String("file", "", "internal: the nominee list")
	dbPath := flag.String("db", "", "internal: the database")
	profile := flag.String("cpuprofile", "", "write the import phase's CPU profile to this `file`")
	flag.Parse()
	profileTo = *profile
	var err error
	switch *phase {
	case "":
		err = run(*n, *keep)
	case "import":
		err = runImport(*file, *dbPath)
	case "export":
		err = runExport(*file, *dbPath)
	default:
		err = fmt.Errorf("unknown phase %q", *phase)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sheets bench:", err)
		os.Exit(1)
	}
}

func run(n int, keep string) error {
	dir := keep
	if dir == "" {
		d, err := os.MkdirTemp("", "peiyang-sheets-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	list := filepath.Join(dir, "nominees.xlsx")
	start := time.Now()
	if err := writeList(list, n); err != nil {
		return err
	}
	st, _ := os.Stat(list)
	fmt.Printf("nominee list: %d rows, %.1f MB, written in %s\n", n, float64(st.Size())/(1<<20), time.Since(start).Round(time.Millisecond))
	db := filepath.Join(dir, "bench.db")
	out, err := child("import", list, db)
	if err != nil {
		return err
	}
	fmt.Print(out)
	out, err = child("export", filepath.Join(dir, "export.xlsx"), db)
	if err != nil {
		return err
	}
	fmt.Print(out)
	return nil
}

// child runs a phase in a new process of this program.
func child(phase, file, db string) (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	args := []string{"-phase", phase, "-file", file, "-db", db}
	if profileTo != "" && phase == "import" {
		args = append(args, "-cpuprofile", profileTo)
	}
	cmd := exec.Command(exe, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return string(out), fmt.Errorf("%s phase: %w", phase, err)
	}
	return string(out), nil
}

// profileTo is where the import phase writes its CPU profile, if set.
var profileTo string

var clock = func() time.Time { return time.Date(2025, 6, 15, 10, 0, 0, 0, time.Local) }

func runImport(list, dbPath string) error {
	ctx := context.Background()
	db, err := store.Open(dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	org := &models.Organisation{Name: "中江县委组织部", Kind: models.OrgOutflow}
	if err := db.CreateOrganisation(ctx, org); err != nil {
		return err
	}
	svc := training.New(db, training.WithClock(clock))
	path := "training.Service.CreateTrainees, one batch"
	if profileTo != "" {
		pf, err := os.Create(profileTo)
		if err != nil {
			return err
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	rep, err := imports.New(svc, clock).ImportTrainees(ctx, list, imports.TraineeOptions{})
	took := time.Since(start)
	if err != nil {
		return fmt.Errorf("import: %w (%d problems)", err, len(rep.Problems))
	}
	hwm := vmHWM()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("import: %d rows read, %d imported in %s (target %s: %s), writing through %s\n",
		rep.RowsRead, rep.Imported, took.Round(time.Millisecond), importTarget, verdict(took <= importTarget), path)
	fmt.Printf("import peak memory: VmHWM %.0f MB (target %d MB: %s); Go runtime MemStats.Sys %.0f MB\n",
		float64(hwm)/(1<<20), memoryTarget>>20, verdict(hwm > 0 && hwm <= memoryTarget), float64(ms.Sys)/(1<<20))
	return nil
}

func runExport(out, dbPath string) error {
	ctx := context.Background()
	db, err := store.Open(dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := training.New(db, training.WithClock(clock))
	start := time.Now()
	n, err := exports.New(svc, clock).Trainees(ctx, out, models.TraineeFilter{}, exports.Options{})
	took := time.Since(start)
	if err != nil {
		return err
	}
	st, _ := os.Stat(out)
	fmt.Printf("export: %d trainees to %.1f MB in %s (target %s: %s); VmHWM %.0f MB\n", n, float64(st.Size())/(1<<20),
		took.Round(time.Millisecond), exportTarget, verdict(took <= exportTarget), float64(vmHWM())/(1<<20))
	return nil
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

// vmHWM reads the process's peak resident set size from
// /proc/self/status, 0 where there is none.
func vmHWM() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

// writeList writes a nominee list as counties send them.
func writeList(path string, n int) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	if err := sw.MergeCell("A1", "M1"); err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"2025年度流动党员培养对象推荐名单"}); err != nil {
		return err
	}
	head := []any{"序号", "姓名", "性别", "民族", "公民身份号码", "出生年月", "手机号码", "文化程度", "入党时间", "户籍地",
		"工作单位", "推荐单位", "备注"}
	if err := sw.SetRow("A2", head); err != nil {
		return err
	}
	gen := people.New(2025)
	ts := gen.Trainees(n)
	educations := []string{"高中", "中专", "大专", "本科", "初中"}
	employers := []string{"美团骑手", "顺丰速运", "滴滴出行", "成都某建筑公司", "个体经营", "京东物流"}
	for i, t := range ts {
		joined := t.BirthDate.AddYears(20 + i%15)
		if joined.After(models.MustDate("2025-01-01")) {
			joined = models.MustDate("2024-07-01")
		}
		row := []any{i + 1, t.Name, t.Gender.Chinese(), t.Ethnicity, t.IDNumber,
			fmt.Sprintf("%d.%02d", t.BirthDate.Year(), int(t.BirthDate.Month())), t.Phone, educations[i%len(educations)],
			excelize.Cell{StyleID: dateStyle, Value: joined.Time()}, t.HomeRegion.String(), employers[i%len(employers)],
			"中江县委组织部", ""}
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}
