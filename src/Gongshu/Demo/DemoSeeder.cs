using Dapper;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Security;
using Gongshu.Storage;

namespace Gongshu.Demo;

/// <summary>
/// Fills an empty platform with the demo (used by <c>gongshu demo</c>): the Zhejiang, Hangzhou and
/// Ningbo organization tree with their departments, one account per role with TOTP enrolled, the
/// <see cref="DemoPeople"/> and <see cref="DemoEnterprises"/> datasets, and the catalog of
/// <see cref="DemoCatalog"/> (see <see cref="DemoCatalogSeeder"/>), linked to the datasets
/// through <see cref="DemoLinks"/>.
/// <para>
/// Everything goes through the directory services, so each change is audited as
/// <see cref="Actor.System"/> and commits on its own; each dataset loads in one transaction (one
/// COPY on PostgreSQL). Every step finds before it creates, so a run that died halfway is
/// completed by the next one, and the <c>demo.seeded_at</c> platform setting, written last, lets
/// later runs skip straight to reading the summary back.
/// </para>
/// </summary>
public static class DemoSeeder
{
    public const int PeopleCount = 10_000;
    public const int EnterpriseCount = 2_000;

    /// <summary>The generators' seed: every demo platform holds the same people and companies.</summary>
    public const int DataSeed = 2026;

    /// <summary>
    /// Seeds the demo unless it is there already, and returns its accounts, datasets and catalog.
    /// The database must be migrated. <paramref name="clock"/> is for tests; it defaults to the
    /// system clock.
    /// <para>
    /// The catalog commits each change together with its audit entry, which needs the real
    /// <see cref="AuditLog"/>. Given any other <see cref="IAuditLog"/> (a test's recording log), the
    /// seeder leaves the catalog out, and a later run with the real log adds it.
    /// </para>
    /// </summary>
    public static async Task<DemoSummary> SeedAsync(Database database, KeyStore keys, IAuditLog audit, TimeProvider? clock = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(audit);
        clock ??= TimeProvider.System;
        var organizations = new OrganizationService(database, audit, clock);
        var users = new UserService(database, audit, clock);
        var totp = new TotpService(database, keys, audit, clock);
        var datasets = new DatasetStore(database, clock);

        var seededAt = await DemoMarker.FindAsync(database, ct);
        Dictionary<(string Region, string? Department), Organization>? tree = null;
        if (seededAt is null)
        {
            tree = await CreateOrganizationsAsync(organizations, ct);
            foreach (var plan in DemoDirectory.Users)
            {
                await CreateUserAsync(users, totp, plan, tree[(plan.RegionCode, plan.DepartmentShortCode)].Id, clock, ct);
            }

            await LoadAsync(datasets, audit, DemoPeople.ResourceKey, DemoPeople.Columns, DemoPeople.Generate(PeopleCount, DataSeed), ct);
            await LoadAsync(datasets, audit, DemoEnterprises.ResourceKey, DemoEnterprises.Columns, DemoEnterprises.Generate(EnterpriseCount, DataSeed), ct);
        }

        // The catalog has its own marker, so a demo seeded before there was a catalog gets one now.
        // Catalog changes commit with their audit entries, which takes the real audit log.
        if (audit is AuditLog auditLog && await DemoMarker.FindAsync(database, DemoMarker.CatalogKey, ct) is null)
        {
            tree ??= await CreateOrganizationsAsync(organizations, ct);
            var resources = await DemoCatalogSeeder.SeedAsync(database, auditLog, users, tree, clock, ct);
            await DemoMarker.SetAsync(database, DemoMarker.CatalogKey, clock.GetUtcNow(), ct);
            await audit.AppendAsync(Actor.System.Entry("demo.catalog", null, detail: new
            {
                resources,
                cataloguers = DemoCatalog.Cataloguers.Select(c => c.Username).ToArray(),
            }), ct);
        }

        if (seededAt is null)
        {
            seededAt = await DemoMarker.SetAsync(database, clock.GetUtcNow(), ct);
            await audit.AppendAsync(Actor.System.Entry("demo.seed", null, detail: new
            {
                organizations = tree!.Count,
                users = DemoDirectory.Users.Count,
                datasets = new[] { DemoPeople.ResourceKey, DemoEnterprises.ResourceKey },
            }), ct);
        }

        return await ReadSummaryAsync(database, seededAt.Value, organizations, users, totp, datasets, ct);
    }

    /// <summary>The regions, then the departments, keyed by (region code, department short code or null).</summary>
    private static async Task<Dictionary<(string Region, string? Department), Organization>> CreateOrganizationsAsync(
        OrganizationService organizations, CancellationToken ct)
    {
        var tree = new Dictionary<(string, string?), Organization>();
        foreach (var code in DemoDirectory.Regions)
        {
            tree[(code, null)] = await organizations.FindRegionAsync(code, ct)
                ?? await organizations.CreateRegionAsync(code, Actor.System, ct);
        }

        foreach (var group in DemoDirectory.Departments.GroupBy(d => d.RegionCode))
        {
            var region = tree[(group.Key, null)];
            var existing = (await organizations.ListChildrenAsync(region.Id, ct)).ToDictionary(o => o.ShortCode, StringComparer.Ordinal);
            foreach (var department in group)
            {
                tree[(group.Key, department.ShortCode)] = existing.GetValueOrDefault(department.ShortCode)
                    ?? await organizations.CreateDepartmentAsync(region.Id, department.ShortCode, department.Name, department.CreditCode, Actor.System, ct);
            }
        }

        return tree;
    }

    private static async Task CreateUserAsync(UserService users, TotpService totp, DemoUser plan, long organizationId, TimeProvider clock, CancellationToken ct)
    {
        var user = await users.FindByUsernameAsync(plan.Username, ct)
            ?? await users.CreateAsync(plan.Username, plan.DisplayName, organizationId, [plan.Role], plan.Password, Actor.System, ct);
        if (!user.MustEnrolTotp)
        {
            return;
        }

        // Confirming spends a time step, and a step is never accepted twice. Confirm with the code
        // of the previous step, still inside the accepted window, so that the code an authenticator
        // shows right now signs in at once.
        var enrolment = await totp.BeginEnrolmentAsync(user.Id, Actor.System, ct: ct);
        var previousStep = Totp.TimeStep(clock.GetUtcNow()) - 1;
        var code = Totp.Compute(Base32.Decode(enrolment.SecretBase32), previousStep, enrolment.Digits, enrolment.Algorithm);
        await totp.ConfirmEnrolmentAsync(user.Id, code, Actor.System, ct);
    }

    private static async Task LoadAsync(
        DatasetStore store, IAuditLog audit, string resourceKey, IReadOnlyList<DatasetColumn> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        if (await store.GetCurrentAsync(resourceKey, ct) is not null)
        {
            return;
        }

        var version = await store.CreateVersionAsync(resourceKey, columns, ct);
        long count;
        try
        {
            await using (var writer = await store.OpenWriterAsync(version, ct))
            {
                foreach (var row in rows)
                {
                    ct.ThrowIfCancellationRequested();
                    writer.WriteRow(row);
                }

                count = await writer.CompleteAsync(ct);
            }

            await store.SwitchCurrentAsync(version, ct);
        }
        catch
        {
            await store.AbandonAsync(version, CancellationToken.None);
            throw;
        }

        await audit.AppendAsync(Actor.System.Entry("dataset.load", $"dataset:{resourceKey}",
            detail: new { version = version.Id, rows = count, source = "demo" }), ct);
    }

    private static async Task<DemoSummary> ReadSummaryAsync(
        Database database, DateTimeOffset seededAt, OrganizationService organizations, UserService users, TotpService totp, DatasetStore datasets, CancellationToken ct)
    {
        var accounts = new List<DemoAccount>();
        foreach (var plan in DemoDirectory.Users)
        {
            var user = await users.FindByUsernameAsync(plan.Username, ct)
                ?? throw new GongshuException(ErrorKind.Conflict, "demo_incomplete",
                    $"The demo was seeded on {seededAt:yyyy-MM-dd} but its account '{plan.Username}' is missing.");
            var organization = await organizations.GetAsync(user.OrganizationId, ct);
            var secret = user.TotpEnabled ? await totp.RevealAsync(user.Id, Actor.System, ct) : null;
            accounts.Add(new DemoAccount(user.Username, user.DisplayName, organization.Name, plan.Role, plan.Password, secret?.SecretBase32, secret?.Uri));
        }

        var links = await DemoLinks.ListAsync(database, ct);
        return new DemoSummary(seededAt, accounts,
        [
            new(DemoPeople.ResourceKey, "人口基础信息（演示）", (await datasets.GetCurrentAsync(DemoPeople.ResourceKey, ct))?.RowCount ?? 0,
                links.GetValueOrDefault(DemoPeople.ResourceKey)),
            new(DemoEnterprises.ResourceKey, "法人基础信息（演示）", (await datasets.GetCurrentAsync(DemoEnterprises.ResourceKey, ct))?.RowCount ?? 0,
                links.GetValueOrDefault(DemoEnterprises.ResourceKey)),
        ], await CountCatalogAsync(database, ct));
    }

    /// <summary>The catalog's resources by <see cref="DemoResourceState"/>.</summary>
    private static async Task<DemoCatalogSummary> CountCatalogAsync(Database database, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Status, string? Working, long Count)>(new CommandDefinition("""
            SELECT r.status, w.state, count(*)
            FROM catalog_resources r
            LEFT JOIN catalog_resource_versions w ON w.id = r.working_version_id
            GROUP BY r.status, w.state
            """, cancellationToken: ct));
        var counts = new Dictionary<DemoResourceState, int>();
        foreach (var row in rows)
        {
            var state = DemoCatalog.StateOf(CatalogStates.ParseStatus(row.Status), row.Working is null ? null : CatalogStates.ParseState(row.Working));
            counts[state] = counts.GetValueOrDefault(state) + (int)row.Count;
        }

        return new DemoCatalogSummary(counts);
    }
}
