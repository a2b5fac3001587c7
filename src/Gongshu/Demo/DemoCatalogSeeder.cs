using System.Security.Cryptography;
using Dapper;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Catalog.Search;
using Gongshu.Directories;
using Gongshu.Storage;

namespace Gongshu.Demo;

/// <summary>
/// Catalogs <see cref="DemoCatalog.Resources"/> through the <see cref="CatalogService"/>, as the
/// people who would: each department's provider admin creates and submits its resources
/// (provider.gat and provider.scjg for theirs, an unprinted <see cref="DemoCatalog.Cataloguers"/>
/// account for every other department), and admin.dsj reviews them. Every step is an ordinary
/// audited catalog transition.
/// <para>
/// A resource is found by provider and name (in any of its versions, so a retired one is found
/// too) before it is created, and then moved on from wherever it stands to its planned state, so a
/// run that stopped halfway is completed by the next one without duplicates.
/// </para>
/// <para>
/// The hand-written resources go first, one at a time; then the generated district resources,
/// template by template (several templates at once on PostgreSQL, see <see cref="PostgresStreams"/>).
/// </para>
/// </summary>
internal static class DemoCatalogSeeder
{
    public const string Reviewer = "admin.dsj";

    /// <summary>
    /// How many district templates are cataloged side by side on PostgreSQL. Each catalog change is
    /// a short transaction of a dozen or so round trips that ends by appending to the audit chain;
    /// a few at once keep the server busy while one waits. SQLite has a single writer, so there
    /// they go one at a time.
    /// </summary>
    private const int PostgresStreams = 4;

    /// <summary>Seeds the catalog; returns how many resources it holds.</summary>
    public static async Task<int> SeedAsync(Database database, AuditLog audit, UserService users,
        IReadOnlyDictionary<(string Region, string? Department), Organization> tree, TimeProvider clock, CancellationToken ct)
    {
        var catalog = new CatalogService(database, audit, new CatalogSearchIndex(database), clock);
        var reviewer = CatalogCaller.ForUser(await RequireUserAsync(users, Reviewer, ct));
        var providers = await FindProvidersAsync(users, tree, ct);
        var existing = await FindExistingAsync(database, ct);

        // The hand-written resources one after the other, in table order: a resource named as
        // related is published before the one that names it.
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var plan in DemoCatalog.Resources.Where(r => r.Template is null))
        {
            codes[plan.Name] = await CatalogAsync(database, catalog, plan, codes, existing, providers, reviewer, clock, ct);
        }

        // The district resources name only hand-written ones as related, so the templates are
        // independent. Each has one provider per city and a classification of its own among the
        // templates, so a template's resources get the same codes (分类码/顺序码) in every run
        // however the templates interleave.
        var templates = DemoCatalog.Resources.Where(r => r.Template is not null).GroupBy(r => r.Template).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = database.Kind == DatabaseKind.Postgres ? PostgresStreams : 1, CancellationToken = ct };
        await Parallel.ForEachAsync(templates, options, async (template, token) =>
        {
            foreach (var plan in template)
            {
                await CatalogAsync(database, catalog, plan, codes, existing, providers, reviewer, clock, token);
            }
        });

        return DemoCatalog.Resources.Count;
    }

    /// <summary>
    /// The provider admin who catalogs each department's resources: the printed ones, then an
    /// unprinted cataloguer for every other department, created if missing. Creating an account
    /// hashes its password (tens of milliseconds of CPU), so the missing ones are created a few
    /// at a time.
    /// </summary>
    private static async Task<Dictionary<(string, string), CatalogCaller>> FindProvidersAsync(UserService users,
        IReadOnlyDictionary<(string Region, string? Department), Organization> tree, CancellationToken ct)
    {
        var providers = new Dictionary<(string, string), CatalogCaller>();
        foreach (var plan in DemoDirectory.Users.Where(u => u is { Role: Role.ProviderAdmin, DepartmentShortCode: not null }))
        {
            providers[(plan.RegionCode, plan.DepartmentShortCode!)] = CatalogCaller.ForUser(await RequireUserAsync(users, plan.Username, ct));
        }

        var missing = new List<DemoCataloguer>();
        foreach (var cataloguer in DemoCatalog.Cataloguers)
        {
            if (await users.FindByUsernameAsync(cataloguer.Username, ct) is { } user)
            {
                providers[(cataloguer.RegionCode, cataloguer.DepartmentShortCode)] = CatalogCaller.ForUser(user);
            }
            else
            {
                missing.Add(cataloguer);
            }
        }

        var created = new User[missing.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 1, 4), CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, missing.Count), options, async (i, token) =>
        {
            var cataloguer = missing[i];
            created[i] = await users.CreateAsync(cataloguer.Username, cataloguer.DisplayName, tree[(cataloguer.RegionCode, cataloguer.DepartmentShortCode)].Id,
                [Role.ProviderAdmin], UnknownPassword(), Actor.System, token);
        });
        for (var i = 0; i < missing.Count; i++)
        {
            providers[(missing[i].RegionCode, missing[i].DepartmentShortCode)] = CatalogCaller.ForUser(created[i]);
        }

        return providers;
    }

    /// <summary>Finds or creates the resource of <paramref name="plan"/> and moves it to its planned state; returns its code.</summary>
    private static async Task<string> CatalogAsync(Database database, CatalogService catalog, DemoResource plan, IReadOnlyDictionary<string, string> codes,
        IReadOnlyDictionary<(long ProviderId, string Name), long> existing, IReadOnlyDictionary<(string, string), CatalogCaller> providers,
        CatalogCaller reviewer, TimeProvider clock, CancellationToken ct)
    {
        var provider = providers[(plan.RegionCode, plan.DepartmentShortCode)];
        var metadata = plan.Metadata with { RelatedCodes = plan.RelatedNames.Select(name => codes[name]).ToList() };
        var resource = existing.TryGetValue((provider.OrganizationId, plan.Name), out var id)
            ? await catalog.GetAsync(reviewer, id, CatalogView.Working, ct)
            : await catalog.CreateDraftAsync(provider, plan.ClassificationCode, metadata, ct);
        resource = await AdvanceAsync(catalog, plan, metadata, resource, provider, reviewer, ct);
        if (plan.DatasetKey is { } datasetKey)
        {
            await DemoLinks.SetAsync(database, datasetKey, resource.Code, clock.GetUtcNow(), ct);
        }

        return resource.Code;
    }

    /// <summary>Moves a resource one transition at a time from where it stands to its planned state.</summary>
    private static async Task<CatalogResource> AdvanceAsync(CatalogService catalog, DemoResource plan, ResourceMetadata metadata,
        CatalogResource resource, CatalogCaller provider, CatalogCaller reviewer, CancellationToken ct)
    {
        while (Next(plan.State, resource) is { } step)
        {
            resource = step switch
            {
                Step.Submit => await catalog.SubmitAsync(provider, resource.Id, ct),
                Step.Approve => await catalog.ApproveAsync(reviewer, resource.Id, DemoCatalog.ApprovalComment, ct),
                Step.Return => await catalog.ReturnAsync(reviewer, resource.Id, plan.Comment!, ct),
                Step.Change => await catalog.UpdateDraftAsync(provider, resource.Id, plan.Change!(metadata), ct),
                Step.Retire => await catalog.RetireAsync(provider, resource.Id, plan.Comment, ct),
                _ => throw new InvalidOperationException(step.ToString()),
            };
        }

        return resource;
    }

    private enum Step
    {
        Submit,
        Approve,
        Return,
        Change,
        Retire,
    }

    /// <summary>
    /// The next transition towards <paramref name="target"/>, or null once there (or when someone
    /// else has taken the resource somewhere the plan does not lead: it is left as it is).
    /// </summary>
    private static Step? Next(DemoResourceState target, CatalogResource resource) => (resource.Status, resource.WorkingState) switch
    {
        (ResourceStatus.Draft, VersionState.Draft) => target == DemoResourceState.Draft ? null : Step.Submit,
        (ResourceStatus.Draft, VersionState.Returned) => target is DemoResourceState.Draft or DemoResourceState.Returned ? null : Step.Submit,
        (ResourceStatus.Draft, VersionState.Submitted) => target switch
        {
            DemoResourceState.Submitted => null,
            DemoResourceState.Returned => Step.Return,
            _ => Step.Approve,
        },
        (ResourceStatus.Published, null) => target switch
        {
            DemoResourceState.Retired => Step.Retire,
            DemoResourceState.ChangeUnderReview when resource.Version.VersionNo == 1 => Step.Change,
            _ => null,
        },
        (ResourceStatus.Published, VersionState.Draft or VersionState.Returned) => target == DemoResourceState.ChangeUnderReview ? Step.Submit : null,
        _ => null,
    };

    /// <summary>Every resource id by provider and any name it has had; a live resource wins over a retired one of the same name.</summary>
    private static async Task<Dictionary<(long ProviderId, string Name), long>> FindExistingAsync(Database database, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(long ProviderId, string Name, long Id)>(new CommandDefinition("""
            SELECT r.provider_id, v.name, r.id
            FROM catalog_resources r
            JOIN catalog_resource_versions v ON v.resource_id = r.id
            ORDER BY CASE WHEN r.status = 'retired' THEN 1 ELSE 0 END DESC, r.id DESC
            """, cancellationToken: ct));

        // Ordered so that the preferred row comes last and overwrites the others.
        var found = new Dictionary<(long, string), long>();
        foreach (var row in rows)
        {
            found[(row.ProviderId, row.Name)] = row.Id;
        }

        return found;
    }

    private static async Task<User> RequireUserAsync(UserService users, string username, CancellationToken ct)
        => await users.FindByUsernameAsync(username, ct)
            ?? throw new GongshuException(ErrorKind.Conflict, "demo_incomplete", $"The demo account '{username}' is missing; the catalog cannot be seeded without it.");

    /// <summary>A strong password nobody is told: the account exists to author the catalog, not to sign in.</summary>
    private static string UnknownPassword() => "Gs#" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
}
