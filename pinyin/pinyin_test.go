package pinyin

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// syllableTests are names and their syllables joined by spaces.
var syllableTests = []struct {
	name string
	want string
}{
	{"赵明阳", "zhao ming yang"},
	{"张伟", "zhang wei"},
	{"王", "wang"},
	{"", ""},
	{"吕女士", "lv nv shi"},
	// surnames read as surnames
	{"单田芳", "shan tian fang"},
	{"曾国藩", "zeng guo fan"},
	{"解缙", "xie jin"},
	{"仇英", "qiu ying"},
	{"区志明", "ou zhi ming"},
	{"查良镛", "zha liang yong"},
	{"朴槿惠", "piao jin hui"},
	{"盖聂", "ge nie"},
	{"华罗庚", "hua luo geng"},
	{"乐嘉", "yue jia"},
	{"缪斯", "miao si"},
	{"种师道", "chong shi dao"},
	{"覃晓", "qin xiao"},
	{"翟志刚", "zhai zhi gang"},
	{"秘书", "bi shu"},
	{"员外", "yun wai"},
	{"折可适", "she ke shi"},
	{"召忽", "shao hu"},
	{"繁钦", "po qin"},
	{"句龙", "gou long"},
	{"谌容", "chen rong"},
	{"隗嚣", "wei xiao"},
	{"牟宗三", "mu zong san"},
	{"宓妃", "mi fei"},
	{"沈从文", "shen cong wen"},
	{"柏杨", "bai yang"},
	{"莘莘", "shen shen"},
	{"洗星海", "xian xing hai"},
	{"冼星海", "xian xing hai"},
	{"晟睿", "cheng rui"},
	{"要离", "yao li"},
	{"过秀", "guo xiu"},
	{"重耳", "chong er"},
	{"阚泽", "kan ze"},
	{"藏天朔", "zang tian shuo"},
	// the surname reading applies to the first character only
	{"王单", "wang dan"},
	{"李曾", "li ceng"},
	// compound surnames
	{"欧阳修", "ou yang xiu"},
	{"司马光", "si ma guang"},
	{"诸葛亮", "zhu ge liang"},
	{"上官婉儿", "shang guan wan er"},
	{"东方朔", "dong fang shuo"},
	{"皇甫谧", "huang fu mi"},
	{"尉迟恭", "yu chi gong"},
	{"公孙胜", "gong sun sheng"},
	{"慕容复", "mu rong fu"},
	{"长孙无忌", "zhang sun wu ji"},
	{"宇文泰", "yu wen tai"},
	{"司徒雷登", "si tu lei deng"},
	{"夏侯惇", "xia hou dun"},
	{"令狐冲", "ling hu chong"},
	{"万俟卨", "mo qi xie"},
	{"尉缭", "wei liao"},    // single surname 尉
	{"长江", "chang jiang"}, // single surname 长
	{"单于飞", "shan yu fei"},
	// minority names: the dot is skipped and no surname rule applies
	{"阿依古丽·买买提", "a yi gu li mai mai ti"},
	{"买买提•艾力", "mai mai ti ai li"},
	// latin letters and digits, full-width forms, spaces
	{"Lucy王", "lucy wang"},
	{"王ＡＢ", "wang ab"},
	{"张 三", "zhang san"},
	{"李2号", "li 2 hao"},
	// rare characters: own table, go-pinyin, or skipped
	{"\U00020BB7祥", "ji xiang"},
	{"刘䶮", "liu yan"},
	{"王\U000E0100明", "wang ming"},
	{"王🙂明", "wang ming"},
}

func TestSyllables(t *testing.T) {
	for _, tt := range syllableTests {
		got := strings.Join(Syllables(tt.name), " ")
		if got != tt.want {
			t.Errorf("Syllables(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFullAndInitials(t *testing.T) {
	tests := []struct {
		name, full, initials string
	}{
		{"赵明阳", "zhaomingyang", "zmy"},
		{"张晓红", "zhangxiaohong", "zxh"},
		{"曾小贤", "zengxiaoxian", "zxx"},
		{"欧阳娜娜", "ouyangnana", "oynn"},
		{"阿依古丽·买买提", "ayiguli" + "maimaiti", "aygl" + "mmt"},
		{"Lucy王", "lucywang", "lw"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Full(tt.name); got != tt.full {
			t.Errorf("Full(%q) = %q, want %q", tt.name, got, tt.full)
		}
		if got := Initials(tt.name); got != tt.initials {
			t.Errorf("Initials(%q) = %q, want %q", tt.name, got, tt.initials)
		}
	}
}

func TestSortKeyOrder(t *testing.T) {
	// In pinyin order: syllable by syllable, then tone, then character.
	want := []string{
		"阿依古丽·买买提",
		"李",
		"黎明", // li2
		"李明", // li3
		"李明阳",
		"林",
		"单田芳",
		"汪伟",  // wang1
		"王伟",  // wang2
		"曾国藩", // zeng: after wang, before zhang
		"张伟",
		"赵明阳",
	}
	got := append([]string(nil), want...)
	for i, j := 0, len(got)-1; i < j; i, j = i+1, j-1 {
		got[i], got[j] = got[j], got[i]
	}
	sort.Slice(got, func(i, j int) bool { return SortKey(got[i]) < SortKey(got[j]) })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sorted by SortKey:\n got %v\nwant %v", got, want)
	}
	if SortKey("李明") == SortKey("李鸣") {
		t.Error("different names share a sort key")
	}
}

func TestNoPanicOnOddInput(t *testing.T) {
	for _, s := range []string{"\xff\xfe", "·", "··王", "\u3000", "１２３", "\U0010FFFF"} {
		_ = Syllables(s)
		_ = Full(s)
		_ = Initials(s)
		_ = SortKey(s)
	}
	if got := Full("１２３"); got != "123" {
		t.Errorf("Full(full-width digits) = %q, want 123", got)
	}
}

func TestIsMiddleDot(t *testing.T) {
	for _, r := range "·•・" {
		if !IsMiddleDot(r) {
			t.Errorf("IsMiddleDot(%q) = false", r)
		}
	}
	if IsMiddleDot('.') || IsMiddleDot('王') {
		t.Error("IsMiddleDot accepts a non-dot")
	}
}

func BenchmarkFull(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = Full("赵明阳")
	}
}
