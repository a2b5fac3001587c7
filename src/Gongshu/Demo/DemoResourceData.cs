using System.Text;
using Gongshu.Catalog;
using Gongshu.Collection;
using Gongshu.Collection.Sources;
using Gongshu.Directories;
using Gongshu.Security.Encryption;
using Gongshu.Storage;

namespace Gongshu.Demo;

/// <summary>
/// Fills the catalog resources that describe the demo datasets (<see cref="DemoLinks"/>) with
/// those datasets' rows, loaded through collection as their provider's admin would: detection and
/// grading run, L4 fields are stored encrypted, rules and tickets apply. Then the portal's
/// previews, the gateway and the quality pages have data to show on a plain <c>gongshu demo</c>.
/// Done once: a resource that already has data is left as it is.
/// </summary>
public static class DemoResourceData
{
    /// <summary>Loads what is missing; returns (resource code, rows loaded) for each load made.</summary>
    public static async Task<IReadOnlyList<(string Code, long Rows)>> LoadAsync(Database database, CatalogService catalog, CollectionService collection,
        UserService users, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var datasets = new DatasetStore(database);
        var loaded = new List<(string, long)>();
        foreach (var (datasetKey, code) in await DemoLinks.ListAsync(database, ct))
        {
            if (await datasets.GetCurrentAsync(code, ct) is not null || await datasets.GetCurrentAsync(datasetKey, ct) is not { } source
                || await catalog.FindIdByCodeAsync(code, ct) is not { } resourceId
                || (await catalog.GetPublishedAsync([resourceId], ct)).SingleOrDefault() is not { } resource)
            {
                continue;
            }

            var caller = await ProviderAdminAsync(users, resource.ProviderId, ct);
            if (caller is null)
            {
                continue;
            }

            // A CSV of the demo rows, in a temporary file: collection reads a file as any upload.
            var file = Path.Combine(Path.GetTempPath(), $"gongshu-demo-{Guid.NewGuid():N}.csv");
            try
            {
                await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
                {
                    await writer.WriteLineAsync(string.Join(',', source.Columns.Select(c => c.Name)));
                    await foreach (var row in datasets.ReadAsync(source, ct: ct))
                    {
                        await writer.WriteLineAsync(string.Join(',', row.Values.Select(Cell)));
                    }
                }

                await using var stream = File.OpenRead(file);
                await using var input = await SourceFiles.OpenAsync(stream, $"{datasetKey}.csv", new FileReadOptions(), maxBytes: null, ct);
                var load = await collection.LoadAsync(caller, resource.Id, input.Input(new FileInfo(file).Length), ct: ct);
                loaded.Add((code, load.RowsLoaded));
            }
            finally
            {
                File.Delete(file);
            }
        }

        return loaded;
    }

    // The demo account that administers the provider's data (provider.gat for 公安, …), if the demo has one.
    private static async Task<CatalogCaller?> ProviderAdminAsync(UserService users, long providerId, CancellationToken ct)
    {
        foreach (var plan in DemoDirectory.Users.Where(u => u.Role == Role.ProviderAdmin))
        {
            if (await users.FindByUsernameAsync(plan.Username, ct) is { } user && user.OrganizationId == providerId)
            {
                return CatalogCaller.ForUser(user, "demo");
            }
        }

        return null;
    }

    private static string Cell(object? value)
    {
        var text = value is null ? "" : FieldValueText.ToText(value);
        return text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
