using System.Globalization;
using Gongshu.Catalog;
using Gongshu.Opening;
using Gongshu.Server.Platform;

namespace Gongshu.Server.Web.Console.Opening;

/// <summary>What the application pages show besides the application: the datasets' names and the period as text.</summary>
public static class OpenApplicationNames
{
    /// <summary>The published names of the applications' resources, as the caller may read them.</summary>
    public static async Task<IReadOnlyDictionary<long, string>> ResourcesAsync(PlatformServices platform, CatalogCaller caller, IEnumerable<OpenApplication> applications, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var names = new Dictionary<long, string>();
        foreach (var id in applications.Select(a => a.ResourceId).Distinct())
        {
            try
            {
                names[id] = (await platform.Catalog.GetAsync(caller, id, CatalogView.Published, ct)).Version.Metadata.Name;
            }
            catch (GongshuException e) when (e.Kind == ErrorKind.NotFound)
            {
                // A retired resource keeps its code in the list.
            }
        }

        return names;
    }

    public static string Period(OpenApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.ValidFrom is { } from && application.ValidTo is { } to
            ? $"{from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} – {to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : "—";
    }
}
