using Gongshu.Catalog.Search;

namespace Gongshu.Tests.Catalog.Search;

/// <summary>Six published resources of a small province, each chosen for what a test looks for.</summary>
internal static class SampleCatalog
{
    private static readonly DateTimeOffset March = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly SearchDocument Residents = new()
    {
        ResourceId = 1,
        Code = "101001/00001",
        Name = "常住人口基础信息",
        Summary = "全省常住人口的户籍与居住登记信息",
        Keywords = ["户籍", "常住人口"],
        FieldLabels = ["姓名", "公民身份号码", "常住地址"],
        Tags = ["人口", "基础库"],
        ProviderId = 11,
        ProviderName = "省公安厅",
        DivisionCode = "330000",
        ClassificationCode = "101001",
        ShareType = "unconditional",
        OpenType = "open",
        Grade = "L1",
        Format = "database",
        UpdateCycle = "monthly",
        UpdatedAt = March,
    };

    public static readonly SearchDocument EnterpriseCredit = new()
    {
        ResourceId = 2,
        Code = "102001/00001",
        Name = "企业信用信息公示",
        Summary = "全省企业的登记、信用和行政处罚信息",
        Keywords = ["统一社会信用代码"],
        FieldLabels = ["企业名称", "统一社会信用代码", "登记机关"],
        Tags = ["企业", "信用"],
        ProviderId = 12,
        ProviderName = "省市场监管局",
        DivisionCode = "330000",
        ClassificationCode = "102001",
        ShareType = "conditional",
        OpenType = "restricted",
        Grade = "L2",
        Format = "api",
        UpdateCycle = "daily",
        UpdatedAt = March.AddMonths(2),
    };

    public static readonly SearchDocument TaxCredit = new()
    {
        ResourceId = 3,
        Code = "301002/00003",
        Name = "企业纳税信用等级",
        Summary = "纳税信用 A 级企业名单（年度）",
        FieldLabels = ["纳税人识别号", "信用等级"],
        Tags = ["信用", "税务"],
        ProviderId = 13,
        ProviderName = "杭州市税务局",
        DivisionCode = "330100",
        ClassificationCode = "301002",
        ShareType = "unconditional",
        OpenType = "open",
        Grade = "L2",
        Format = "spreadsheet",
        UpdateCycle = "yearly",
        UpdatedAt = March.AddMonths(1),
    };

    public static readonly SearchDocument Births = new()
    {
        ResourceId = 4,
        Code = "101001/00002",
        Name = "西湖区人口出生登记",
        Summary = "新生儿出生医学证明签发记录",
        FieldLabels = ["新生儿姓名", "出生日期"],
        Tags = ["人口"],
        ProviderId = 14,
        ProviderName = "西湖区卫生健康局",
        DivisionCode = "330106",
        ClassificationCode = "101001",
        ShareType = "conditional",
        OpenType = "closed",
        Grade = "L3",
        Format = "database",
        UpdateCycle = "monthly",
        UpdatedAt = March.AddDays(-10),
    };

    /// <summary>Text full of what is syntax elsewhere: quotes, *, %, _, \ and a colon.</summary>
    public static readonly SearchDocument PortThroughput = new()
    {
        ResourceId = 5,
        Code = "201003/00001",
        Name = "宁波港口货物吞吐量",
        Summary = """Port throughput of Ningbo in TEU, "monthly" * 100% of C:\port_data""",
        Keywords = ["TEU", "完成率_100%"],
        Tags = ["交通"],
        ProviderId = 15,
        ProviderName = "宁波市交通运输局",
        DivisionCode = "330200",
        ClassificationCode = "201003",
        ShareType = "unconditional",
        OpenType = "open",
        Grade = "L1",
        Format = "api",
        UpdateCycle = "daily",
        UpdatedAt = March.AddDays(-20),
    };

    /// <summary>Mentions 信用 only in its summary, and is the newest.</summary>
    public static readonly SearchDocument MedicalLicences = new()
    {
        ResourceId = 6,
        Code = "301005/00010",
        Name = "医疗机构执业许可",
        Summary = "医疗机构执业登记及信用承诺",
        ProviderId = 14,
        ProviderName = "西湖区卫生健康局",
        DivisionCode = "330106",
        ClassificationCode = "301005",
        ShareType = "none",
        OpenType = "closed",
        Grade = "L4",
        Format = "file",
        UpdateCycle = "irregular",
        UpdatedAt = March.AddMonths(3),
    };

    public static readonly IReadOnlyList<SearchDocument> All = [Residents, EnterpriseCredit, TaxCredit, Births, PortThroughput, MedicalLicences];
}
