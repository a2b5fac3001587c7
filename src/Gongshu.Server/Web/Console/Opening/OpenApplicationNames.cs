using System.Globalization;
using Gongshu.Catalog;
using Gongshu.Opening;
using Gongshu.Server.Platform;

namespace Gongshu.Server.Web.Console.Opening;

/// <summary>What the application pages show besides the application: the datasets' names and the period as text.</summary>
public static class OpenApplicationNames
{
    /// <summary>
    /// The published names of the applications' resources, read in one go (restricted-open
    /// resources, whose names the open catalog shows anyone); a retired resource keeps its code in the list.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, string>> ResourcesAsync(PlatformServices platform, IEnumerable<OpenApplication> applications, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var published = await platform.Catalog.GetPublishedAsync(applications.Select(a => a.ResourceId).Distinct().ToList(), ct);
        return published.ToDictionary(r => r.Id, r => r.Version.Metadata.Name);
    }

    public static string Period(OpenApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.ValidFrom is { } from && application.ValidTo is { } to
            ? $"{from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} – {to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : "—";
    }
}
