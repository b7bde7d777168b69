package models

import (
	"strings"
	"time"
)

// provinces holds the first two digits of the administrative division codes
// of GB/T 2260 in use for resident ID numbers (mainland provinces,
// autonomous regions and municipalities; 71, 81 and 82 for Taiwan, Hong Kong
// and Macao residence permits). Only the province part is validated: county
// codes change too often to check against a fixed list.
var provinces = map[string]string{
	"11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
	"21": "辽宁", "22": "吉林", "23": "黑龙江",
	"31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东",
	"41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
	"50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏",
	"61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆",
	"71": "台湾", "81": "香港", "82": "澳门",
}

// ProvinceOfCode returns the province named by the first two digits of an
// administrative code or ID number, or "".
func ProvinceOfCode(code string) string {
	if len(code) < 2 {
		return ""
	}
	return provinces[code[:2]]
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// IDCheckChar returns the ISO 7064 MOD 11-2 check character for the first
// 17 digits of a resident ID number. It returns 0 if they are not 17 digits.
func IDCheckChar(first17 string) byte {
	if len(first17) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0
		}
		sum += int(c-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// NormalizeIDNumber trims spaces and turns a lowercase x into X.
func NormalizeIDNumber(s string) string {
	return strings.ToUpper(strings.TrimSpace(s))
}

// IDInfo is what a valid resident ID number encodes.
type IDInfo struct {
	RegionCode string // the six-digit administrative code of registration
	Province   string
	BirthDate  Date
	Gender     Gender
}

// ParseIDNumber validates an 18-character resident ID number per
// GB 11643-1999 and returns what it encodes. today bounds the birth date.
// The number must already be normalised (see NormalizeIDNumber).
func ParseIDNumber(id string, today Date) (IDInfo, error) {
	const field = "id_number"
	if len(id) != 18 {
		return IDInfo{}, Errorf(EINVALID, field, "The ID number must have 18 characters, not {{.N}}.", "N", len([]rune(id)))
	}
	for i := 0; i < 17; i++ {
		if id[i] < '0' || id[i] > '9' {
			return IDInfo{}, Errorf(EINVALID, field, "The first 17 characters of the ID number must be digits.")
		}
	}
	if c := id[17]; !(c >= '0' && c <= '9') && c != 'X' {
		return IDInfo{}, Errorf(EINVALID, field, "The last character of the ID number must be a digit or X.")
	}
	prov := ProvinceOfCode(id)
	if prov == "" {
		return IDInfo{}, Errorf(EINVALID, field, "The ID number starts with {{.Code}}, which is no province's code.", "Code", id[:2])
	}
	y, m, d := atoi(id[6:10]), atoi(id[10:12]), atoi(id[12:14])
	birth := NewDate(y, time.Month(m), d)
	if m < 1 || m > 12 || d < 1 || birth.Year() != y || int(birth.Month()) != m || birth.Day() != d {
		return IDInfo{}, Errorf(EINVALID, field, "The ID number holds the birth date {{.Date}}, which does not exist.", "Date", id[6:14])
	}
	if y < 1900 || (!today.IsZero() && birth.After(today)) {
		return IDInfo{}, Errorf(EINVALID, field, "The ID number holds the birth date {{.Date}}, which is not possible.", "Date", birth.String())
	}
	if want := IDCheckChar(id[:17]); id[17] != want {
		return IDInfo{}, Errorf(EINVALID, field, "The ID number's check character is wrong: it should be {{.Want}}, not {{.Got}}. Check the number for a typing error.", "Want", string(want), "Got", string(id[17]))
	}
	g := Female
	if (id[16]-'0')%2 == 1 {
		g = Male
	}
	return IDInfo{RegionCode: id[:6], Province: prov, BirthDate: birth, Gender: g}, nil
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// NormalizePhone removes spaces, and the hyphens or spaces inside an
// 11-digit mobile number; a landline keeps one hyphen after its area code.
func NormalizePhone(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "+86")
	s = strings.NewReplacer(" ", "", "\u3000", "", "(", "", ")", "-", "（", "", "）", "-").Replace(s)
	digits := strings.ReplaceAll(s, "-", "")
	if len(digits) == 11 && strings.HasPrefix(digits, "1") {
		return digits
	}
	return s
}

// ValidatePhone accepts an 11-digit mainland mobile number (1[3-9]x) or a
// landline with its area code: 0 followed by 2 or 3 digits, a hyphen, and
// 7 or 8 digits (028-12345678). An empty phone is valid; the caller decides
// whether one is required.
func ValidatePhone(field, p string) error {
	if p == "" {
		return nil
	}
	if len(p) == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9' && allDigits(p) {
		return nil
	}
	if i := strings.IndexByte(p, '-'); i > 0 {
		area, num := p[:i], p[i+1:]
		if (len(area) == 3 || len(area) == 4) && area[0] == '0' && allDigits(area) &&
			(len(num) == 7 || len(num) == 8) && num[0] != '0' && allDigits(num) {
			return nil
		}
	}
	return Errorf(EINVALID, field, "Not a phone number: give an 11-digit mobile number or a landline with its area code, such as 028-86601234.")
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
