package sheets

import (
	"strings"

	"peiyang/models"
)

// provinceNames are the full names of the province-level divisions.
var provinceNames = []string{
	"北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省",
	"上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省",
	"湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省",
	"西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
	"台湾省", "香港特别行政区", "澳门特别行政区",
}

// municipalities are the cities directly under the central government,
// which stand for both the province and the city.
var municipalities = map[string]bool{"北京市": true, "天津市": true, "上海市": true, "重庆市": true}

// shortProvince returns the short name: 四川 for 四川省, 广西 for
// 广西壮族自治区, 内蒙古 for 内蒙古自治区.
func shortProvince(full string) string {
	for _, suffix := range []string{"壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市"} {
		if s, ok := strings.CutSuffix(full, suffix); ok {
			return s
		}
	}
	return full
}

// Level suffixes, longest first within each level.
var (
	citySuffixes   = []string{"自治州", "地区", "市", "州", "盟"}
	countySuffixes = []string{"自治县", "自治旗", "特区", "林区", "县", "区", "旗", "市"}
	townSuffixes   = []string{"街道办事处", "街道", "镇", "乡", "苏木"}
	villageSuffix  = []string{"社区", "村"}
)

// ParseRegion splits a place such as 四川省德阳市中江县 into province,
// city, county, town and village by the suffixes of China's divisions
// (省/自治区, 市/州/盟/地区, 县/区/旗/市, 镇/乡/街道, 村/社区). A
// province written without its suffix (四川德阳市) is recognised when a
// city follows; a municipality (重庆市) is both province and city. Text it
// cannot place is kept whole in the next level after the last one found
// (the city when none is), so that nothing typed is lost. ok reports
// whether the whole text was placed.
func ParseRegion(s string) (r models.Region, ok bool) {
	t := compact(s)
	if t == "" {
		return r, true
	}
	rest := t
	// Province. A short name (四川) counts only before a city (德阳市), or
	// for a municipality (重庆) before a county; it is written in full
	// only when the whole text is placed.
	typed := ""
	for _, p := range provinceNames {
		if strings.HasPrefix(rest, p) {
			r.Province, rest = p, rest[len(p):]
			break
		}
		if short := shortProvince(p); strings.HasPrefix(rest, short) && len(rest) > len(short) {
			after := rest[len(short):]
			_, _, city := cutLevel(after, citySuffixes, "县区旗镇乡村", 10)
			_, _, county := cutLevel(after, countySuffixes, "镇乡村街", 12)
			if city && !municipalities[p] || county && municipalities[p] {
				r.Province, rest, typed = p, after, short
				break
			}
		}
	}
	defer func() {
		if !ok && typed != "" {
			if r.City == r.Province {
				r.City = typed
			}
			r.Province = typed
		}
	}()
	if municipalities[r.Province] {
		r.City = r.Province
	} else if city, after, found := cutLevel(rest, citySuffixes, "县区旗镇乡村", 12); found {
		r.City, rest = city, after
	}
	if county, after, found := cutLevel(rest, countySuffixes, "镇乡村街", 12); found {
		r.County, rest = county, after
	}
	if r.County != "" {
		if town, after, found := cutLevel(rest, townSuffixes, "村", 12); found {
			r.Town, rest = town, strings.TrimPrefix(after, "办事处")
		}
		if village, after, found := cutLevel(rest, villageSuffix, "", 16); found {
			r.Village, rest = village, after
			for _, office := range []string{"居民委员会", "居委会", "民委员会", "委会"} {
				rest = strings.TrimPrefix(rest, office)
			}
		}
	}
	if rest == "" {
		return r, true
	}
	switch {
	case r.Province == "" && r.City == "" && r.County == "":
		return models.Region{City: t}, false
	// What is left follows the last part found, in its order.
	case r.Village != "":
		r.Village += rest
	case r.Town != "":
		r.Village = rest
	case r.County != "":
		r.Town = rest
	case r.City != "":
		r.County = rest
	default:
		r.City = rest
	}
	return r, false
}

// cutLevel takes the first division name from the start of s: the
// shortest prefix of at least two characters and at most max that ends in
// one of the suffixes. A prefix with one of the stop characters, the
// suffixes of lower levels, before its last character is no name of this
// level: 中江县南华镇新市 is not a city.
func cutLevel(s string, suffixes []string, stop string, max int) (name, rest string, ok bool) {
	rs := []rune(s)
	for n := 2; n <= len(rs) && n <= max; n++ {
		if strings.ContainsRune(stop, rs[n-2]) {
			break
		}
		head := string(rs[:n])
		for _, suf := range suffixes {
			if strings.HasSuffix(head, suf) && len([]rune(head)) > len([]rune(suf)) {
				return head, string(rs[n:]), true
			}
		}
	}
	return "", s, false
}
