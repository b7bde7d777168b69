package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"peiyang/models"
)

var mobilePrefixes = strings.Fields(`130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156
	157 158 159 166 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 198 199`)

// mobile returns a mainland mobile number not handed out before.
func (g *gen) mobile(r *rand.Rand) string {
	for {
		p := fmt.Sprintf("%s%08d", pickStr(r, mobilePrefixes), r.IntN(100_000_000))
		if !g.phones[p] {
			g.phones[p] = true
			return p
		}
	}
}

// idNumber returns a valid resident ID number not handed out before, and
// false when every sequence number of the region, birth date and gender is
// taken.
func (g *gen) idNumber(r *rand.Rand, code string, birth models.Date, gender models.Gender) (string, bool) {
	prefix := fmt.Sprintf("%s%04d%02d%02d", code, birth.Year(), int(birth.Month()), birth.Day())
	try := func(seq int) (string, bool) {
		if gender == models.Male {
			seq |= 1
		} else {
			seq &^= 1
		}
		first := fmt.Sprintf("%s%03d", prefix, seq)
		id := first + string(models.IDCheckChar(first))
		if g.idNumbers[id] {
			return "", false
		}
		g.idNumbers[id] = true
		return id, true
	}
	for i := 0; i < 32; i++ {
		if id, ok := try(r.IntN(1000)); ok {
			return id, true
		}
	}
	for seq := 0; seq < 1000; seq += 2 {
		if id, ok := try(seq); ok {
			return id, true
		}
	}
	return "", false
}

var employers = newWeighted([]string{
	"美团外卖（骑手）", "饿了么（骑手）", "顺丰速运（快递员）", "京东物流（快递员）", "中通快递（快递员）",
	"圆通速递（快递员）", "韵达快递（快递员）", "极兔速递（快递员）", "滴滴出行（网约车司机）", "T3出行（网约车司机）",
	"曹操出行（网约车司机）", "货拉拉（货运司机）", "富士康成都科技园（操作工）", "京东方成都（技术员）",
	"一汽-大众成都分公司（装配工）", "通威太阳能（成都）有限公司（技术员）", "成都天马微电子（操作工）",
	"中建三局成都项目部（施工员）", "中铁二局（钢筋工）", "四川华西集团（安全员）", "中国五冶集团（技术员）",
	"海底捞成都门店（店长）", "红旗连锁（店员）", "万科物业成都分公司（物业管家）", "成都公交集团（驾驶员）",
	"家政服务公司（家政员）", "个体经营（餐饮店）", "个体经营（小超市）", "自主创业（农村电商）",
	"社区网格员", "成都天府国际机场（地勤）", "",
}, []float64{12, 8, 5, 4, 3, 2, 2, 2, 6, 2, 1.5, 2, 3, 1.5, 1.5, 1, 1, 2, 1.5, 1.5, 1, 1, 1.5, 1.5, 1, 1, 3, 2, 1.5, 1.5, 0.8, 3})

var educations = newWeighted([]string{"初中", "高中/中专", "大专", "本科", "硕士研究生"}, []float64{3, 30, 35, 28, 4})

var shortNotes = []string{
	"曾获区级“优秀共产党员”称号", "有意向返乡参加村“两委”换届", "“蓉城先锋”智慧党建系统推送",
	"已编入居住地党支部参加组织生活", "小区义务调解员", "参与社区消防整治志愿服务",
	"党员志愿服务队队员，每周志愿服务2小时", "组织关系在流出地，已在蓉报到", "联系电话已变更，待核实",
	"“小牛哥”志愿服务队队员", "每季度为群众办1件实事",
}

var longNoteSentences = []string{
	"该同志来蓉务工多年，现为外卖骑手站点站长，带领站点骑手参与社区治理线索上报。",
	"在“小牛哥”志愿服务队中表现突出，多次参与应急救援和助老扶幼服务。",
	"家乡所在村集体经济薄弱，本人有发展特色种养业的想法，希望返乡后带领村民增收。",
	"参加过专题培训，学习态度端正，结业考核成绩优良。",
	"流出地党组织反映其在村期间群众基础较好，建议作为村“两委”后备力量培养。",
	"本人表示愿意接受跟班学习安排，请假需提前与站点协调排班。",
	"已与流出地乡镇党委书记视频连线，双方商定联合培养计划。",
	"工作时间不固定，晚间课程出勤较好，周末课程需提前通知。",
	"曾在小区消防整治、水电户表改造中担任志愿者，协助化解邻里纠纷多起。",
	"配偶和子女随迁在蓉，子女在锦江区就读小学。",
}

func longNote(r *rand.Rand) string {
	var b strings.Builder
	for _, i := range r.Perm(len(longNoteSentences)) {
		b.WriteString(longNoteSentences[i])
		if len([]rune(b.String())) >= 180 {
			break
		}
	}
	return b.String()
}

func (g *gen) trainees() {
	r := g.rng(4)
	weights := make([]float64, len(counties))
	idx := make([]int, len(counties))
	for i, c := range counties {
		weights[i], idx[i] = c.weight, i
	}
	pickCounty := newWeighted(idx, weights)
	dw := make([]float64, len(districts))
	didx := make([]int, len(districts))
	for i, d := range districts {
		dw[i], didx[i] = d.weight, i
	}
	pickDistrict := newWeighted(didx, dw)
	cohortYear := newWeighted([]int{0, 1, 2}, []float64{0.30, 0.33, 0.37})
	n := g.opt.Trainees
	g.people = make([]*person, n)
	for i := 0; i < n; i++ {
		t := &models.Trainee{ID: int64(i + 1), Direction: models.Inflow, Ethnicity: "汉族"}
		p := &person{t: t, yearUsed: make([]bool, len(g.years)), county: -1}
		g.people[i] = p
		t.Gender = genderOf(r, 0.68)
		age := 22 + int(33*math.Pow((r.Float64()+r.Float64()+r.Float64())/3, 1.25))
		if age > 54 {
			age = 54
		}
		t.BirthDate = g.today.AddYears(-age).AddDays(-r.IntN(365))
		var code, oldCode string
		var oldUntil int
		if r.Float64() < 0.03 {
			// one of the city's own members working elsewhere
			d := districts[pickDistrict.pick(r)]
			t.Direction = models.Outflow
			t.HomeRegion = chengduRegion(d)
			t.HomeRegion.Town = pickStr(r, d.towns)
			t.HomeRegion.Village = pickStr(r, villageStems) + "社区"
			t.CurrentDistrict = pickStr(r, elsewhere)
			t.Branch = t.HomeRegion.Town + t.HomeRegion.Village + "党支部"
			code, oldCode, oldUntil = d.code, d.oldCode, d.oldUntil
		} else {
			ci := pickCounty.pick(r)
			c := counties[ci]
			p.county, p.group = ci, c.group
			code, oldCode, oldUntil = c.code, c.oldCode, c.oldUntil
			x := r.Float64()
			for _, e := range c.ethnic {
				if x < e.share {
					t.Ethnicity = e.name
					break
				}
				x -= e.share
			}
			t.KeyTarget = r.Float64() < 0.155
			vs := g.villagesOf[ci]
			if t.KeyTarget || r.Float64() < 0.6 {
				v := vs[r.IntN(len(vs))]
				t.HomeRegion = v.Region
				if t.KeyTarget {
					p.home = v
				}
			} else {
				t.HomeRegion = countyRegion(c)
				t.HomeRegion.Town = pickStr(r, c.towns)
				t.HomeRegion.Village = pickStr(r, villageStems) + "村"
			}
			t.CurrentDistrict = districts[pickDistrict.pick(r)].name
			if r.Float64() < 0.65 {
				t.Branch = t.HomeRegion.Town + t.HomeRegion.Village + "党支部"
			} else {
				t.Branch = inflowBranches[r.IntN(len(inflowBranches))].name
			}
			if t.KeyTarget {
				yi := cohortYear.pick(r)
				p.cohortYear = g.years[yi]
				t.CohortID = g.cohortOf[p.group][yi]
				t.NominatedByID = g.outflowOf[ci]
				if org, ok := g.cityOutflow[c.city]; ok && r.Float64() < 0.15 {
					t.NominatedByID = org
				}
			} else if r.Float64() < 0.2 {
				t.NominatedByID = g.outflowOf[ci]
			}
			t.Employer = employers.pick(r)
		}
		t.Name = personName(r, t.Gender, t.Ethnicity)
		switch {
		case oldCode != "" && t.BirthDate.Year() < oldUntil && r.Float64() < 0.8:
			code = oldCode
		case r.Float64() < 0.08:
			code = g.otherCode(r, code)
		}
		for {
			id, ok := g.idNumber(r, code, t.BirthDate, t.Gender)
			if ok {
				t.IDNumber = id
				break
			}
			t.BirthDate = t.BirthDate.AddDays(-1)
		}
		t.Phone = g.mobile(r)
		t.Education = educations.pick(r)
		adult := t.BirthDate.AddYears(18)
		room := adult.DaysUntil(g.today.AddDays(-90))
		if room > 20*365 {
			room = 20 * 365
		}
		t.JoinedParty = adult.AddDays(int(float64(room) * math.Pow(r.Float64(), 1.5)))
		switch x := r.Float64(); {
		case x < 0.012:
			t.Notes = longNote(r)
		case x < 0.06:
			t.Notes = pickStr(r, shortNotes)
		}
		created := g.today.AddDays(-r.IntN(330))
		if r.Float64() < 0.2 {
			created = between(r, g.epoch, g.today)
		}
		if p.cohortYear != 0 {
			created = minDate(g.today, models.NewDate(p.cohortYear, time.January, 15+r.IntN(60)))
		}
		t.CreatedAt = stampR(r, created)
		t.UpdatedAt = stampR(r, between(r, created, minDate(g.today, created.AddDays(200))))
		if t.UpdatedAt.Before(t.CreatedAt) {
			t.UpdatedAt = t.CreatedAt
		}
		g.ds.Trainees = append(g.ds.Trainees, t)
	}
}

// otherCode returns another real county code of the same province, where
// some members were registered at birth; code itself when none is known.
func (g *gen) otherCode(r *rand.Rand, code string) string {
	var same []string
	for _, c := range counties {
		if c.code[:2] == code[:2] && c.code != code {
			same = append(same, c.code)
		}
	}
	if len(same) == 0 {
		return code
	}
	return pickStr(r, same)
}

// instructorDef is a kind of instructor: where they work, what they are
// and teach, and how many of them there are.
type instructorDef struct {
	org       string
	positions []string
	themes    []models.Theme
	n         int
	mentor    float64 // share who mentor
	district  string  // home district in Chengdu; "" for the organisation's city
}

var (
	thR = models.ThemeRural
	thG = models.ThemeGovernance
	thI = models.ThemeIndustry
	thT = models.ThemeTheory
	thO = models.ThemeOther
)

var instructorDefs = []instructorDef{
	{"成都市基层党务学院", []string{"讲师", "讲师", "副教授", "教授", "教研室主任"}, []models.Theme{thT, thG, thO}, 25, 0.55, "青羊区"},
	{"中共成都市委党校", []string{"讲师", "副教授", "副教授", "教授"}, []models.Theme{thT, thG, thI}, 20, 0.45, "青羊区"},
	{"中共成都市郫都区委党校", []string{"讲师", "副教授"}, []models.Theme{thT, thG, thR}, 4, 0.5, "郫都区"},
	{"中共成都市双流区委党校", []string{"讲师", "副教授"}, []models.Theme{thT, thG}, 4, 0.5, "双流区"},
	{"中共成都市龙泉驿区委党校", []string{"讲师", "副教授"}, []models.Theme{thT, thG, thI}, 4, 0.5, "龙泉驿区"},
	{"四川农业大学", []string{"教授", "副教授", "副教授"}, []models.Theme{thR, thI}, 10, 0.6, "温江区"},
	{"西南财经大学", []string{"教授", "副教授"}, []models.Theme{thI, thG}, 4, 0.5, "温江区"},
	{"四川大学公共管理学院", []string{"教授", "副教授"}, []models.Theme{thG, thT}, 4, 0.5, "武侯区"},
	{"成都市农林科学院", []string{"农技专家", "高级农艺师", "研究员"}, []models.Theme{thR, thI}, 8, 0.7, "温江区"},
	{"village", []string{"村党组织书记"}, []models.Theme{thR, thG, thI}, 18, 0.85, ""},
	{"town", []string{"乡镇党委书记", "街道党工委书记"}, []models.Theme{thG, thR}, 10, 0.8, ""},
	{"community", []string{"社区党委书记"}, []models.Theme{thG, thO}, 6, 0.8, ""},
	{"enterprise", []string{"新就业群体党建指导员"}, []models.Theme{thO, thT, thG}, 3, 0.6, "锦江区"},
}

// Famous villages of Chengdu whose secretaries teach on site.
var chengduVillages = []models.Region{
	{Province: "四川省", City: "成都市", County: "郫都区", Town: "唐昌街道", Village: "战旗村", Code: "510117"},
	{Province: "四川省", City: "成都市", County: "蒲江县", Town: "甘溪镇", Village: "明月村", Code: "510131"},
	{Province: "四川省", City: "成都市", County: "彭州市", Town: "龙门山镇", Village: "宝山村", Code: "510182"},
	{Province: "四川省", City: "成都市", County: "崇州市", Town: "道明镇", Village: "竹艺村", Code: "510184"},
}

var chengduCommunities = []models.Region{
	{Province: "四川省", City: "成都市", County: "郫都区", Town: "犀浦街道", Village: "犀和社区", Code: "510117"},
	{Province: "四川省", City: "成都市", County: "龙泉驿区", Town: "龙泉街道", Village: "公园路社区", Code: "510112"},
	{Province: "四川省", City: "成都市", County: "锦江区", Town: "春熙路街道", Village: "和平社区", Code: "510104"},
	{Province: "四川省", City: "成都市", County: "武侯区", Town: "玉林街道", Village: "玉林东路社区", Code: "510107"},
}

func (g *gen) instructors() {
	r := g.rng(3)
	districtRegion := func(name string) models.Region {
		for _, d := range districts {
			if d.name == name {
				return chengduRegion(d)
			}
		}
		return models.Region{Province: "四川省", City: "成都市", Code: codeChengdu}
	}
	var keyVillages []*models.Organisation
	for _, vs := range g.keyVillagesOf {
		keyVillages = append(keyVillages, vs...)
	}
	for _, def := range instructorDefs {
		for k := 0; k < def.n; k++ {
			in := &models.Instructor{ID: int64(len(g.ds.Instructors) + 1), Position: pickStr(r, def.positions)}
			eth := "汉族"
			switch def.org {
			case "village":
				if k < len(chengduVillages) {
					reg := chengduVillages[k]
					in.Organisation = reg.County + reg.Town + reg.Village
					in.HomeRegion = reg
				} else {
					v := keyVillages[r.IntN(len(keyVillages))]
					in.Organisation = v.Name
					in.HomeRegion = v.Region
					if v.Kind == models.OrgCommunity {
						in.Position = "社区党组织书记"
					}
				}
			case "town":
				ci := r.IntN(len(counties))
				c := counties[ci]
				town := pickStr(r, c.towns)
				in.Position, in.Organisation = "乡镇党委书记", "中共"+c.name+town+"委员会"
				if strings.HasSuffix(town, "街道") {
					in.Position, in.Organisation = "街道党工委书记", "中共"+c.name+town+"工作委员会"
				}
				in.HomeRegion = countyRegion(c)
				in.HomeRegion.Town = town
			case "community":
				reg := chengduCommunities[k%len(chengduCommunities)]
				in.Organisation = reg.County + reg.Town + reg.Village
				in.HomeRegion = reg
			case "enterprise":
				in.Organisation = pickStr(r, []string{"美团成都区域党支部", "顺丰速运成都区党委", "滴滴出行四川分公司党支部"})
				in.HomeRegion = districtRegion(def.district)
			default:
				in.Organisation = def.org
				in.HomeRegion = districtRegion(def.district)
			}
			if in.HomeRegion.Code != "" && in.HomeRegion.Code[:2] != "51" && r.Float64() < 0.3 {
				for _, c := range counties {
					if c.code == in.HomeRegion.Code {
						for _, e := range c.ethnic {
							if e.share > 0.5 {
								eth = e.name
							}
						}
					}
				}
			}
			in.Name = personName(r, genderOf(r, 0.62), eth)
			in.Phone = g.mobile(r)
			in.Themes = pickThemes(r, def.themes)
			if r.Float64() < def.mentor {
				in.MaxMentees = 3 + r.IntN(6)
			}
			created := g.epoch.AddDays(r.IntN(60))
			in.CreatedAt = stampR(r, created)
			in.UpdatedAt = stampR(r, created.AddDays(r.IntN(300)))
			g.ds.Instructors = append(g.ds.Instructors, in)
			for _, t := range in.Themes {
				g.byTheme[t] = append(g.byTheme[t], in)
			}
			if in.MaxMentees > 0 {
				g.mentors = append(g.mentors, in)
				g.mentorLoad[in.ID] = make([]int16, g.span)
			}
		}
	}
}

// pickThemes returns the first theme and, at random, some of the others,
// in the order of models.Themes.
func pickThemes(r *rand.Rand, ts []models.Theme) []models.Theme {
	has := map[models.Theme]bool{ts[0]: true}
	for _, t := range ts[1:] {
		if r.Float64() < 0.6 {
			has[t] = true
		}
	}
	if r.Float64() < 0.12 {
		has[models.ThemeTheory] = true
	}
	var out []models.Theme
	for _, t := range models.Themes {
		if has[t] {
			out = append(out, t)
		}
	}
	return out
}
