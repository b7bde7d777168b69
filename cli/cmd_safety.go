package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"peiyang/backup"
	"peiyang/models"
	"peiyang/training"
)

// audit records an event that changes no record (a print, an export, a
// reveal), noting the command and whether full ID numbers were asked for.
func (e *env) audit(action, entity string, id int64, detail map[string]any) error {
	if e.db == nil {
		return nil
	}
	if detail == nil {
		detail = map[string]any{}
	}
	if e.cmd != nil {
		detail["command"] = e.cmd.name
	}
	if e.fs != nil {
		if f := e.fs.Lookup("full-ids"); f != nil && f.Value.String() == "true" {
			detail["full_ids"] = true
		}
	}
	// What it records has happened: a Ctrl+C now must not leave it out.
	return e.svc.Audit.RecordAudit(context.WithoutCancel(e.ctx), action, entity, id, detail)
}

func runBackup(e *env, args []string) error {
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	if err := backup.Backup(e.ctx, e.db, pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Backed up %s to %s.\n", e.dbName(), pos[0])
	return nil
}

func runRestore(e *env, args []string) error {
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	path, err := DatabasePath(e.dbPath)
	if err != nil {
		return err
	}
	// The database is not opened here: it must be closed while it is swapped.
	aside, err := backup.Restore(e.ctx, path, pos[0], e.now())
	if err != nil {
		fmt.Fprintf(e.stderr, "peiyang: The database was not restored; it is as it was (%s).\n", e.dbName())
		return err
	}
	fmt.Fprintf(e.stdout, "Restored %s from %s.\n", e.dbName(), pos[0])
	switch {
	case aside != "" && isServer(path):
		fmt.Fprintf(e.stdout, "The previous data are kept in the schema %s of the database (a DBA may drop it).\n", aside)
	case aside != "":
		fmt.Fprintf(e.stdout, "The previous database is kept as %s.\n", aside)
	}
	return nil
}

func runAudit(e *env, args []string) error {
	since := e.fs.String("since", "", "only entries from this `date` (YYYY-MM-DD) on")
	entity := e.fs.String("entity", "", "only entries about this kind of record, e.g. trainees")
	action := e.fs.String("action", "", "only this action: create, update, delete, print, export, backup, restore...")
	lim := e.fs.Int("limit", 100, "at most this many entries (0: all)")
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	f := models.AuditFilter{Entity: *entity, Action: *action, Page: models.Page{Limit: max(*lim, 0)}}
	if *since != "" {
		d, err := models.ParseDate(*since)
		if err != nil {
			return e.usagef("--since: %v", err)
		}
		f.Since = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.Local)
	}
	if err := e.open(); err != nil {
		return err
	}
	es, err := e.svc.Audit.FindAudit(e.ctx, f)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(es)
	}
	t := e.table("时间", "用户", "操作", "对象", "编号", "内容")
	for _, en := range es {
		who := en.UserName
		if who == "" {
			who = en.OSUser
		} else if en.OSUser != "" {
			who += " (" + en.OSUser + ")"
		}
		detail := en.After
		if detail == "" {
			detail = en.Before
		}
		if r := []rune(detail); len(r) > 80 {
			detail = string(r[:80]) + "…"
		}
		t.row(en.At.Local().Format("2006-01-02 15:04:05"), who, en.Action, en.Entity, en.EntityID, detail)
	}
	return t.flush()
}

// maxRetentionYears bounds --older-than: the programme is a few decades
// old at most, and a cut-off date must stay a date.
const maxRetentionYears = 100

func runRetention(e *env, args []string) error {
	years := e.fs.Int("older-than", 0, "de-identify trainees with no activity for this many `years` (required)")
	dry := e.fs.Bool("dry-run", false, "only list who would be de-identified")
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if *years < 1 || *years > maxRetentionYears {
		return e.usagef("--older-than must be a number of years from 1 to %d", maxRetentionYears)
	}
	if err := e.open(); err != nil {
		return err
	}
	cutoff := models.DateOf(e.now().AddDate(-*years, 0, 0))
	ids, err := e.svc.Trainees.InactiveTrainees(e.ctx, cutoff)
	if err != nil {
		return err
	}
	if !*dry {
		// With no one to de-identify this still scrubs the file, finishing
		// what a reader kept an earlier run from finishing.
		err := e.svc.Trainees.DeidentifyTrainees(e.ctx, ids)
		done := err == nil || models.ErrorMessage(err) == training.MsgRetentionIncomplete
		if done && len(ids) > 0 {
			if err := e.audit("retention", "trainees", 0, map[string]any{
				"older_than_years": *years, "before": cutoff.String(), "count": len(ids)}); err != nil {
				return err
			}
		}
		if err != nil {
			return err
		}
	}
	if e.json {
		return e.writeJSON(map[string]any{"before": cutoff.String(), "dry_run": *dry, "trainee_ids": ids})
	}
	verb := "De-identified"
	if *dry {
		verb = "Would de-identify"
	}
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = fmt.Sprint(id)
	}
	fmt.Fprintf(e.stdout, "%s %d trainee(s) with no activity since before %s", verb, len(ids), cutoff)
	if len(ids) > 0 {
		fmt.Fprintf(e.stdout, ": %s", strings.Join(list, ", "))
	}
	fmt.Fprintln(e.stdout, ".")
	return nil
}

// auditFile records a print or an export of a file.
func (e *env) auditFile(action, what, path string) error {
	return e.audit(action, "", 0, map[string]any{"what": what, "file": filepath.Base(path)})
}
