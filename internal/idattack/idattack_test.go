package idattack

import (
	"fmt"
	"testing"

	"peiyang/models"
)

var today = models.MustDate("2025-06-15")

func person(first17 string) Person {
	return Person{Name: "赵明阳", IDNumber: first17 + string(models.IDCheckChar(first17)), Joined: models.MustDate("2010-07-01")}
}

// brute counts the valid numbers with the person's region and gender whose
// birth date starts with datePrefix and that agree with the visible
// characters.
func brute(t *testing.T, id, datePrefix string, visible [18]bool) int {
	n := 0
	for day := 1; day <= 31; day++ {
		for seq := 0; seq < 1000; seq++ {
			first17 := id[:6] + datePrefix + fmt.Sprintf("%02d%03d", day, seq)
			full := first17 + string(models.IDCheckChar(first17))
			info, err := models.ParseIDNumber(full, today)
			if err != nil {
				continue
			}
			want, _ := models.ParseIDNumber(id, today)
			if info.Gender != want.Gender {
				continue
			}
			ok := true
			for j := range visible {
				if visible[j] && full[j] != id[j] {
					ok = false
				}
			}
			if ok {
				n++
			}
		}
	}
	return n
}

func TestCountAgreesWithBruteForce(t *testing.T) {
	for _, first17 := range []string{"51142119850312374", "51062320000229001", "11010519491231002"} {
		p := person(first17)
		a, err := New([]Person{p}, today)
		if err != nil {
			t.Fatal(err)
		}
		for _, vis := range []string{"......................", "#################.", "................##", "..............####"} {
			var k Knowledge
			k.Birth, k.Sources = Month, []string{"x"}
			for j := 0; j < 18 && j < len(vis); j++ {
				k.Visible[j] = vis[j] == '#'
			}
			a.know[0] = k
			want := brute(t, p.IDNumber, p.IDNumber[6:12], k.Visible)
			if got := a.Candidates(0, 1<<30); got != want {
				t.Errorf("%s %s: %d candidates, brute force finds %d", p.IDNumber, vis, got, want)
			}
		}
	}
}

func TestReadFindsWhatIsShown(t *testing.T) {
	p := person("51142119850312374")
	a, err := New([]Person{p, person("51142119900101001")}, today)
	if err != nil {
		t.Fatal(err)
	}
	// The old mask beside the birth date rebuilds the number.
	a.Read("show", "姓名 赵明阳\n出生日期 1985-03-12\n身份证号 511421********"+p.IDNumber[14:])
	if n := a.Candidates(0, 10); n != 1 {
		t.Errorf("old mask with the birth date: %d candidates, want 1 (%s)", n, a.Knowledge(0))
	}
	// The birth month and region and check character leave many.
	b, _ := New([]Person{p}, today)
	b.Read("roster", "1 赵明阳 男 汉族 1985.03 511421***********"+p.IDNumber[17:]+" 138****1234")
	if k := b.Knowledge(0); k.Birth != Month || !k.Visible[17] || k.Visible[16] {
		t.Errorf("knowledge %s", k)
	}
	if n := b.Candidates(0, 1000); n < 1000 {
		t.Errorf("%d candidates", n)
	}
	// A person not named learns nothing; a date in Chinese counts.
	c, _ := New([]Person{p}, today)
	c.Read("x", "钱某 1985年3月12日")
	if len(c.Knowledge(0).Sources) != 0 {
		t.Error("learnt of a person not named")
	}
	c.Read("x", "赵 明 阳 生于1985年3月12日，2010-07-01入党")
	if k := c.Knowledge(0); k.Birth != Day || !k.Joined {
		t.Errorf("knowledge %s", k)
	}
	// A compact date or a run of the number's digits shows them.
	d, _ := New([]Person{p}, today)
	d.Read("x", "赵明阳 "+p.IDNumber[4:14])
	if k := d.Knowledge(0); k.Birth != Day || !k.Visible[6] || !k.Visible[13] || k.Visible[14] {
		t.Errorf("knowledge %s", k)
	}
}
