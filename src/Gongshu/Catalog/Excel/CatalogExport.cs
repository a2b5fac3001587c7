using System.Globalization;
using Gongshu.Directories;

namespace Gongshu.Catalog.Excel;

/// <summary>Which resources an export writes.</summary>
public sealed record CatalogExportQuery
{
    /// <summary>
    /// <see cref="CatalogView.Published"/>: the published catalog, as anyone sees it.
    /// <see cref="CatalogView.Working"/>: one provider's resources as it works on them (drafts,
    /// changes under way, else the published version) — for that provider's admins and platform admins.
    /// </summary>
    public CatalogView View { get; init; } = CatalogView.Published;

    /// <summary>Only this provider's resources; for <see cref="CatalogView.Working"/>, the caller's organization when null.</summary>
    public long? ProviderId { get; init; }

    /// <summary>This classification and everything below it.</summary>
    public string? ClassificationCode { get; init; }
}

/// <summary>How many resources and fields an export wrote.</summary>
public sealed record CatalogExportResult(int Resources, int Fields);

/// <summary>
/// Writes catalog resources into the template (<see cref="CatalogWorkbook"/>), rows streamed per
/// sheet; retired resources are left out. Importing the file into a platform that does not have
/// these resources recreates the same metadata as drafts (信息资源代码 and 状态 are only shown).
/// </summary>
public sealed class CatalogExport
{
    private const int Page = CatalogListQuery.MaxLimit;

    private readonly CatalogService _catalog;

    public CatalogExport(CatalogService catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <summary>Writes the workbook to <paramref name="output"/> (any writable stream; the package is built in a temporary file and copied).</summary>
    public async Task<CatalogExportResult> WriteAsync(CatalogCaller caller, Stream output, CatalogExportQuery? query = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(output);
        query ??= new CatalogExportQuery();
        var providerId = query.ProviderId;
        if (query.View == CatalogView.Working)
        {
            providerId ??= caller.OrganizationId;
            if (!caller.Has(Role.PlatformAdmin) && !(caller.Has(Role.ProviderAdmin) && caller.OrganizationId == providerId))
            {
                throw new GongshuException(ErrorKind.Forbidden, CatalogAccess.ForbiddenCode,
                    "Only the provider's own provider admins and platform admins export its working catalog.");
            }
        }

        var classifications = await new Classifications(_catalog.Database).ListAsync(ct);
        await using var buffer = WorkbookWriter.CreateBuffer();
        int resources, fields;
        using (var writer = new WorkbookWriter(buffer, classifications))
        {
            long? afterId = null;
            do
            {
                var page = await _catalog.ListAsync(caller, new CatalogListQuery
                {
                    ProviderId = providerId,
                    Status = query.View == CatalogView.Published ? ResourceStatus.Published : null,
                    ClassificationCode = query.ClassificationCode,
                    AfterId = afterId,
                    Limit = Page,
                }, ct);
                foreach (var summary in page.Items.Where(s => s.Status != ResourceStatus.Retired))
                {
                    if (await ReadAsync(caller, summary.Id, query.View, ct) is { } resource)
                    {
                        Write(writer, resource);
                    }
                }

                afterId = page.NextAfterId;
            }
            while (afterId is not null);

            writer.Complete();
            (resources, fields) = (writer.ResourceRows, writer.FieldRows);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
        return new CatalogExportResult(resources, fields);
    }

    /// <summary>The resource as the view shows it; null when it was retired since it was listed.</summary>
    private async Task<CatalogResource?> ReadAsync(CatalogCaller caller, long id, CatalogView view, CancellationToken ct)
    {
        try
        {
            var resource = await _catalog.GetAsync(caller, id, view, ct);
            return resource.Status == ResourceStatus.Retired ? null : resource;
        }
        catch (GongshuException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private static void Write(WorkbookWriter writer, CatalogResource resource)
    {
        var key = (writer.ResourceRows + 1).ToString(CultureInfo.InvariantCulture);
        var m = resource.Version.Metadata;
        writer.AddResource(new Dictionary<string, string?>
        {
            [CatalogWorkbook.RowKey] = key,
            ["classificationCode"] = resource.ClassificationCode,
            ["name"] = m.Name,
            ["summary"] = m.Summary,
            ["keywords"] = WorkbookTerms.Join(m.Keywords),
            ["format"] = WorkbookTerms.ToName(ResourceFormats.List, m.Format),
            ["formatSubtype"] = m.FormatSubtype,
            ["shareType"] = WorkbookTerms.ToName(ShareTypes.List, m.ShareType),
            ["shareCondition"] = m.ShareCondition,
            ["shareMethod"] = WorkbookTerms.ToName(ShareMethods.List, m.ShareMethod),
            ["legalBasis"] = m.LegalBasis,
            ["openType"] = WorkbookTerms.ToName(OpenTypes.List, m.OpenType),
            ["openCondition"] = m.OpenCondition,
            ["updateCycle"] = WorkbookTerms.ToName(UpdateCycles.List, m.UpdateCycle),
            ["relatedCodes"] = WorkbookTerms.Join(m.RelatedCodes),
            ["tags"] = WorkbookTerms.Join(m.Tags),
            ["code"] = resource.Code,
            ["state"] = WorkbookTerms.StateName(resource.Version.State),
        });
        foreach (var f in m.Fields)
        {
            writer.AddField(new Dictionary<string, string?>
            {
                [CatalogWorkbook.RowKey] = key,
                ["name"] = f.Name,
                ["label"] = f.Label,
                ["type"] = WorkbookTerms.ToName(WorkbookTerms.FieldTypes, f.Type),
                ["length"] = f.Length?.ToString(CultureInfo.InvariantCulture),
                ["scale"] = f.Scale?.ToString(CultureInfo.InvariantCulture),
                ["description"] = f.Description,
                ["isKey"] = WorkbookTerms.ToText(f.IsKey),
                ["nullable"] = WorkbookTerms.ToText(f.Nullable),
                ["grade"] = f.Grade,
            });
        }
    }
}
