package demo

// The places of the demo data: the home counties of the outflow side with
// their real administrative division codes (GB/T 2260), and Chengdu's
// districts on the inflow side. Town names are plausible, not a gazetteer.

// ethShare is the share of an ethnic group among a county's members; the
// rest are 汉族.
type ethShare struct {
	name  string
	share float64
}

// county is a home county of the outflow side.
type county struct {
	province, city, name, code string
	// oldCode is the county's code before a change of status; members
	// registered before oldUntil still carry it in their ID numbers.
	oldCode  string
	oldUntil int
	weight   float64 // share of the mobile members coming from it
	group    int     // the programme (index into programmeDefs) it belongs to
	ethnic   []ethShare
	towns    []string
	stems    []string // local village name stems, used before the common ones
}

// The programmes' groups of counties.
const (
	groupDMZ       = iota // 德阳、眉山、资阳
	groupNortheast        // 南充、达州、广安
	groupEthnic           // 凉山、甘孜、阿坝
	groupChongqing        // 重庆
	groupGuiYun           // 贵州毕节、云南昭通
	groupFar              // 甘肃、河南、新疆
)

var yiStems = []string{"火普", "三河", "阿土列尔", "日哈", "洒拉地坡", "解放", "谷莫", "支尔莫", "古拖", "比尔"}
var tibetanStems = []string{"木雅", "俄达门巴", "下瓦泽", "塔公", "日头", "榆林", "杵坭"}
var qiangStems = []string{"坪头", "萝卜寨", "黑虎", "河心坝", "羌峰", "白水寨"}
var uyghurStems = []string{"阿瓦提", "英吾斯坦", "托万克", "阿克塔什", "库木代尔瓦扎", "色满"}

var counties = []county{
	// 德阳市
	{province: "四川省", city: "德阳市", name: "旌阳区", code: "510603", weight: 3.5, group: groupDMZ,
		towns: []string{"旌阳街道", "城北街道", "孝泉镇", "黄许镇", "德新镇", "和新镇"}},
	{province: "四川省", city: "德阳市", name: "中江县", code: "510623", weight: 6, group: groupDMZ,
		towns: []string{"凯江镇", "南华镇", "仓山镇", "继光镇", "辑庆镇", "永太镇", "龙台镇", "广福镇"}},
	{province: "四川省", city: "德阳市", name: "广汉市", code: "510681", weight: 3.5, group: groupDMZ,
		towns: []string{"雒城街道", "金鱼镇", "向阳镇", "三星堆镇", "连山镇", "高坪镇"}},
	{province: "四川省", city: "德阳市", name: "什邡市", code: "510682", weight: 2.5, group: groupDMZ,
		towns: []string{"方亭街道", "师古镇", "洛水镇", "马祖镇", "湔氐镇", "红白镇"}},
	{province: "四川省", city: "德阳市", name: "绵竹市", code: "510683", weight: 2.5, group: groupDMZ,
		towns: []string{"剑南街道", "汉旺镇", "九龙镇", "孝德镇", "遵道镇", "土门镇"}},
	{province: "四川省", city: "德阳市", name: "罗江区", code: "510604", oldCode: "510626", oldUntil: 2017, weight: 2, group: groupDMZ,
		towns: []string{"万安街道", "金山镇", "略坪镇", "白马关镇", "鄢家镇"}},
	// 眉山市
	{province: "四川省", city: "眉山市", name: "东坡区", code: "511402", weight: 3.5, group: groupDMZ,
		towns: []string{"通惠街道", "太和镇", "崇仁镇", "松江镇", "修文镇", "尚义镇"}},
	{province: "四川省", city: "眉山市", name: "彭山区", code: "511403", oldCode: "511422", oldUntil: 2014, weight: 2, group: groupDMZ,
		towns: []string{"凤鸣街道", "青龙街道", "谢家街道", "公义镇", "黄丰镇", "江口街道"}},
	{province: "四川省", city: "眉山市", name: "仁寿县", code: "511421", weight: 6, group: groupDMZ,
		towns: []string{"文林街道", "视高街道", "汪洋镇", "龙正镇", "籍田镇", "富加镇", "方家镇"}},
	{province: "四川省", city: "眉山市", name: "洪雅县", code: "511423", weight: 1.8, group: groupDMZ,
		towns: []string{"洪川镇", "止戈镇", "柳江镇", "高庙镇", "瓦屋山镇", "中保镇"}},
	{province: "四川省", city: "眉山市", name: "丹棱县", code: "511424", weight: 1.2, group: groupDMZ,
		towns: []string{"丹棱镇", "杨场镇", "张场镇", "双桥镇", "石桥镇"}},
	{province: "四川省", city: "眉山市", name: "青神县", code: "511425", weight: 1.2, group: groupDMZ,
		towns: []string{"青竹街道", "汉阳镇", "西龙镇", "瑞峰镇", "白果乡"}},
	// 资阳市
	{province: "四川省", city: "资阳市", name: "雁江区", code: "512002", weight: 3.5, group: groupDMZ,
		towns: []string{"莲花街道", "狮子山街道", "伍隍镇", "临江镇", "丰裕镇", "保和镇"}},
	{province: "四川省", city: "资阳市", name: "安岳县", code: "512021", weight: 5.5, group: groupDMZ,
		towns: []string{"岳城街道", "石羊镇", "周礼镇", "龙台镇", "卧佛镇", "通贤镇", "兴隆镇"}},
	{province: "四川省", city: "资阳市", name: "乐至县", code: "512022", weight: 3.5, group: groupDMZ,
		towns: []string{"天池街道", "南塔街道", "回澜镇", "劳动镇", "童家镇", "宝林镇"}},
	// 南充市、达州市、广安市
	{province: "四川省", city: "南充市", name: "仪陇县", code: "511324", weight: 3.5, group: groupNortheast,
		towns: []string{"新政镇", "金城镇", "马鞍镇", "日兴镇", "立山镇", "度门街道"}},
	{province: "四川省", city: "南充市", name: "南部县", code: "511321", weight: 3.5, group: groupNortheast,
		towns: []string{"南隆街道", "滨江街道", "定水镇", "东坝镇", "升钟镇", "建兴镇"}},
	{province: "四川省", city: "南充市", name: "营山县", code: "511322", weight: 2.5, group: groupNortheast,
		towns: []string{"朗池街道", "绥安街道", "骆市镇", "回龙镇", "小桥镇", "双河镇"}},
	{province: "四川省", city: "达州市", name: "宣汉县", code: "511722", weight: 3.5, group: groupNortheast,
		ethnic: []ethShare{{"土家族", 0.05}},
		towns:  []string{"东乡街道", "普光镇", "南坝镇", "峰城镇", "胡家镇", "樊哙镇"}},
	{province: "四川省", city: "达州市", name: "渠县", code: "511725", weight: 3.5, group: groupNortheast,
		towns: []string{"渠江街道", "天星街道", "三汇镇", "土溪镇", "有庆镇", "临巴镇"}},
	{province: "四川省", city: "广安市", name: "广安区", code: "511602", weight: 2, group: groupNortheast,
		towns: []string{"浓洄街道", "北辰街道", "协兴镇", "花桥镇", "龙台镇", "恒升镇"}},
	{province: "四川省", city: "广安市", name: "岳池县", code: "511621", weight: 2.5, group: groupNortheast,
		towns: []string{"九龙街道", "朝阳街道", "罗渡镇", "酉溪镇", "中和镇", "坪滩镇"}},
	// 凉山州、甘孜州、阿坝州
	{province: "四川省", city: "凉山彝族自治州", name: "昭觉县", code: "513431", weight: 1.5, group: groupEthnic,
		ethnic: []ethShare{{"彝族", 0.9}}, stems: yiStems,
		towns: []string{"新城镇", "谷曲乡", "四开镇", "竹核镇", "比尔镇", "日哈乡"}},
	{province: "四川省", city: "凉山彝族自治州", name: "喜德县", code: "513432", weight: 1, group: groupEthnic,
		ethnic: []ethShare{{"彝族", 0.85}}, stems: yiStems,
		towns: []string{"光明镇", "冕山镇", "红莫镇", "两河口镇", "李子乡"}},
	{province: "四川省", city: "凉山彝族自治州", name: "美姑县", code: "513436", weight: 0.8, group: groupEthnic,
		ethnic: []ethShare{{"彝族", 0.95}}, stems: yiStems,
		towns: []string{"巴普镇", "牛牛坝乡", "洪溪镇", "依果觉乡", "瓦侯乡"}},
	{province: "四川省", city: "甘孜藏族自治州", name: "康定市", code: "513301", oldCode: "513321", oldUntil: 2015, weight: 1, group: groupEthnic,
		ethnic: []ethShare{{"藏族", 0.6}, {"彝族", 0.03}}, stems: tibetanStems,
		towns: []string{"炉城街道", "榆林街道", "姑咱镇", "新都桥镇", "塔公镇", "沙德镇"}},
	{province: "四川省", city: "阿坝藏族羌族自治州", name: "汶川县", code: "513221", weight: 0.9, group: groupEthnic,
		ethnic: []ethShare{{"羌族", 0.35}, {"藏族", 0.2}, {"回族", 0.02}}, stems: qiangStems,
		towns: []string{"威州镇", "映秀镇", "绵虒镇", "水磨镇", "三江镇", "卧龙镇"}},
	{province: "四川省", city: "阿坝藏族羌族自治州", name: "茂县", code: "513223", weight: 0.9, group: groupEthnic,
		ethnic: []ethShare{{"羌族", 0.9}, {"藏族", 0.03}}, stems: qiangStems,
		towns: []string{"凤仪镇", "南新镇", "叠溪镇", "黑虎镇", "沟口镇", "石大关乡"}},
	// 重庆市
	{province: "重庆市", city: "重庆市", name: "开州区", code: "500154", oldCode: "500234", oldUntil: 2016, weight: 3.5, group: groupChongqing,
		towns: []string{"汉丰街道", "文峰街道", "临江镇", "温泉镇", "大德镇", "竹溪镇", "南雅镇"}},
	{province: "重庆市", city: "重庆市", name: "云阳县", code: "500235", weight: 2.5, group: groupChongqing,
		ethnic: []ethShare{{"土家族", 0.04}},
		towns:  []string{"双江街道", "青龙街道", "南溪镇", "江口镇", "故陵镇", "龙角镇", "凤鸣镇"}},
	{province: "重庆市", city: "重庆市", name: "石柱土家族自治县", code: "500240", weight: 1, group: groupChongqing,
		ethnic: []ethShare{{"土家族", 0.75}, {"苗族", 0.02}},
		towns:  []string{"南宾街道", "下路街道", "西沱镇", "黄水镇", "悦崃镇", "临溪镇"}},
	// 贵州省毕节市、云南省昭通市
	{province: "贵州省", city: "毕节市", name: "七星关区", code: "520502", oldCode: "522401", oldUntil: 2011, weight: 2, group: groupGuiYun,
		ethnic: []ethShare{{"苗族", 0.08}, {"彝族", 0.06}, {"回族", 0.02}},
		towns:  []string{"市东街道", "洪山街道", "鸭池镇", "撒拉溪镇", "清水铺镇", "燕子口镇"}},
	{province: "贵州省", city: "毕节市", name: "威宁彝族回族苗族自治县", code: "520526", oldCode: "522427", oldUntil: 2011, weight: 1.3, group: groupGuiYun,
		ethnic: []ethShare{{"彝族", 0.2}, {"回族", 0.1}, {"苗族", 0.12}}, stems: yiStems,
		towns: []string{"海边街道", "草海镇", "雪山镇", "迤那镇", "黑石头镇", "金钟镇"}},
	{province: "云南省", city: "昭通市", name: "昭阳区", code: "530602", weight: 1.5, group: groupGuiYun,
		ethnic: []ethShare{{"回族", 0.1}, {"彝族", 0.04}, {"苗族", 0.04}},
		towns:  []string{"凤凰街道", "龙泉街道", "乐居镇", "苏家院镇", "守望回族乡", "永丰镇"}},
	// 甘肃省天水市、河南省信阳市、新疆喀什地区
	{province: "甘肃省", city: "天水市", name: "秦州区", code: "620502", weight: 1, group: groupFar,
		ethnic: []ethShare{{"回族", 0.03}},
		towns:  []string{"大城街道", "七里墩街道", "皂郊镇", "关子镇", "天水镇", "中梁镇"}},
	{province: "甘肃省", city: "天水市", name: "张家川回族自治县", code: "620525", weight: 0.6, group: groupFar,
		ethnic: []ethShare{{"回族", 0.65}},
		towns:  []string{"张家川镇", "龙山镇", "恭门镇", "马鹿镇", "刘堡镇"}},
	{province: "河南省", city: "信阳市", name: "光山县", code: "411522", weight: 1.5, group: groupFar,
		towns: []string{"弦山街道", "紫水街道", "泼陂河镇", "砖桥镇", "白雀园镇", "槐店乡"}},
	{province: "新疆维吾尔自治区", city: "喀什地区", name: "喀什市", code: "653101", weight: 0.4, group: groupFar,
		ethnic: []ethShare{{"维吾尔族", 0.9}}, stems: uyghurStems,
		towns: []string{"恰萨街道", "亚瓦格街道", "浩罕乡", "荒地乡", "伯什克然木乡", "乃则尔巴格镇"}},
}

// district is one of Chengdu's districts or counties on the inflow side.
type district struct {
	name, code, oldCode string
	oldUntil            int
	weight              float64 // share of the mobile members living there
	committee           bool    // its party committee takes part in the programmes
	towns               []string
}

var districts = []district{
	{name: "锦江区", code: "510104", weight: 9, committee: true, towns: []string{"春熙路街道", "书院街街道", "牛市口街道", "成龙路街道"}},
	{name: "青羊区", code: "510105", weight: 6, towns: []string{"少城街道", "草堂街道", "府南街道", "光华街道"}},
	{name: "金牛区", code: "510106", weight: 8, towns: []string{"荷花池街道", "驷马桥街道", "茶店子街道", "营门口街道"}},
	{name: "武侯区", code: "510107", weight: 9, towns: []string{"玉林街道", "簇桥街道", "红牌楼街道", "晋阳街道"}},
	{name: "成华区", code: "510108", weight: 8, towns: []string{"猛追湾街道", "建设路街道", "府青路街道", "二仙桥街道"}},
	{name: "龙泉驿区", code: "510112", weight: 7, committee: true, towns: []string{"龙泉街道", "大面街道", "十陵街道", "同安街道"}},
	{name: "青白江区", code: "510113", weight: 2.5, towns: []string{"大弯街道", "大同街道", "弥牟镇"}},
	{name: "新都区", code: "510114", weight: 6, committee: true, towns: []string{"新都街道", "大丰街道", "三河街道", "斑竹园街道"}},
	{name: "温江区", code: "510115", weight: 4, committee: true, towns: []string{"柳城街道", "公平街道", "天府街道", "涌泉街道"}},
	{name: "双流区", code: "510116", oldCode: "510122", oldUntil: 2015, weight: 8, committee: true, towns: []string{"东升街道", "西航港街道", "九江街道", "黄甲街道"}},
	{name: "郫都区", code: "510117", oldCode: "510124", oldUntil: 2016, weight: 6, committee: true, towns: []string{"郫筒街道", "犀浦街道", "红光街道", "唐昌街道"}},
	{name: "新津区", code: "510118", oldCode: "510132", oldUntil: 2020, weight: 2, towns: []string{"五津街道", "花源街道", "安西镇"}},
	{name: "简阳市", code: "510185", oldCode: "512081", oldUntil: 2016, weight: 2, towns: []string{"简城街道", "射洪坝街道", "石桥街道"}},
	{name: "都江堰市", code: "510181", weight: 1.5, towns: []string{"灌口街道", "幸福街道", "青城山镇"}},
	{name: "彭州市", code: "510182", weight: 1.5, towns: []string{"天彭街道", "致和街道", "龙门山镇"}},
	{name: "崇州市", code: "510184", weight: 1.2, towns: []string{"崇阳街道", "道明镇", "街子镇"}},
}

// elsewhere are the places where the city's own outflow members work.
var elsewhere = []string{
	"上海市浦东新区", "上海市闵行区", "广东省深圳市南山区", "广东省深圳市宝安区", "广东省广州市天河区",
	"浙江省杭州市余杭区", "江苏省苏州市工业园区", "重庆市渝北区", "北京市朝阳区", "福建省厦门市思明区",
}

// The administrative codes of the province, Chengdu and the partner cities.
const (
	codeSichuan = "510000"
	codeChengdu = "510100"
)

// cityCodes gives the code of each outflow city seat, for the city-level
// organisations.
var cityCodes = map[string]string{
	"德阳市": "510600", "眉山市": "511400", "资阳市": "512000", "南充市": "511300", "达州市": "511700",
	"广安市": "511600", "凉山彝族自治州": "513400", "甘孜藏族自治州": "513300", "阿坝藏族羌族自治州": "513200",
	"毕节市": "520500", "昭通市": "530600", "天水市": "620500", "信阳市": "411500", "喀什地区": "653100",
}
