using Dapper;
using Gongshu.Audit;
using Gongshu.Demo;
using Gongshu.Directories;
using Gongshu.Identifiers;
using Gongshu.Storage;
using Gongshu.Tests.DirectoryTests;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Demo;

public class DemoSeederTests
{
    private static Task<DemoSummary> SeedAsync(DirectoryHarness h)
        => DemoSeeder.SeedAsync(h.Database, h.Keys, h.Audit, h.Clock);

    [Theory, AllDatabases]
    public async Task Seeding_twice_gives_the_same_summary_and_creates_nothing_twice(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind, withTree: false);
        var first = await SeedAsync(h);
        var counts = await CountRowsAsync(h.Database);
        var auditedFirst = h.Audit.Entries.Count;

        h.Clock.Advance(TimeSpan.FromHours(1));
        var second = await SeedAsync(h);

        Assert.Equal(first.SeededAt, second.SeededAt);
        Assert.Equal(first.Accounts, second.Accounts);
        Assert.Equal(first.Datasets, second.Datasets);
        Assert.Equal(counts, await CountRowsAsync(h.Database));
        Assert.Equal((DemoDirectory.Regions.Count + DemoDirectory.Departments.Count, DemoDirectory.Users.Count, 2L), counts);

        // The second run only read the secrets back, and said so.
        Assert.All(h.Audit.Entries.Skip(auditedFirst), e => Assert.Equal("user.totp_reveal", e.Action));
        Assert.Single(h.Audit.Where("demo.seed"));
        Assert.All(h.Audit.Entries, e => Assert.Equal((Actor.System.Id, AuditOutcome.Success), (e.Actor, e.Outcome)));
        Assert.All(h.Audit.Entries, AuditEntryRules.Validate);
    }

    [Theory, AllDatabases]
    public async Task Every_demo_account_signs_in_with_its_password_and_the_printed_secret(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind, withTree: false);
        var summary = await SeedAsync(h);

        Assert.Equal(Enum.GetValues<Role>().Order(), summary.Accounts.Select(a => a.Role).Distinct().Order());
        foreach (var account in summary.Accounts)
        {
            // Same clock as the seeding: the code shown right after `gongshu demo` must work.
            var code = account.TotpSecret is { } secret ? Totp.Compute(Base32.Decode(secret), h.Clock.GetUtcNow()) : null;
            var user = await h.Authentication.SignInAsync(account.Username, account.Password, code, "192.0.2.10");

            Assert.Equal([account.Role], user.Roles);
            Assert.False(user.MustEnrolTotp);
            Assert.Equal(account.Organization, (await h.Organizations.GetAsync(user.OrganizationId)).Name);
            Assert.Equal(account.Role != Role.Public, account.TotpSecret is not null);
            if (account.TotpSecret is not null)
            {
                Assert.Equal($"otpauth://totp/Gongshu:{account.Username}?secret={account.TotpSecret}&issuer=Gongshu", account.TotpUri);
            }
        }
    }

    [Theory, AllDatabases]
    public async Task The_tree_has_cities_under_the_province_and_departments_under_their_region(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind, withTree: false);
        await SeedAsync(h);

        var province = (await h.Organizations.FindRegionAsync("330000"))!;
        var hangzhou = (await h.Organizations.FindRegionAsync("330100"))!;
        var ningbo = (await h.Organizations.FindRegionAsync("330200"))!;
        Assert.Equal((OrganizationKind.Province, null), (province.Kind, province.ParentId));
        Assert.Equal((OrganizationKind.City, province.Id), (hangzhou.Kind, hangzhou.ParentId));
        Assert.Equal((OrganizationKind.City, province.Id), (ningbo.Kind, ningbo.ParentId));
        Assert.Equal(hangzhou.Id, (await h.Organizations.FindRegionAsync("330106"))!.ParentId);
        Assert.Equal(ningbo.Id, (await h.Organizations.FindRegionAsync("330212"))!.ParentId);

        var departments = new List<Organization>();
        foreach (var id in await h.Organizations.GetSubtreeIdsAsync(province.Id))
        {
            if (await h.Organizations.GetAsync(id) is { Kind: OrganizationKind.Department } department)
            {
                departments.Add(department);
                var parent = await h.Organizations.GetAsync(department.ParentId!.Value);
                Assert.NotEqual(OrganizationKind.Department, parent.Kind);
                Assert.Equal(parent.DivisionCode, department.DivisionCode);
                Assert.True(CreditCode.IsValid(department.CreditCode), department.CreditCode);
                Assert.Equal(department.DivisionCode, department.CreditCode![2..8]);
            }
        }

        Assert.True(departments.Count >= 15);
        Assert.Contains(departments, d => (d.Name, d.ParentId) == ("浙江省大数据发展管理局", province.Id));
        Assert.Contains(departments, d => (d.Name, d.ParentId) == ("杭州市数据资源管理局", hangzhou.Id));
        Assert.Equal(departments.Count, departments.Select(d => d.CreditCode).Distinct().Count());
    }

    [Theory, AllDatabases]
    public async Task A_run_that_stopped_halfway_is_completed_by_the_next(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind, withTree: false);
        var province = await h.Organizations.CreateRegionAsync("330000", Actor.System);
        var dsj = DemoDirectory.Departments[0];
        var department = await h.Organizations.CreateDepartmentAsync(province.Id, dsj.ShortCode, dsj.Name, dsj.CreditCode, Actor.System);
        var admin = DemoDirectory.Users[0];
        await h.Users.CreateAsync(admin.Username, admin.DisplayName, department.Id, [admin.Role], admin.Password, Actor.System);

        var summary = await SeedAsync(h);

        Assert.Equal((DemoDirectory.Regions.Count + DemoDirectory.Departments.Count, DemoDirectory.Users.Count, 2L), await CountRowsAsync(h.Database));
        Assert.NotNull(summary.Accounts[0].TotpSecret);
        Assert.Equal(dsj.Name, summary.Accounts[0].Organization);
    }

    [Theory, AllDatabases]
    public async Task The_demo_datasets_are_current_with_every_row_readable(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind, withTree: false);
        var summary = await SeedAsync(h);

        Assert.Equal(
            [(DemoPeople.ResourceKey, (long)DemoSeeder.PeopleCount), (DemoEnterprises.ResourceKey, (long)DemoSeeder.EnterpriseCount)],
            summary.Datasets.Select(d => (d.ResourceKey, d.RowCount)));
        var store = new DatasetStore(h.Database);
        var people = (await store.GetCurrentAsync(DemoPeople.ResourceKey))!;
        await using var connection = await h.Database.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(string Sex, string IdNumber)>(
            $"SELECT sex, id_number FROM {people.TableName} ORDER BY _row_id")).ToList();

        Assert.Equal(DemoSeeder.PeopleCount, rows.Count);
        Assert.All(rows, r => Assert.True(IdentityNumber.IsValid(r.IdNumber) && (r.IdNumber[16] % 2 == 1) == (r.Sex == "男"), r.IdNumber));
        Assert.Equal(DemoPeople.Generate(1, DemoSeeder.DataSeed).Single()[2], rows[0].IdNumber);
    }

    /// <summary>Organizations, users and dataset versions: what a duplicate would show up in.</summary>
    private static async Task<(long Organizations, long Users, long DatasetVersions)> CountRowsAsync(Database database)
    {
        await using var connection = await database.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(long, long, long)>("""
            SELECT (SELECT count(*) FROM organizations), (SELECT count(*) FROM users), (SELECT count(*) FROM dataset_versions)
            """);
    }
}
