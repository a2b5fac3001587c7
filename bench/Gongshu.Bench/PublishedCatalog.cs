using System.Diagnostics;
using System.Globalization;
using Dapper;
using Gongshu.Catalog;
using Gongshu.Catalog.Search;
using Gongshu.Directories;
using Gongshu.Storage;

namespace Gongshu.Bench;

/// <summary>
/// Publishes the <see cref="SearchCorpus"/> documents as catalog resources, fast enough for
/// 100,000 of them: the corpus's regions and departments are created through the
/// <see cref="OrganizationService"/>, then each resource is written with the catalog's own store
/// methods, a thousand to a transaction (four writers at once on PostgreSQL) — its code, its
/// published version with its fields and score, its name claim — the rows <see cref="CatalogService"/>
/// leaves once a resource is approved, but without the review's transitions and audit entries (no
/// read of the open catalog uses them). The search index is then rebuilt from the published catalog with
/// <see cref="CatalogSearchIndex.ReindexAllAsync"/>.
/// <para>
/// The corpus is made to pass the metadata rules: grades are lowered where the open type demands
/// (open is L1 only, restricted at most L3), an unconditional share of an L3 resource becomes
/// conditional, and classifications the reference list lacks (<c>201001</c>) are filed under
/// their 项 (<c>201</c>). A name a provider already uses gets a number.
/// </para>
/// </summary>
internal static class PublishedCatalog
{
    private const int ResourcesPerTransaction = 1_000;

    /// <summary>Writers side by side on PostgreSQL, to keep it busy while each waits for a round trip; SQLite has one writer.</summary>
    private const int PostgresWriters = 4;

    /// <summary>Published resources in the catalog.</summary>
    public static async Task<long> CountAsync(Database database)
    {
        await using var connection = await database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM catalog_resources WHERE status = 'published'");
    }

    /// <summary>Creates the corpus's organizations and publishes <paramref name="count"/> resources; the catalog must be empty.</summary>
    public static async Task SeedAsync(Database database, OrganizationService organizations, CatalogService catalog, CatalogSearchIndex index, int count,
        Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        var providers = await CreateOrganizationsAsync(organizations);
        var classifications = (await ClassificationsAsync(database)).ToHashSet(StringComparer.Ordinal);
        var names = new Dictionary<(long, string), int>();
        var planned = SearchCorpus.Documents(count).Select(d => Plan(d, providers[d.ProviderId], classifications, names)).ToList();

        // Each writer takes whole classifications, so writers never wait on one another's code counter.
        var writers = Enumerable.Range(0, database.Kind == DatabaseKind.Postgres ? PostgresWriters : 1).Select(_ => new List<Resource>()).ToList();
        foreach (var group in planned.GroupBy(r => r.Classification).OrderByDescending(g => g.Count()))
        {
            writers.MinBy(w => w.Count)!.AddRange(group);
        }

        var written = 0;
        await Parallel.ForEachAsync(writers, new ParallelOptions { MaxDegreeOfParallelism = writers.Count }, async (resources, ct) =>
        {
            foreach (var chunk in resources.Chunk(ResourcesPerTransaction))
            {
                await using var work = await CatalogWork.BeginAsync(database, ct);
                foreach (var resource in chunk)
                {
                    await PublishAsync(work, resource, ct);
                }

                await work.Transaction.CommitAsync(ct);
                var total = Interlocked.Add(ref written, chunk.Length);
                if (total / 20_000 > (total - chunk.Length) / 20_000 || total == count)
                {
                    log($"  published {total:N0} resources ({clock.Elapsed.TotalSeconds:F0} s)");
                }
            }
        });

        var indexed = await index.ReindexAllAsync(catalog.PublishedDocumentsAsync());
        log($"  indexed {indexed:N0} resources ({clock.Elapsed.TotalSeconds:F0} s)");
    }

    /// <summary>The corpus's regions and, under them, its departments; returns the organization id of each corpus provider.</summary>
    private static async Task<Dictionary<long, long>> CreateOrganizationsAsync(OrganizationService organizations)
    {
        var regions = new Dictionary<string, Organization>(StringComparer.Ordinal);

        // Parents sort before their children: 330000, 330100, 330102 … 330200.
        foreach (var division in SearchCorpus.Providers.Select(p => p.DivisionCode).Distinct().Order(StringComparer.Ordinal))
        {
            regions[division] = await organizations.CreateRegionAsync(division, Actor.System);
        }

        var ids = new Dictionary<long, long>();
        foreach (var provider in SearchCorpus.Providers)
        {
            var department = await organizations.CreateDepartmentAsync(regions[provider.DivisionCode].Id,
                string.Create(CultureInfo.InvariantCulture, $"d{provider.Id}"), provider.Name, null, Actor.System);
            ids[provider.Id] = department.Id;
        }

        return ids;
    }

    private static async Task<IEnumerable<string>> ClassificationsAsync(Database database)
    {
        await using var connection = await database.OpenConnectionAsync();
        return await connection.QueryAsync<string>("SELECT code FROM catalog_classifications");
    }

    /// <summary>A corpus document made a resource that passes the rules, under a classification of the reference list, with a name its provider does not use yet.</summary>
    private sealed record Resource(SearchDocument Document, long ProviderId, string Classification, ResourceMetadata Metadata, MetadataReport Report);

    private static Resource Plan(SearchDocument document, long providerId, HashSet<string> classifications, Dictionary<(long, string), int> names)
    {
        var classification = classifications.Contains(document.ClassificationCode) ? document.ClassificationCode : document.ClassificationCode[..3];
        var uses = names.GetValueOrDefault((providerId, document.Name)) + 1;
        names[(providerId, document.Name)] = uses;
        var metadata = MetadataInput.Normalize(Metadata(document, uses == 1 ? document.Name : $"{document.Name}（{uses}）"));
        var report = MetadataRules.Check(metadata);
        return report.CanSubmit
            ? new Resource(document, providerId, classification, metadata, report)
            : throw new InvalidOperationException($"Generated resource {document.ResourceId} fails {string.Join(", ", report.Blocking.Select(f => f.Rule))}.");
    }

    private static async Task PublishAsync(CatalogWork work, Resource resource, CancellationToken ct)
    {
        var (connection, tx, at, providerId) = (work.Connection, work.Transaction, resource.Document.UpdatedAt, resource.ProviderId);
        var code = await CatalogStore.NextCodeAsync(connection, tx, resource.Classification, ct);
        var id = await CatalogStore.InsertResourceAsync(connection, tx, code, resource.Classification, providerId, at, ct);
        var versionId = await CatalogStore.InsertVersionAsync(connection, tx, id, VersionState.Published, resource.Metadata, resource.Report, Actor.System.Id, at, ct);
        await CatalogStore.SetVersionStateAsync(connection, tx, versionId, VersionState.Published, at, ct, reviewComment: "同意发布");
        await CatalogStore.UpdateResourceAsync(connection, tx, id, ResourceStatus.Published, versionId, null, at, ct);
        await CatalogStore.ClaimNamesAsync(connection, tx, id, providerId, [resource.Metadata.Name], ct);
    }

    private static ResourceMetadata Metadata(SearchDocument d, string name)
    {
        var grade = d.OpenType switch
        {
            OpenTypes.Open => "L1",
            OpenTypes.Restricted when d.Grade == "L4" => "L3",
            _ => d.Grade,
        };
        var shareType = d.ShareType == ShareTypes.Unconditional && DataGrades.Level(grade) >= 3 ? ShareTypes.Conditional : d.ShareType;
        var fields = new List<ResourceField>();
        for (var i = 0; i + 1 < d.FieldLabels.Count; i += 2)
        {
            fields.Add(new ResourceField
            {
                Name = d.FieldLabels[i].ToLowerInvariant(),
                Label = d.FieldLabels[i + 1],
                Type = "C",
                Length = 100,
                Description = $"{d.FieldLabels[i + 1]}，按国家标准填写",
                IsKey = i == 0,
                Nullable = i != 0,
                Grade = grade,
            });
        }

        return new ResourceMetadata
        {
            Name = name,
            Summary = d.Summary,
            Keywords = d.Keywords,
            Format = d.Format,
            FormatSubtype = d.Format switch
            {
                ResourceFormats.Database => "PostgreSQL 15",
                ResourceFormats.Spreadsheet => "xlsx",
                ResourceFormats.Api => "REST/JSON",
                ResourceFormats.Image => "png",
                ResourceFormats.Media => "mp4",
                ResourceFormats.SelfDescribing => "json",
                _ => "pdf",
            },
            Fields = fields,
            ShareType = shareType,
            ShareCondition = shareType == ShareTypes.Unconditional ? null : "仅限履行法定职责使用，经数源部门审核后共享",
            ShareMethod = shareType == ShareTypes.None ? null : d.Format switch
            {
                ResourceFormats.Database => ShareMethods.Table,
                ResourceFormats.Api => ShareMethods.Api,
                _ => ShareMethods.File,
            },
            LegalBasis = shareType == ShareTypes.Unconditional ? null : "《浙江省公共数据条例》第二十三条",
            OpenType = d.OpenType,
            OpenCondition = d.OpenType == OpenTypes.Restricted ? "注册用户申请并签署开放利用协议后开放" : null,
            UpdateCycle = d.UpdateCycle,
            Tags = d.Tags,
        };
    }
}
