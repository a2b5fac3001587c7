using System.Globalization;

namespace Gongshu.Server.Http;

/// <summary>Reads query-string values, answering a malformed one with a 400 that names the parameter.</summary>
public static class QueryValues
{
    public static string? Single(IQueryCollection query, string name)
        => query[name].ToString() is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Repeated (<c>?tag=a&amp;tag=b</c>) or comma-separated (<c>?tag=a,b</c>) values.</summary>
    public static IReadOnlyList<string> List(IQueryCollection query, string name)
        => query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    public static IReadOnlyList<long> Longs(IQueryCollection query, string name)
        => List(query, name).Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n : throw GongshuException.Invalid(name, $"'{v}' is not a number.")).ToList();

    public static int? Int(IQueryCollection query, string name)
        => Single(query, name) is not { } v ? null
            : int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw GongshuException.Invalid(name, $"'{v}' is not a whole number.");

    public static bool Bool(IQueryCollection query, string name)
        => Single(query, name) is not { } v ? false
            : bool.TryParse(v, out var b) ? b : v == "1" || (v == "0" ? false : throw GongshuException.Invalid(name, $"'{v}' is not true or false."));

    /// <summary>An enum by name (any case); numbers are refused so an unknown value cannot slip through.</summary>
    public static T? Enum<T>(string? text, string name)
        where T : struct, System.Enum
        => string.IsNullOrWhiteSpace(text) ? null
            : !text.Any(char.IsAsciiDigit) && System.Enum.TryParse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value)
                ? value
                : throw GongshuException.Invalid(name, $"'{text}' is not one of: {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
}
