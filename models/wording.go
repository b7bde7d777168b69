package models

import (
	"regexp"
	"strings"
)

// Misword is a way of writing one of the glossary's concepts that the
// glossary does not use, with the chosen form to write instead. A text
// holding Wrong is wrong unless the occurrence is part of one of the
// Unless texts (两委 is right only quoted: “两委”).
type Misword struct {
	Wrong, Right string
	Unless       []string
}

// miswords are the forms CheckWording finds. They cover the concepts of
// the glossary that have been written in more than one way, and texts
// that read as translations.
var miswords = []Misword{
	// The pipeline's stages: 纳入培养、培训结业、跟班学习、导师帮带、回引、进入“两委”.
	{Wrong: "推荐培养", Right: "纳入培养"},
	{Wrong: "已推荐", Right: "纳入培养"},
	{Wrong: "完成培训", Right: "培训结业"},
	{Wrong: "已培训", Right: "培训结业"},
	{Wrong: "回引返乡", Right: "回引"},
	{Wrong: "已回引", Right: "回引"},
	// Official writing quotes the two committees.
	{Wrong: "两委", Right: "“两委”", Unless: []string{"“两委”"}},
	// A course's theme is its 培训专题 (专题培训班).
	{Wrong: "主题", Right: "培训专题"},
	// A reissued certificate.
	{Wrong: "换发", Right: "补发"},
	// The host village's evaluation of a placement.
	{Wrong: "考评", Right: "鉴定"},
	{Wrong: "评价", Right: "鉴定", Unless: []string{"群众评价"}},
	// The host's guide, and how many trainees a key village takes.
	{Wrong: "带教", Right: "指导人"},
	{Wrong: "接收容量", Right: "可接收人数"},
	{Wrong: "跟班学习名额", Right: "可接收人数"},
	// The record of standing for a committee.
	{Wrong: "回引与任职", Right: "回引与选任"},
	{Wrong: "任职情况", Right: "选任情况"},
	{Wrong: "换届选举", Right: "选任记录"},
	// Where a member lives and works now.
	{Wrong: "现居区", Right: "现居住地（流入地）"},
	{Wrong: "现居住区", Right: "现居住地（流入地）"},
	{Wrong: "现所在区", Right: "现居住地（流入地）"},
	// How a mentor met the trainee: a one-to-one talk is 谈心谈话.
	{Wrong: "座谈", Right: "谈心谈话"},
	{Wrong: "视频", Right: "视频通话", Unless: []string{"视频通话", "视频连线"}},
	// Enrolment: a trainee is 在训 and may 退训.
	{Wrong: "在读", Right: "在训", Unless: []string{"正在读"}},
	{Wrong: "在学", Right: "在训", Unless: []string{"正在学"}},
	{Wrong: "退出", Right: "退训"},
	// Inflow or outflow is the member's 流动类型 (党员类别 is full or
	// probationary membership).
	{Wrong: "党员类别", Right: "流动类型"},
	{Wrong: "流动方向", Right: "流动类型"},
	{Wrong: "所在党支部", Right: "党组织关系所在党支部", Unless: []string{"党组织关系所在党支部"}},
	// Posts.
	{Wrong: "副职", Right: "副书记、副主任", Unless: []string{"“副职”"}},
	{Wrong: "一肩挑", Right: "书记兼主任", Unless: []string{"（一肩挑）", "(一肩挑)"}},
	// Texts that read as translations.
	{Wrong: "结业于", Right: "某某已从某班结业 → 某某已结业（某班）"},
	{Wrong: "未能从", Right: "某某未结业"},
	{Wrong: "所回的", Right: "回引村（社区）"},
	{Wrong: "领取", Right: "颁发（本系统只知道证书已颁发）"},
	{Wrong: "发放", Right: "颁发"},
	// 培养 alone reads as a verb: the program is 本系统 (or its full
	// name), and 培养 stands only in the programme's compounds.
	{Wrong: "培养", Right: "本系统（“培养”单用读作动词）", Unless: cultivationCompounds},
	{Wrong: "培养系统", Right: "本系统"},
	{Wrong: "培养程序", Right: "本系统"},
	{Wrong: "打开培养", Right: "打开本系统"},
	{Wrong: "关闭培养", Right: "关闭本系统"},
	{Wrong: "启动培养", Right: "启动本系统"},
	{Wrong: "升级培养", Right: "升级本系统"},
	{Wrong: "教员", Right: "教师"},
	{Wrong: "导师结对", Right: "帮带结对"},
	{Wrong: "合格分", Right: "合格分数", Unless: []string{"合格分数"}},
}

// cultivationCompounds are the words in which 培养 is right: the
// programme's own terms.
var cultivationCompounds = []string{"纳入培养", "联合培养", "重点培养对象", "培养对象", "培养协议", "培养档案", "培养阶段",
	"培养记录", "培养流程", "培养成果", "培养反馈", "培养人数", "培养批次", "培养环节", "培养计划", "培养目标", "推荐培养",
	// The verb, in prose of the demo's notes.
	"建议重点培养", "后备力量培养",
	// The program's name beside its English one.
	"Peiyang (培养)", "Peiyang 培养", "Peiyang（培养）"}

// thousands finds a number written with thousands separators.
var thousands = regexp.MustCompile(`[0-9],[0-9]{3}`)

// Miswords returns the forms CheckWording finds.
func Miswords() []Misword { return append([]Misword(nil), miswords...) }

// CheckWording returns, for a Chinese text, each misword it holds as
// "wrong → right", and numbers written with thousands separators (Chinese
// prose writes 40630 名, not 40,630 名); nil when the text keeps to the
// glossary.
func CheckWording(text string) []string {
	var out []string
	for _, m := range miswords {
		t := text
		for _, u := range m.Unless {
			t = strings.ReplaceAll(t, u, "")
		}
		if strings.Contains(t, m.Wrong) {
			out = append(out, m.Wrong+" → "+m.Right)
		}
	}
	if n := thousands.FindString(text); n != "" {
		out = append(out, n+" → 不加千位分隔符")
	}
	return out
}
