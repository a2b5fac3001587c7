using Gongshu.Server.Web.Shared;

namespace Gongshu.Server.Web.Cockpit;

/// <summary>The cockpit's strings, one instance per language.</summary>
public sealed record CockpitText
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string AsOf { get; init; }
    public required string Headline { get; init; }
    public required string Published { get; init; }
    public required string Departments { get; init; }
    public required string RowsHeld { get; init; }
    public required string OpenDatasets { get; init; }
    public required string OpenFields { get; init; }
    public required string OpenRows { get; init; }
    public required string Standardization { get; init; }
    public required string StandardizationNote { get; init; }
    public required string Satisfaction { get; init; }
    public required string SatisfactionNote { get; init; }
    public required string ApprovalTime { get; init; }
    public required string ApprovalTimeValue { get; init; }
    public required string ApprovalTimeNote { get; init; }
    public required string Freshness { get; init; }
    public required string FreshnessNote { get; init; }
    public required string Stability { get; init; }
    public required string StabilityNote { get; init; }
    public required string EffectiveSharing { get; init; }
    public required string EffectiveSharingNote { get; init; }
    public required string Backflow { get; init; }
    public required string BackflowNote { get; init; }
    public required string Rectification { get; init; }
    public required string RectificationNote { get; init; }
    public required string QualityScore { get; init; }
    public required string QualityScoreNote { get; init; }
    public required string NoData { get; init; }
    public required string NotRecorded { get; init; }
    public required string Target { get; init; }
    public required string TrendTitle { get; init; }
    public required string TrendChart { get; init; }
    public required string CallsTitle { get; init; }
    public required string CallsChart { get; init; }
    public required string DepartmentsTitle { get; init; }
    public required string DepartmentsChart { get; init; }
    public required string InterfacesTitle { get; init; }
    public required string InterfacesChart { get; init; }
    public required string Month { get; init; }
    public required string ResourcesPublished { get; init; }
    public required string ApplicationsFiled { get; init; }
    public required string ApplicationsGranted { get; init; }
    public required string TicketsOpened { get; init; }
    public required string TicketsVerified { get; init; }
    public required string CallsServed { get; init; }
    public required string CallsFailed { get; init; }
    public required string Department { get; init; }
    public required string DepartmentPublished { get; init; }
    public required string DepartmentStandardization { get; init; }
    public required string DepartmentQuality { get; init; }
    public required string DepartmentTickets { get; init; }
    public required string DepartmentRectification { get; init; }
    public required string Interface { get; init; }
    public required string InterfaceCalls { get; init; }
    public required string InterfaceSucceeded { get; init; }
    public required string InterfaceRefused { get; init; }
    public required string InterfaceFailed { get; init; }
    public required string InterfaceStability { get; init; }
    public required string InterfaceP95 { get; init; }
    public required string NoCalls { get; init; }
    public required string NoDepartments { get; init; }

    public static readonly CockpitText ZhCn = new()
    {
        Title = "驾驶舱",
        Intro = "平台关键指标，均由平台记录实时计算。",
        AsOf = "数据截至",
        Headline = "关键指标",
        Published = "已发布资源数",
        Departments = "提供数据的部门数",
        RowsHeld = "现行数据总行数",
        OpenDatasets = "开放数据集数量",
        OpenFields = "开放数据项数量",
        OpenRows = "开放数据行数",
        Standardization = "目录标准化率",
        StandardizationNote = "{0} / {1} 个已发布资源的元数据得分不低于 {2} 分；目标 ≥90%",
        Satisfaction = "数据共享需求满足率",
        SatisfactionNote = "已授权 {0} 件 / 应答复 {1} 件（已决定或已超期）；目标 99%",
        ApprovalTime = "平均审批时长",
        ApprovalTimeValue = "{0} 小时（{1} 个工作日）",
        ApprovalTimeNote = "从提交申请到最终决定，{0} 件已决定；目标：较基线缩短 40%",
        Freshness = "分钟级共享满足率",
        FreshnessNote = "近 30 天网关成功调用 {0} 次中，{1} 次所取数据在调用前 {2} 分钟内更新；目标 90%",
        Stability = "接口稳定性",
        StabilityNote = "近 30 天网关调用 {0} 次，平台故障（5xx）不计为成功，拒绝（4xx）不计入；目标 99.9%",
        EffectiveSharing = "有效共享率",
        EffectiveSharingNote = "{0} / {1} 项授权已被实际调用；目标 90%",
        Backflow = "回流数据使用率",
        BackflowNote = "平台尚未记录回流数据（上级平台下发的数据），暂不能计算。",
        Rectification = "问题数据整改率",
        RectificationNote = "已整改并核验 {0} 件 / 工单 {1} 件（不含已撤销 {2} 件）；目标 ≥95%",
        QualityScore = "数据质量平均分",
        QualityScoreNote = "各部门资源最近一次质量检查的综合得分，按资源数加权",
        NoData = "暂无记录",
        NotRecorded = "尚未记录",
        Target = "目标",
        TrendTitle = "近 12 个月业务趋势",
        TrendChart = "折线图：近 12 个月每月新发布资源、共享申请、授权、问题工单及整改数，数据见下表",
        CallsTitle = "近 12 个月网关调用",
        CallsChart = "柱状图：近 12 个月每月网关成功调用和平台故障次数，数据见下表",
        DepartmentsTitle = "部门排名",
        DepartmentsChart = "条形图：各部门目录标准化率、数据质量平均分和问题数据整改率，数据见下表",
        InterfacesTitle = "接口稳定性（近 30 天）",
        InterfacesChart = "柱状图：近 30 天各接口稳定性，数据见下表",
        Month = "月份",
        ResourcesPublished = "新发布资源",
        ApplicationsFiled = "共享申请",
        ApplicationsGranted = "授权",
        TicketsOpened = "问题工单",
        TicketsVerified = "整改核验",
        CallsServed = "成功调用",
        CallsFailed = "平台故障",
        Department = "部门",
        DepartmentPublished = "已发布资源",
        DepartmentStandardization = "目录标准化率（%）",
        DepartmentQuality = "质量平均分",
        DepartmentTickets = "问题工单",
        DepartmentRectification = "整改率（%）",
        Interface = "接口",
        InterfaceCalls = "调用次数",
        InterfaceSucceeded = "成功",
        InterfaceRefused = "拒绝（4xx）",
        InterfaceFailed = "故障（5xx）",
        InterfaceStability = "稳定性（%）",
        InterfaceP95 = "P95 延迟（毫秒）",
        NoCalls = "近 30 天没有网关调用记录。",
        NoDepartments = "还没有部门发布资源。",
    };

    public static readonly CockpitText En = new()
    {
        Title = "Cockpit",
        Intro = "The platform's key figures, computed live from its records.",
        AsOf = "Figures as of",
        Headline = "Key figures",
        Published = "Published resources",
        Departments = "Departments providing data",
        RowsHeld = "Rows in force",
        OpenDatasets = "Open datasets",
        OpenFields = "Open data items (fields)",
        OpenRows = "Open data rows",
        Standardization = "Catalog standardization rate",
        StandardizationNote = "{0} of {1} published resources score at least {2} on the metadata rules; target ≥90%",
        Satisfaction = "Share request satisfaction rate",
        SatisfactionNote = "{0} granted of {1} that had to be answered (decided or overdue); target 99%",
        ApprovalTime = "Average approval time",
        ApprovalTimeValue = "{0} hours ({1} working days)",
        ApprovalTimeNote = "From filing to final decision over {0} decided applications; target: 40% below the baseline",
        Freshness = "Minute-level sharing rate",
        FreshnessNote = "Of {0} gateway calls served in the last 30 days, {1} got data refreshed within {2} minutes before the call; target 90%",
        Stability = "Interface stability",
        StabilityNote = "{0} gateway calls in the last 30 days; platform failures (5xx) count against it, refusals (4xx) are left out; target 99.9%",
        EffectiveSharing = "Effective sharing rate",
        EffectiveSharingNote = "{0} of {1} grants have actually been used; target 90%",
        Backflow = "Backflow data usage rate",
        BackflowNote = "The platform does not record backflow data (data sent down from a higher-level platform) yet, so this cannot be computed.",
        Rectification = "Problem data rectification rate",
        RectificationNote = "{0} rectified and verified of {1} tickets (leaving out {2} dismissed); target ≥95%",
        QualityScore = "Average data quality score",
        QualityScoreNote = "Overall score of each resource's latest quality check, weighted by the departments' resource counts",
        NoData = "No records yet",
        NotRecorded = "Not yet recorded",
        Target = "Target",
        TrendTitle = "Activity over the last 12 months",
        TrendChart = "Line chart: resources first published, share applications, grants, quality tickets and verified fixes per month; the numbers are in the table below",
        CallsTitle = "Gateway calls over the last 12 months",
        CallsChart = "Bar chart: gateway calls served and platform failures per month; the numbers are in the table below",
        DepartmentsTitle = "Departments ranked",
        DepartmentsChart = "Bar chart: each department's catalog standardization rate, average quality score and rectification rate; the numbers are in the table below",
        InterfacesTitle = "Interface stability (last 30 days)",
        InterfacesChart = "Bar chart: each interface's stability over the last 30 days; the numbers are in the table below",
        Month = "Month",
        ResourcesPublished = "Resources published",
        ApplicationsFiled = "Share applications",
        ApplicationsGranted = "Grants",
        TicketsOpened = "Quality tickets",
        TicketsVerified = "Fixes verified",
        CallsServed = "Calls served",
        CallsFailed = "Platform failures",
        Department = "Department",
        DepartmentPublished = "Published resources",
        DepartmentStandardization = "Standardization rate (%)",
        DepartmentQuality = "Average quality score",
        DepartmentTickets = "Quality tickets",
        DepartmentRectification = "Rectification rate (%)",
        Interface = "Interface",
        InterfaceCalls = "Calls",
        InterfaceSucceeded = "Served",
        InterfaceRefused = "Refused (4xx)",
        InterfaceFailed = "Failed (5xx)",
        InterfaceStability = "Stability (%)",
        InterfaceP95 = "P95 latency (ms)",
        NoCalls = "No gateway calls in the last 30 days.",
        NoDepartments = "No department has published a resource yet.",
    };

    public static CockpitText For(HttpContext context) => UiText.Pick(context, ZhCn, En);
}
