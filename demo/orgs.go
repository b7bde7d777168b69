package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"peiyang/models"
	"peiyang/settings"
)

// Village and community name stems common all over the country.
var villageStems = strings.Fields(`青龙 白马 金桥 红星 新华 太平 永兴 石桥 长乐 双河 黄桷 柏林 梨园
	桂花 大湾 高峰 和平 团结 光明 龙泉 松林 竹林 花园 莲花 凤凰 玉皇 三合 五里 七星 九龙 天池
	清泉 白果 银杏 桃源 杏花 茶园 柑橘 新民 新农 同心 复兴 建设 前进 胜利 幸福 兴隆 福星 金龙
	盘龙 卧龙 回龙 鹤鸣 观音 方山 马鞍 狮子 象山 牌坊 古井 瓦窑 油房 水口 河坝 沙坝 大河 小河
	石门 铁炉 金鸡 白鹤 黄龙 青杠 柳树 槐树 杨柳 枣园 梅子 李子 核桃 板栗 红旗 东风 向阳 朝阳
	永安 长安 安乐 万福 千佛 双龙 双桥 三星 四方 五星 六合 八角 十里 百花 文昌 书院 锦绣 紫荆
	鸿福 滨江 东街 西街 南苑 北湖 新村 龙王 天台 云峰`)

// programmeDef describes one joint cultivation agreement.
type programmeDef struct {
	name, short string
	inflow      string // the inflow district, "" for the city
	month, day  int    // signed in the first year
	notes       string
}

var programmeDefs = []programmeDef{
	{"成德眉资流动党员联合培养协议", "成德眉资", "", 2, 24,
		"依据《成德眉资流动党员协同共管合作协议》，按照“协同机制共建、教育资源共用、服务提质共促、发展成果共享”原则，联合培养在蓉流动党员。"},
	{"锦江区与南充、达州、广安流动党员联合培养协议", "川东北", "锦江区", 3, 10,
		"重点面向快递、外卖、网约车等新就业群体中的流动党员，开展乡村振兴、基层治理专题培训。"},
	{"郫都区与凉山、甘孜、阿坝流动党员联合培养协议", "民族地区", "郫都区", 3, 16,
		"结合民族地区乡村振兴需要，组织跟班学习和导师帮带，回引优秀流动党员到村（社区）任职。"},
	{"龙泉驿区与重庆市开州区、云阳县、石柱县流动党员联合培养协议", "成渝", "龙泉驿区", 4, 6,
		"推动成渝地区双城经济圈流动党员教育管理协同。"},
	{"双流区与毕节市、昭通市流动党员联合培养协议", "黔滇", "双流区", 4, 20, ""},
	{"新都区与天水市、信阳市、喀什地区流动党员联合培养协议", "西北中原", "新都区", 5, 12, ""},
}

// inflowBranches are party branches of mobile members in Chengdu.
var inflowBranches = []struct{ name, district string }{
	{"锦江区新业态新就业群体流动党员党支部", "锦江区"},
	{"锦江区春熙路街道快递外卖骑手流动党员党支部", "锦江区"},
	{"郫都区犀浦街道犀和社区流动党员党支部", "郫都区"},
	{"龙泉驿区龙泉街道公园路社区流动党员党支部", "龙泉驿区"},
	{"双流区红海棠双兴服务驿站流动党员党支部", "双流区"},
	{"武侯区网约车行业流动党员党支部", "武侯区"},
	{"成华区快递物流行业流动党员党支部", "成华区"},
	{"新都区工业园区流动党员党支部", "新都区"},
	{"温江区建筑行业流动党员党支部", "温江区"},
	{"金牛区荷花池商圈流动党员党支部", "金牛区"},
}

func (g *gen) addOrg(r *rand.Rand, o *models.Organisation) *models.Organisation {
	o.ID = int64(len(g.ds.Organisations) + 1)
	created := g.epoch.AddDays(r.IntN(40))
	o.CreatedAt = stampR(r, created)
	o.UpdatedAt = o.CreatedAt
	if o.ContactPerson == "" {
		o.ContactPerson = personName(r, genderOf(r, 0.6), "汉族")
	}
	if o.ContactPhone == "" {
		o.ContactPhone = g.mobile(r)
	}
	g.ds.Organisations = append(g.ds.Organisations, o)
	g.orgIndex[o.ID] = o
	return o
}

func genderOf(r *rand.Rand, male float64) models.Gender {
	if r.Float64() < male {
		return models.Male
	}
	return models.Female
}

func chengduRegion(d district) models.Region {
	return models.Region{Province: "四川省", City: "成都市", County: d.name, Code: d.code}
}

func countyRegion(c county) models.Region {
	return models.Region{Province: c.province, City: c.city, County: c.name, Code: c.code}
}

// landline returns a Chengdu office number.
func landline(r *rand.Rand) string {
	return fmt.Sprintf("028-%d%07d", 6+2*r.IntN(2), r.IntN(10_000_000))
}

func (g *gen) organisations() {
	r := g.rng(1)
	chengdu := models.Region{Province: "四川省", City: "成都市", Code: codeChengdu}
	g.cityCommittee = g.addOrg(r, &models.Organisation{Name: "中共成都市委组织部", Kind: models.OrgInflowCommittee,
		Region: chengdu, ContactPhone: landline(r)}).ID
	committees := map[string]int64{}
	for _, d := range districts {
		if d.committee {
			committees[d.name] = g.addOrg(r, &models.Organisation{Name: "中共成都市" + d.name + "委组织部",
				Kind: models.OrgInflowCommittee, Region: chengduRegion(d), ContactPhone: landline(r)}).ID
		}
	}
	g.addOrg(r, &models.Organisation{Name: "德眉资在蓉流动党员党委", Kind: models.OrgInflowCommittee, Region: chengdu})
	for _, b := range inflowBranches {
		for _, d := range districts {
			if d.name == b.district {
				g.addOrg(r, &models.Organisation{Name: b.name, Kind: models.OrgInflowBranch, Region: chengduRegion(d)})
			}
		}
	}
	g.academy = g.addOrg(r, &models.Organisation{Name: "成都市基层党务学院", Kind: models.OrgPartySchool,
		Region: chengdu, ContactPhone: landline(r)}).ID
	g.addOrg(r, &models.Organisation{Name: "中共成都市委党校", Kind: models.OrgPartySchool, Region: chengdu, ContactPhone: landline(r)})
	for _, d := range districts {
		if d.committee {
			g.addOrg(r, &models.Organisation{Name: "中共成都市" + d.name + "委党校", Kind: models.OrgPartySchool,
				Region: chengduRegion(d), ContactPhone: landline(r)})
		}
	}
	for _, city := range []string{"德阳市", "眉山市", "资阳市"} {
		g.addOrg(r, &models.Organisation{Name: "中共" + city + "委党校", Kind: models.OrgPartySchool,
			Region: models.Region{Province: "四川省", City: city, Code: cityCodes[city]}})
	}
	g.groupInflow = make([]int64, len(programmeDefs))
	for i, p := range programmeDefs {
		g.groupInflow[i] = g.cityCommittee
		if p.inflow != "" {
			g.groupInflow[i] = committees[p.inflow]
		}
	}
	for _, city := range []string{"德阳市", "眉山市", "资阳市"} {
		g.cityOutflow[city] = g.addOrg(r, &models.Organisation{Name: "中共" + city + "委组织部", Kind: models.OrgOutflow,
			Region: models.Region{Province: "四川省", City: city, Code: cityCodes[city]}}).ID
	}
	g.outflowOf = make([]int64, len(counties))
	for i, c := range counties {
		name := "中共" + c.name + "委组织部"
		if c.province == "重庆市" {
			name = "中共重庆市" + c.name + "委组织部"
		}
		g.outflowOf[i] = g.addOrg(r, &models.Organisation{Name: name, Kind: models.OrgOutflow, Region: countyRegion(c)}).ID
	}
	g.villages(r)
}

// villages adds the villages and communities of every home county, some
// of them key villages that host placements.
func (g *gen) villages(r *rand.Rand) {
	g.villagesOf = make([][]*models.Organisation, len(counties))
	g.keyVillagesOf = make([][]*models.Organisation, len(counties))
	for i, c := range counties {
		n := 6 + int(c.weight*1.2)
		if n > 14 {
			n = 14
		}
		stems := append(append([]string(nil), c.stems...), shuffled(r, villageStems)...)
		used := map[string]bool{}
		for k := 0; k < n; k++ {
			for used[stems[0]] {
				stems = stems[1:]
			}
			stem := stems[0]
			stems = stems[1:]
			used[stem] = true
			town := c.towns[r.IntN(len(c.towns))]
			kind, suffix := models.OrgVillage, "村"
			if strings.HasSuffix(town, "街道") || r.Float64() < 0.1 {
				kind, suffix = models.OrgCommunity, "社区"
			}
			reg := countyRegion(c)
			reg.Town, reg.Village = town, stem+suffix
			o := &models.Organisation{Name: c.name + town + stem + suffix, Kind: kind, Region: reg}
			if k < 2 || r.Float64() < 0.3 {
				o.KeyVillage = true
				o.PlacementCapacity = 3 + r.IntN(8)
			}
			g.addOrg(r, o)
			g.villagesOf[i] = append(g.villagesOf[i], o)
			if o.KeyVillage {
				g.keyVillagesOf[i] = append(g.keyVillagesOf[i], o)
				g.villageLoad[o.ID] = make([]int16, g.span)
			}
		}
	}
}

// shuffled returns a shuffled copy.
func shuffled[T any](r *rand.Rand, s []T) []T {
	out := append([]T(nil), s...)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func (g *gen) programmes() {
	r := g.rng(2)
	g.programmeOf = make([]int64, len(programmeDefs))
	g.cohortOf = make([][]int64, len(programmeDefs))
	for gi, def := range programmeDefs {
		var out []int64
		if gi == groupDMZ {
			for _, city := range []string{"德阳市", "眉山市", "资阳市"} {
				out = append(out, g.cityOutflow[city])
			}
		}
		for ci, c := range counties {
			if c.group == gi {
				out = append(out, g.outflowOf[ci])
			}
		}
		signed := models.NewDate(g.years[0], time.Month(def.month), def.day)
		p := &models.Programme{
			ID: int64(gi + 1), Name: def.name, InflowOrgID: g.groupInflow[gi], OutflowOrgIDs: out,
			SignedOn: signed, Notes: def.notes, CreatedAt: stampR(r, signed), UpdatedAt: stampR(r, signed.AddDays(3)),
		}
		g.ds.Programmes = append(g.ds.Programmes, p)
		g.programmeOf[gi] = p.ID
		for _, y := range g.years {
			created := maxDate(signed, models.NewDate(y, time.January, 10+r.IntN(40)))
			c := &models.Cohort{
				ID: int64(len(g.ds.Cohorts) + 1), ProgrammeID: p.ID, Year: y,
				Name:      fmt.Sprintf("%s联合培养%d级", def.short, y),
				CreatedAt: stampR(r, created), UpdatedAt: stampR(r, created),
			}
			g.ds.Cohorts = append(g.ds.Cohorts, c)
			g.cohortOf[gi] = append(g.cohortOf[gi], c.ID)
		}
	}
}

// cohortTargets sets each cohort's target a little above its nominees.
func (g *gen) cohortTargets() {
	counts := make([]int, len(g.ds.Cohorts))
	for _, p := range g.people {
		if p.t.CohortID != 0 {
			counts[p.t.CohortID-1]++
		}
	}
	for i, c := range g.ds.Cohorts {
		c.TargetTrainees = (counts[i]*21/20 + 9) / 10 * 10
	}
}

func (g *gen) settings() {
	s := g.ds.Settings
	s[settings.OrgName] = "成都市基层党务学院"
	s[settings.OrgShortName] = demoShortName
	s[settings.CertTitle] = settings.DefaultCertTitle
}

// demoShortName is the demo organisation's short name, which its
// certificate serials carry: 成基党院结〔2025〕12号.
const demoShortName = "成基党院"

// demoSerial is a certificate serial in the demo organisation's format
// (the default one with a short name).
func demoSerial(year, seq int) string {
	s, err := settings.FormatSerial(settings.SerialFormatFor("", demoShortName), demoShortName, year, seq)
	if err != nil {
		panic("demo: serial: " + err.Error())
	}
	return s
}
