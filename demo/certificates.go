package demo

import (
	"sort"

	"peiyang/models"
)

// certificates issues one batch per finished course to those who
// completed it, numbered per year without gaps in order of issue; a few
// duplicates printed by mistake are void, and a few certificates are
// replaced by a reissue under a later serial.
func (g *gen) certificates() {
	r := g.rng(60)
	type event struct {
		date  models.Date
		order int
		c     *models.Certificate
		of    *models.Certificate // the certificate a reissue replaces
	}
	var evs []event
	for _, cr := range g.crs {
		if cr.c.Status != models.CourseFinished {
			continue
		}
		issued := minDate(g.today, cr.c.EndDate.AddDays(3+r.IntN(8)))
		for i, p := range cr.holders {
			if cr.places[i].Status != models.Completed {
				continue
			}
			c := &models.Certificate{TraineeID: p.t.ID, CourseID: cr.c.ID, Hours: cr.hours[i], IssuedOn: issued, Status: models.CertValid}
			evs = append(evs, event{date: issued, order: len(evs), c: c})
			if r.Float64() < 0.0015 {
				dup := *c
				dup.Status, dup.VoidReason = models.CertVoid, pickStr(r, voidReasons)
				evs = append(evs, event{date: issued, order: len(evs), c: &dup})
			}
			if r.Float64() < 0.002 {
				again := issued.AddDays(15 + r.IntN(100))
				if again.After(g.today) {
					continue
				}
				re := *c
				evs = append(evs, event{date: again, order: len(evs), c: &re, of: c})
			}
		}
	}
	sort.SliceStable(evs, func(i, j int) bool {
		if !evs[i].date.Equal(evs[j].date) {
			return evs[i].date.Before(evs[j].date)
		}
		return evs[i].order < evs[j].order
	})
	seq := map[int]int{}
	for _, e := range evs {
		c := e.c
		c.Year = e.date.Year()
		seq[c.Year]++
		c.Seq = seq[c.Year]
		c.Serial = demoSerial(c.Year, c.Seq)
		c.IssuedOn = e.date
		c.ID = int64(len(g.ds.Certificates) + 1)
		c.CreatedAt = stamp(e.date, 9+r.IntN(8), r.IntN(60))
		c.UpdatedAt = c.CreatedAt
		if e.of != nil {
			e.of.Status, e.of.ReplacedBy = models.CertReplaced, c.Serial
			e.of.UpdatedAt = c.CreatedAt
			c.Replaces = e.of.Serial
		}
		g.ds.Certificates = append(g.ds.Certificates, c)
	}
}
