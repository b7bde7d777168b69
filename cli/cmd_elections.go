package cli

import (
	"context"
	"fmt"

	"peiyang/models"
	"peiyang/training"
)

// electionFlags are the fields of an election on the command line.
type electionFlags struct {
	post, committee, result, date *string
	term                          *int
}

func (e *env) electionFlags() electionFlags {
	return electionFlags{
		post:      e.fs.String("post", "", "the post: 书记, 副书记, 主任, 副主任, 委员 or 书记兼主任 (一肩挑), with the committee in it or in --committee"),
		committee: e.fs.String("committee", "", "the committee: the party organisation's (村党组织, 党支部, 社区党委) or the villagers' or residents' (村委会, 居委会)"),
		result:    e.fs.String("result", "", "当选 (elected), 未当选 (not elected) or 上级党组织任命 (appointed; party committees only)"),
		date:      e.fs.String("date", "", "the election `date` (YYYY-MM-DD)"),
		term:      e.fs.Int("term", -1, "the term in `years` (default 5 when recording)"),
	}
}

// apply sets the fields given on the command line, reading the post and
// committee with models.ParseSeat for the village's kind. Fields not given
// keep their values; a post given alone keeps the committee unless the
// post names its own.
func (f electionFlags) apply(el *models.Election, village *models.Organisation) error {
	community := village.Kind == models.OrgCommunity
	if *f.post != "" || *f.committee != "" {
		post, committee := *f.post, *f.committee
		if post == "" {
			post = string(el.Post)
		}
		c, p, err := models.ParseSeat(post, committee, community)
		if err != nil && committee == "" && el.Committee != "" {
			c, p, err = models.ParseSeat(post, string(el.Committee), community)
		}
		if err != nil {
			return err
		}
		el.Committee, el.Post = c, p
	}
	if *f.result != "" {
		r, err := models.ParseElectionResult(*f.result)
		if err != nil {
			return err
		}
		el.Result = r
	}
	if *f.date != "" {
		d, err := models.ParseDate(*f.date)
		if err != nil {
			return err
		}
		el.Date = d
	}
	if *f.term >= 0 {
		el.TermYears = *f.term
	}
	return nil
}

func runElectionsRecord(e *env, args []string) error {
	ret := e.fs.Int64("return", 0, "the return record's `ID` (required)")
	f := e.electionFlags()
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	if _, err := e.parse(args, 0); err != nil {
		return err
	}
	if *ret < 1 {
		return e.usagef("--return is required")
	}
	if *f.post == "" || *f.result == "" || *f.date == "" {
		return e.usagef("--post, --result and --date are required")
	}
	if err := e.open(); err != nil {
		return err
	}
	el := &models.Election{ReturnID: *ret, TermYears: 5}
	return e.saveElection(el, f, e.svc.FollowUp.RecordElection, "Recorded")
}

func runElectionsUpdate(e *env, args []string) error {
	f := e.electionFlags()
	e.fs.BoolVar(&e.json, "json", false, "print JSON")
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	id, err := e.argID(pos[0], "the election ID")
	if err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	el, err := e.svc.FollowUp.FindElectionByID(e.ctx, id)
	if err != nil {
		return err
	}
	return e.saveElection(el, f, e.svc.FollowUp.UpdateElection, "Updated")
}

// saveElection sets the election's fields given on the command line, for
// the kind of village of its return, saves it and prints it.
func (e *env) saveElection(el *models.Election, f electionFlags, save func(context.Context, *models.Election) error, done string) error {
	village, err := e.svc.FollowUp.ReturnVillage(e.ctx, el.ReturnID)
	if err != nil {
		return err
	}
	if err := f.apply(el, village); err != nil {
		return err
	}
	if err := save(e.ctx, el); err != nil {
		return err
	}
	return e.printElection(el, done)
}

func runElectionsDelete(e *env, args []string) error {
	pos, err := e.parse(args, 1)
	if err != nil {
		return err
	}
	id, err := e.argID(pos[0], "the election ID")
	if err != nil {
		return err
	}
	if err := e.open(); err != nil {
		return err
	}
	if err := e.svc.FollowUp.DeleteElection(e.ctx, id); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Deleted election %d.\n", id)
	return nil
}

func (e *env) printElection(el *models.Election, done string) error {
	if e.json {
		return e.writeJSON(el)
	}
	fmt.Fprintf(e.stdout, "%s election %d: %s, %s%s, %s, term %d years.\n", done, el.ID, el.Date,
		el.Committee.Chinese(), el.Post.Chinese(), el.Result.Chinese(), el.TermYears)
	return nil
}

// printReviews lists the election records an upgrade left to review, with
// the commands that correct them.
func (e *env) printReviews(rs []training.ElectionReview) {
	w := e.stdout
	fmt.Fprintf(w, "to review:      %d election record(s) break the election rules; the upgrade to schema %d left them as they were\n",
		len(rs), rs[0].FoundBy)
	for _, r := range rs {
		el := r.Election
		village := ""
		if r.Village != nil {
			village = r.Village.Name + ", "
		}
		fmt.Fprintf(w, "  election %d: %s, %s%s %s%s, %s\n", el.ID, r.Trainee.Name, village, el.Date,
			el.Committee.Chinese(), el.Post.Chinese(), el.Result.Chinese())
		for _, p := range r.Problems {
			fmt.Fprintf(w, "    %s\n", p.Error())
		}
	}
	fmt.Fprintln(w, "  Correct each with `peiyang elections update ID --result 当选` (or --post, --committee), or delete one entered in error with `peiyang elections delete ID`.")
}

// upgradeNotice says on stderr, after an upgrade that left records to
// review, how many there are and where to see them.
func (e *env) upgradeNotice() {
	rs, err := e.svc.FollowUp.ElectionReviews(e.ctx)
	if err != nil || len(rs) == 0 {
		return
	}
	fmt.Fprintf(e.stderr, "peiyang: the database was upgraded; %d election record(s) break the election rules and were left as they were: `peiyang check` lists them.\n", len(rs))
}
