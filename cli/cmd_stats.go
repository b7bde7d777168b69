package cli

import (
	"fmt"

	"peiyang/models"
	"peiyang/training"
)

func runStats(e *env, args []string) error {
	region := e.fs.String("region", "", "only trainees whose home region contains this text, e.g. 德阳 or 中江县")
	byCounty := e.fs.Bool("by-county", false, "group the outflow regions by county instead of by city")
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	counts, err := e.svc.Trainees.Pipeline(e.ctx, models.TraineeFilter{Region: *region})
	if err != nil {
		return err
	}
	groups := counts.ByCity
	if *byCounty {
		groups = counts.ByCounty
	}
	if e.json {
		return e.writeJSON(statsJSON(counts, groups))
	}
	fmt.Fprintf(e.stdout, "Pipeline of %d trainees\n", counts.Overall.Total)
	tb := e.table("stage", "at this stage", "reached", "share reached")
	for _, st := range models.Stages {
		share := 0.0
		if counts.Overall.Total > 0 {
			share = float64(counts.Overall.Reached[st]) / float64(counts.Overall.Total)
		}
		tb.row(st, counts.Overall.At[st], counts.Overall.Reached[st], fmt.Sprintf("%.1f%%", share*100))
	}
	if err := tb.flush(); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "\nReached each stage, per outflow region:")
	if err := e.funnelTable("region", groupRows(groups)); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "\nReached each stage, per theme (trainees who completed a course on it):")
	rows := make([]funnelRow, 0, len(counts.ByTheme))
	for _, g := range counts.ByTheme {
		rows = append(rows, funnelRow{g.Theme.Chinese(), g.Funnel})
	}
	return e.funnelTable("theme", rows)
}

type funnelRow struct {
	key string
	f   training.Funnel
}

func groupRows(gs []training.Group) []funnelRow {
	rows := make([]funnelRow, 0, len(gs))
	for _, g := range gs {
		key := g.Key
		if key == "" {
			key = "(unknown)"
		}
		rows = append(rows, funnelRow{key, g.Funnel})
	}
	return rows
}

func (e *env) funnelTable(first string, rows []funnelRow) error {
	headers := []string{first}
	for _, st := range models.Stages {
		headers = append(headers, string(st))
	}
	tb := e.table(headers...)
	for _, r := range rows {
		cells := []any{r.key}
		for _, st := range models.Stages {
			cells = append(cells, r.f.Reached[st])
		}
		tb.row(cells...)
	}
	return tb.flush()
}

// statsJSON is the machine-readable form: stage names as keys.
func statsJSON(c *training.PipelineCounts, groups []training.Group) map[string]any {
	funnel := func(f training.Funnel) map[string]any {
		at, reached := map[string]int{}, map[string]int{}
		for _, st := range models.Stages {
			at[string(st)], reached[string(st)] = f.At[st], f.Reached[st]
		}
		return map[string]any{"total": f.Total, "at": at, "reached": reached}
	}
	regions := []map[string]any{}
	for _, g := range groups {
		m := funnel(g.Funnel)
		m["region"] = g.Key
		regions = append(regions, m)
	}
	themes := []map[string]any{}
	for _, g := range c.ByTheme {
		m := funnel(g.Funnel)
		m["theme"] = g.Theme
		themes = append(themes, m)
	}
	cohorts := []map[string]any{}
	for _, g := range c.ByCohort {
		m := funnel(g.Funnel)
		m["cohort_id"] = g.CohortID
		cohorts = append(cohorts, m)
	}
	return map[string]any{"overall": funnel(c.Overall), "regions": regions, "themes": themes, "cohorts": cohorts}
}
