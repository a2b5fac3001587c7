using System.Globalization;
using Gongshu.Audit;
using Gongshu.Catalog;
using Microsoft.AspNetCore.Http.Extensions;

namespace Gongshu.Server.Web.Console.Audit;

/// <summary>
/// Times as the auditor's pages show and take them (China time, to the second), and the audit
/// search link for a query, so an alert leads to the entries behind it.
/// </summary>
public static class AuditLinks
{
    public const string SearchPath = "/console/audit";

    private static readonly string[] InputFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    /// <summary>A <c>datetime-local</c> value (no zone), read as China time.</summary>
    public static bool TryParse(string text, out DateTimeOffset at)
    {
        if (DateTime.TryParseExact(text.Trim(), InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            at = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ResourceVersion.ChinaOffset);
            return true;
        }

        at = default;
        return false;
    }

    /// <summary>The value a <c>datetime-local</c> input shows for <paramref name="at"/>.</summary>
    public static string Input(DateTimeOffset at) => at.ToOffset(ResourceVersion.ChinaOffset).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset at) => at.ToOffset(ResourceVersion.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The audit page's address for <paramref name="query"/>; times round outwards to the minute, so the range still holds every entry.</summary>
    public static string SearchUrl(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var builder = new QueryBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                builder.Add(name, value);
            }
        }

        Add("actor", query.Actor);
        Add("action", query.ActionPrefix);
        Add("object", query.Object);
        Add("outcome", query.Outcome is { } outcome ? AuditChain.OutcomeText(outcome) : null);
        Add("from", query.From is { } from ? Input(from) : null);
        Add("to", query.To is { } to ? Input(to.AddSeconds(59).AddTicks(TimeSpan.TicksPerSecond - 1)) : null);
        return SearchPath + builder.ToQueryString();
    }
}
