package pinyin

// The readings below are written with the tone as a trailing digit.

// surnames holds the surname reading of characters whose common reading,
// as go-pinyin gives it, is not the one a surname takes (单 dan → shan),
// and of a few whose tone differs as a surname.
var surnames = map[rune]string{
	'单': "shan4", '曾': "zeng1", '解': "xie4", '仇': "qiu2", '区': "ou1",
	'查': "zha1", '朴': "piao2", '盖': "ge3", '华': "hua4", '乐': "yue4",
	'缪': "miao4", '种': "chong2", '覃': "qin2", '翟': "zhai2", '尉': "wei4",
	'秘': "bi4", '员': "yun4", '折': "she2", '召': "shao4", '繁': "po2",
	'句': "gou1", '谌': "chen2", '隗': "wei3", '牟': "mu4", '宓': "mi4",
	'沈': "shen3", '柏': "bai3", '莘': "shen1", '洗': "xian3", '冼': "xian3",
	'晟': "cheng2", '要': "yao1", '过': "guo1", '重': "chong2", '阚': "kan4",
	'藏': "zang4", '卜': "bu3", '贾': "jia3", '石': "shi2", '薄': "bo2",
	'都': "du1", '那': "na1", '能': "nai4", '黑': "he4", '朝': "chao2",
	'褚': "chu3", '费': "fei4", '车': "che1", '祭': "zhai4", '宿': "su4",
	'粘': "nian2", '乜': "nie4", '逄': "pang2", '佴': "nai4", '眭': "sui1",
	'笪': "da2", '郗': "xi1", '曲': "qu1", '纪': "ji3", '应': "ying1",
	'相': "xiang1", '盛': "sheng4", '和': "he2", '祝': "zhu4", '殷': "yin1",
	'长': "chang2", '宁': "ning4", '燕': "yan1", '隽': "juan4", '於': "yu1",
	'蕃': "pi2", '啜': "chuai4", '禚': "zhuo2", '叶': "ye4", '臧': "zang1",
}

// compoundSurnames holds two-character surnames with their readings. A
// name starting with one of them is read this way when a given name
// follows (at least three characters in all). 单于 is left out: 单 plus a
// given name starting with 于 is far more common today.
var compoundSurnames = map[string][2]string{
	"欧阳": {"ou1", "yang2"}, "司马": {"si1", "ma3"}, "诸葛": {"zhu1", "ge3"},
	"上官": {"shang4", "guan1"}, "东方": {"dong1", "fang1"}, "皇甫": {"huang2", "fu3"},
	"尉迟": {"yu4", "chi2"}, "公孙": {"gong1", "sun1"}, "慕容": {"mu4", "rong2"},
	"长孙": {"zhang3", "sun1"}, "宇文": {"yu3", "wen2"}, "司徒": {"si1", "tu2"},
	"夏侯": {"xia4", "hou2"}, "令狐": {"ling2", "hu2"}, "万俟": {"mo4", "qi2"},
	"澹台": {"tan2", "tai2"}, "公冶": {"gong1", "ye3"}, "宗政": {"zong1", "zheng4"},
	"濮阳": {"pu2", "yang2"}, "淳于": {"chun2", "yu2"}, "太叔": {"tai4", "shu1"},
	"申屠": {"shen1", "tu2"}, "钟离": {"zhong1", "li2"}, "闻人": {"wen2", "ren2"},
	"轩辕": {"xuan1", "yuan2"}, "百里": {"bai3", "li3"}, "东郭": {"dong1", "guo1"},
	"南宫": {"nan2", "gong1"}, "西门": {"xi1", "men2"}, "呼延": {"hu1", "yan2"},
	"端木": {"duan1", "mu4"}, "拓跋": {"tuo4", "ba2"}, "左丘": {"zuo3", "qiu1"},
	"第五": {"di4", "wu3"}, "公羊": {"gong1", "yang2"}, "赫连": {"he4", "lian2"},
	"独孤": {"du2", "gu1"}, "司空": {"si1", "kong1"}, "乐正": {"yue4", "zheng4"},
	"谷梁": {"gu3", "liang2"}, "漆雕": {"qi1", "diao1"}, "梁丘": {"liang2", "qiu1"},
	"巫马": {"wu1", "ma3"}, "仲孙": {"zhong4", "sun1"}, "叔孙": {"shu1", "sun1"},
	"亓官": {"qi2", "guan1"}, "司寇": {"si1", "kou4"}, "公良": {"gong1", "liang2"},
	"段干": {"duan4", "gan1"}, "羊舌": {"yang2", "she2"}, "微生": {"wei1", "sheng1"},
	"颛孙": {"zhuan1", "sun1"}, "公西": {"gong1", "xi1"}, "东门": {"dong1", "men2"},
	"夹谷": {"jia2", "gu3"}, "子车": {"zi3", "ju1"},
}

// rare holds readings of characters go-pinyin does not know, mostly from
// the CJK extensions, that occur in names.
var rare = map[rune]string{
	'\U00020BB7': "ji2",    // 𠮷, the 吉 with a long lower stroke
	'\U00030EDD': "biang2", // 𰻝
	'\U00030EDE': "biang2", // 𰻞, simplified
}
