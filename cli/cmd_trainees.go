package cli

import (
	"fmt"
	"strconv"

	"peiyang/models"
)

func runTraineesAdd(e *env, args []string) error {
	t := &models.Trainee{}
	fs := e.fs
	fs.StringVar(&t.Name, "name", "", "name (required)")
	fs.StringVar(&t.IDNumber, "id", "", "resident ID number, 18 characters (required)")
	gender := fs.String("gender", "", "male or female (default: from the ID number)")
	birth := fs.String("birth", "", "birth date YYYY-MM-DD (default: from the ID number)")
	fs.StringVar(&t.Ethnicity, "ethnicity", "汉族", "ethnicity")
	fs.StringVar(&t.Phone, "phone", "", "mobile number or landline with area code")
	fs.StringVar(&t.Education, "education", "", "education")
	joined := fs.String("joined", "", "date joined the party YYYY-MM-DD")
	fs.StringVar(&t.Branch, "branch", "", "party branch holding the membership")
	direction := fs.String("direction", string(models.Inflow), "inflow or outflow")
	fs.StringVar(&t.HomeRegion.Province, "home-province", "", "home region: province, e.g. 四川省")
	fs.StringVar(&t.HomeRegion.City, "home-city", "", "home region: city, e.g. 德阳市")
	fs.StringVar(&t.HomeRegion.County, "home-county", "", "home region: county, e.g. 中江县")
	fs.StringVar(&t.HomeRegion.Town, "home-town", "", "home region: town")
	fs.StringVar(&t.HomeRegion.Village, "home-village", "", "home region: village or community")
	fs.StringVar(&t.HomeRegion.Code, "home-code", "", "home region: 6-digit administrative code")
	fs.StringVar(&t.CurrentDistrict, "district", "", "current district (inflow side), e.g. 锦江区")
	fs.StringVar(&t.Employer, "employer", "", "employer or occupation")
	fs.Int64Var(&t.NominatedByID, "nominated-by", 0, "nominating organisation's ID")
	fs.Int64Var(&t.CohortID, "cohort", 0, "cohort's ID")
	fs.BoolVar(&t.KeyTarget, "key-target", false, "a key cultivation target")
	fs.StringVar(&t.Notes, "notes", "", "notes")
	full := fs.Bool("full-ids", false, "print the ID number and phone unmasked")
	fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	t.Gender = models.Gender(*gender)
	t.Direction = models.Direction(*direction)
	var err error
	if t.BirthDate, err = models.ParseDate(*birth); err != nil {
		return e.usagef("--birth: %v", err)
	}
	if t.JoinedParty, err = models.ParseDate(*joined); err != nil {
		return e.usagef("--joined: %v", err)
	}
	if err := e.open(); err != nil {
		return err
	}
	if err := e.svc.Trainees.CreateTrainee(e.ctx, t); err != nil {
		return err
	}
	return e.printTrainee(t, *full)
}

func (e *env) printTrainee(t *models.Trainee, full bool) error {
	t = t.MaskedUnless(full)
	if e.json {
		return e.writeRecordJSON(t, full)
	}
	tb := e.table("field", "value")
	tb.row("ID", t.ID)
	tb.row("name", t.Name)
	tb.row("gender", t.Gender)
	tb.row("ethnicity", t.Ethnicity)
	if t.BirthDate.IsMonthOnly() {
		tb.row("birth month", t.BirthDate) // masked to the month
	} else {
		tb.row("birth date", t.BirthDate)
	}
	tb.row("ID number", t.IDNumber)
	tb.row("phone", t.Phone)
	tb.row("education", t.Education)
	tb.row("joined the party", t.JoinedParty)
	tb.row("branch", t.Branch)
	tb.row("direction", t.Direction)
	tb.row("home region", t.HomeRegion.String())
	tb.row("current district", t.CurrentDistrict)
	tb.row("employer", t.Employer)
	tb.row("nominated by", orNone(t.NominatedByID))
	tb.row("cohort", orNone(t.CohortID))
	tb.row("key target", t.KeyTarget)
	tb.row("notes", t.Notes)
	return tb.flush()
}

func orNone(id int64) string {
	if id == 0 {
		return "-"
	}
	return strconv.FormatInt(id, 10)
}

func runTraineesSearch(e *env, args []string) error {
	limit := e.fs.Int("limit", 50, "at most this many results")
	full := e.fs.Bool("full-ids", false, "print ID numbers and phones unmasked")
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	if *limit < 1 || *limit > 10000 {
		return e.usagef("--limit must be between 1 and 10000")
	}
	if err := e.open(); err != nil {
		return err
	}
	found, err := e.svc.Trainees.SearchTrainees(e.ctx, pos[0], *limit)
	if err != nil {
		return err
	}
	if *full && len(found) > 0 {
		if err := e.audit("reveal", "trainees", 0, map[string]any{"count": len(found)}); err != nil {
			return err
		}
	}
	if e.json {
		out := make([]*models.Trainee, len(found))
		for i, t := range found {
			out[i] = t.MaskedUnless(*full)
		}
		return e.writeRecordJSON(out, *full)
	}
	if len(found) == 0 {
		fmt.Fprintln(e.stdout, "No trainee found.")
		return nil
	}
	tb := e.table("ID", "name", "gender", "ID number", "phone", "home region", "district")
	for _, t := range found {
		t = t.MaskedUnless(*full)
		tb.row(t.ID, t.Name, t.Gender.Chinese(), t.IDNumber, t.Phone, t.HomeRegion.Short(), t.CurrentDistrict)
	}
	return tb.flush()
}

// argID parses a positional record ID.
func (e *env) argID(s, what string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return 0, e.usagef("%s must be a positive number, not %q", what, s)
	}
	return id, nil
}
