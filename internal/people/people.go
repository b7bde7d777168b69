// Package people makes deterministic, realistic-looking trainees for
// benchmarks and tests: common surnames in roughly their real proportions,
// two- and three-character names, a few compound-surname and minority
// names, valid resident ID numbers of Sichuan counties and mobile numbers.
// It is not the demo generator, and none of its people exist.
package people

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"peiyang/models"
)

// surnames are common surnames with rough weights (per mille).
var surnames = []struct {
	name   string
	weight int
}{
	{"王", 71}, {"李", 70}, {"张", 67}, {"刘", 54}, {"陈", 45}, {"杨", 31}, {"黄", 22}, {"赵", 20},
	{"吴", 20}, {"周", 19}, {"徐", 13}, {"孙", 12}, {"马", 12}, {"朱", 11}, {"胡", 11}, {"郭", 11},
	{"何", 10}, {"罗", 10}, {"高", 10}, {"林", 10}, {"郑", 8}, {"梁", 8}, {"谢", 8}, {"唐", 8},
	{"宋", 7}, {"许", 7}, {"韩", 7}, {"邓", 7}, {"冯", 7}, {"曹", 6}, {"彭", 6}, {"曾", 6},
	{"肖", 6}, {"田", 6}, {"董", 5}, {"潘", 5}, {"袁", 5}, {"蔡", 5}, {"蒋", 5}, {"余", 5},
	{"于", 5}, {"杜", 5}, {"叶", 5}, {"程", 5}, {"魏", 4}, {"苏", 4}, {"吕", 4}, {"丁", 4},
	{"任", 4}, {"卢", 4}, {"姚", 4}, {"沈", 4}, {"钟", 4}, {"姜", 4}, {"崔", 4}, {"谭", 4},
	{"陆", 3}, {"范", 3}, {"汪", 3}, {"廖", 3}, {"石", 3}, {"金", 3}, {"韦", 3}, {"贾", 3},
	{"夏", 3}, {"付", 3}, {"方", 3}, {"邹", 3}, {"熊", 3}, {"白", 3}, {"孟", 3}, {"秦", 3},
	{"邱", 3}, {"侯", 3}, {"江", 3}, {"尹", 3}, {"薛", 2}, {"闫", 2}, {"段", 2}, {"雷", 2},
	{"龙", 2}, {"黎", 2}, {"史", 2}, {"陶", 2}, {"贺", 2}, {"毛", 2}, {"郝", 2}, {"顾", 2},
	{"龚", 2}, {"邵", 2}, {"万", 2}, {"覃", 2}, {"武", 2}, {"钱", 2}, {"戴", 2}, {"严", 2},
	{"莫", 2}, {"孔", 2}, {"向", 2}, {"常", 2}, {"单", 1}, {"解", 1}, {"仇", 1}, {"查", 1},
	{"翟", 1}, {"缪", 1}, {"区", 1}, {"朴", 1}, {"欧阳", 1}, {"司马", 1}, {"诸葛", 1}, {"上官", 1},
}

// givenChars are characters common in given names.
const givenChars = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红" +
	"建国建华志强海燕小红晓东文斌鹏飞宇浩然子涵梓轩欣怡雨桐俊杰思远嘉怡" +
	"德兵春梅金凤永福玉珍成龙佳琪家豪博文晨曦婷婷雪梅淑珍秀珍桂芳丹凯辉" +
	"亮斌林峰雷波琳倩蓉莉颖瑶璐露娇慧巧美琴云莲真环燕彩春菊凤洁梅琳素" +
	"德胜光荣天明学军振华国庆卫东新民利民正清宏伟跃进红梅向阳明阳"

var regions = []struct{ code, city, county string }{
	{"510104", "成都市", "锦江区"}, {"510117", "成都市", "郫都区"}, {"510112", "成都市", "龙泉驿区"},
	{"510116", "成都市", "双流区"}, {"510115", "成都市", "温江区"}, {"510114", "成都市", "新都区"},
	{"510603", "德阳市", "旌阳区"}, {"510623", "德阳市", "中江县"}, {"510681", "德阳市", "广汉市"},
	{"511402", "眉山市", "东坡区"}, {"511421", "眉山市", "仁寿县"}, {"512002", "资阳市", "雁江区"},
	{"512022", "资阳市", "乐至县"}, {"511321", "南充市", "南部县"}, {"511623", "广安市", "邻水县"},
	{"510922", "遂宁市", "射洪市"}, {"511921", "巴中市", "通江县"}, {"500235", "重庆市", "云阳县"},
	{"522121", "遵义市", "播州区"}, {"532128", "昭通市", "镇雄县"},
}

// Generator makes people from a seed; the same seed gives the same people.
type Generator struct {
	r     *rand.Rand
	total int
	ids   map[string]bool
}

// New returns a generator seeded with seed.
func New(seed uint64) *Generator {
	g := &Generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), ids: map[string]bool{}}
	for _, s := range surnames {
		g.total += s.weight
	}
	return g
}

// Name returns a name: mostly a surname and one or two given characters,
// now and then a minority name with a middle dot.
func (g *Generator) Name() string {
	if g.r.IntN(100) == 0 {
		first := []string{"阿依古丽", "买买提", "热依拉", "古丽娜", "艾力", "扎西", "次仁", "阿木"}
		last := []string{"买买提", "吐尔逊", "艾合买提", "多吉", "卓玛", "尔且"}
		return first[g.r.IntN(len(first))] + "·" + last[g.r.IntN(len(last))]
	}
	n := g.r.IntN(g.total)
	var s string
	for _, x := range surnames {
		if n < x.weight {
			s = x.name
			break
		}
		n -= x.weight
	}
	given := []rune(givenChars)
	name := s + string(given[g.r.IntN(len(given))])
	if g.r.IntN(10) < 7 {
		name += string(given[g.r.IntN(len(given))])
	}
	return name
}

// IDNumber returns a valid, not yet returned resident ID number of a
// person born between 1965 and 2002, and the person's region.
func (g *Generator) IDNumber() (string, models.Region) {
	for {
		reg := regions[g.r.IntN(len(regions))]
		birth := time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(38*365))
		first17 := fmt.Sprintf("%s%s%03d", reg.code, birth.Format("20060102"), g.r.IntN(1000))
		id := first17 + string(models.IDCheckChar(first17))
		if g.ids[id] {
			continue
		}
		g.ids[id] = true
		prov := "四川省"
		if strings.HasPrefix(reg.code, "50") {
			prov = "重庆市"
		} else if strings.HasPrefix(reg.code, "52") {
			prov = "贵州省"
		} else if strings.HasPrefix(reg.code, "53") {
			prov = "云南省"
		}
		return id, models.Region{Province: prov, City: reg.city, County: reg.county, Code: reg.code}
	}
}

// Phone returns an 11-digit mobile number.
func (g *Generator) Phone() string {
	prefixes := []string{"133", "135", "136", "138", "139", "150", "151", "158", "159", "177", "180", "181", "186", "187", "189", "199"}
	return fmt.Sprintf("%s%08d", prefixes[g.r.IntN(len(prefixes))], g.r.IntN(100000000))
}

// Trainees returns n trainees with IDs 1 to n.
func (g *Generator) Trainees(n int) []*models.Trainee {
	out := make([]*models.Trainee, n)
	districts := []string{"锦江区", "郫都区", "龙泉驿区", "双流区", "温江区", "新都区"}
	for i := range out {
		id, reg := g.IDNumber()
		info, _ := models.ParseIDNumber(id, models.Date{})
		t := &models.Trainee{
			ID:              int64(i + 1),
			Name:            g.Name(),
			Gender:          info.Gender,
			Ethnicity:       "汉族",
			BirthDate:       info.BirthDate,
			IDNumber:        id,
			Direction:       models.Inflow,
			HomeRegion:      reg,
			CurrentDistrict: districts[g.r.IntN(len(districts))],
			KeyTarget:       g.r.IntN(4) == 0,
		}
		if g.r.IntN(10) > 0 {
			t.Phone = g.Phone()
		}
		out[i] = t
	}
	return out
}
