namespace Gongshu.Catalog;

/// <summary>One value of a controlled vocabulary: the stable code stored and sent, and its Chinese name.</summary>
public sealed record Term(string Code, string ChineseName);

/// <summary>A controlled vocabulary of the catalog (共享类型, 更新周期, …) and the input field it fills.</summary>
public sealed class TermList(string field, string errorCode, params Term[] terms)
{
    public string Field { get; } = field;

    public IReadOnlyList<Term> Terms { get; } = terms;

    public bool Contains(string? code) => Terms.Any(t => t.Code == code);

    public string ChineseName(string code) => Terms.First(t => t.Code == code).ChineseName;

    /// <summary>The code (trimmed, any case), null when blank, or a 400 naming <paramref name="path"/>.</summary>
    public string? Normalize(string? text, string? path = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var code = text.Trim();
        return Terms.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase))?.Code
            ?? throw GongshuException.Invalid(path ?? Field,
                $"'{code}' is not a {Field} value; use one of {string.Join(", ", Terms.Select(t => $"{t.Code} ({t.ChineseName})"))}.", errorCode);
    }
}

/// <summary>信息资源格式.</summary>
public static class ResourceFormats
{
    public const string File = "file";
    public const string Spreadsheet = "spreadsheet";
    public const string Database = "database";
    public const string Image = "image";
    public const string Media = "media";
    public const string SelfDescribing = "self_describing";
    public const string Api = "api";

    public static readonly TermList List = new("format", "unknown_format",
        new(File, "电子文件"), new(Spreadsheet, "电子表格"), new(Database, "数据库"), new(Image, "图形图像"),
        new(Media, "流媒体"), new(SelfDescribing, "自描述格式"), new(Api, "服务接口"));
}

/// <summary>共享类型.</summary>
public static class ShareTypes
{
    public const string Unconditional = "unconditional";
    public const string Conditional = "conditional";
    public const string None = "none";

    public static readonly TermList List = new("shareType", "unknown_share_type",
        new(Unconditional, "无条件共享"), new(Conditional, "有条件共享"), new(None, "不予共享"));
}

/// <summary>共享方式.</summary>
public static class ShareMethods
{
    public const string Table = "table";
    public const string Api = "api";
    public const string File = "file";

    public static readonly TermList List = new("shareMethod", "unknown_share_method",
        new(Table, "库表"), new(Api, "接口"), new(File, "文件"));
}

/// <summary>开放属性.</summary>
public static class OpenTypes
{
    public const string Open = "open";
    public const string Restricted = "restricted";
    public const string Closed = "closed";

    public static readonly TermList List = new("openType", "unknown_open_type",
        new(Open, "无条件开放"), new(Restricted, "受限开放"), new(Closed, "禁止开放"));
}

/// <summary>更新周期.</summary>
public static class UpdateCycles
{
    public static readonly TermList List = new("updateCycle", "unknown_update_cycle",
        new("realtime", "实时"), new("daily", "每日"), new("weekly", "每周"), new("monthly", "每月"),
        new("quarterly", "每季度"), new("half_yearly", "每半年"), new("yearly", "每年"), new("irregular", "不定期"));
}

/// <summary>数据分级 (DB33/T 2350): L1 不敏感 … L4 敏感. A resource takes the highest grade of its fields (就高从严).</summary>
public static class DataGrades
{
    public static readonly TermList List = new("grade", "unknown_grade",
        new("L1", "不敏感"), new("L2", "低敏感"), new("L3", "较敏感"), new("L4", "敏感"));

    /// <summary>The highest grade given, or null when none is.</summary>
    public static string? Highest(IEnumerable<string?> grades)
        => grades.Where(g => g is not null).Max(StringComparer.Ordinal);

    /// <summary>1 for L1 … 4 for L4.</summary>
    public static int Level(string grade) => grade[1] - '0';
}
