using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Gongshu.Catalog.Excel;

/// <summary>
/// How the template writes controlled values — the Chinese names people pick from a drop-down —
/// and how an import reads them back: a Chinese name or the English code, in any case.
/// </summary>
internal static partial class WorkbookTerms
{
    /// <summary>信息项数据类型: the national type letters (<c>Storage.FieldType</c>) and their names.</summary>
    public static readonly TermList FieldTypes = new("type", "unknown_field_type",
        new("C", "字符型"), new("N", "数值型"), new("Y", "货币型"), new("D", "日期型"), new("T", "日期时间型"), new("L", "逻辑型"),
        new("M", "备注型"), new("G", "通用型"), new("B", "双精度型"), new("I", "整型"), new("F", "浮点型"));

    public const string Yes = "是";

    public const string No = "否";

    public static readonly IReadOnlyList<string> YesNo = [Yes, No];

    /// <summary>The code of a term given by code (any case) or Chinese name; the text itself when it is neither, for the caller to refuse.</summary>
    public static string ToCode(TermList list, string text)
    {
        var value = text.Trim();
        return list.Terms.FirstOrDefault(t => string.Equals(t.Code, value, StringComparison.OrdinalIgnoreCase)
                || string.Equals(t.ChineseName, value, StringComparison.Ordinal))?.Code
            ?? value;
    }

    /// <summary>The Chinese name of a stored code, or the code itself when the list does not know it.</summary>
    public static string? ToName(TermList list, string? code)
        => code is null ? null : list.Terms.FirstOrDefault(t => t.Code == code)?.ChineseName ?? code;

    /// <summary>"数据库（database）、电子表格（spreadsheet）…" for a message.</summary>
    public static string Describe(TermList list)
        => string.Join("、", list.Terms.Select(t => $"{t.ChineseName}（{t.Code}）"));

    /// <summary>是/否 and their usual spellings; null when the text is none of them.</summary>
    public static bool? ToBoolean(string text) => text.Trim().ToUpperInvariant() switch
    {
        "是" or "Y" or "YES" or "TRUE" or "1" or "√" or "✓" => true,
        "否" or "N" or "NO" or "FALSE" or "0" or "×" or "✗" => false,
        _ => null,
    };

    public static string ToText(bool value) => value ? Yes : No;

    /// <summary>The items of a list cell, split at any of <see cref="CatalogWorkbook.ListSeparators"/>; blanks dropped.</summary>
    public static List<string> Split(string? text)
        => string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split([.. CatalogWorkbook.ListSeparators], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static string? Join(IReadOnlyList<string> items) => items.Count == 0 ? null : string.Join("；", items);

    /// <summary>Chinese names of version states for the read-only 状态 column.</summary>
    public static string StateName(VersionState state) => state switch
    {
        VersionState.Draft => "草稿",
        VersionState.Submitted => "待审核",
        VersionState.Returned => "已退回",
        VersionState.Published => "已发布",
        VersionState.Superseded => "已替代",
        VersionState.Retired => "已下架",
        VersionState.Discarded => "已废弃",
        _ => state.Text(),
    };

    /// <summary>
    /// Excel writes characters XML cannot carry as <c>_xHHHH_</c> (a carriage return is
    /// <c>_x000D_</c>) and a literal <c>_x</c> sequence as <c>_x005F_x…</c>; this undoes it.
    /// </summary>
    public static string Unescape(string text)
        => text.Contains("_x", StringComparison.Ordinal)
            ? EscapePattern().Replace(text, m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            : text;

    /// <summary>The inverse of <see cref="Unescape"/> for the characters Gongshu stores: carriage returns and literal <c>_xHHHH_</c>.</summary>
    public static string Escape(string text)
    {
        if (!text.Contains('\r') && !text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }

        var escaped = EscapePattern().Replace(text, m => "_x005F" + m.Value);
        return escaped.Replace("\r", "_x000D_", StringComparison.Ordinal);
    }

    /// <summary>A number as a cell holds it (<c>18</c>, <c>1.8E1</c>, <c>18.0</c>) in its plain form (<c>18</c>).</summary>
    public static string PlainNumber(string text)
        => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value.ToString("G29", CultureInfo.InvariantCulture)
            : text;

    public static string Quote(string text)
    {
        var builder = new StringBuilder("「");
        builder.Append(text.Length > 50 ? text[..50] + "…" : text);
        return builder.Append('」').ToString();
    }

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex EscapePattern();
}
