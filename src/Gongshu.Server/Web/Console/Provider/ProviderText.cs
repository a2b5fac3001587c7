using System.Globalization;
using Gongshu.Catalog;
using Gongshu.Collection;
using Gongshu.Collection.Loads;
using Gongshu.Server.Platform;
using Gongshu.Server.Web.Shared;

namespace Gongshu.Server.Web.Console.Provider;

/// <summary>
/// The strings of the provider admin's console (resources, editor, loads, quality, tickets) and
/// of the platform's catalog review, one instance per language. Names of states and steps are
/// methods: they map the services' stable codes, and an unknown code shows as itself.
/// </summary>
public sealed record ProviderText
{
    public const string ResourcesPath = "/console/resources";
    public const string NewResourcePath = "/console/resources/new";
    public const string QualityPath = "/console/quality";
    public const string ReviewQueuePath = "/console/review";

    public static string ResourcePath(long id) => $"{ResourcesPath}/{id.ToString(CultureInfo.InvariantCulture)}";

    public static string TicketPath(long id) => $"{QualityPath}/tickets/{id.ToString(CultureInfo.InvariantCulture)}";

    public static string ReviewPath(long id) => $"{ReviewQueuePath}/resources/{id.ToString(CultureInfo.InvariantCulture)}";

    public required bool English { get; init; }

    public required string Back { get; init; }
    public required string NextPage { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string Choose { get; init; }
    public required string When { get; init; }
    public required string Who { get; init; }
    public required string Action { get; init; }
    public required string Comment { get; init; }
    public required string State { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string VersionNo { get; init; }
    public required string Resource { get; init; }
    public required string Provider { get; init; }

    public required string ResourcesTitle { get; init; }
    public required string RegisterResource { get; init; }
    public required string NoResources { get; init; }
    public required string RowsInForce { get; init; }
    public required string LastLoad { get; init; }

    public required string NewResourceTitle { get; init; }
    public required string EditResourceTitle { get; init; }
    public required string DescriptionHeading { get; init; }
    public required string SharingHeading { get; init; }
    public required string Classification { get; init; }
    public required string ClassificationHint { get; init; }
    public required string ClassificationRequired { get; init; }
    public required string Summary { get; init; }
    public required string SummaryHint { get; init; }
    public required string Keywords { get; init; }
    public required string KeywordsHint { get; init; }
    public required string Format { get; init; }
    public required string FormatSubtype { get; init; }
    public required string FormatSubtypeHint { get; init; }
    public required string UpdateCycle { get; init; }
    public required string ShareType { get; init; }
    public required string ShareCondition { get; init; }
    public required string ShareConditionHint { get; init; }
    public required string ShareMethod { get; init; }
    public required string LegalBasis { get; init; }
    public required string LegalBasisHint { get; init; }
    public required string OpenType { get; init; }
    public required string OpenCondition { get; init; }
    public required string OpenConditionHint { get; init; }
    public required string Grade { get; init; }
    public required string FieldsHeading { get; init; }
    public required string FieldsHint { get; init; }
    public required string FieldName { get; init; }
    public required string FieldLabel { get; init; }
    public required string FieldType { get; init; }
    public required string FieldLength { get; init; }
    public required string FieldKey { get; init; }
    public required string FieldNullable { get; init; }
    public required string FieldGrade { get; init; }
    public required string FieldDescription { get; init; }
    public required string CellLabel { get; init; }
    public required string RowError { get; init; }
    public required string AddField { get; init; }
    public required string SaveDraft { get; init; }
    public required string SubmitForReview { get; init; }
    public required string NotANumber { get; init; }
    public required string SubmitRefused { get; init; }
    public required string ChangeNote { get; init; }
    public required string RetiredNote { get; init; }
    public required string UnderReviewNote { get; init; }
    public required string ReturnedWith { get; init; }

    public required string MetadataScore { get; init; }
    public required string PublishedVersionServing { get; init; }
    public required string Edit { get; init; }
    public required string StartChange { get; init; }
    public required string SubmittedNotice { get; init; }
    public required string DataHeading { get; init; }
    public required string DataInForce { get; init; }
    public required string LoadAfterPublish { get; init; }
    public required string UploadFile { get; init; }
    public required string UploadHint { get; init; }
    public required string UploadMode { get; init; }
    public required string UploadModeHint { get; init; }
    public required string ModeFull { get; init; }
    public required string UploadButton { get; init; }
    public required string UploadProgressLabel { get; init; }
    public required string UploadSending { get; init; }
    public required string UploadProgress { get; init; }
    public required string UploadLoading { get; init; }
    public required string UploadDone { get; init; }
    public required string UploadFailed { get; init; }
    public required string UploadChoose { get; init; }
    public required string LoadsHeading { get; init; }
    public required string NoLoads { get; init; }
    public required string LoadStarted { get; init; }
    public required string LoadFile { get; init; }
    public required string LoadMode { get; init; }
    public required string RowsRead { get; init; }
    public required string RowsLoaded { get; init; }
    public required string RowsRejected { get; init; }
    public required string RejectsCsv { get; init; }
    public required string HistoryHeading { get; init; }

    public required string QualityTitle { get; init; }
    public required string QualityHeading { get; init; }
    public required string QualityReportsHeading { get; init; }
    public required string NoQuality { get; init; }
    public required string NoPublished { get; init; }
    public required string CheckedAt { get; init; }
    public required string Overall { get; init; }
    public required string Completeness { get; init; }
    public required string Validity { get; init; }
    public required string Uniqueness { get; init; }
    public required string Consistency { get; init; }
    public required string Timeliness { get; init; }
    public required string RowsFailing { get; init; }
    public required string FailedRules { get; init; }
    public required string NoFailedRules { get; init; }
    public required string TicketsHeading { get; init; }
    public required string NoTickets { get; init; }
    public required string Ticket { get; init; }
    public required string TicketTitle { get; init; }
    public required string TicketOrigin { get; init; }
    public required string TicketDescription { get; init; }
    public required string Deadline { get; init; }
    public required string Overdue { get; init; }
    public required string OpenedAt { get; init; }
    public required string FailureRate { get; init; }
    public required string RecordKey { get; init; }
    public required string Correction { get; init; }
    public required string NextSteps { get; init; }
    public required string NoSteps { get; init; }
    public required string TicketCommentHint { get; init; }
    public required string StepDone { get; init; }
    public required string StepNotAllowed { get; init; }

    public required string ReviewTitle { get; init; }
    public required string ShareApplicationsLink { get; init; }
    public required string ReviewEmpty { get; init; }
    public required string ReviewKind { get; init; }
    public required string ReviewNew { get; init; }
    public required string ReviewChange { get; init; }
    public required string SubmittedAt { get; init; }
    public required string ApprovedNotice { get; init; }
    public required string ReturnedNotice { get; init; }
    public required string ReviewResourceTitle { get; init; }
    public required string AdvisoryHeading { get; init; }
    public required string DiffHeading { get; init; }
    public required string DiffEmpty { get; init; }
    public required string DiffWhat { get; init; }
    public required string DiffBefore { get; init; }
    public required string DiffAfter { get; init; }
    public required string DiffField { get; init; }
    public required string DiffFieldProperty { get; init; }
    public required string DiffAdded { get; init; }
    public required string DiffRemoved { get; init; }
    public required string DecisionHeading { get; init; }
    public required string NotAwaitingReview { get; init; }
    public required string ApproveComment { get; init; }
    public required string ApproveCommentHint { get; init; }
    public required string Approve { get; init; }
    public required string ReturnReason { get; init; }
    public required string ReturnReasonHint { get; init; }
    public required string ReturnReasonRequired { get; init; }
    public required string ReturnButton { get; init; }

    public static readonly ProviderText ZhCn = new()
    {
        English = false,
        Back = "← 返回",
        NextPage = "下一页",
        Yes = "是",
        No = "否",
        Choose = "— 请选择 —",
        When = "时间",
        Who = "操作人",
        Action = "操作",
        Comment = "意见",
        State = "状态",
        Code = "资源代码",
        Name = "信息资源名称",
        Version = "版本",
        VersionNo = "第 {0} 版",
        Resource = "信息资源",
        Provider = "提供单位",

        ResourcesTitle = "我的资源",
        RegisterResource = "登记资源",
        NoResources = "本单位还没有登记信息资源。",
        RowsInForce = "现行数据行数",
        LastLoad = "最近载入",

        NewResourceTitle = "登记信息资源",
        EditResourceTitle = "编辑：{0}",
        DescriptionHeading = "基本信息",
        SharingHeading = "共享与开放",
        Classification = "信息资源分类",
        ClassificationHint = "选择“项”“目”或“细目”，资源代码按分类生成，登记后不能更改。",
        ClassificationRequired = "请选择信息资源分类。",
        Summary = "信息资源摘要",
        SummaryHint = "说明资源的内容、范围和用途，不少于 20 个字。",
        Keywords = "关键字",
        KeywordsHint = "多个关键字用顿号、逗号或空格分隔。",
        Format = "信息资源格式",
        FormatSubtype = "格式子类型",
        FormatSubtypeHint = "如 xlsx、OFD、PostgreSQL。",
        UpdateCycle = "更新周期",
        ShareType = "共享类型",
        ShareCondition = "共享条件",
        ShareConditionHint = "有条件共享或不予共享时必填。",
        ShareMethod = "共享方式",
        LegalBasis = "法律法规或政策依据",
        LegalBasisHint = "有条件共享或不予共享时必填。",
        OpenType = "开放属性",
        OpenCondition = "开放条件",
        OpenConditionHint = "受限开放时必填。",
        Grade = "数据分级",
        FieldsHeading = "信息项",
        FieldsHint = "每行一个信息项。字段名用小写字母、数字和下划线；空行保存时忽略。",
        FieldName = "字段名",
        FieldLabel = "中文名称",
        FieldType = "数据类型",
        FieldLength = "长度",
        FieldKey = "主键",
        FieldNullable = "可为空",
        FieldGrade = "分级",
        FieldDescription = "说明",
        CellLabel = "{0}（第 {1} 行）",
        RowError = "第 {0} 行：{1}",
        AddField = "添加字段",
        SaveDraft = "保存草稿",
        SubmitForReview = "送审",
        NotANumber = "请填写整数。",
        SubmitRefused = "草稿已保存，但还不能送审。请先修改下列内容：",
        ChangeNote = "这是已发布的资源：保存后开始一次变更，审核通过前已发布的版本继续提供服务。",
        RetiredNote = "该资源已下架，不能再编辑。",
        UnderReviewNote = "该资源正在审核中，审核通过或退回后才能再编辑。",
        ReturnedWith = "审核退回意见：",

        MetadataScore = "编目规范性得分",
        PublishedVersionServing = "现行发布版本为第 {0} 版",
        Edit = "编辑",
        StartChange = "变更资源",
        SubmittedNotice = "已送审，等待平台审核。",
        DataHeading = "数据",
        DataInForce = "现行数据 {0} 行，载入于 {1}。",
        LoadAfterPublish = "资源发布后才能载入数据。",
        UploadFile = "数据文件",
        UploadHint = "CSV、XLSX 或 JSON 文件，首行（或各对象的键）为字段名。",
        UploadMode = "载入方式",
        UploadModeHint = "全量替换会以本文件取代现行数据；追加和按主键更新保留现有数据。",
        ModeFull = "全量替换",
        UploadButton = "上传并载入",
        UploadProgressLabel = "上传进度",
        UploadSending = "正在上传…",
        UploadProgress = "已上传 {0}%",
        UploadLoading = "文件已上传，正在校验并载入…",
        UploadDone = "载入完成：载入 {0} 行，拒绝 {1} 行。",
        UploadFailed = "载入失败：{0}",
        UploadChoose = "请选择要上传的文件。",
        LoadsHeading = "载入记录",
        NoLoads = "还没有载入过数据。",
        LoadStarted = "开始时间",
        LoadFile = "文件",
        LoadMode = "方式",
        RowsRead = "读取行数",
        RowsLoaded = "载入行数",
        RowsRejected = "拒绝行数",
        RejectsCsv = "下载被拒绝的行",
        HistoryHeading = "历史记录",

        QualityTitle = "质量报告与工单",
        QualityHeading = "数据质量",
        QualityReportsHeading = "质量报告",
        NoQuality = "尚未进行质量检查。",
        NoPublished = "本单位还没有已发布的信息资源。",
        CheckedAt = "检查时间",
        Overall = "综合得分",
        Completeness = "完整性",
        Validity = "有效性",
        Uniqueness = "唯一性",
        Consistency = "一致性",
        Timeliness = "及时性",
        RowsFailing = "问题行数 / 检查行数",
        FailedRules = "未通过的规则",
        NoFailedRules = "全部通过",
        TicketsHeading = "问题数据工单",
        NoTickets = "本单位没有问题数据工单。",
        Ticket = "工单",
        TicketTitle = "问题数据工单 #{0}",
        TicketOrigin = "来源",
        TicketDescription = "问题描述",
        Deadline = "整改期限",
        Overdue = "已超期",
        OpenedAt = "开单时间",
        FailureRate = "问题比例 / 阈值",
        RecordKey = "记录",
        Correction = "纠正值",
        NextSteps = "下一步",
        NoSteps = "当前没有需要本单位处理的步骤。",
        TicketCommentHint = "提交整改时请说明修改了什么；重新打开时请说明原因。",
        StepDone = "已{0}，工单现为“{1}”。",
        StepNotAllowed = "当前不能进行这一步。",

        ReviewTitle = "审核队列",
        ShareApplicationsLink = "共享申请审批",
        ReviewEmpty = "没有等待审核的信息资源。",
        ReviewKind = "类型",
        ReviewNew = "新登记",
        ReviewChange = "变更",
        SubmittedAt = "送审时间",
        ApprovedNotice = "{0} 已审核通过并发布。",
        ReturnedNotice = "{0} 已退回修改。",
        ReviewResourceTitle = "审核：{0}",
        AdvisoryHeading = "规范性提示",
        DiffHeading = "变更内容（第 {0} 版 → 第 {1} 版）",
        DiffEmpty = "与已发布版本相比没有改动。",
        DiffWhat = "项目",
        DiffBefore = "变更前",
        DiffAfter = "变更后",
        DiffField = "信息项 {0}",
        DiffFieldProperty = "信息项 {0} 的{1}",
        DiffAdded = "新增",
        DiffRemoved = "删除",
        DecisionHeading = "审核意见",
        NotAwaitingReview = "该资源当前没有等待审核的版本。",
        ApproveComment = "通过意见",
        ApproveCommentHint = "可不填。",
        Approve = "审核通过",
        ReturnReason = "退回原因",
        ReturnReasonHint = "说明提供单位需要修改的内容。",
        ReturnReasonRequired = "请填写退回原因。",
        ReturnButton = "退回修改",
    };

    public static readonly ProviderText En = ZhCn with
    {
        English = true,
        Back = "← Back",
        NextPage = "Next page",
        Yes = "Yes",
        No = "No",
        Choose = "— Choose —",
        When = "When",
        Who = "By",
        Action = "Action",
        Comment = "Comment",
        State = "State",
        Code = "Resource code",
        Name = "Resource name",
        Version = "Version",
        VersionNo = "version {0}",
        Resource = "Resource",
        Provider = "Provider",

        ResourcesTitle = "My resources",
        RegisterResource = "Register a resource",
        NoResources = "Your department has not registered any resource yet.",
        RowsInForce = "Rows in force",
        LastLoad = "Last load",

        NewResourceTitle = "Register a resource",
        EditResourceTitle = "Edit: {0}",
        DescriptionHeading = "Description",
        SharingHeading = "Sharing and opening",
        Classification = "Classification",
        ClassificationHint = "Choose a 项, 目 or 细目; the resource code follows from it and cannot change later.",
        ClassificationRequired = "Choose the resource's classification.",
        Summary = "Summary",
        SummaryHint = "What the resource holds, its scope and use; at least 20 characters.",
        Keywords = "Keywords",
        KeywordsHint = "Separate keywords with commas or spaces.",
        Format = "Format",
        FormatSubtype = "Format subtype",
        FormatSubtypeHint = "For example xlsx, OFD, PostgreSQL.",
        UpdateCycle = "Update cycle",
        ShareType = "Share type",
        ShareCondition = "Share condition",
        ShareConditionHint = "Required for a conditional or refused share.",
        ShareMethod = "Share method",
        LegalBasis = "Legal or policy basis",
        LegalBasisHint = "Required for a conditional or refused share.",
        OpenType = "Open type",
        OpenCondition = "Open condition",
        OpenConditionHint = "Required for restricted opening.",
        Grade = "Grade",
        FieldsHeading = "Fields",
        FieldsHint = "One field per row. Field names use lower-case letters, digits and '_'; empty rows are ignored.",
        FieldName = "Field name",
        FieldLabel = "Chinese label",
        FieldType = "Type",
        FieldLength = "Length",
        FieldKey = "Key",
        FieldNullable = "Nullable",
        FieldGrade = "Grade",
        FieldDescription = "Description",
        CellLabel = "{0} (row {1})",
        RowError = "Row {0}: {1}",
        AddField = "Add a field",
        SaveDraft = "Save draft",
        SubmitForReview = "Submit for review",
        NotANumber = "Enter a whole number.",
        SubmitRefused = "The draft is saved but cannot be submitted yet. Fix these first:",
        ChangeNote = "This resource is published: saving starts a change, and the published version keeps serving until the change is approved.",
        RetiredNote = "This resource is retired and can no longer be edited.",
        UnderReviewNote = "This resource is under review; it can be edited again once it is approved or returned.",
        ReturnedWith = "Returned by the reviewer:",

        MetadataScore = "Cataloguing score",
        PublishedVersionServing = "version {0} is the one published",
        Edit = "Edit",
        StartChange = "Change this resource",
        SubmittedNotice = "Submitted; it now waits for the platform's review.",
        DataHeading = "Data",
        DataInForce = "{0} rows in force, loaded {1}.",
        LoadAfterPublish = "Data can be loaded once the resource is published.",
        UploadFile = "Data file",
        UploadHint = "A CSV, XLSX or JSON file whose first row (or whose objects' keys) names the fields.",
        UploadMode = "Load mode",
        UploadModeHint = "Full replaces the data in force with this file; append and upsert keep the existing rows.",
        ModeFull = "Full replacement",
        UploadButton = "Upload and load",
        UploadProgressLabel = "Upload progress",
        UploadSending = "Uploading…",
        UploadProgress = "{0}% uploaded",
        UploadLoading = "Uploaded; checking and loading…",
        UploadDone = "Loaded: {0} rows loaded, {1} rejected.",
        UploadFailed = "The load failed: {0}",
        UploadChoose = "Choose a file to upload.",
        LoadsHeading = "Loads",
        NoLoads = "Nothing has been loaded yet.",
        LoadStarted = "Started",
        LoadFile = "File",
        LoadMode = "Mode",
        RowsRead = "Rows read",
        RowsLoaded = "Rows loaded",
        RowsRejected = "Rows rejected",
        RejectsCsv = "download rejected rows",
        HistoryHeading = "History",

        QualityTitle = "Quality reports and tickets",
        QualityHeading = "Data quality",
        QualityReportsHeading = "Quality reports",
        NoQuality = "Not checked yet.",
        NoPublished = "Your department has no published resource yet.",
        CheckedAt = "Checked",
        Overall = "Overall",
        Completeness = "Completeness",
        Validity = "Validity",
        Uniqueness = "Uniqueness",
        Consistency = "Consistency",
        Timeliness = "Timeliness",
        RowsFailing = "Failing / checked rows",
        FailedRules = "Failed rules",
        NoFailedRules = "All passed",
        TicketsHeading = "Problem tickets",
        NoTickets = "Your department has no problem tickets.",
        Ticket = "Ticket",
        TicketTitle = "Problem ticket #{0}",
        TicketOrigin = "Origin",
        TicketDescription = "Problem",
        Deadline = "Deadline",
        Overdue = "Overdue",
        OpenedAt = "Opened",
        FailureRate = "Failure rate / threshold",
        RecordKey = "Record",
        Correction = "Correction",
        NextSteps = "Next steps",
        NoSteps = "Nothing here waits on your department now.",
        TicketCommentHint = "Say what you fixed when submitting; say why when reopening.",
        StepDone = "Done: {0}. The ticket is now “{1}”.",
        StepNotAllowed = "That step is not open now.",

        ReviewTitle = "Review queue",
        ShareApplicationsLink = "Share applications",
        ReviewEmpty = "No resource waits for review.",
        ReviewKind = "Kind",
        ReviewNew = "New",
        ReviewChange = "Change",
        SubmittedAt = "Submitted",
        ApprovedNotice = "{0} is approved and published.",
        ReturnedNotice = "{0} was returned to its provider.",
        ReviewResourceTitle = "Review: {0}",
        AdvisoryHeading = "Cataloguing notes",
        DiffHeading = "What changed (version {0} → version {1})",
        DiffEmpty = "Nothing differs from the published version.",
        DiffWhat = "What",
        DiffBefore = "Before",
        DiffAfter = "After",
        DiffField = "Field {0}",
        DiffFieldProperty = "Field {0}: {1}",
        DiffAdded = "added",
        DiffRemoved = "removed",
        DecisionHeading = "Decision",
        NotAwaitingReview = "This resource has no version waiting for review.",
        ApproveComment = "Approval comment",
        ApproveCommentHint = "Optional.",
        Approve = "Approve",
        ReturnReason = "Reason for returning",
        ReturnReasonHint = "Say what the provider should fix.",
        ReturnReasonRequired = "Give the reason for returning.",
        ReturnButton = "Return for changes",
    };

    public static ProviderText For(HttpContext context) => UiText.Pick(context, ZhCn, En);


    /// <summary>A quality score as the portal shows it, or a dash when the dimension has no rule.</summary>
    public static string Score(double? score) => score is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private string Pick(string zh, string en) => English ? en : zh;

    /// <summary>Where a resource stands, as its provider thinks of it: the catalog status and the state of the version under work together.</summary>
    public string StateOf(ResourceStatus status, VersionState? working) => (status, working) switch
    {
        (ResourceStatus.Retired, _) => Pick("已下架", "Retired"),
        (ResourceStatus.Published, null) => Pick("已发布", "Published"),
        (ResourceStatus.Published, VersionState.Submitted) => Pick("变更待审核", "Change awaiting review"),
        (ResourceStatus.Published, VersionState.Returned) => Pick("变更已退回", "Change returned"),
        (ResourceStatus.Published, _) => Pick("变更中", "Change in progress"),
        (_, VersionState.Submitted) => Pick("待审核", "Awaiting review"),
        (_, VersionState.Returned) => Pick("已退回修改", "Returned"),
        _ => Pick("草稿", "Draft"),
    };

    public string VersionStateName(VersionState state) => state switch
    {
        VersionState.Draft => Pick("草稿", "draft"),
        VersionState.Submitted => Pick("待审核", "submitted"),
        VersionState.Returned => Pick("已退回", "returned"),
        VersionState.Published => Pick("已发布", "published"),
        VersionState.Superseded => Pick("已被取代", "superseded"),
        VersionState.Retired => Pick("已下架", "retired"),
        _ => Pick("已废弃", "discarded"),
    };

    public string ActionName(string action) => action switch
    {
        "create" => Pick("登记", "Registered"),
        "update" => Pick("修改", "Edited"),
        "submit" => Pick("送审", "Submitted"),
        "approve" => Pick("审核通过", "Approved"),
        "return" => Pick("退回修改", "Returned"),
        "change" => Pick("开始变更", "Change started"),
        "retire" => Pick("下架", "Retired"),
        _ => action,
    };

    public string TermName(Term term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return English && EnglishTerms.TryGetValue(term.Code, out var english) ? english : term.ChineseName;
    }

    public string TermName(TermList list, string? code)
    {
        ArgumentNullException.ThrowIfNull(list);
        return code is null ? "—" : list.Terms.FirstOrDefault(t => t.Code == code) is { } term ? TermName(term) : code;
    }

    public IEnumerable<(string Code, string Name)> Terms(TermList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list.Terms.Select(t => (t.Code, TermName(t)));
    }

    public IReadOnlyList<(string Code, string Name)> FieldTypes => English
        ? [("C", "character"), ("N", "numeric"), ("Y", "currency"), ("D", "date"), ("T", "date-time"), ("L", "logical"), ("M", "memo"), ("G", "binary"), ("B", "double"), ("I", "integer"), ("F", "float")]
        : [("C", "字符型"), ("N", "数值型"), ("Y", "货币型"), ("D", "日期型"), ("T", "日期时间型"), ("L", "逻辑型"), ("M", "备注型"), ("G", "通用型"), ("B", "双精度型"), ("I", "整型"), ("F", "浮点型")];

    /// <summary>The load modes besides the default (full replacement, the select's empty choice).</summary>
    public IReadOnlyList<(string Code, string Name)> LoadModes => [("append", Pick("追加", "Append")), ("upsert", Pick("按主键更新", "Upsert by key"))];

    public string LoadModeName(Gongshu.Collection.Loads.LoadMode mode) => mode switch
    {
        Gongshu.Collection.Loads.LoadMode.Append => Pick("追加", "append"),
        Gongshu.Collection.Loads.LoadMode.Upsert => Pick("按主键更新", "upsert"),
        _ => Pick("全量替换", "full"),
    };

    public string LoadStateName(string state) => state switch
    {
        CollectionLoad.Running => Pick("进行中", "running"),
        CollectionLoad.Succeeded => Pick("成功", "succeeded"),
        CollectionLoad.Failed => Pick("失败", "failed"),
        _ => state,
    };

    public string PropertyName(string property) => property switch
    {
        "name" => Pick("名称", "name"),
        "summary" => Summary,
        "keywords" => Keywords,
        "format" => Format,
        "formatSubtype" => FormatSubtype,
        "shareType" => ShareType,
        "shareCondition" => ShareCondition,
        "shareMethod" => ShareMethod,
        "legalBasis" => LegalBasis,
        "openType" => OpenType,
        "openCondition" => OpenCondition,
        "updateCycle" => UpdateCycle,
        "relatedCodes" => Pick("关联资源代码", "related codes"),
        "tags" => Pick("标签", "tags"),
        "grade" => Grade,
        "position" => Pick("位置", "position"),
        "label" => FieldLabel,
        "type" => FieldType,
        "length" => FieldLength,
        "scale" => Pick("小数位", "decimal places"),
        "description" => FieldDescription,
        "isKey" => FieldKey,
        "nullable" => FieldNullable,
        _ => property,
    };

    public string TicketStateName(string state) => state switch
    {
        "open" => Pick("待处理", "open"),
        "rectifying" => Pick("整改中", "rectifying"),
        "submitted" => Pick("已提交整改", "fix submitted"),
        "verified" => Pick("已核验", "verified"),
        "closed" => Pick("已关闭", "closed"),
        "reopened" => Pick("已重新打开", "reopened"),
        _ => state,
    };

    public string TicketEventName(string action) => action switch
    {
        "opened" => Pick("开单", "opened"),
        "accepted" => Pick("开始整改", "accepted"),
        "submitted" => Pick("提交整改", "fix submitted"),
        "verified" => Pick("核验通过", "verified"),
        "verification_failed" => Pick("核验未通过", "verification failed"),
        "closed" => Pick("关闭", "closed"),
        "reopened" => Pick("重新打开", "reopened"),
        "dismissed" => Pick("驳回", "dismissed"),
        _ => action,
    };

    public string OriginName(string origin) => origin switch
    {
        "rule" => Pick("质量规则", "quality rule"),
        "correction" => Pick("数据纠错", "correction"),
        _ => origin,
    };

    public string StepName(string step) => step switch
    {
        TicketSteps.Accept => Pick("开始整改", "Start rectifying"),
        TicketSteps.Submit => Pick("提交整改", "Submit the fix"),
        TicketSteps.Verify => Pick("重新核验", "Verify again"),
        TicketSteps.Close => Pick("关闭工单", "Close"),
        TicketSteps.Reopen => Pick("重新打开", "Reopen"),
        _ => step,
    };

    public string FailureMessage(RuleFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return English ? failure.MessageEn : failure.MessageZh;
    }

    /// <summary>The service's refusal in this language where its code is one the console's users meet; otherwise the service's own words.</summary>
    public string ErrorMessage(GongshuException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (English)
        {
            return error.Message;
        }

        return error.Code switch
        {
            "name_required" => "请填写信息资源名称。",
            "resource_name_taken" => "本单位已有同名的信息资源，请换一个名称。",
            "invalid_field_name" => "字段名须以小写字母开头，只用小写字母、数字和下划线，最长 63 个字符（如 id_number）。",
            "duplicate_field_name" => "字段名重复。",
            "unknown_field_type" => "请选择数据类型。",
            "length_not_allowed" => "只有字符型（C）和数值型（N）信息项有长度。",
            "scale_not_allowed" => "只有数值型（N）信息项有小数位。",
            "unknown_classification" => "请选择信息资源分类。",
            "classification_too_broad" => "请选择“项”“目”或“细目”一级的分类，不能直接选“类”。",
            "comment_required" => "请填写审核意见，说明需要修改的内容。",
            "text_required" => "这一步需要填写说明。",
            "invalid_transition" => "资源当前的状态不允许这个操作，请刷新页面后再试。",
            "change_in_progress" => "该资源已有一次变更在进行中，请继续编辑或送审那次变更。",
            "no_fields" => "该资源没有信息项，无法载入数据。",
            _ => error.Message,
        };
    }

    /// <summary>
    /// Display names of the users of these organizations (history and loads name people by id):
    /// one read per organization, and a page names only a few organizations.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, string>> PeopleAsync(PlatformServices platform, IEnumerable<long?> organizationIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(organizationIds);
        var people = new Dictionary<long, string>();
        foreach (var organizationId in organizationIds.OfType<long>().Distinct())
        {
            foreach (var user in await platform.Users.ListByOrganizationAsync(organizationId, ct))
            {
                people[user.Id] = user.DisplayName;
            }
        }

        return people;
    }

    private static readonly Dictionary<string, string> EnglishTerms = new(StringComparer.Ordinal)
    {
        ["file"] = "file",
        ["spreadsheet"] = "spreadsheet",
        ["database"] = "database",
        ["image"] = "image",
        ["media"] = "streaming media",
        ["self_describing"] = "self-describing",
        ["api"] = "API",
        ["unconditional"] = "unconditional",
        ["conditional"] = "conditional",
        ["none"] = "not shared",
        ["table"] = "table",
        ["open"] = "open",
        ["restricted"] = "restricted",
        ["closed"] = "closed",
        ["realtime"] = "real time",
        ["daily"] = "daily",
        ["weekly"] = "weekly",
        ["monthly"] = "monthly",
        ["quarterly"] = "quarterly",
        ["half_yearly"] = "half-yearly",
        ["yearly"] = "yearly",
        ["irregular"] = "irregular",
        ["L1"] = "not sensitive",
        ["L2"] = "low sensitivity",
        ["L3"] = "sensitive",
        ["L4"] = "highly sensitive",
    };
}
