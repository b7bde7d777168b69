package demo

import (
	"math/rand/v2"
	"sort"
	"strings"

	"peiyang/models"
)

// weighted picks items in proportion to their weights.
type weighted[T any] struct {
	items []T
	cum   []float64
}

func newWeighted[T any](items []T, weights []float64) *weighted[T] {
	w := &weighted[T]{items: items, cum: make([]float64, len(items))}
	sum := 0.0
	for i, x := range weights {
		sum += x
		w.cum[i] = sum
	}
	return w
}

func (w *weighted[T]) pick(r *rand.Rand) T {
	x := r.Float64() * w.cum[len(w.cum)-1]
	i := sort.Search(len(w.cum), func(i int) bool { return w.cum[i] > x })
	if i == len(w.cum) {
		i--
	}
	return w.items[i]
}

// table parses "王 71 李 70 …": a word and its weight, in turn.
func table(s string) *weighted[string] {
	f := strings.Fields(s)
	var items []string
	var weights []float64
	for i := 0; i+1 < len(f); i += 2 {
		items = append(items, f[i])
		w := 0.0
		for _, c := range f[i+1] {
			if c == '.' {
				continue
			}
			w = w*10 + float64(c-'0')
		}
		if strings.Contains(f[i+1], ".") {
			w /= 10
		}
		weights = append(weights, w)
	}
	return newWeighted(items, weights)
}

// Han surnames weighted by their frequency (per mille, roughly after the
// 2020 census), including those with special readings (单 Shàn, 曾 Zēng,
// 解 Xiè, 仇 Qiú, 区 Ōu, 查 Zhā), a few compound ones, and 𠮷, a variant
// of 吉 outside the Basic Multilingual Plane that some families write.
var hanSurnames = table(`王 71 李 70 张 68 刘 54 陈 46 杨 31 赵 22 黄 21 周 21 吴 20
	徐 17 孙 15 胡 13 朱 12 高 12 林 11 何 11 郭 11 马 10 罗 9 梁 8 宋 7 郑 7 谢 7 韩 6
	唐 6 冯 6 于 6 董 5 肖 5 程 5 曹 5 袁 5 邓 5 许 5 傅 5 沈 4 曾 4 彭 4 吕 4 苏 4 卢 4
	蒋 4 蔡 4 贾 4 丁 3 魏 3 薛 3 叶 3 阎 3 余 3 潘 3 杜 3 戴 3 夏 3 钟 3 汪 3 田 3 任 3
	姜 3 范 3 方 3 石 3 姚 3 谭 3 廖 3 邹 3 熊 3 金 3 陆 3 郝 2 孔 2 白 2 崔 2 康 2 毛 2
	邱 2 秦 2 江 2 史 2 顾 2 侯 2 邵 2 孟 2 龙 2 万 2 段 2 雷 2 钱 2 汤 2 尹 2 黎 2 易 2
	常 2 武 2 乔 2 贺 2 赖 2 龚 2 文 2 单 .6 解 .5 仇 .5 区 .3 查 .4 欧阳 .6 司马 .2
	诸葛 .1 上官 .1 司徒 .1 皇甫 .1 令狐 .1 𠮷 .1`)

// Surnames of members of ethnic groups who use Han-style names.
var ethnicSurnames = map[string]*weighted[string]{
	"回族":  table("马 40 白 5 哈 3 穆 3 纳 3 海 3 丁 5 杨 5 李 5 王 5 张 5 沙 2 米 2"),
	"羌族":  table("王 15 杨 10 何 8 余 6 陈 8 龙 4 韩 4 周 4 李 8 张 6"),
	"土家族": table("向 12 田 12 彭 10 冉 8 覃 6 谭 8 杨 6 秦 5 马 4 黄 5 李 4 陈 4"),
	"苗族":  table("龙 10 吴 10 杨 10 石 8 麻 4 王 6 熊 6 张 6 陶 5 罗 5"),
}

// Characters of given names.
var (
	maleFirst    = []rune("建志明永国晓文海家子俊宇浩天思嘉博泽一德世新成金玉春立华小伟振光长庆")
	maleSecond   = []rune("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林洋阳峰兵亮成松坤彬鸿豪源睿轩然航晨毅")
	femaleFirst  = []rune("秀晓丽雨欣思佳春美梦玉海雪小红金文艺静诗婉子慧若紫一淑桂")
	femaleSecond = []rune("芳娜敏静丽艳娟霞燕玲婷雪慧颖琳倩洁萍红梅琴蓉兰英秀佳欣悦晶瑶怡琪璐丹妍涵萱琦月")
	doubled      = []string{"婷婷", "丹丹", "莉莉", "娟娟", "晶晶", "菲菲", "倩倩"}
	// rareChars are characters that break naive text handling: 𠮷 and 𫖯
	// lie outside the Basic Multilingual Plane, 䶮 in CJK Extension A.
	rareChars = []string{"𠮷", "𫖯", "䶮", "堃", "喆", "燊", "珺", "昶", "玥", "犇", "垚", "淼"}
)

// Names of the ethnic groups that use their own naming.
var (
	yiSurnames  = strings.Fields("吉克 阿苏 曲比 沙马 阿木 海来 俄木 马海 阿牛 吉尔 勒格 瓦其 的日 阿说 吉伍 日火 拉马")
	yiMale      = strings.Fields("木呷 拉且 日哈 尔古 伍各 子哈 曲布 石布 阿呷 日作 拉格 伍沙 尔布 木果 阿木")
	yiFemale    = strings.Fields("阿依 阿果 么么 有格 日木 伍呷 阿芝 阿衣 拉莫 史布 阿嫫")
	tibFirst    = strings.Fields("扎西 次仁 格桑 洛绒 泽仁 降央 尼玛 达瓦 索朗 贡布 益西 四郎 彭措 阿旺 白玛 土登")
	tibMale     = strings.Fields("顿珠 多吉 平措 旦增 罗布 尼玛 次仁 扎西")
	tibFemale   = strings.Fields("卓玛 拉姆 措姆 曲珍 央宗 央金 志玛")
	uyMale      = strings.Fields("艾力 买买提江 艾尔肯 阿不都 努尔艾力 伊力哈木 艾克拜尔 热合曼 阿迪力 麦麦提 吐尔洪")
	uyFemale    = strings.Fields("阿依古丽 古丽米热 热依拉 帕提古丽 阿依努尔 迪丽努尔 努尔尼沙 米热古丽 祖丽皮亚")
	uyPatronyms = strings.Fields("买买提 吐尔逊 艾买提 阿不都热合曼 托合提 艾力 热合曼 库尔班 依明 吾守尔 阿布拉")
)

func pickRune(r *rand.Rand, rs []rune) string { return string(rs[r.IntN(len(rs))]) }

func pickStr(r *rand.Rand, ss []string) string { return ss[r.IntN(len(ss))] }

// hanGiven returns a given name of one or two characters.
func hanGiven(r *rand.Rand, g models.Gender) string {
	one := r.Float64() < 0.17
	var s string
	switch {
	case g == models.Female && !one && r.Float64() < 0.03:
		s = pickStr(r, doubled)
	case g == models.Female && one:
		s = pickRune(r, femaleSecond)
	case g == models.Female:
		s = pickRune(r, femaleFirst) + pickRune(r, femaleSecond)
	case one:
		s = pickRune(r, maleSecond)
	default:
		s = pickRune(r, maleFirst) + pickRune(r, maleSecond)
	}
	if r.Float64() < 0.005 {
		rs := []rune(s)
		s = string(rs[:len(rs)-1]) + pickStr(r, rareChars)
	}
	return s
}

// personName returns a realistic name for a person of the gender and
// ethnic group.
func personName(r *rand.Rand, g models.Gender, eth string) string {
	switch eth {
	case "彝族":
		if r.Float64() < 0.75 {
			if g == models.Female {
				return pickStr(r, yiSurnames) + pickStr(r, yiFemale)
			}
			return pickStr(r, yiSurnames) + pickStr(r, yiMale)
		}
	case "藏族":
		if r.Float64() < 0.85 {
			first := pickStr(r, tibFirst)
			switch x := r.Float64(); {
			case x < 0.15:
				return first
			case g == models.Female && x < 0.3:
				return first + "措"
			case g == models.Female:
				return first + pickStr(r, tibFemale)
			default:
				second := pickStr(r, tibMale)
				for second == first {
					second = pickStr(r, tibMale)
				}
				return first + second
			}
		}
	case "维吾尔族":
		given := pickStr(r, uyMale)
		if g == models.Female {
			given = pickStr(r, uyFemale)
		}
		return given + "·" + pickStr(r, uyPatronyms)
	}
	sur := hanSurnames
	if t, ok := ethnicSurnames[eth]; ok && r.Float64() < 0.8 {
		sur = t
	}
	return sur.pick(r) + hanGiven(r, g)
}
