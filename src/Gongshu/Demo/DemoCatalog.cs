using System.Globalization;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Storage;

namespace Gongshu.Demo;

/// <summary>Where the demo seeder leaves a resource of the demo catalog.</summary>
public enum DemoResourceState
{
    /// <summary>草稿: created, never submitted.</summary>
    Draft,

    /// <summary>待审核: submitted, waiting in the review queue.</summary>
    Submitted,

    /// <summary>退回修改: submitted and returned with the reviewer's comment.</summary>
    Returned,

    /// <summary>已发布.</summary>
    Published,

    /// <summary>已发布, with a change (变更) submitted and waiting for review.</summary>
    ChangeUnderReview,

    /// <summary>已下架: published, then retired with a reason.</summary>
    Retired,
}

/// <summary>
/// One resource of the demo catalog: its provider (region code and department short code of
/// <see cref="DemoDirectory.Departments"/>), classification, the state the seeder leaves it in, and
/// its metadata. <see cref="RelatedNames"/> name earlier published resources of the table; the
/// seeder turns them into codes. <see cref="Comment"/> is the reviewer's comment of a returned
/// resource or the reason a retired one was retired; <see cref="Change"/> is the change under review.
/// </summary>
public sealed record DemoResource(string RegionCode, string DepartmentShortCode, string ClassificationCode, DemoResourceState State, ResourceMetadata Metadata)
{
    public string Name => Metadata.Name;

    public IReadOnlyList<string> RelatedNames { get; init; } = [];

    /// <summary>The demo dataset whose columns this resource's fields describe, e.g. <c>demo.people</c>.</summary>
    public string? DatasetKey { get; init; }

    public string? Comment { get; init; }

    public Func<ResourceMetadata, ResourceMetadata>? Change { get; init; }

    /// <summary>For a resource generated for a district, the template's name part (e.g. 常住人口统计信息); null for a hand-written one.</summary>
    public string? Template { get; init; }

    /// <summary>For a resource generated for a district, the district's GB/T 2260 code (its provider is the city department).</summary>
    public string? DistrictCode { get; init; }
}

/// <summary>
/// A provider admin (数据管理员) of a department without a printed demo account, who catalogs its
/// resources. Not printed: the seeder gives it a random password that nobody is told, so it
/// cannot be signed in to until an admin resets it.
/// </summary>
public sealed record DemoCataloguer(string Username, string DisplayName, string RegionCode, string DepartmentShortCode);

/// <summary>
/// The catalog of the demo province (公共数据资源目录): 42 hand-written resources of 17
/// departments, then 184 generated ones (<see cref="DistrictResources"/>) that the city
/// departments of 杭州市 and 宁波市 catalog for each of their 23 districts and counties from eight
/// templates. Most are published, several in every other state so that the review queue, returned
/// drafts, changes under review and retired resources can be shown. Published resources follow
/// every blocking rule and score at least 90; two hand-written drafts are deliberately imperfect.
/// <para>
/// Grades follow DB33/T 2350 as used by the metadata rules: identity numbers L4, names and
/// addresses of people L3, dates of personal events L2–L3, enterprise names and credit codes L1,
/// monitoring data L1. L3/L4 resources are shared only on conditions with a legal basis and
/// are not opened (restricted opening at most for L3); only L1 resources are opened outright.
/// </para>
/// </summary>
public static partial class DemoCatalog
{
    private const string Province = DemoDirectory.Province;
    private const string Hangzhou = DemoDirectory.Hangzhou;
    private const string Ningbo = DemoDirectory.Ningbo;
    private const string Xihu = DemoDirectory.Xihu;
    private const string Yinzhou = DemoDirectory.Yinzhou;

    private const DemoResourceState Draft = DemoResourceState.Draft;
    private const DemoResourceState Submitted = DemoResourceState.Submitted;
    private const DemoResourceState Returned = DemoResourceState.Returned;
    private const DemoResourceState Published = DemoResourceState.Published;
    private const DemoResourceState Changing = DemoResourceState.ChangeUnderReview;
    private const DemoResourceState Retired = DemoResourceState.Retired;

    private const string Api = ShareMethods.Api;
    private const string Table = ShareMethods.Table;
    private const string Files = ShareMethods.File;

    private const string DataRegulation = "《浙江省公共数据条例》";

    /// <summary>What the platform admin writes when approving a demo resource.</summary>
    public const string ApprovalComment = "符合《政务信息资源目录编制指南》要求，同意发布。";

    /// <summary>The people who catalog the resources of departments without a printed provider admin (编目员).</summary>
    public static IReadOnlyList<DemoCataloguer> Cataloguers => LazyCataloguers.Value;

    /// <summary>
    /// The resources, in the order the seeder catalogs them: a resource named as related comes
    /// first. The hand-written ones, then the generated district ones.
    /// </summary>
    public static IReadOnlyList<DemoResource> Resources { get; } =
    [
        // ── 浙江省公安厅 ──────────────────────────────────────────────────────────────
        R(Province, "gat", "101001", Published, "常住人口基础信息",
            "全省常住人口的姓名、性别、公民身份号码、出生日期、联系电话、所在区县和住址等基础信息，来源于公安户籍管理系统，按日更新，用于政务服务身份核验和人口统计分析。",
            "人口、户籍、身份核验", "database/达梦 DM8", "daily",
            Conditional(Api, "仅限政务部门因履行法定职责办理政务服务事项时按需核验，不得批量下载", "《中华人民共和国居民身份证法》、" + DataRegulation),
            Closed, "一网通办、人口库、基础库",
            FromColumns(DemoPeople.Columns, key: "id_number",
                ("name", "姓名", "L3", "户籍登记的姓名"),
                ("sex", "性别", "L2", "男、女"),
                ("id_number", "公民身份号码", "L4", "18 位公民身份号码（GB 11643）"),
                ("birth_date", "出生日期", "L2", "公历出生日期"),
                ("mobile", "联系电话", "L3", "11 位手机号码"),
                ("division_code", "所在区县代码", "L1", "GB/T 2260 县级行政区划代码"),
                ("address", "住址", "L3", "户籍登记的住址"))) with { DatasetKey = DemoPeople.ResourceKey },

        R(Province, "gat", "101002", Published, "户籍迁移登记信息",
            "全省户口迁入、迁出登记记录，包括迁移类型、迁出地、迁入地、迁移原因和办理日期，支撑户籍迁移“跨省通办”和人口流动分析。",
            "户籍、迁移、户口", "database/达梦 DM8", "daily",
            Conditional(Table, "用于户籍迁移业务协同和人口统计分析，使用部门须签订数据安全协议", "《中华人民共和国户口登记条例》"),
            Closed, "跨省通办、人口库",
            [
                F("migration_no", "迁移登记编号", "C20", "L2", "迁移业务受理编号", key: true),
                F("id_number", "公民身份号码", "C18", "L4", "迁移人的公民身份号码"),
                F("name", "姓名", "C20", "L3", "迁移人姓名"),
                F("migration_type", "迁移类型", "C10", "L1", "迁入、迁出"),
                F("reason", "迁移原因", "C20", "L2", "务工、投靠、购房、升学等"),
                F("from_division", "迁出地区划代码", "C6", "L1", "迁出地县级行政区划代码"),
                F("to_division", "迁入地区划代码", "C6", "L1", "迁入地县级行政区划代码"),
                F("to_address", "迁入地址", "C100", "L3", "迁入地详细住址"),
                F("handled_on", "办理日期", "D", "L2", "迁移登记办理日期"),
                F("police_station", "办理派出所", "C50", "L1", "受理派出所名称"),
            ], related: "常住人口基础信息"),

        R(Province, "gat", "105002", Published, "机动车驾驶证信息",
            "全省机动车驾驶人的驾驶证号、准驾车型、初次领证日期、有效期限和证件状态，用于电子证照亮证、交通违法处理和从业资格核验。",
            "驾驶证、驾驶人、电子证照", "database/Oracle 19c", "daily",
            Conditional(Api, "用于驾驶人身份和准驾资格核验，按次调用并留痕", "《中华人民共和国道路交通安全法》"),
            Closed, "电子证照、交通出行",
            [
                F("license_no", "驾驶证号", "C18", "L4", "与驾驶人公民身份号码一致", key: true),
                F("name", "姓名", "C20", "L3", "驾驶人姓名"),
                F("permitted_class", "准驾车型", "C10", "L2", "如 C1、B2、A1"),
                F("first_issued_on", "初次领证日期", "D", "L2", "初次取得驾驶证的日期"),
                F("valid_from", "有效期起始日期", "D", "L2", "当前证件有效期起始日期"),
                F("valid_to", "有效期截止日期", "D", "L2", "当前证件有效期截止日期"),
                F("status", "驾驶证状态", "C10", "L2", "正常、逾期未换证、吊销等"),
                F("issuing_authority", "发证机关", "C50", "L1", "公安机关交通管理部门名称"),
            ]),

        R(Province, "gat", "301", Published, "机动车登记信息",
            "全省登记在册机动车的号牌号码、号牌种类、车辆类型、品牌型号、使用性质、所有人和注册登记日期，用于车辆管理和交通执法协同。",
            "机动车、车辆登记、号牌", "database/Oracle 19c", "daily",
            Conditional(Api, "用于车辆相关政务服务和执法办案，按号牌号码逐条查询", "《中华人民共和国道路交通安全法》"),
            Closed, "交通出行",
            [
                F("plate_no", "号牌号码", "C10", "L2", "如 浙A12345", key: true),
                F("plate_type", "号牌种类", "C2", "L1", "GA 24.7 号牌种类代码", key: true),
                F("vehicle_type", "车辆类型", "C20", "L1", "小型普通客车、重型货车等"),
                F("brand_model", "品牌型号", "C50", "L1", "车辆品牌和型号"),
                F("use_nature", "使用性质", "C10", "L1", "营运、非营运等"),
                F("owner_name", "所有人", "C100", "L3", "个人姓名或单位名称"),
                F("owner_id_number", "所有人证件号码", "C18", "L4", "公民身份号码或统一社会信用代码"),
                F("registered_on", "注册登记日期", "D", "L2", "首次注册登记日期"),
                F("status", "机动车状态", "C10", "L2", "正常、转出、注销等"),
            ]),

        R(Province, "gat", "101006", Published, "流动人口居住登记信息",
            "在本省居住半年以上的流动人口居住登记和居住证办理信息，包括居住地址、居住事由、登记日期和居住证有效期，用于居住证积分和基本公共服务均等化。",
            "流动人口、居住证、居住登记", "database/达梦 DM8", "daily",
            Conditional(Api, "用于居住证相关公共服务办理和基层社会治理，按需核验", "《居住证暂行条例》"),
            Closed, "人口库、基层治理",
            [
                F("registration_no", "居住登记编号", "C20", "L2", "居住登记受理编号", key: true),
                F("id_number", "公民身份号码", "C18", "L4", "登记人的公民身份号码"),
                F("name", "姓名", "C20", "L3", "登记人姓名"),
                F("residence_address", "居住地址", "C100", "L3", "现居住详细地址"),
                F("residence_division", "居住地区划代码", "C6", "L1", "居住地县级行政区划代码"),
                F("reason", "居住事由", "C20", "L2", "务工、经商、就学等"),
                F("registered_on", "登记日期", "D", "L2", "居住登记日期"),
                F("permit_valid_to", "居住证有效期至", "D", "L2", "居住证签注有效期截止日期"),
            ], related: "常住人口基础信息"),

        R(Province, "gat", "101006", Retired, "暂住人口登记信息",
            "原暂住证制度下的暂住人口登记记录，包括暂住地址、暂住事由和暂住证有效期，2016 年起由居住证制度取代，仅保留历史数据。",
            "暂住人口、暂住证", "database/Oracle 11g", "irregular",
            Conditional(Table, "仅用于历史数据查询和案件办理", "《浙江省流动人口居住登记条例》"),
            Closed, "历史数据",
            [
                F("temporary_no", "暂住证编号", "C20", "L2", "暂住证编号", key: true),
                F("id_number", "公民身份号码", "C18", "L4", "暂住人的公民身份号码"),
                F("name", "姓名", "C20", "L3", "暂住人姓名"),
                F("temporary_address", "暂住地址", "C100", "L3", "暂住详细地址"),
                F("valid_to", "暂住证有效期至", "D", "L2", "暂住证有效期截止日期"),
            ]) with { Comment = "暂住证制度已由居住证制度取代，数据已并入“流动人口居住登记信息”，本资源下架。" },

        // ── 浙江省市场监督管理局 ──────────────────────────────────────────────────────
        R(Province, "scjgj", "102002", Published, "企业登记基本信息",
            "杭州、宁波等地企业的统一社会信用代码、名称、类型、法定代表人、注册资本、成立日期、所属行业、登记状态和住所，来源于市场主体登记系统，按日更新。",
            "企业、法人、市场主体、营业执照", "database/人大金仓 KingbaseES V8", "daily",
            Unconditional(Table),
            Restricted("注册用户经实名认证后通过开放接口获取，不得用于商业营销"), "法人库、营商环境、基础库",
            FromColumns(DemoEnterprises.Columns, key: "credit_code",
                ("credit_code", "统一社会信用代码", "L1", "18 位统一社会信用代码（GB 32100）"),
                ("name", "企业名称", "L1", "登记的企业名称"),
                ("enterprise_type", "企业类型", "L1", "如 有限责任公司(自然人投资或控股)"),
                ("legal_representative", "法定代表人", "L2", "法定代表人姓名"),
                ("registered_capital", "注册资本（万元）", "L1", "认缴注册资本，单位万元"),
                ("established_on", "成立日期", "L1", "营业执照记载的成立日期"),
                ("industry", "所属行业", "L1", "国民经济行业分类（GB/T 4754）大类名称"),
                ("status", "登记状态", "L1", "存续、吊销、注销"),
                ("division_code", "登记地区划代码", "L1", "住所所在县级行政区划代码"),
                ("address", "住所", "L1", "营业执照记载的住所"))) with { DatasetKey = DemoEnterprises.ResourceKey },

        R(Province, "scjgj", "102002", Published, "个体工商户登记信息",
            "全省个体工商户的统一社会信用代码、字号名称、经营者、组成形式、经营范围、经营场所和登记状态，用于个体工商户帮扶政策精准推送和市场监管。",
            "个体工商户、市场主体、经营者", "database/人大金仓 KingbaseES V8", "daily",
            Conditional(Table, "用于惠企政策兑现、市场监管和统计分析，经营者个人信息按最小必要原则使用", "《促进个体工商户发展条例》"),
            Restricted("仅开放统一社会信用代码、字号名称、经营范围和登记状态"), "法人库、营商环境",
            [
                F("credit_code", "统一社会信用代码", "C18", "L1", "18 位统一社会信用代码", key: true),
                F("trade_name", "字号名称", "C100", "L1", "个体工商户名称"),
                F("operator_name", "经营者姓名", "C20", "L3", "经营者姓名"),
                F("organization_form", "组成形式", "C10", "L1", "个人经营、家庭经营"),
                F("business_scope", "经营范围", "M", "L1", "登记的经营范围"),
                F("business_address", "经营场所", "C100", "L2", "经营场所地址"),
                F("registered_on", "登记日期", "D", "L1", "设立登记日期"),
                F("status", "登记状态", "C10", "L1", "存续、注销等"),
            ]),

        R(Province, "scjgj", "104004", Published, "行政处罚信息",
            "市场监管部门作出的行政处罚决定，包括决定书文号、当事人、违法行为类型、处罚内容、罚没款金额和处罚机关，依法在作出决定之日起七个工作日内公示。",
            "行政处罚、信用、双公示", "database/MySQL 8.0", "daily",
            Unconditional(Api), Open, "信用浙江、双公示",
            [
                F("decision_no", "行政处罚决定书文号", "C50", "L1", "如 浙市监处罚〔2025〕12号", key: true),
                F("party_name", "当事人名称", "C100", "L1", "被处罚的企业或个体工商户名称"),
                F("party_credit_code", "当事人统一社会信用代码", "C18", "L1", "当事人的统一社会信用代码"),
                F("violation_type", "违法行为类型", "C100", "L1", "违法行为的类别"),
                F("penalty_basis", "处罚依据", "M", "L1", "所依据的法律法规条款"),
                F("penalty_content", "处罚内容", "M", "L1", "警告、罚款、没收违法所得等"),
                F("fine_amount", "罚没款金额（元）", "Y", "L1", "罚款和没收违法所得合计"),
                F("decided_on", "处罚决定日期", "D", "L1", "作出处罚决定的日期"),
                F("authority", "处罚机关", "C50", "L1", "作出决定的市场监管部门"),
                F("publicity_until", "公示截止日期", "D", "L1", "信用信息公示的截止日期"),
            ], related: "企业登记基本信息"),

        R(Province, "scjgj", "102003", Published, "企业年度报告信息",
            "企业依法报送的年度报告，包括从业人数、资产状况、营业收入、纳税总额和联系方式等，企业选择不公示的资产类数据仅供政务部门共享使用。",
            "企业年报、市场主体、信用", "database/人大金仓 KingbaseES V8", "yearly",
            Conditional(Table, "企业选择不公示的资产状况信息仅限政务部门履行监管职责使用", "《企业信息公示暂行条例》"),
            Restricted("仅开放企业已选择公示的年报事项"), "法人库、信用浙江",
            [
                F("credit_code", "统一社会信用代码", "C18", "L1", "报送企业的统一社会信用代码", key: true),
                F("report_year", "年报年度", "I", "L1", "年度报告所属年度", key: true),
                F("name", "企业名称", "C100", "L1", "报送时的企业名称"),
                F("employees", "从业人数", "I", "L2", "年末从业人数"),
                F("total_assets", "资产总额（万元）", "Y", "L2", "年末资产总额"),
                F("revenue", "营业总收入（万元）", "Y", "L2", "全年营业总收入"),
                F("tax_paid", "纳税总额（万元）", "Y", "L2", "全年纳税总额"),
                F("contact_phone", "企业联系电话", "C20", "L2", "年报填报的联系电话"),
                F("reported_on", "报送日期", "D", "L1", "年度报告报送日期"),
            ], related: "企业登记基本信息"),

        R(Province, "scjgj", "104003", Submitted, "食品经营许可信息",
            "食品经营者取得的食品经营许可证信息，包括许可证编号、经营者名称、经营场所、主体业态、经营项目和有效期，用于食品安全监管和许可证电子化应用。",
            "食品经营许可、许可证、食品安全", "database/MySQL 8.0", "daily",
            Unconditional(Api), Open, "食品安全、电子证照",
            [
                F("license_no", "许可证编号", "C20", "L1", "JY 开头的 14 位许可证编号", key: true),
                F("operator_name", "经营者名称", "C100", "L1", "持证经营者名称"),
                F("credit_code", "统一社会信用代码", "C18", "L1", "经营者的统一社会信用代码"),
                F("business_address", "经营场所", "C100", "L1", "许可的经营场所地址"),
                F("main_form", "主体业态", "C50", "L1", "食品销售经营者、餐饮服务经营者、单位食堂"),
                F("business_items", "经营项目", "M", "L1", "许可的经营项目"),
                F("valid_to", "有效期至", "D", "L1", "许可证有效期截止日期"),
                F("issuing_authority", "发证机关", "C50", "L1", "发证的市场监管部门"),
            ], related: "企业登记基本信息"),

        // ── 浙江省人力资源和社会保障厅 ────────────────────────────────────────────────
        R(Province, "rlsbt", "304", Published, "社会保险参保信息",
            "全省参加企业职工基本养老保险、失业保险和工伤保险人员的参保险种、参保状态、参保单位、首次缴费年月和累计缴费月数，用于社保待遇资格认证和就业政策核验。",
            "社保、参保、养老保险", "database/达梦 DM8", "monthly",
            Conditional(Api, "用于社会保险待遇资格认证、就业创业政策核验和公积金等业务协同，按人逐条核验", "《中华人民共和国社会保险法》"),
            Closed, "社会保障、一网通办",
            [
                F("id_number", "公民身份号码", "C18", "L4", "参保人的公民身份号码", key: true),
                F("insurance_type", "险种类型", "C3", "L1", "110 企业职工基本养老保险，210 失业保险，410 工伤保险", key: true),
                F("name", "姓名", "C20", "L3", "参保人姓名"),
                F("insured_status", "参保状态", "C10", "L2", "参保缴费、暂停缴费、终止参保"),
                F("employer_name", "参保单位名称", "C100", "L1", "当前参保单位名称"),
                F("employer_credit_code", "参保单位统一社会信用代码", "C18", "L1", "当前参保单位的统一社会信用代码"),
                F("first_paid_month", "首次缴费年月", "C6", "L2", "格式 YYYYMM"),
                F("paid_months", "累计缴费月数", "I", "L3", "截至上月的累计缴费月数"),
            ], related: "常住人口基础信息"),

        R(Province, "rlsbt", "304", Published, "就业登记信息",
            "劳动者就业、失业登记信息，包括就业单位、就业形式、登记类型和登记日期，用于就业补贴发放、就业困难人员认定和就业形势分析。",
            "就业、失业登记、就业补贴", "database/达梦 DM8", "daily",
            Conditional(Table, "用于就业创业扶持政策核验和就业形势分析", "《就业服务与就业管理规定》"),
            Closed, "社会保障、稳就业",
            [
                F("registration_no", "登记编号", "C20", "L2", "就业失业登记编号", key: true),
                F("id_number", "公民身份号码", "C18", "L4", "劳动者的公民身份号码"),
                F("name", "姓名", "C20", "L3", "劳动者姓名"),
                F("registration_type", "登记类型", "C10", "L1", "就业、失业"),
                F("employer_name", "就业单位名称", "C100", "L1", "单位就业时的用人单位名称"),
                F("employer_credit_code", "就业单位统一社会信用代码", "C18", "L1", "用人单位的统一社会信用代码"),
                F("employment_form", "就业形式", "C20", "L2", "单位就业、灵活就业、自主创业"),
                F("registered_on", "登记日期", "D", "L2", "办理登记的日期"),
            ], related: "社会保险参保信息"),

        R(Province, "rlsbt", "105002", Submitted, "职业技能等级证书信息",
            "经备案的社会培训评价组织和用人单位颁发的职业技能等级证书，包括证书编号、职业（工种）、技能等级和发证日期，用于技能人才补贴和证书查验。",
            "职业技能、技能等级、证书", "database/达梦 DM8", "weekly",
            Conditional(Api, "用于技能补贴申领和证书真伪查验，按证书编号查询", DataRegulation),
            Closed, "电子证照、技能浙江",
            [
                F("certificate_no", "证书编号", "C30", "L2", "职业技能等级证书编号", key: true),
                F("name", "姓名", "C20", "L3", "持证人姓名"),
                F("id_number", "公民身份号码", "C18", "L4", "持证人的公民身份号码"),
                F("occupation", "职业（工种）", "C50", "L1", "国家职业分类大典中的职业（工种）"),
                F("skill_level", "技能等级", "C10", "L1", "五级/初级工 至 一级/高级技师"),
                F("issuer", "评价机构", "C100", "L1", "颁证的社会培训评价组织或用人单位"),
                F("issued_on", "发证日期", "D", "L2", "证书颁发日期"),
            ]),

        // ── 浙江省卫生健康委员会 ──────────────────────────────────────────────────────
        R(Province, "wjw", "101003", Published, "出生医学证明信息",
            "助产机构签发的出生医学证明，包括新生儿姓名、性别、出生时间、出生地点、父母身份信息和签发机构，用于出生“一件事”联办和户口登记。",
            "出生医学证明、新生儿、出生登记", "database/Oracle 19c", "daily",
            Conditional(Api, "用于出生一件事联办中的户口登记、医保参保和社保卡申领", "《中华人民共和国母婴保健法》"),
            Closed, "出生一件事、电子证照、人口库",
            [
                F("certificate_no", "出生医学证明编号", "C10", "L2", "字母加 9 位数字", key: true),
                F("baby_name", "新生儿姓名", "C20", "L3", "新生儿姓名"),
                F("sex", "性别", "C1", "L2", "男、女"),
                F("born_at", "出生时间", "T", "L3", "出生的日期和时刻"),
                F("birth_place", "出生地点", "C100", "L2", "出生地的省、市、县"),
                F("mother_name", "母亲姓名", "C20", "L3", "母亲姓名"),
                F("mother_id_number", "母亲公民身份号码", "C18", "L4", "母亲的有效身份证件号码"),
                F("father_name", "父亲姓名", "C20", "L3", "父亲姓名"),
                F("father_id_number", "父亲公民身份号码", "C18", "L4", "父亲的有效身份证件号码"),
                F("issuer", "签发机构", "C100", "L1", "签发证明的助产机构"),
                F("issued_on", "签发日期", "D", "L2", "证明签发日期"),
            ], related: "常住人口基础信息"),

        R(Province, "wjw", "313", Published, "医疗机构执业登记信息",
            "全省医疗机构的登记号、名称、类别、等级、经营性质、地址、核定床位数和执业许可证有效期，用于就医服务导航、医保定点管理和卫生资源规划。",
            "医疗机构、执业许可、医院", "database/Oracle 19c", "weekly",
            Unconditional(Api), Open, "健康浙江、便民服务",
            [
                F("registration_no", "登记号", "C30", "L1", "医疗机构执业许可证登记号", key: true),
                F("name", "机构名称", "C100", "L1", "医疗机构第一名称"),
                F("credit_code", "统一社会信用代码", "C18", "L1", "医疗机构的统一社会信用代码"),
                F("category", "机构类别", "C30", "L1", "综合医院、社区卫生服务中心、诊所等"),
                F("level", "机构等级", "C10", "L1", "如 三级甲等"),
                F("ownership", "经营性质", "C10", "L1", "非营利性、营利性"),
                F("address", "地址", "C100", "L1", "执业地址"),
                F("division_code", "所在区县代码", "C6", "L1", "执业地址所在县级行政区划代码"),
                F("beds", "核定床位数", "I", "L1", "执业登记核定的床位数"),
                F("valid_to", "许可证有效期至", "D", "L1", "执业许可证有效期截止日期"),
            ]),

        R(Province, "wjw", "105002", Changing, "医师执业注册信息",
            "医师执业注册信息，包括医师姓名、执业类别、执业范围、主要执业机构和注册日期，可供公众查询医师执业资质。",
            "医师、执业注册、执业资格", "database/Oracle 19c", "weekly",
            Conditional(Api, "用于医疗服务监管和执业资格核验", "《医师执业注册管理办法》"),
            Restricted("公众可按姓名和执业机构查询单条记录，不提供批量下载"), "健康浙江、电子证照",
            [
                F("certificate_no", "医师执业证书编码", "C30", "L2", "医师执业证书编码", key: true),
                F("name", "姓名", "C20", "L3", "医师姓名"),
                F("practice_category", "执业类别", "C10", "L1", "临床、中医、口腔、公共卫生"),
                F("practice_scope", "执业范围", "C50", "L1", "如 内科专业"),
                F("institution_name", "主要执业机构", "C100", "L1", "主要执业机构名称"),
                F("registered_on", "注册日期", "D", "L2", "执业注册日期"),
            ], related: "医疗机构执业登记信息") with
        {
            Change = m => m with
            {
                Summary = "医师执业注册和多机构执业备案信息，包括医师姓名、执业类别、执业范围、主要执业机构、其他备案执业机构和注册日期，可供公众查询医师执业资质。",
                UpdateCycle = "daily",
                Fields = [.. m.Fields, F("other_institutions", "其他备案执业机构", "M", "L1", "多机构执业备案的其他执业机构，以“、”分隔")],
            },
        },

        // ── 浙江省民政厅 ──────────────────────────────────────────────────────────────
        R(Province, "mzt", "101005", Published, "婚姻登记信息",
            "全省婚姻登记机关办理的结婚、离婚和补领婚姻登记证记录，包括当事人身份信息、登记类型、登记日期和登记机关，用于婚育户一件事和婚姻状况核验。",
            "婚姻登记、结婚、离婚", "database/达梦 DM8", "daily",
            Conditional(Api, "仅向办理婚姻状况核验相关事项的部门提供核验结果，不批量共享", "《中华人民共和国民法典》、《婚姻登记条例》"),
            Closed, "婚育户一件事、人口库",
            [
                F("certificate_no", "婚姻登记证字号", "C30", "L3", "结婚证、离婚证字号", key: true),
                F("registration_type", "登记类型", "C10", "L2", "结婚、离婚、补领"),
                F("male_name", "男方姓名", "C20", "L3", "男方当事人姓名"),
                F("male_id_number", "男方公民身份号码", "C18", "L4", "男方当事人的公民身份号码"),
                F("female_name", "女方姓名", "C20", "L3", "女方当事人姓名"),
                F("female_id_number", "女方公民身份号码", "C18", "L4", "女方当事人的公民身份号码"),
                F("registered_on", "登记日期", "D", "L3", "办理婚姻登记的日期"),
                F("registry", "登记机关", "C100", "L1", "婚姻登记机关名称"),
            ], related: "常住人口基础信息"),

        R(Province, "mzt", "102005", Published, "社会组织登记信息",
            "全省依法登记的社会团体、民办非企业单位（社会服务机构）和基金会的统一社会信用代码、名称、类型、法定代表人、业务主管单位、登记日期和登记状态。",
            "社会组织、社会团体、基金会", "database/达梦 DM8", "weekly",
            Unconditional(Table), Restricted("通过公共数据开放平台申请后获取"), "法人库、基层治理",
            [
                F("credit_code", "统一社会信用代码", "C18", "L1", "社会组织的统一社会信用代码", key: true),
                F("name", "组织名称", "C100", "L1", "登记的社会组织名称"),
                F("organization_type", "组织类型", "C20", "L1", "社会团体、民办非企业单位、基金会"),
                F("legal_representative", "法定代表人", "C20", "L2", "法定代表人姓名"),
                F("business_scope", "业务范围", "M", "L1", "章程核定的业务范围"),
                F("supervisor", "业务主管单位", "C100", "L1", "业务主管单位名称"),
                F("registered_capital", "注册资金（万元）", "Y", "L1", "登记的注册资金"),
                F("registered_on", "成立登记日期", "D", "L1", "成立登记日期"),
                F("status", "登记状态", "C10", "L1", "正常、注销、撤销"),
            ]),

        R(Province, "mzt", "302", Published, "低保对象信息",
            "全省最低生活保障对象的户主身份信息、保障人数、月保障金额、审批日期和保障状态，用于社会救助对象精准认定和医保、教育等救助政策协同。",
            "低保、社会救助、困难群众", "database/达梦 DM8", "monthly",
            Conditional(Table, "仅用于社会救助、医疗救助、教育资助等帮扶政策的对象认定，严禁公开", "《社会救助暂行办法》"),
            Closed, "社会保障、共同富裕",
            [
                F("id_number", "户主公民身份号码", "C18", "L4", "低保户户主的公民身份号码", key: true),
                F("name", "户主姓名", "C20", "L3", "低保户户主姓名"),
                F("family_size", "保障人数", "I", "L3", "纳入保障的家庭成员人数"),
                F("monthly_allowance", "月保障金额（元）", "Y", "L3", "每月发放的低保金"),
                F("division_code", "所在区县代码", "C6", "L1", "户籍所在县级行政区划代码"),
                F("approved_on", "审批日期", "D", "L2", "低保审批日期"),
                F("status", "保障状态", "C10", "L2", "在保、停保"),
            ], related: "常住人口基础信息"),

        R(Province, "mzt", "302", Returned, "养老机构信息",
            "全省养老机构的名称、地址、床位数、入住人数和运营方式等基本信息。",
            "养老、养老机构", "database/达梦 DM8", "irregular",
            Unconditional(Table), Open, "养老服务、一老一小",
            [
                F("credit_code", "统一社会信用代码", "C18", "L1", "养老机构的统一社会信用代码", key: true),
                F("name", "机构名称", "C100", "L1", "养老机构名称"),
                F("address", "地址", "C100", "L1", null),
                F("beds", "床位数", "I", "L1", null),
                F("residents", "入住人数", "I", "L1", null),
                F("operation_mode", "运营方式", "C20", "L1", null),
            ]) with { Comment = "“床位数”请区分核定床位数和实际开放床位数，并补充各信息项说明；更新周期请由不定期改为每季度，与民政统计季报口径一致。" },

        // ── 浙江省自然资源厅 ──────────────────────────────────────────────────────────
        R(Province, "zrzyt", "305", Published, "不动产登记信息",
            "全省不动产登记簿记载的不动产单元号、权利人、坐落、权利类型、用途、面积和登记时间，用于不动产登记“一窗受理”和房产交易、税费协同。",
            "不动产、产权登记、房产", "database/Oracle 19c", "realtime",
            Conditional(Api, "用于不动产交易、税费征收、公积金贷款等业务按不动产单元号或权利人核验", "《不动产登记暂行条例》"),
            Closed, "一窗受理、自然资源",
            [
                F("unit_no", "不动产单元号", "C28", "L2", "28 位不动产单元代码", key: true),
                F("certificate_no", "不动产权证书号", "C50", "L2", "如 浙(2025)杭州市不动产权第0012345号"),
                F("owner_name", "权利人", "C100", "L3", "权利人姓名或名称"),
                F("owner_id_number", "权利人证件号码", "C18", "L4", "公民身份号码或统一社会信用代码"),
                F("location", "坐落", "C200", "L2", "不动产坐落地址"),
                F("right_type", "权利类型", "C20", "L1", "国有建设用地使用权/房屋所有权等"),
                F("usage", "用途", "C20", "L1", "住宅、商业、工业等"),
                F("area", "面积（平方米）", "N12,2", "L2", "建筑面积或宗地面积"),
                F("registered_at", "登记时间", "T", "L2", "登簿时间"),
            ]),

        R(Province, "zrzyt", "103002", Published, "国土空间规划",
            "经批准的省、市、县三级国土空间总体规划成果目录，包括规划名称、规划层级、规划期限、批准文号和“三区三线”矢量数据文件，供各部门项目选址和用地审查使用。",
            "国土空间规划、三区三线、用地", "file/Shapefile", "irregular",
            Unconditional(Files), Open, "自然资源、空间地理",
            [
                F("plan_code", "规划编号", "C30", "L1", "规划成果编号", key: true),
                F("plan_name", "规划名称", "C100", "L1", "如 杭州市国土空间总体规划（2021—2035年）"),
                F("plan_level", "规划层级", "C10", "L1", "省级、市级、县级"),
                F("division_code", "行政区划代码", "C6", "L1", "规划范围的行政区划代码"),
                F("period", "规划期限", "C20", "L1", "如 2021—2035 年"),
                F("approval_no", "批准文号", "C50", "L1", "国务院或省政府批复文号"),
                F("approved_on", "批准日期", "D", "L1", "规划批准日期"),
                F("data_file", "矢量数据文件", "C200", "L1", "Shapefile 文件名（CGCS2000 坐标系）"),
            ]),

        R(Province, "zrzyt", "103001", Draft, "基础地理实体数据",
            "全省基础地理实体数据。",
            "", "file/", "quarterly",
            Unconditional(Files), Open, "空间地理",
            [
                F("entity_id", "地理实体标识码", "C32", "L1", "地理实体唯一标识", key: true),
                F("entity_type", "实体类型", "C20", "L1", null),
                F("entity_name", "实体名称", "C100", "L1", null),
                F("geometry", "几何图形", "G", "L1", null),
            ]),

        // ── 浙江省教育厅 ──────────────────────────────────────────────────────────────
        R(Province, "jyt", "317", Published, "学校基本信息",
            "全省各级各类学校的学校标识码、名称、办学类型、举办者类型、所在地、在校生数和建校日期，用于入学服务导航和教育资源布局分析。",
            "学校、教育、办学", "database/MySQL 8.0", "yearly",
            Unconditional(Api), Open, "教育、便民服务",
            [
                F("school_code", "学校标识码", "C10", "L1", "教育部学校标识码", key: true),
                F("name", "学校名称", "C100", "L1", "学校全称"),
                F("school_type", "办学类型", "C20", "L1", "小学、初级中学、普通高中等"),
                F("sponsor_type", "举办者类型", "C20", "L1", "教育部门、其他部门、民办"),
                F("address", "学校地址", "C100", "L1", "学校地址"),
                F("division_code", "所在区县代码", "C6", "L1", "学校所在县级行政区划代码"),
                F("students", "在校生数", "I", "L1", "上一学年末在校生人数"),
                F("established_on", "建校日期", "D", "L1", "学校建校日期"),
            ]),

        R(Province, "jyt", "317", Published, "学籍信息",
            "全省中小学生电子学籍信息，包括全国学籍号、学生身份信息、就读学校、年级、入学日期和学籍状态，用于义务教育入学、转学和学生资助核验。",
            "学籍、学生、义务教育", "database/MySQL 8.0", "daily",
            Conditional(Api, "用于入学、转学、资助等事项按学籍号或身份证号核验，涉及未成年人信息严格最小化使用", "《中小学生学籍管理办法》、《中华人民共和国未成年人保护法》"),
            Closed, "教育、义务教育入学一件事",
            [
                F("student_no", "全国学籍号", "C19", "L3", "G 加 18 位公民身份号码", key: true),
                F("name", "姓名", "C20", "L3", "学生姓名"),
                F("id_number", "公民身份号码", "C18", "L4", "学生的公民身份号码"),
                F("sex", "性别", "C1", "L2", "男、女"),
                F("birth_date", "出生日期", "D", "L3", "学生出生日期"),
                F("school_code", "学校标识码", "C10", "L1", "就读学校的学校标识码"),
                F("grade_name", "年级", "C10", "L2", "如 三年级"),
                F("enrolled_on", "入学日期", "D", "L2", "入学日期"),
                F("status", "学籍状态", "C10", "L2", "在读、休学、转出、毕业"),
            ], related: "学校基本信息"),

        // ── 浙江省医疗保障局 ──────────────────────────────────────────────────────────
        R(Province, "ybj", "318", Published, "定点医药机构信息",
            "全省纳入基本医疗保险定点管理的医疗机构和零售药店，包括医保定点编码、名称、类型、等级、地址和协议有效期，供参保群众就医购药查询。",
            "医保定点、定点药店、医保", "database/达梦 DM8", "weekly",
            Unconditional(Api), Open, "医保、便民服务",
            [
                F("fixed_point_code", "医保定点编码", "C12", "L1", "国家医保信息业务编码", key: true),
                F("name", "机构名称", "C100", "L1", "定点医药机构名称"),
                F("credit_code", "统一社会信用代码", "C18", "L1", "机构的统一社会信用代码"),
                F("institution_type", "机构类型", "C10", "L1", "医疗机构、零售药店"),
                F("level", "医院等级", "C10", "L1", "医疗机构的等级，药店为空"),
                F("address", "地址", "C100", "L1", "机构地址"),
                F("division_code", "所在区县代码", "C6", "L1", "机构所在县级行政区划代码"),
                F("agreement_valid_to", "协议有效期至", "D", "L1", "医保服务协议有效期截止日期"),
            ], related: "医疗机构执业登记信息"),

        R(Province, "ybj", "318", Published, "医保参保信息",
            "全省职工基本医疗保险和城乡居民基本医疗保险参保人员的险种、参保状态、参保地和参保开始日期，用于异地就医备案、医疗救助和参保扩面。",
            "医保、参保、基本医疗保险", "database/达梦 DM8", "daily",
            Conditional(Api, "用于参保状态核验和医疗救助对象资助参保，按人逐条核验", "《中华人民共和国社会保险法》、《医疗保障基金使用监督管理条例》"),
            Closed, "医保、社会保障",
            [
                F("id_number", "公民身份号码", "C18", "L4", "参保人的公民身份号码", key: true),
                F("insurance_type", "险种", "C3", "L1", "310 职工基本医疗保险，390 城乡居民基本医疗保险", key: true),
                F("name", "姓名", "C20", "L3", "参保人姓名"),
                F("insured_status", "参保状态", "C10", "L2", "正常参保、暂停、终止"),
                F("insured_division", "参保地区划代码", "C6", "L1", "参保地县级行政区划代码"),
                F("insured_from", "参保开始日期", "D", "L2", "本次参保开始日期"),
                F("employer_name", "参保单位名称", "C100", "L1", "职工医保的参保单位"),
            ], related: "常住人口基础信息"),

        R(Province, "ybj", "318", Draft, "医保药品目录",
            "本省执行的国家基本医疗保险、工伤保险和生育保险药品目录，包括药品编码、通用名、剂型、甲乙类别和医保支付限制条件，供定点医药机构和参保群众查询。",
            "医保药品、药品目录、甲乙类", "spreadsheet/xlsx", "yearly",
            Unconditional(Files), Open, "医保",
            [
                F("drug_code", "医保药品编码", "C30", "L1", "国家医保药品编码", key: true),
                F("generic_name", "药品通用名", "C100", "L1", "药品通用名称"),
                F("dosage_form", "剂型", "C20", "L1", "片剂、注射剂等"),
                F("category", "甲乙类别", "C2", "L1", "甲、乙"),
                F("payment_limit", "医保支付限制", "M", "L1", "限定支付范围的说明"),
                F("effective_on", "执行日期", "D", "L1", "本版目录执行日期"),
            ]),

        // ── 浙江省交通运输厅 ──────────────────────────────────────────────────────────
        R(Province, "jtyst", "104003", Published, "道路运输经营许可信息",
            "全省道路旅客运输、道路货物运输和机动车维修经营许可，包括许可证号、经营者、经营范围、有效期和发证机关，用于运输市场监管和“信用交通”建设。",
            "道路运输、经营许可、运输企业", "database/达梦 DM8", "daily",
            Unconditional(Api), Open, "交通出行、信用浙江",
            [
                F("permit_no", "道路运输经营许可证号", "C20", "L1", "许可证编号", key: true),
                F("operator_name", "经营者名称", "C100", "L1", "持证经营者名称"),
                F("credit_code", "统一社会信用代码", "C18", "L1", "经营者的统一社会信用代码"),
                F("business_scope", "经营范围", "C200", "L1", "如 道路普通货物运输"),
                F("valid_from", "有效期起", "D", "L1", "许可证有效期起始日期"),
                F("valid_to", "有效期止", "D", "L1", "许可证有效期截止日期"),
                F("issuing_authority", "发证机关", "C50", "L1", "发证的交通运输主管部门"),
                F("status", "许可状态", "C10", "L1", "有效、注销、吊销"),
            ], related: "企业登记基本信息"),

        R(Province, "jtyst", "308", Published, "公交线路信息",
            "全省城市公交和城乡公交线路的线路编号、名称、运营单位、起讫站点、首末班时间、线路长度和票价，供出行服务平台和公交线网优化使用。",
            "公交、公交线路、出行", "api/RESTful JSON", "weekly",
            Unconditional(Api), Open, "交通出行、便民服务",
            [
                F("line_id", "线路编号", "C20", "L1", "线路唯一编号", key: true),
                F("line_name", "线路名称", "C50", "L1", "如 杭州公交 155 路"),
                F("division_code", "所属市县代码", "C6", "L1", "线路所属行政区划代码"),
                F("operator", "运营单位", "C100", "L1", "公交运营企业名称"),
                F("start_stop", "起点站", "C50", "L1", "起点站名称"),
                F("end_stop", "终点站", "C50", "L1", "终点站名称"),
                F("first_bus", "首班时间", "C5", "L1", "HH:MM"),
                F("last_bus", "末班时间", "C5", "L1", "HH:MM"),
                F("length_km", "线路长度（公里）", "N6,2", "L1", "单程线路长度"),
                F("fare", "票价（元）", "Y", "L1", "全程票价"),
            ]),

        // ── 浙江省生态环境厅 ──────────────────────────────────────────────────────────
        R(Province, "sthjt", "211", Published, "空气质量监测数据",
            "全省国控、省控空气质量自动监测站点的小时监测数据，包括 AQI、PM2.5、PM10、臭氧、二氧化氮、二氧化硫和一氧化碳浓度及首要污染物。",
            "空气质量、AQI、PM2.5、环境监测", "api/RESTful JSON", "realtime",
            Unconditional(Api), Open, "生态环境、美丽浙江",
            [
                F("station_code", "站点编码", "C10", "L1", "监测站点编码", key: true),
                F("station_name", "站点名称", "C50", "L1", "监测站点名称"),
                F("division_code", "所在区县代码", "C6", "L1", "站点所在县级行政区划代码"),
                F("monitored_at", "监测时间", "T", "L1", "小时均值的时间", key: true),
                F("aqi", "空气质量指数", "I", "L1", "AQI（HJ 633）"),
                F("pm25", "PM2.5 浓度（微克/立方米）", "N6,1", "L1", "细颗粒物小时均值"),
                F("pm10", "PM10 浓度（微克/立方米）", "N6,1", "L1", "可吸入颗粒物小时均值"),
                F("o3", "臭氧浓度（微克/立方米）", "N6,1", "L1", "臭氧小时均值"),
                F("no2", "二氧化氮浓度（微克/立方米）", "N6,1", "L1", "二氧化氮小时均值"),
                F("so2", "二氧化硫浓度（微克/立方米）", "N6,1", "L1", "二氧化硫小时均值"),
                F("co", "一氧化碳浓度（毫克/立方米）", "N6,2", "L1", "一氧化碳小时均值"),
                F("primary_pollutant", "首要污染物", "C20", "L1", "AQI 大于 50 时的首要污染物"),
            ]),

        R(Province, "sthjt", "104003", Published, "排污许可信息",
            "全省排污单位的排污许可证编号、单位名称、行业类别、生产经营场所、主要污染物种类、管理类别和许可有效期，依法向社会公开。",
            "排污许可、污染物排放、环境监管", "database/达梦 DM8", "daily",
            Unconditional(Table), Open, "生态环境、信用浙江",
            [
                F("permit_no", "许可证编号", "C30", "L1", "排污许可证编号", key: true),
                F("unit_name", "单位名称", "C100", "L1", "排污单位名称"),
                F("credit_code", "统一社会信用代码", "C18", "L1", "排污单位的统一社会信用代码"),
                F("industry", "行业类别", "C50", "L1", "排污许可行业类别"),
                F("address", "生产经营场所地址", "C100", "L1", "生产经营场所地址"),
                F("pollutants", "主要污染物种类", "C200", "L1", "如 化学需氧量、氨氮、颗粒物"),
                F("management_type", "管理类别", "C10", "L1", "重点管理、简化管理"),
                F("valid_from", "有效期起", "D", "L1", "许可证有效期起始日期"),
                F("valid_to", "有效期止", "D", "L1", "许可证有效期截止日期"),
                F("issuing_authority", "发证机关", "C50", "L1", "核发许可证的生态环境部门"),
            ], related: "企业登记基本信息"),

        R(Province, "sthjt", "306", Published, "建设项目环境影响评价审批信息",
            "建设项目环境影响报告书（表）的审批结果，包括项目名称、建设单位、建设地点、环评类别、审批文号和审批日期，依法向社会公开。",
            "环评、环境影响评价、审批", "database/达梦 DM8", "weekly",
            Unconditional(Api), Open, "生态环境、营商环境",
            [
                F("approval_no", "审批文号", "C50", "L1", "环评批复文号", key: true),
                F("project_name", "项目名称", "C200", "L1", "建设项目名称"),
                F("builder_name", "建设单位", "C100", "L1", "建设单位名称"),
                F("builder_credit_code", "统一社会信用代码", "C18", "L1", "建设单位的统一社会信用代码"),
                F("location", "建设地点", "C200", "L1", "项目建设地点"),
                F("eia_category", "环评类别", "C10", "L1", "报告书、报告表"),
                F("approved_on", "审批日期", "D", "L1", "作出审批决定的日期"),
            ]),

        // ── 杭州市 ────────────────────────────────────────────────────────────────────
        R(Hangzhou, "gaj", "101006", Published, "杭州市居住证办理信息",
            "杭州市居住证的申领、签注和积分信息，包括居住证号码、持证人姓名、居住地址、签注有效期和积分分值，用于积分入学、积分落户等公共服务。",
            "居住证、积分、流动人口", "database/达梦 DM8", "daily",
            Conditional(Api, "用于杭州市积分入学、积分落户等公共服务资格核验", "《居住证暂行条例》、《杭州市居住证积分管理办法》"),
            Closed, "人口库、杭州",
            [
                F("permit_no", "居住证号码", "C18", "L4", "与持证人公民身份号码一致", key: true),
                F("name", "姓名", "C20", "L3", "持证人姓名"),
                F("residence_address", "居住地址", "C100", "L3", "居住详细地址"),
                F("residence_division", "居住地区划代码", "C6", "L1", "居住地县级行政区划代码"),
                F("endorsed_until", "签注有效期至", "D", "L2", "居住证签注有效期截止日期"),
                F("points", "积分分值", "I", "L2", "当前有效积分"),
                F("applied_on", "申领日期", "D", "L2", "首次申领日期"),
            ], related: "流动人口居住登记信息"),

        R(Hangzhou, "gaj", "301", Published, "杭州市电动自行车登记信息",
            "杭州市电动自行车的号牌号码、品牌型号、整车编码、登记日期和所有人联系方式，用于车辆防盗追查和非机动车交通管理。",
            "电动自行车、号牌、非机动车", "database/达梦 DM8", "daily",
            Conditional(Table, "用于非机动车交通管理和失窃车辆追查", "《浙江省电动自行车管理条例》"),
            Closed, "交通出行、杭州",
            [
                F("plate_no", "号牌号码", "C10", "L2", "电动自行车号牌号码", key: true),
                F("brand_model", "品牌型号", "C50", "L1", "车辆品牌和型号"),
                F("frame_no", "整车编码", "C30", "L2", "车辆整车编码"),
                F("owner_name", "所有人姓名", "C20", "L3", "车辆所有人姓名"),
                F("owner_mobile", "所有人联系电话", "C11", "L3", "车辆所有人手机号码"),
                F("registered_on", "登记日期", "D", "L2", "号牌登记日期"),
            ]),

        R(Hangzhou, "scjgj", "104002", Published, "杭州市企业信用风险分类结果",
            "杭州市市场监管部门依据企业登记、年报、行政处罚和抽查检查等信息对企业开展信用风险分类的结果（A、B、C、D 四类），用于差异化监管和“双随机”抽查。",
            "信用风险、企业信用、分类监管", "database/人大金仓 KingbaseES V8", "monthly",
            Unconditional(Table), Restricted("仅向政务部门和经授权的金融机构开放"), "信用浙江、杭州",
            [
                F("credit_code", "统一社会信用代码", "C18", "L1", "企业的统一社会信用代码", key: true),
                F("name", "企业名称", "C100", "L1", "企业名称"),
                F("risk_class", "信用风险类别", "C1", "L2", "A 低风险、B 一般风险、C 较高风险、D 高风险"),
                F("classified_on", "分类日期", "D", "L2", "本次分类的日期"),
                F("division_code", "所在区县代码", "C6", "L1", "企业登记地县级行政区划代码"),
            ], related: "企业登记基本信息、行政处罚信息"),

        R(Hangzhou, "sjzyj", "201", Published, "杭州市政务服务办件信息",
            "杭州市政务服务事项的办件记录，包括办件编号、事项编码、事项名称、受理部门、申请人类型、受理和办结时间、办理结果，用于“一网通办”效能监测。",
            "政务服务、办件、一网通办", "database/OceanBase 4", "daily",
            Unconditional(Table), Restricted("仅开放按事项和月份汇总的办件统计数据"), "一网通办、杭州",
            [
                F("case_no", "办件编号", "C40", "L2", "办件唯一编号", key: true),
                F("item_code", "事项编码", "C30", "L1", "政务服务事项实施编码"),
                F("item_name", "事项名称", "C200", "L1", "政务服务事项名称"),
                F("department", "受理部门", "C100", "L1", "受理部门名称"),
                F("applicant_type", "申请人类型", "C10", "L1", "自然人、法人"),
                F("accepted_at", "受理时间", "T", "L2", "办件受理时间"),
                F("finished_at", "办结时间", "T", "L2", "办件办结时间"),
                F("result", "办理结果", "C10", "L2", "准予、不予、退件"),
            ]),

        // ── 宁波市 ────────────────────────────────────────────────────────────────────
        R(Ningbo, "dsjzx", "209", Published, "宁波市公共停车泊位信息",
            "宁波市公共停车场和道路停车泊位的位置、总泊位数、实时空余泊位数和收费标准，每分钟刷新，供停车诱导和出行服务应用使用。",
            "停车、泊位、智慧交通", "api/RESTful JSON", "realtime",
            Unconditional(Api), Open, "交通出行、宁波",
            [
                F("lot_id", "停车场编号", "C20", "L1", "停车场唯一编号", key: true),
                F("name", "停车场名称", "C100", "L1", "停车场名称"),
                F("address", "地址", "C100", "L1", "停车场地址"),
                F("division_code", "所在区县代码", "C6", "L1", "停车场所在县级行政区划代码"),
                F("total_spaces", "总泊位数", "I", "L1", "对外开放的泊位总数"),
                F("free_spaces", "空余泊位数", "I", "L1", "当前空余泊位数"),
                F("charge_rule", "收费标准", "C200", "L1", "如 首小时 5 元，之后每小时 3 元"),
                F("updated_at", "数据更新时间", "T", "L1", "泊位数据的更新时间"),
            ]),

        R(Ningbo, "wjw", "202", Published, "宁波市预防接种信息",
            "宁波市儿童预防接种记录，包括受种者身份信息、疫苗名称、剂次、接种时间、接种单位和疫苗批号，用于入托入学查验接种证和疫苗追溯。",
            "预防接种、疫苗、儿童保健", "database/Oracle 19c", "daily",
            Conditional(Api, "用于入托入学接种证查验和疫苗追溯，按受种者逐条核验", "《中华人民共和国疫苗管理法》"),
            Closed, "健康宁波、出生一件事",
            [
                F("record_id", "接种记录编号", "C32", "L2", "接种记录唯一编号", key: true),
                F("name", "受种者姓名", "C20", "L3", "受种者姓名"),
                F("id_number", "受种者公民身份号码", "C18", "L4", "受种者的公民身份号码"),
                F("vaccine_name", "疫苗名称", "C50", "L1", "如 麻腮风疫苗"),
                F("dose_no", "剂次", "I", "L2", "第几剂"),
                F("vaccinated_at", "接种时间", "T", "L3", "接种日期和时刻"),
                F("clinic", "接种单位", "C100", "L1", "预防接种门诊名称"),
                F("batch_no", "疫苗批号", "C30", "L1", "疫苗生产批号"),
            ], related: "出生医学证明信息"),

        // ── 区县 ──────────────────────────────────────────────────────────────────────
        R(Xihu, "wjj", "202", Draft, "西湖区家庭医生签约信息",
            "西湖区居民与家庭医生团队的签约记录，包括签约居民、签约团队、签约服务包和签约有效期。",
            "", "database/人大金仓 KingbaseES V8", "daily",
            Conditional(Api, "用于家庭医生签约服务考核和医保支付", null),
            Closed, "健康浙江",
            [
                F("sign_id", "签约编号", "C32", "L2", "签约记录唯一编号", key: true),
                F("resident_name", "签约居民姓名", "C20", "L3", null),
                F("id_number", "签约居民公民身份号码", "C18", "L4", null),
                F("team_name", "家庭医生团队", "C50", "L1", null),
                F("service_package", "签约服务包", "C50", "L1", null),
                F("valid_to", "签约有效期至", "D", "L2", null),
            ]),

        R(Yinzhou, "wjj", "313", Published, "鄞州区托育机构备案信息",
            "鄞州区经卫生健康部门备案的托育机构名称、地址、举办性质、托位数、收托月龄和备案日期，供家长查询普惠托育服务。",
            "托育、婴幼儿照护、普惠托育", "spreadsheet/xlsx", "monthly",
            Unconditional(Files), Open, "一老一小、宁波",
            [
                F("filing_no", "备案编号", "C30", "L1", "托育机构备案编号", key: true),
                F("name", "机构名称", "C100", "L1", "托育机构名称"),
                F("address", "地址", "C100", "L1", "托育机构地址"),
                F("nature", "举办性质", "C20", "L1", "公办、民办、普惠性民办"),
                F("places", "托位数", "I", "L1", "备案托位数"),
                F("age_range", "收托月龄", "C20", "L1", "如 6—36 个月"),
                F("filed_on", "备案日期", "D", "L1", "完成备案的日期"),
            ]),

        // ── 杭州市、宁波市各区县（市级部门按区县编目）────────────────────────────────
        .. DistrictResources(),
    ];

    private static readonly Lazy<IReadOnlyList<DemoCataloguer>> LazyCataloguers = new(() =>
    {
        var printed = DemoDirectory.Users.Where(u => u.Role == Role.ProviderAdmin)
            .Select(u => (u.RegionCode, u.DepartmentShortCode)).ToHashSet();
        return Resources.Select(r => (r.RegionCode, DepartmentShortCode: (string?)r.DepartmentShortCode)).Distinct()
            .Where(p => !printed.Contains(p))
            .Select(p =>
            {
                var department = DemoDirectory.Departments.Single(d => d.RegionCode == p.RegionCode && d.ShortCode == p.DepartmentShortCode);
                return new DemoCataloguer($"catalog.{RegionPrefix(p.RegionCode)}{p.DepartmentShortCode}", department.Name + "数据管理员",
                    p.RegionCode, department.ShortCode);
            })
            .ToList();
    });

    /// <summary>The state of a resource as the seeder plans them, from its status and the state of its working version.</summary>
    public static DemoResourceState StateOf(ResourceStatus status, VersionState? working) => (status, working) switch
    {
        (ResourceStatus.Retired, _) => DemoResourceState.Retired,
        (ResourceStatus.Published, null) => DemoResourceState.Published,
        (ResourceStatus.Published, _) => DemoResourceState.ChangeUnderReview,
        (_, VersionState.Submitted) => DemoResourceState.Submitted,
        (_, VersionState.Returned) => DemoResourceState.Returned,
        _ => DemoResourceState.Draft,
    };

    private static string RegionPrefix(string regionCode) => regionCode switch
    {
        Province => "",
        Hangzhou => "hz.",
        Ningbo => "nb.",
        Xihu => "hz.xh.",
        Yinzhou => "nb.yz.",
        _ => regionCode + ".",
    };

    private readonly record struct Sharing(string Type, string? Method, string? Condition, string? LegalBasis);

    private readonly record struct Opening(string Type, string? Condition);

    private static Sharing Unconditional(string method) => new(ShareTypes.Unconditional, method, null, null);

    private static Sharing Conditional(string method, string condition, string? legalBasis) => new(ShareTypes.Conditional, method, condition, legalBasis);

    // Properties, not fields: the table above is built by an earlier static initializer.
    private static Opening Open => new(OpenTypes.Open, null);

    private static Opening Closed => new(OpenTypes.Closed, null);

    private static Opening Restricted(string condition) => new(OpenTypes.Restricted, condition);

    /// <summary>
    /// A resource. Lists (keywords, tags, related names) are written with 、 between items;
    /// <paramref name="format"/> is the format code, a slash and the subtype (empty for none).
    /// </summary>
    private static DemoResource R(string region, string department, string classification, DemoResourceState state, string name, string summary,
        string keywords, string format, string updateCycle, Sharing share, Opening open, string tags, IReadOnlyList<ResourceField> fields, string related = "")
    {
        var slash = format.IndexOf('/', StringComparison.Ordinal);
        return new DemoResource(region, department, classification, state, new ResourceMetadata
        {
            Name = name,
            Summary = summary,
            Keywords = List(keywords),
            Format = format[..slash],
            FormatSubtype = slash == format.Length - 1 ? null : format[(slash + 1)..],
            Fields = fields,
            ShareType = share.Type,
            ShareCondition = share.Condition,
            ShareMethod = share.Method,
            LegalBasis = share.LegalBasis,
            OpenType = open.Type,
            OpenCondition = open.Condition,
            UpdateCycle = updateCycle,
            Tags = List(tags),
        })
        {
            RelatedNames = List(related),
        };
    }

    private static string[] List(string items) => items.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// A field. <paramref name="type"/> is the national type letter with its length and decimal
    /// places where it takes them: <c>C18</c>, <c>N12,2</c>, <c>D</c>. A key field is never nullable.
    /// </summary>
    private static ResourceField F(string name, string label, string type, string grade, string? description, bool key = false)
    {
        var size = type[1..].Split(',');
        return new ResourceField
        {
            Name = name,
            Label = label,
            Type = type[..1],
            Length = size[0].Length == 0 ? null : int.Parse(size[0], CultureInfo.InvariantCulture),
            Scale = size.Length > 1 ? int.Parse(size[1], CultureInfo.InvariantCulture) : null,
            Description = description,
            IsKey = key,
            Nullable = !key,
            Grade = grade,
        };
    }

    /// <summary>
    /// The fields of a resource that describes a demo dataset: one per column, in order, with the
    /// column's type, length and nullability, so the catalog and the dataset table agree.
    /// </summary>
    private static ResourceField[] FromColumns(IReadOnlyList<DatasetColumn> columns, string key,
        params (string Name, string Label, string Grade, string Description)[] labels)
    {
        if (columns.Select(c => c.Name).Order(StringComparer.Ordinal).SequenceEqual(labels.Select(l => l.Name).Order(StringComparer.Ordinal)) is false)
        {
            throw new InvalidOperationException("Every column of a demo dataset needs exactly one catalog field.");
        }

        return columns.Select(c =>
        {
            var label = labels.Single(l => l.Name == c.Name);
            return new ResourceField
            {
                Name = c.Name,
                Label = label.Label,
                Type = c.Type.Code().ToString(),
                Length = c.Length,
                Scale = c.Scale,
                Description = label.Description,
                IsKey = c.Name == key,
                Nullable = c.Nullable,
                Grade = label.Grade,
            };
        }).ToArray();
    }
}
