package app

import "strings"

// A trainee's ethnicity and education are kept as the county's lists
// write them, in Chinese (汉族, 大专). The English window shows them in
// English, as it does the gender; a value it does not know stays as
// written.

// ethnicityLabel is the ethnic group in the window's language: the 56
// groups by their official English names.
func ethnicityLabel(s string) string {
	if Language() != LangEnglish {
		return s
	}
	if en, ok := ethnicitiesEnglish[strings.TrimSpace(s)]; ok {
		return en
	}
	return s
}

// educationLabel is the education in the window's language.
func educationLabel(s string) string {
	if Language() != LangEnglish {
		return s
	}
	if en, ok := educationEnglish[strings.TrimSpace(s)]; ok {
		return en
	}
	return s
}

var ethnicitiesEnglish = map[string]string{
	"汉族": "Han", "蒙古族": "Mongolian", "回族": "Hui", "藏族": "Tibetan", "维吾尔族": "Uyghur",
	"苗族": "Miao", "彝族": "Yi", "壮族": "Zhuang", "布依族": "Bouyei", "朝鲜族": "Korean",
	"满族": "Manchu", "侗族": "Dong", "瑶族": "Yao", "白族": "Bai", "土家族": "Tujia",
	"哈尼族": "Hani", "哈萨克族": "Kazakh", "傣族": "Dai", "黎族": "Li", "傈僳族": "Lisu",
	"佤族": "Va", "畲族": "She", "高山族": "Gaoshan", "拉祜族": "Lahu", "水族": "Sui",
	"东乡族": "Dongxiang", "纳西族": "Naxi", "景颇族": "Jingpo", "柯尔克孜族": "Kyrgyz", "土族": "Tu",
	"达斡尔族": "Daur", "仫佬族": "Mulao", "羌族": "Qiang", "布朗族": "Blang", "撒拉族": "Salar",
	"毛南族": "Maonan", "仡佬族": "Gelao", "锡伯族": "Xibe", "阿昌族": "Achang", "普米族": "Pumi",
	"塔吉克族": "Tajik", "怒族": "Nu", "乌孜别克族": "Uzbek", "俄罗斯族": "Russian", "鄂温克族": "Evenki",
	"德昂族": "De'ang", "保安族": "Bonan", "裕固族": "Yugur", "京族": "Gin", "塔塔尔族": "Tatar",
	"独龙族": "Derung", "鄂伦春族": "Oroqen", "赫哲族": "Hezhen", "门巴族": "Monba", "珞巴族": "Lhoba",
	"基诺族": "Jino",
}

var educationEnglish = map[string]string{
	"小学":    "Primary school",
	"初中":    "Junior secondary school",
	"高中":    "Senior secondary school",
	"中专":    "Secondary vocational school",
	"中技":    "Secondary technical school",
	"职高":    "Vocational high school",
	"高中/中专": "Senior secondary or vocational school",
	"大专":    "Junior college",
	"专科":    "Junior college",
	"本科":    "Bachelor's degree",
	"大学本科":  "Bachelor's degree",
	"研究生":   "Postgraduate",
	"硕士研究生": "Master's degree",
	"硕士":    "Master's degree",
	"博士研究生": "Doctorate",
	"博士":    "Doctorate",
}
