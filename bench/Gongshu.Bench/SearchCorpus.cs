using System.Globalization;
using Gongshu.Catalog.Search;

namespace Gongshu.Bench;

/// <summary>
/// Generated published resources of a Zhejiang-like province for the catalog search benchmarks:
/// ~60 providers (departments of the province, its cities and Hangzhou's districts), names such as
/// 杭州市西湖区常住人口基础信息 or 企业信用评价结果, summaries of about 60 characters, keywords,
/// 8–17 fields (name and Chinese label), 1–3 tags, classifications, share and open types, grades,
/// formats and update cycles. The same seed gives the same documents.
/// </summary>
internal static class SearchCorpus
{
    public const int Seed = 20261123;

    /// <summary>A department kind: what it catalogs, with which fields, tags and classifications.</summary>
    internal sealed record Domain(
        string Key, string[] Subjects, string[] Keywords, (string Name, string Label)[] Fields, string[] Tags, string[] Classifications);

    public sealed record Provider(long Id, string Name, string DivisionCode, string Region, Domain Kind);

    private static readonly (string Code, string Name, string Short)[] Divisions =
    [
        ("330000", "浙江省", "省"), ("330100", "杭州市", "杭州市"), ("330102", "杭州市上城区", "上城区"), ("330105", "杭州市拱墅区", "拱墅区"),
        ("330106", "杭州市西湖区", "西湖区"), ("330108", "杭州市滨江区", "滨江区"), ("330110", "杭州市余杭区", "余杭区"),
        ("330200", "宁波市", "宁波市"), ("330300", "温州市", "温州市"), ("330400", "嘉兴市", "嘉兴市"), ("330500", "湖州市", "湖州市"),
        ("330600", "绍兴市", "绍兴市"), ("330700", "金华市", "金华市"), ("330800", "衢州市", "衢州市"), ("330900", "舟山市", "舟山市"),
        ("331000", "台州市", "台州市"), ("331100", "丽水市", "丽水市"),
    ];

    private static readonly (string Name, string Label)[] CommonFields =
    [
        ("jlbh", "记录编号"), ("ssqh", "所属行政区划"), ("sjly", "数据来源部门"), ("gxsj", "数据更新时间"), ("bz", "备注"), ("yxbz", "有效标志"),
    ];

    private static readonly Domain[] Domains =
    [
        new("公安",
            ["常住人口", "户籍人口", "流动人口", "出生人口", "死亡人口", "居住证", "居民身份证办理", "机动车驾驶人", "户籍迁移", "人口"],
            ["户籍", "人口", "身份证", "居住登记", "常住人口", "流动人口"],
            [("xm", "姓名"), ("gmsfhm", "公民身份号码"), ("xb", "性别"), ("mz", "民族"), ("csrq", "出生日期"), ("hjdz", "户籍地址"),
             ("jzdz", "居住地址"), ("hh", "户号"), ("yhzgx", "与户主关系"), ("whcd", "文化程度"), ("hyzk", "婚姻状况"), ("byzk", "兵役状况")],
            ["人口", "基础库", "户籍", "公共安全"], ["101001", "101002", "101003", "301001", "301002"]),
        new("市场监管",
            ["企业", "个体工商户", "企业信用", "企业年报", "行政许可", "行政处罚", "食品经营许可", "特种设备", "企业经营异常名录", "企业信用评价", "市场主体"],
            ["企业", "信用", "统一社会信用代码", "市场主体", "营业执照", "许可"],
            [("tyshxydm", "统一社会信用代码"), ("qymc", "企业名称"), ("fddbr", "法定代表人"), ("zczb", "注册资本"), ("clrq", "成立日期"),
             ("djjg", "登记机关"), ("jyfw", "经营范围"), ("qylx", "企业类型"), ("zs", "住所"), ("xkzbh", "许可证编号"), ("xksx", "许可事项"),
             ("cfjg", "处罚结果"), ("xydj", "信用等级")],
            ["企业", "法人", "信用", "营商环境", "市场监管"], ["102001", "102002", "201001", "302001", "302002"]),
        new("人社",
            ["社保参保", "社保缴费", "养老保险", "失业保险", "工伤保险", "就业登记", "人才引进", "职业技能等级", "社会保障卡"],
            ["社保", "社会保险", "参保", "就业", "养老"],
            [("xm", "姓名"), ("gmsfhm", "公民身份号码"), ("cbdw", "参保单位"), ("xzlx", "险种类型"), ("jfjs", "缴费基数"), ("cbzt", "参保状态"),
             ("cbrq", "参保日期"), ("jfys", "缴费月数"), ("dwbh", "单位编号"), ("jyzt", "就业状态")],
            ["社保", "民生", "就业", "人口"], ["101004", "202001", "202002", "303001", "303002"]),
        new("卫健",
            ["医疗机构", "医师执业", "出生医学证明", "预防接种", "卫生行政许可", "传染病报告", "医疗机构执业许可", "护士执业"],
            ["医疗", "卫生", "健康", "许可", "出生"],
            [("jgmc", "机构名称"), ("jgdm", "机构代码"), ("jgjb", "机构级别"), ("zyxkzh", "执业许可证号"), ("ysxm", "医师姓名"),
             ("zyfw", "执业范围"), ("xseXm", "新生儿姓名"), ("cssj", "出生时间"), ("jzrq", "接种日期"), ("ymmc", "疫苗名称")],
            ["医疗", "健康", "民生", "许可"], ["203001", "203002", "304001", "304002"]),
        new("自然资源",
            ["不动产登记", "土地出让", "地籍调查", "永久基本农田", "国土空间规划", "测绘成果", "采矿许可"],
            ["不动产", "土地", "规划", "空间地理"],
            [("bdcdyh", "不动产单元号"), ("qlr", "权利人"), ("zl", "坐落"), ("mj", "面积"), ("yt", "用途"), ("qllx", "权利类型"),
             ("djsj", "登记时间"), ("tdyt", "土地用途"), ("crjk", "出让价款")],
            ["空间地理", "基础库", "不动产"], ["103001", "103002", "305001", "305002"]),
        new("交通",
            ["道路运输许可", "客运班线", "出租汽车", "公交线路", "港口货物吞吐量", "道路运输从业人员", "交通违法"],
            ["交通", "运输", "许可", "公交"],
            [("cph", "车牌号"), ("yszh", "道路运输证号"), ("yhmc", "业户名称"), ("jyfw", "经营范围"), ("xlmc", "线路名称"),
             ("qd", "起点"), ("zd", "终点"), ("ttl", "吞吐量"), ("tjyf", "统计月份")],
            ["交通", "出行", "许可"], ["204001", "204002", "306001", "306002"]),
        new("教育",
            ["学校", "学籍", "教师资格", "招生录取", "学前教育", "义务教育入学"],
            ["教育", "学校", "学生", "教师"],
            [("xxmc", "学校名称"), ("xxdm", "学校代码"), ("xsxm", "学生姓名"), ("xjh", "学籍号"), ("nj", "年级"), ("bj", "班级"),
             ("jszgzh", "教师资格证号"), ("rxrq", "入学日期")],
            ["教育", "民生"], ["205001", "205002", "307001"]),
        new("民政",
            ["婚姻登记", "社会组织", "低保对象", "养老机构", "殡葬服务", "残疾人", "特困人员"],
            ["民政", "婚姻", "社会救助", "养老"],
            [("xm", "姓名"), ("gmsfhm", "公民身份号码"), ("djrq", "登记日期"), ("djjg", "登记机关"), ("zzmc", "组织名称"),
             ("tyshxydm", "统一社会信用代码"), ("jzje", "救助金额"), ("jgmc", "机构名称")],
            ["民生", "社会救助", "人口", "养老"], ["101005", "206001", "308001", "308002"]),
        new("税务",
            ["纳税信用", "企业纳税", "税务登记", "发票开具", "欠税公告", "重大税收违法案件"],
            ["税务", "纳税", "信用", "企业"],
            [("nsrsbh", "纳税人识别号"), ("nsrmc", "纳税人名称"), ("xydj", "信用等级"), ("pjnd", "评价年度"), ("zgswjg", "主管税务机关"),
             ("qsje", "欠税金额"), ("sz", "税种")],
            ["税务", "信用", "企业", "营商环境"], ["102003", "201002", "309001"]),
        new("医保",
            ["医保参保", "医保结算", "定点医药机构", "医保目录", "异地就医备案"],
            ["医保", "医疗保障", "参保", "结算"],
            [("xm", "姓名"), ("gmsfhm", "公民身份号码"), ("cblx", "参保类型"), ("jsje", "结算金额"), ("jsrq", "结算日期"),
             ("ddjgmc", "定点机构名称"), ("ybbm", "医保编码")],
            ["医疗", "民生", "社保"], ["202003", "203003", "310001"]),
        new("生态环境",
            ["排污许可", "空气质量", "水质监测", "环境行政处罚", "建设项目环评", "重点排污单位"],
            ["环境", "排污", "监测", "空气质量"],
            [("dwmc", "单位名称"), ("xkzbh", "许可证编号"), ("jczd", "监测站点"), ("aqi", "空气质量指数"), ("pm25", "细颗粒物浓度"),
             ("jcsj", "监测时间"), ("cfjg", "处罚结果")],
            ["生态", "环境", "许可"], ["207001", "311001", "311002"]),
        new("住建",
            ["建筑企业资质", "商品房预售许可", "房屋交易", "建筑工程施工许可", "物业服务企业", "保障性住房"],
            ["住房", "建筑", "房产", "许可"],
            [("qymc", "企业名称"), ("zzdj", "资质等级"), ("xmmc", "项目名称"), ("ysxkzh", "预售许可证号"), ("fwzl", "房屋坐落"),
             ("jzmj", "建筑面积"), ("jyjg", "交易价格"), ("sgxkzh", "施工许可证号")],
            ["住房", "企业", "许可"], ["208001", "312001", "312002"]),
    ];

    /// <summary>The province's departments, each city's and district's: about 60.</summary>
    private static readonly (string Division, string Department, string Domain)[] ProviderPlan =
    [
        ("330000", "省公安厅", "公安"), ("330000", "省市场监督管理局", "市场监管"), ("330000", "省人力资源和社会保障厅", "人社"),
        ("330000", "省卫生健康委员会", "卫健"), ("330000", "省自然资源厅", "自然资源"), ("330000", "省交通运输厅", "交通"),
        ("330000", "省教育厅", "教育"), ("330000", "省民政厅", "民政"), ("330000", "国家税务总局浙江省税务局", "税务"),
        ("330000", "省医疗保障局", "医保"), ("330000", "省生态环境厅", "生态环境"), ("330000", "省住房和城乡建设厅", "住建"),
        ("330100", "杭州市公安局", "公安"), ("330100", "杭州市市场监督管理局", "市场监管"), ("330100", "杭州市人力资源和社会保障局", "人社"),
        ("330100", "杭州市卫生健康委员会", "卫健"), ("330100", "杭州市规划和自然资源局", "自然资源"), ("330100", "杭州市交通运输局", "交通"),
        ("330100", "杭州市教育局", "教育"), ("330100", "杭州市民政局", "民政"), ("330100", "杭州市医疗保障局", "医保"),
        ("330200", "宁波市公安局", "公安"), ("330200", "宁波市市场监督管理局", "市场监管"), ("330200", "宁波市人力资源和社会保障局", "人社"),
        ("330200", "宁波市交通运输局", "交通"), ("330200", "宁波市卫生健康委员会", "卫健"), ("330200", "宁波市住房和城乡建设局", "住建"),
        ("330300", "温州市公安局", "公安"), ("330300", "温州市市场监督管理局", "市场监管"), ("330300", "温州市民政局", "民政"),
        ("330400", "嘉兴市市场监督管理局", "市场监管"), ("330400", "嘉兴市人力资源和社会保障局", "人社"), ("330400", "嘉兴市生态环境局", "生态环境"),
        ("330500", "湖州市公安局", "公安"), ("330500", "湖州市自然资源和规划局", "自然资源"), ("330500", "湖州市教育局", "教育"),
        ("330600", "绍兴市市场监督管理局", "市场监管"), ("330600", "绍兴市卫生健康委员会", "卫健"), ("330600", "绍兴市医疗保障局", "医保"),
        ("330700", "金华市公安局", "公安"), ("330700", "金华市人力资源和社会保障局", "人社"), ("330700", "金华市住房和城乡建设局", "住建"),
        ("330800", "衢州市市场监督管理局", "市场监管"), ("330800", "衢州市民政局", "民政"), ("330800", "衢州市交通运输局", "交通"),
        ("330900", "舟山市交通运输局", "交通"), ("330900", "舟山市生态环境局", "生态环境"), ("330900", "舟山市公安局", "公安"),
        ("331000", "台州市市场监督管理局", "市场监管"), ("331000", "台州市卫生健康委员会", "卫健"), ("331000", "台州市教育局", "教育"),
        ("331100", "丽水市生态环境局", "生态环境"), ("331100", "丽水市自然资源和规划局", "自然资源"), ("331100", "丽水市民政局", "民政"),
        ("330102", "上城区公安分局", "公安"), ("330102", "上城区市场监督管理局", "市场监管"),
        ("330105", "拱墅区人力资源和社会保障局", "人社"), ("330105", "拱墅区民政局", "民政"),
        ("330106", "西湖区卫生健康局", "卫健"), ("330106", "西湖区公安分局", "公安"),
        ("330108", "滨江区市场监督管理局", "市场监管"), ("330108", "滨江区教育局", "教育"),
        ("330110", "余杭区人力资源和社会保障局", "人社"), ("330110", "余杭区住房和城乡建设局", "住建"),
    ];

    private static readonly string[] Suffixes =
        ["基础信息", "信息", "登记信息", "明细", "统计", "汇总表", "名单", "结果", "目录", "数据", "评价结果", "变更记录", "年度报告", "办理记录", "台账"];

    private static readonly string[] Purposes =
    [
        "用于政务服务“一网通办”", "支撑基层社会治理", "服务企业开办和注销", "用于社会信用体系建设", "支撑民生保障精准救助",
        "供各部门共享核验", "用于统计分析和辅助决策", "支撑“最多跑一次”改革", "用于数字政府一体化平台", "服务共同富裕示范区建设",
    ];

    private static readonly string[] GeneralTags = ["数字政府", "一网通办", "共同富裕", "基层治理", "主题库", "专题库", "高频"];

    private static readonly (string Code, string Chinese)[] Cycles =
        [("realtime", "实时"), ("daily", "每日"), ("weekly", "每周"), ("monthly", "每月"), ("quarterly", "每季度"), ("half_yearly", "每半年"), ("yearly", "每年"), ("irregular", "不定期")];

    public static readonly IReadOnlyList<Provider> Providers = ProviderPlan.Select((p, i) =>
    {
        var division = Divisions.Single(d => d.Code == p.Division);
        return new Provider(1001 + i, p.Department, p.Division, division.Code == "330000" ? "浙江省" : division.Name, Domains.Single(d => d.Key == p.Domain));
    }).ToList();

    /// <summary>Documents 1…<paramref name="count"/>, resource ids 1…count; the same seed gives the same documents.</summary>
    public static IEnumerable<SearchDocument> Documents(int count, int seed = Seed)
    {
        var random = new Random(seed);
        var sequences = new Dictionary<string, int>(StringComparer.Ordinal);
        var epoch = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        for (var id = 1; id <= count; id++)
        {
            var provider = Providers[random.Next(Providers.Count)];
            var domain = provider.Kind;
            var subject = Pick(random, domain.Subjects);
            var suffix = Pick(random, Suffixes);

            // Local providers often put their region in the name; the province's departments sometimes 全省.
            var region = provider.DivisionCode == "330000"
                ? random.Next(4) == 0 ? "全省" : ""
                : random.Next(10) < 6 ? provider.Region : "";
            var year = random.Next(6) == 0 ? $"（{2019 + random.Next(7)}年）" : "";
            var name = region + subject + suffix + year;

            var classification = Pick(random, domain.Classifications);
            sequences[classification] = sequences.GetValueOrDefault(classification) + 1;
            var code = $"{classification}/{sequences[classification]:D5}";

            var fieldCount = 8 + random.Next(10) - 2;
            var fields = Shuffle(random, domain.Fields).Take(Math.Min(domain.Fields.Length, fieldCount)).Concat(Shuffle(random, CommonFields).Take(2 + random.Next(3))).ToList();
            var labels = fields.SelectMany(f => new[] { f.Name, f.Label }).ToList();

            var keywords = new List<string> { subject };
            keywords.AddRange(Shuffle(random, domain.Keywords).Take(1 + random.Next(3)));
            var tags = Shuffle(random, domain.Tags).Take(1 + random.Next(2)).ToList();
            if (random.Next(3) == 0)
            {
                tags.Add(Pick(random, GeneralTags));
            }

            var cycle = Weighted(random, Cycles, [3, 12, 6, 30, 12, 4, 18, 15]);
            var summary = $"{provider.Name}归集的{(region.Length > 0 ? region : provider.Region)}{subject}{suffix}，包含{fields[0].Label}、{fields[1].Label}、{fields[2].Label}等"
                + $"{fields.Count}个信息项，{cycle.Chinese}更新，{Pick(random, Purposes)}。";

            yield return new SearchDocument
            {
                ResourceId = id,
                Code = code,
                Name = name,
                Summary = summary,
                Keywords = keywords.Distinct(StringComparer.Ordinal).ToList(),
                FieldLabels = labels,
                Tags = tags.Distinct(StringComparer.Ordinal).ToList(),
                ProviderId = provider.Id,
                ProviderName = provider.Name,
                DivisionCode = provider.DivisionCode,
                ClassificationCode = classification,
                ShareType = Weighted(random, ["unconditional", "conditional", "none"], [50, 40, 10]),
                OpenType = Weighted(random, ["open", "restricted", "closed"], [40, 30, 30]),
                Grade = Weighted(random, ["L1", "L2", "L3", "L4"], [35, 35, 20, 10]),
                Format = Weighted(random, ["database", "spreadsheet", "api", "file", "image", "media", "self_describing"], [35, 25, 20, 12, 3, 2, 3]),
                UpdateCycle = cycle.Code,
                UpdatedAt = epoch.AddSeconds(random.NextInt64(0, 6L * 365 * 24 * 3600)),
            };
        }
    }

    public static async IAsyncEnumerable<SearchDocument> DocumentsAsync(int count, int seed = Seed)
    {
        foreach (var document in Documents(count, seed))
        {
            yield return document;
        }

        await Task.CompletedTask;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static T[] Shuffle<T>(Random random, IReadOnlyList<T> items)
    {
        var copy = items.ToArray();
        random.Shuffle(copy);
        return copy;
    }

    private static T Weighted<T>(Random random, IReadOnlyList<T> items, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < items.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return items[i];
            }
        }

        return items[^1];
    }

    public static string Describe(int count) => string.Create(CultureInfo.InvariantCulture,
        $"{count:N0} generated documents, {Providers.Count} providers in {Providers.Select(p => p.DivisionCode).Distinct().Count()} divisions, seed {Seed}");
}
