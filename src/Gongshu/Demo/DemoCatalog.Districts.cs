using Gongshu.Catalog;
using Gongshu.Directories;

namespace Gongshu.Demo;

/// <summary>
/// The district part of the demo catalog: what the city departments of 杭州市 and 宁波市 catalog
/// for each of their districts and counties (区县), from one template per kind of resource
/// (「西湖区常住人口统计信息」, 「鄞州区医疗机构信息」 …). A template fixes the provider department,
/// classification, fields, sharing and opening, update cycle and tags; the district goes into
/// the name (unique per provider), the summary and the keywords.
/// <para>
/// Most are published. Each template has one resource of every other state, spread over the
/// districts of both cities: a draft, a submission waiting for review, one returned with the
/// reviewer's comment, a change under review (the template's <see cref="DistrictTemplate.Added"/>
/// field, which is also what the returned one is asked to add) and one retired with its reason.
/// </para>
/// </summary>
public static partial class DemoCatalog
{
    /// <summary>A district or county of a demo city: its code and name (GB/T 2260), and its city's name and short name.</summary>
    private readonly record struct District(string Code, string Name, string CityCode, string City, string CityShort);

    /// <summary>
    /// One kind of district resource. <see cref="Summary"/>, <see cref="ReturnComment"/> and
    /// <see cref="RetireReason"/> are written for a district; in <see cref="Keywords"/> and
    /// <see cref="Tags"/> (lists separated by 、) <c>{区}</c> stands for the district and
    /// <c>{市}</c> for the city's short name.
    /// </summary>
    private sealed record DistrictTemplate(
        string Suffix,
        (string Hangzhou, string Ningbo) Department,
        string ClassificationCode,
        Func<District, string> Summary,
        string Keywords,
        string Format,
        string UpdateCycle,
        Sharing Share,
        Opening Open,
        string Tags,
        ResourceField[] Fields,
        ResourceField Added,
        string Related,
        Func<District, string> ReturnComment,
        Func<District, string> RetireReason);

    /// <summary>
    /// Every template for every district, district by district. The resource of template
    /// <c>t</c> for district <c>d</c> (districts numbered over both cities) takes slot
    /// <c>(d + 3t) mod n</c> of the <c>n</c> districts: slots 0–4 are a draft, a submission, a
    /// returned one, a change under review and a retired one, the rest are published, so each template has each other state once and the states fall on
    /// different districts.
    /// </summary>
    private static IEnumerable<DemoResource> DistrictResources()
    {
        var templates = DistrictTemplates();
        var districts = new[] { (Code: Hangzhou, Short: "杭州"), (Code: Ningbo, Short: "宁波") }
            .SelectMany(city => DemoAddresses.CountiesOf(city.Code).Select(code =>
                new District(code, Divisions.Standard.Get(code).Name, city.Code, Divisions.Standard.Get(city.Code).Name, city.Short)))
            .ToList();

        for (var d = 0; d < districts.Count; d++)
        {
            var district = districts[d];
            for (var t = 0; t < templates.Length; t++)
            {
                var state = ((d + (3 * t)) % districts.Count) switch
                {
                    0 => Draft,
                    1 => Submitted,
                    2 => Returned,
                    3 => Changing,
                    4 => Retired,
                    _ => Published,
                };
                yield return DistrictResource(templates[t], district, state);
            }
        }
    }

    private static DemoResource DistrictResource(DistrictTemplate template, District district, DemoResourceState state)
    {
        string Fill(string list) => list.Replace("{区}", district.Name, StringComparison.Ordinal).Replace("{市}", district.CityShort, StringComparison.Ordinal);
        var department = district.CityCode == Hangzhou ? template.Department.Hangzhou : template.Department.Ningbo;
        var resource = R(district.CityCode, department, template.ClassificationCode, state, district.Name + template.Suffix,
            template.Summary(district), Fill(template.Keywords), template.Format, template.UpdateCycle, template.Share, template.Open,
            Fill(template.Tags), template.Fields, template.Related);
        return resource with
        {
            Template = template.Suffix,
            DistrictCode = district.Code,
            Comment = state switch
            {
                DemoResourceState.Returned => template.ReturnComment(district),
                DemoResourceState.Retired => template.RetireReason(district),
                _ => null,
            },
            Change = state == DemoResourceState.ChangeUnderReview ? m => m with { Fields = [.. m.Fields, template.Added] } : null,
        };
    }

    private static DistrictTemplate[] DistrictTemplates() =>
    [
        // ── 市统计局 ──────────────────────────────────────────────────────────────────
        new("常住人口统计信息", ("tjj", "tjj"), "101001",
            d => $"{d.Name}各乡镇（街道）年末常住人口、户数、城镇人口、性别构成和年龄构成等统计数据，来源于年度人口变动抽样调查，与{d.City}统计年鉴口径一致，按年更新，用于{d.Name}人口发展规划和公共服务设施布局。",
            "常住人口、人口统计、{区}", "spreadsheet/xlsx", "yearly",
            Unconditional(Files), Open, "人口、统计数据、{市}",
            [
                F("stat_year", "统计年度", "I", "L1", "数据所属年度，如 2025", key: true),
                F("township_code", "乡镇（街道）代码", "C9", "L1", "统计用区划代码的前 9 位", key: true),
                F("township_name", "乡镇（街道）名称", "C50", "L1", "乡镇（街道）名称"),
                F("resident_population", "常住人口（人）", "I", "L1", "年末常住人口数"),
                F("households", "常住户数（户）", "I", "L1", "年末常住户数"),
                F("urban_population", "城镇人口（人）", "I", "L1", "年末居住在城镇的常住人口数"),
                F("male_population", "男性人口（人）", "I", "L1", "年末常住人口中的男性人数"),
                F("female_population", "女性人口（人）", "I", "L1", "年末常住人口中的女性人数"),
                F("aged_60_plus", "60 岁及以上人口（人）", "I", "L1", "年末常住人口中 60 周岁及以上的人数"),
            ],
            F("aged_0_14", "0—14 岁人口（人）", "I", "L1", "年末常住人口中 0—14 周岁的人数"),
            "常住人口基础信息",
            d => $"请补充“0—14 岁人口”信息项，年龄构成与{d.City}统计年鉴的三段口径保持一致。",
            d => $"{d.Name}乡镇（街道）常住人口数据按第七次全国人口普查结果修订口径后另行编目，原资源下架。"),

        // ── 市数据资源管理局（宁波市大数据发展管理中心）：归集公示的“双公示”信息 ──────────
        new("行政许可信息", ("sjzyj", "dsjzx"), "104003",
            d => $"{d.Name}各级行政机关依法作出的行政许可决定，包括决定文书号、许可证书名称、许可类别、许可内容、行政相对人名称及统一社会信用代码、决定日期、有效期和许可机关，按“双公示”要求归集，自作出决定之日起七个工作日内向社会公示。",
            "行政许可、双公示、{区}", "api/RESTful JSON", "daily",
            Unconditional(Api), Open, "信用浙江、双公示、{市}",
            [
                F("decision_no", "行政许可决定文书号", "C50", "L1", "许可机关作出决定的文书号", key: true),
                F("permit_name", "许可证书名称", "C100", "L1", "如 食品经营许可证"),
                F("permit_category", "许可类别", "C10", "L1", "普通、特许、认可、核准、登记、其他"),
                F("permit_content", "许可内容", "M", "L1", "许可的具体事项和范围"),
                F("party_name", "行政相对人名称", "C100", "L1", "法人或其他组织的名称；自然人不公示"),
                F("party_credit_code", "行政相对人统一社会信用代码", "C18", "L1", "法人或其他组织的统一社会信用代码"),
                F("decided_on", "许可决定日期", "D", "L1", "作出行政许可决定的日期"),
                F("valid_to", "有效期至", "D", "L1", "许可有效期截止日期"),
                F("authority", "许可机关", "C100", "L1", "作出许可决定的行政机关"),
                F("authority_credit_code", "许可机关统一社会信用代码", "C18", "L1", "许可机关的统一社会信用代码"),
            ],
            F("permit_no", "许可编号", "C50", "L1", "许可证书上的编号"),
            "企业登记基本信息",
            _ => "请将许可证书上的编号单列为“许可编号”信息项，并按《行政许可和行政处罚等信用信息公示规范》核对必填项。",
            d => $"{d.Name}行政许可信息已由“信用{d.CityShort}”按双公示目录统一归集公示，本资源下架，避免重复编目。"),

        // ── 市市场监督管理局 ──────────────────────────────────────────────────────────
        new("企业登记信息", ("scjgj", "scjgj"), "102002",
            d => $"{d.Name}登记注册企业的统一社会信用代码、企业名称、企业类型、法定代表人、注册资本、成立日期、所属行业、登记状态和住所，来源于市场主体登记系统，按日更新，用于{d.Name}惠企政策精准推送和营商环境监测。",
            "企业、市场主体、企业登记、{区}", "database/人大金仓 KingbaseES V8", "daily",
            Unconditional(Table), Restricted("注册用户经实名认证后通过开放接口获取，不得用于商业营销"), "法人库、营商环境、{市}",
            [
                F("credit_code", "统一社会信用代码", "C18", "L1", "18 位统一社会信用代码（GB 32100）", key: true),
                F("name", "企业名称", "C100", "L1", "登记的企业名称"),
                F("enterprise_type", "企业类型", "C50", "L1", "如 有限责任公司(自然人投资或控股)"),
                F("legal_representative", "法定代表人", "C20", "L2", "法定代表人姓名"),
                F("registered_capital", "注册资本（万元）", "Y", "L1", "认缴注册资本，单位万元"),
                F("established_on", "成立日期", "D", "L1", "营业执照记载的成立日期"),
                F("industry", "所属行业", "C50", "L1", "国民经济行业分类（GB/T 4754）大类名称"),
                F("status", "登记状态", "C10", "L1", "存续、吊销、注销"),
                F("address", "住所", "C200", "L1", "营业执照记载的住所"),
            ],
            F("business_scope", "经营范围", "M", "L1", "登记的经营范围"),
            "企业登记基本信息",
            _ => "请补充“经营范围”信息项；法定代表人姓名属于个人信息，开放条件请写明仅向实名认证用户提供。",
            d => $"{d.Name}企业登记信息已由省市场监督管理局“企业登记基本信息”按登记地统一提供，本资源下架。"),

        // ── 市人力资源和社会保障局 ────────────────────────────────────────────────────
        new("社会保险参保统计", ("rlsbj", "rlsbj"), "304",
            d => $"{d.Name}企业职工基本养老保险、城乡居民基本养老保险、失业保险和工伤保险按险种统计的月末参保人数、当月新增参保人数、参保单位数和当月征缴额，按月更新，用于{d.Name}社保扩面和稳就业形势分析。",
            "社会保险、参保统计、{区}", "spreadsheet/xlsx", "monthly",
            Unconditional(Files), Open, "社会保障、统计数据、{市}",
            [
                F("stat_month", "统计年月", "C6", "L1", "格式 YYYYMM", key: true),
                F("insurance_type", "险种代码", "C3", "L1", "110 企业职工基本养老保险，120 城乡居民基本养老保险，210 失业保险，410 工伤保险", key: true),
                F("insurance_name", "险种名称", "C30", "L1", "险种的中文名称"),
                F("insured_persons", "月末参保人数（人）", "I", "L1", "月末处于参保缴费状态的人数"),
                F("new_insured", "当月新增参保人数（人）", "I", "L1", "当月新参保和转入的人数"),
                F("employers", "参保单位数（个）", "I", "L1", "月末参保单位数，城乡居民基本养老保险为空"),
                F("contribution", "当月征缴额（万元）", "Y", "L1", "当月实际征缴的社会保险费"),
            ],
            F("beneficiaries", "月末享受待遇人数（人）", "I", "L1", "月末领取养老金、失业保险金或工伤保险待遇的人数"),
            "社会保险参保信息",
            _ => "请补充“月末享受待遇人数”信息项，并注明征缴额是否含补缴，统计口径与人社统计月报保持一致。",
            d => $"统计报表制度调整，{d.Name}参保统计改由{d.City}人社统计月报按区县分列发布，本资源下架。"),

        // ── 市生态环境局 ──────────────────────────────────────────────────────────────
        new("空气质量监测数据", ("sthjj", "sthjj"), "211",
            d => $"{d.Name}辖区内国控、省控和市控空气质量自动监测站点的小时监测数据，包括 AQI、PM2.5、PM10、臭氧、二氧化氮、二氧化硫、一氧化碳浓度和首要污染物，实时发布。",
            "空气质量、AQI、PM2.5、{区}", "api/RESTful JSON", "realtime",
            Unconditional(Api), Open, "生态环境、美丽浙江、{市}",
            [
                F("station_code", "站点编码", "C10", "L1", "监测站点编码", key: true),
                F("station_name", "站点名称", "C50", "L1", "监测站点名称"),
                F("monitored_at", "监测时间", "T", "L1", "小时均值的时间", key: true),
                F("aqi", "空气质量指数", "I", "L1", "AQI（HJ 633）"),
                F("pm25", "PM2.5 浓度（微克/立方米）", "N6,1", "L1", "细颗粒物小时均值"),
                F("pm10", "PM10 浓度（微克/立方米）", "N6,1", "L1", "可吸入颗粒物小时均值"),
                F("o3", "臭氧浓度（微克/立方米）", "N6,1", "L1", "臭氧小时均值"),
                F("no2", "二氧化氮浓度（微克/立方米）", "N6,1", "L1", "二氧化氮小时均值"),
                F("so2", "二氧化硫浓度（微克/立方米）", "N6,1", "L1", "二氧化硫小时均值"),
                F("co", "一氧化碳浓度（毫克/立方米）", "N6,2", "L1", "一氧化碳小时均值"),
                F("primary_pollutant", "首要污染物", "C20", "L1", "AQI 大于 50 时的首要污染物"),
            ],
            F("quality_level", "空气质量级别", "C10", "L1", "优、良、轻度污染、中度污染、重度污染、严重污染"),
            "空气质量监测数据",
            _ => "请补充“空气质量级别”信息项（HJ 633 的六级），并在摘要中说明小时数据的发布时延。",
            d => $"{d.Name}的空气质量监测站点已调整为省控站点，数据由省生态环境厅“空气质量监测数据”统一发布，本资源下架。"),

        // ── 市交通运输局 ──────────────────────────────────────────────────────────────
        new("公交站点信息", ("jtysj", "jtysj"), "308",
            d => $"{d.Name}城市公交和城乡公交站点的站点编号、站点名称、经纬度、所在道路、途经线路和候车亭设置情况，供出行服务平台、无障碍出行和{d.CityShort}公交线网优化使用。",
            "公交、公交站点、出行、{区}", "api/RESTful JSON", "weekly",
            Unconditional(Api), Open, "交通出行、便民服务、{市}",
            [
                F("stop_id", "站点编号", "C20", "L1", "公交站点唯一编号", key: true),
                F("stop_name", "站点名称", "C50", "L1", "站牌上的站点名称"),
                F("longitude", "经度", "N10,6", "L1", "CGCS2000 坐标系经度"),
                F("latitude", "纬度", "N9,6", "L1", "CGCS2000 坐标系纬度"),
                F("road", "所在道路", "C50", "L1", "站点所在道路名称"),
                F("lines", "途经线路", "C200", "L1", "途经的公交线路编号，以“、”分隔"),
                F("has_shelter", "是否设有候车亭", "L", "L1", "站点是否设有候车亭"),
                F("updated_on", "信息更新日期", "D", "L1", "站点信息最近一次核对的日期"),
            ],
            F("accessible", "是否无障碍站台", "L", "L1", "站台是否满足无障碍通行要求"),
            "公交线路信息",
            _ => "请补充“是否无障碍站台”信息项，并核对经纬度坐标系与市级公交线网数据一致。",
            d => $"{d.Name}公交站点已纳入{d.City}交通运输局“公交线网一张图”统一发布，本资源下架。"),

        // ── 市教育局 ──────────────────────────────────────────────────────────────────
        new("学校基本信息", ("jyj", "jyj"), "317",
            d => $"{d.Name}辖区内幼儿园、小学、初中和普通高中等各级各类学校的学校标识码、名称、办学类型、举办者类型、地址、施教区范围、在校生数和招生咨询电话，按学年更新，供家长查询入学信息。",
            "学校、入学、施教区、{区}", "database/MySQL 8.0", "yearly",
            Unconditional(Api), Open, "教育、义务教育入学一件事、{市}",
            [
                F("school_code", "学校标识码", "C10", "L1", "教育部学校标识码", key: true),
                F("name", "学校名称", "C100", "L1", "学校全称"),
                F("school_type", "办学类型", "C20", "L1", "幼儿园、小学、初级中学、九年一贯制学校、普通高中等"),
                F("sponsor_type", "举办者类型", "C20", "L1", "教育部门、其他部门、民办"),
                F("address", "学校地址", "C100", "L1", "学校地址"),
                F("enrolment_area", "施教区范围", "M", "L1", "当年义务教育招生公告划定的施教区"),
                F("students", "在校生数", "I", "L1", "上一学年末在校生人数"),
                F("phone", "招生咨询电话", "C20", "L1", "学校对外公布的招生咨询电话"),
            ],
            F("license_no", "办学许可证号", "C30", "L1", "民办学校的办学许可证编号，公办学校为空"),
            "学校基本信息",
            _ => "请补充民办学校的“办学许可证号”，施教区范围请与当年义务教育招生公告一致。",
            d => $"{d.Name}学校信息已并入省教育厅“学校基本信息”统一维护，本资源下架。"),

        // ── 市卫生健康委员会 ──────────────────────────────────────────────────────────
        new("医疗机构信息", ("wjw", "wjw"), "313",
            d => $"{d.Name}辖区内医院、社区卫生服务中心（乡镇卫生院）、门诊部和诊所等医疗机构的登记号、名称、类别、等级、地址、诊疗科目、核定床位数和咨询电话，供群众就医查询和卫生资源规划。",
            "医疗机构、就医、社区卫生服务中心、{区}", "database/Oracle 19c", "weekly",
            Unconditional(Api), Open, "健康浙江、便民服务、{市}",
            [
                F("registration_no", "登记号", "C30", "L1", "医疗机构执业许可证登记号", key: true),
                F("name", "机构名称", "C100", "L1", "医疗机构第一名称"),
                F("category", "机构类别", "C30", "L1", "综合医院、社区卫生服务中心、乡镇卫生院、门诊部、诊所等"),
                F("level", "机构等级", "C10", "L1", "如 二级甲等，未定级为空"),
                F("ownership", "经营性质", "C10", "L1", "非营利性、营利性"),
                F("address", "地址", "C100", "L1", "执业地址"),
                F("subjects", "诊疗科目", "M", "L1", "核准登记的诊疗科目"),
                F("beds", "核定床位数", "I", "L1", "执业登记核定的床位数"),
                F("phone", "咨询电话", "C20", "L1", "对外公布的咨询电话"),
            ],
            F("license_valid_to", "执业许可证有效期至", "D", "L1", "医疗机构执业许可证有效期截止日期"),
            "医疗机构执业登记信息",
            _ => "请补充“执业许可证有效期至”信息项，并在“经营性质”中区分公立和民营医疗机构。",
            d => $"{d.Name}医疗机构信息已由省卫生健康委员会“医疗机构执业登记信息”按区县统一提供，本资源下架。"),
    ];
}
