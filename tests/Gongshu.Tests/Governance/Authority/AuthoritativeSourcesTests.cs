using System.Text;
using System.Text.Json;
using Dapper;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Governance.Authority;
using Gongshu.Storage;
using Gongshu.Tests.CatalogTests;
using Gongshu.Tests.CollectionTests;
using Gongshu.Tests.Security.Encryption;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Governance.Authority;

public sealed class AuthoritativeSourcesTests
{
    [Theory, AllDatabases]
    public async Task The_report_counts_each_copy_record_against_the_encrypted_authority_and_masks_the_disagreements(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var sources = Sources(h);
        var people = EncryptionAtRestTests.People(30);

        // The authority: p9 twice with two names (ambiguous), p10 without a name.
        var authorityCsv = "id_number,name,birth_date\n"
            + string.Concat(people.Take(9).Select(p => $"{p.Id},{p.Name},{p.Birth:yyyy-MM-dd}\n"))
            + $"{people[9].Id},{people[9].Name},{people[9].Birth:yyyy-MM-dd}\n{people[9].Id},吴钢,{people[9].Birth:yyyy-MM-dd}\n"
            + $"{people[10].Id},,{people[10].Birth:yyyy-MM-dd}\n";
        await h.LoadAsync(Encoding.UTF8.GetBytes(authorityCsv), "people.csv");
        var authorityVersion = (await h.Collection.Datasets.GetCurrentAsync(h.Resource.Code))!;
        Assert.Contains(authorityVersion.Columns, c => c.Name == DatasetColumn.BlindIndexName("id_number") && c.Indexed);

        var copy = await PublishCopyAsync(h, h.Catalog.MarketAdmin, "市场主体登记人员信息");
        var copyCsv = "person_id,person_name\n"
            + $"{people[0].Id},{people[0].Name}\n"      // agrees
            + $"{people[1].Id}, {people[1].Name} \n"    // agrees once trimmed
            + $"{people[2].Id},{people[2].Name}\n"      // agrees
            + $"{people[3].Id},赵洋\n"                  // disagrees (刘洋)
            + $"{people[4].Id},王静\n"                  // disagrees (陈静)
            + $"{people[6].Id},\n"                      // empty in the copy
            + $"{people[9].Id},{people[9].Name}\n"      // ambiguous in the authority
            + $"{people[10].Id},欧阳娜娜\n"             // empty in the authority
            + $"{people[20].Id},{people[20].Name}\n"    // missing in the authority
            + $"{people[21].Id},{people[21].Name}\n"    // missing in the authority
            + $"{people[7].Id},黄刚\n";                 // disagrees (黄强)
        await h.LoadAsync(Encoding.UTF8.GetBytes(copyCsv), "copy.csv", caller: h.Catalog.MarketAdmin, resourceId: copy.Id);

        var element = await sources.RegisterAsync(h.Catalog.Reviewer, new NewDataElement("person.name", "自然人姓名", h.Resource.Code, "id_number", "name"));
        var added = await sources.AddCopyAsync(h.Catalog.MarketAdmin, element.Id, new NewElementCopy(copy.Code, "person_id", "person_name"));

        var report = await sources.ConflictsAsync(h.Catalog.Reviewer, element.Id);

        Assert.Equal((ComparisonStates.Compared, authorityVersion.Id, 12L, 11L, 0L, 1L),
            (report.Authority.State, report.Authority.DataVersion, report.Authority.Rows, report.Authority.Keys, report.Authority.EmptyKeys, report.Authority.DuplicateKeys));
        var section = Assert.Single(report.Copies);
        Assert.Equal((added.Id, h.Catalog.Market.Id, ComparisonStates.Compared), (section.CopyId, section.ProviderId, section.State));
        Assert.Equal((11L, 3L, 3L, 2L, 2L, 1L), (section.Compared, section.Agree, section.Disagree, section.MissingInAuthority, section.EmptyValues, section.Ambiguous));
        Assert.Equal(
            [
                new ConflictSample(4, Masked(people[3].Id), "赵*", "刘*"),
                new ConflictSample(5, Masked(people[4].Id), "王*", "陈*"),
                new ConflictSample(11, Masked(people[7].Id), "黄*", "黄*"),
            ],
            section.Samples);

        var audit = Assert.Single(await AuditAsync(h, "governance.authority.report"));
        Assert.Equal($"authority-element:{element.Id}", audit.Object);
        var detail = JsonDocument.Parse(audit.Detail!).RootElement.GetProperty("copies")[0];
        Assert.Equal((added.Id, 11, 3), (detail.GetProperty("copy").GetInt64(), detail.GetProperty("compared").GetInt32(), detail.GetProperty("disagree").GetInt32()));
    }

    [Theory, AllDatabases]
    public async Task A_plain_keyed_authority_finds_the_sampled_values_in_a_second_pass_and_missing_data_is_reported_not_failed(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var sources = Sources(h);
        var first = Gongshu.Identifiers.CreditCode.Create('9', '1', "330106", "MA2AAAA1");
        var second = Gongshu.Identifiers.CreditCode.Create('9', '1', "330106", "MA2AAAB2");
        var library = await h.Catalog.PublishAsync(h.Catalog.MarketAdmin, Enterprises("法人基础信息库", "credit_code", "enterprise"));
        var penalties = await h.Catalog.PublishAsync(h.Catalog.PoliceAdmin, Enterprises("治安处罚涉及企业", "uscc", "enterprise_name"));
        var element = await sources.RegisterAsync(h.Catalog.Reviewer, new NewDataElement("enterprise.name", "法人名称", library.Code, "credit_code", "enterprise"));
        await sources.AddCopyAsync(h.Catalog.PoliceAdmin, element.Id, new NewElementCopy(penalties.Code, "uscc", "enterprise_name"));

        var nothing = await sources.ConflictsAsync(h.Catalog.Reviewer, element.Id);
        Assert.Equal((ComparisonStates.NoData, 0L), (nothing.Authority.State, nothing.Authority.Rows));
        Assert.Equal((ComparisonStates.AuthorityUnavailable, 0L), (nothing.Copies[0].State, nothing.Copies[0].Compared));

        await h.LoadAsync(Encoding.UTF8.GetBytes($"credit_code,enterprise\n{first},杭州西湖龙井茶叶有限公司\n{second},乙公司\n"), "library.csv",
            caller: h.Catalog.MarketAdmin, resourceId: library.Id);
        var noCopyData = await sources.ConflictsAsync(h.Catalog.Reviewer, element.Id);
        Assert.Equal((ComparisonStates.Compared, 2L), (noCopyData.Authority.State, noCopyData.Authority.Rows));
        Assert.Equal(ComparisonStates.NoData, noCopyData.Copies[0].State);

        // The key in lower case still finds the authority's record, as its blind index would.
        await h.LoadAsync(Encoding.UTF8.GetBytes($"uscc,enterprise_name\n{first.ToLowerInvariant()},杭州西湖龙井茶业有限公司\n{second},乙公司\n"), "penalties.csv",
            resourceId: penalties.Id);
        var libraryVersion = (await h.Collection.Datasets.GetCurrentAsync(library.Code))!;
        Assert.DoesNotContain(libraryVersion.Columns, c => c.Protection != ColumnProtection.None);

        var copy = Assert.Single((await sources.ConflictsAsync(h.Catalog.Reviewer, element.Id)).Copies);
        Assert.Equal((2L, 1L, 1L), (copy.Compared, copy.Agree, copy.Disagree));
        Assert.Equal(new ConflictSample(1, Masked(first.ToUpperInvariant()), "杭州********公司", "杭州********公司"), Assert.Single(copy.Samples));
    }

    [Theory, AllDatabases]
    public async Task Admins_and_auditors_see_every_copy_a_provider_only_its_own_and_anyone_else_gets_404(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var sources = Sources(h);
        var market = await PublishCopyAsync(h, h.Catalog.MarketAdmin, "市场主体登记人员信息");
        var police = await PublishCopyAsync(h, h.Catalog.PoliceAdmin, "出入境人员信息");
        var element = await sources.RegisterAsync(h.Catalog.Reviewer, new NewDataElement("person.name", "自然人姓名", h.Resource.Code, "id_number", "name"));
        var marketCopy = await sources.AddCopyAsync(h.Catalog.MarketAdmin, element.Id, new NewElementCopy(market.Code, "person_id", "person_name"));
        var policeCopy = await sources.AddCopyAsync(h.Catalog.Reviewer, element.Id, new NewElementCopy(police.Code, "person_id", "person_name"));

        var auditor = new CatalogCaller(601, h.Catalog.DataBureau.Id, [Role.Auditor]);
        Assert.Equal([marketCopy.Id, policeCopy.Id], (await sources.ConflictsAsync(h.Catalog.Reviewer, element.Id)).Copies.Select(c => c.CopyId));
        Assert.Equal([marketCopy.Id, policeCopy.Id], (await sources.ConflictsAsync(auditor, element.Id)).Copies.Select(c => c.CopyId));
        Assert.Equal([marketCopy.Id], (await sources.ConflictsAsync(h.Catalog.MarketAdmin, element.Id)).Copies.Select(c => c.CopyId));
        Assert.Equal([policeCopy.Id], (await sources.ConflictsAsync(h.Catalog.PoliceAdmin, element.Id)).Copies.Select(c => c.CopyId));

        var bureauProvider = new CatalogCaller(502, h.Catalog.DataBureau.Id, [Role.ProviderAdmin]);
        foreach (var outsider in new[] { bureauProvider, h.Catalog.PoliceConsumer })
        {
            var hidden = await Assert.ThrowsAsync<GongshuException>(() => sources.ConflictsAsync(outsider, element.Id));
            Assert.Equal((ErrorKind.NotFound, "conflicts_not_found"), (hidden.Kind, hidden.Code));
        }

        var consumer = await Assert.ThrowsAsync<GongshuException>(() => sources.RegisterAsync(h.Catalog.PoliceConsumer,
            new NewDataElement("person.sex", "性别", h.Resource.Code, "id_number", "birth_date")));
        Assert.Equal((ErrorKind.Forbidden, "authority_forbidden"), (consumer.Kind, consumer.Code));
        var provider = await Assert.ThrowsAsync<GongshuException>(() => sources.ChangeAsync(h.Catalog.PoliceAdmin, element.Id,
            new DataElementChange("自然人姓名", police.Code, "person_id", "person_name")));
        Assert.Equal(ErrorKind.Forbidden, provider.Kind);
        var othersResource = await Assert.ThrowsAsync<GongshuException>(() => sources.RemoveCopyAsync(h.Catalog.MarketAdmin, element.Id, policeCopy.Id));
        Assert.Equal(ErrorKind.Forbidden, othersResource.Kind);
        var citizen = await Assert.ThrowsAsync<GongshuException>(() => sources.ListAsync(h.Catalog.Citizen));
        Assert.Equal(ErrorKind.Forbidden, citizen.Kind);

        Assert.Equal(2, (await sources.GetAsync(h.Catalog.PoliceConsumer, element.Id)).Copies.Count);
        await sources.RemoveCopyAsync(h.Catalog.MarketAdmin, element.Id, marketCopy.Id);
        Assert.Equal([policeCopy.Id], (await sources.GetAsync(h.Catalog.Reviewer, element.Id)).Copies.Select(c => c.Id));
        var gone = await Assert.ThrowsAsync<GongshuException>(() => sources.ConflictsAsync(h.Catalog.MarketAdmin, element.Id));
        Assert.Equal(ErrorKind.NotFound, gone.Kind);
    }

    [Theory, AllDatabases]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_half_saved(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var sources = Sources(h);
        var admin = h.Catalog.Reviewer;
        var copy = await PublishCopyAsync(h, h.Catalog.MarketAdmin, "市场主体登记人员信息");
        var draft = await h.Catalog.Catalog.CreateDraftAsync(h.Catalog.PoliceAdmin, "101001", CatalogHarness.Complete("暂住人口信息"));

        await Refused(ErrorKind.BadRequest, "unknown_resource", "resource", sources.RegisterAsync(admin, new NewDataElement("person.name", "自然人姓名", "999999/99999", "id_number", "name")));
        await Refused(ErrorKind.BadRequest, "unknown_resource", "resource", sources.RegisterAsync(admin, new NewDataElement("person.name", "自然人姓名", draft.Code, "id_number", "name")));
        await Refused(ErrorKind.BadRequest, "unknown_field", "keyField", sources.RegisterAsync(admin, new NewDataElement("person.name", "自然人姓名", h.Resource.Code, "passport", "name")));
        await Refused(ErrorKind.BadRequest, "unknown_field", "valueField", sources.RegisterAsync(admin, new NewDataElement("person.name", "自然人姓名", h.Resource.Code, "id_number", "nickname")));
        await Refused(ErrorKind.BadRequest, "same_field", "valueField", sources.RegisterAsync(admin, new NewDataElement("person.name", "自然人姓名", h.Resource.Code, "name", "name")));
        await Refused(ErrorKind.BadRequest, "invalid_code", "code", sources.RegisterAsync(admin, new NewDataElement("Person Name", "自然人姓名", h.Resource.Code, "id_number", "name")));
        await Refused(ErrorKind.BadRequest, "required", "name", sources.RegisterAsync(admin, new NewDataElement("person.name", " ", h.Resource.Code, "id_number", "name")));
        Assert.Equal(0, await h.Catalog.CountAsync("authority_elements"));

        var element = await sources.RegisterAsync(admin, new NewDataElement("person.name", "自然人姓名", h.Resource.Code, "id_number", "name"));
        await Refused(ErrorKind.Conflict, "element_exists", "code", sources.RegisterAsync(admin, new NewDataElement("person.name", "姓名", copy.Code, "person_id", "person_name")));
        await Refused(ErrorKind.BadRequest, "copy_is_authority", "resource", sources.AddCopyAsync(admin, element.Id, new NewElementCopy(h.Resource.Code, "id_number", "name")));
        await Refused(ErrorKind.BadRequest, "unknown_field", "keyField", sources.AddCopyAsync(h.Catalog.MarketAdmin, element.Id, new NewElementCopy(copy.Code, "id_number", "person_name")));
        var added = await sources.AddCopyAsync(h.Catalog.MarketAdmin, element.Id, new NewElementCopy(copy.Code, "person_id", "person_name"));
        await Refused(ErrorKind.Conflict, "copy_exists", "resource", sources.AddCopyAsync(admin, element.Id, new NewElementCopy(copy.Code, "person_id", "person_name")));
        await Refused(ErrorKind.Conflict, "authority_is_copy", "resource", sources.ChangeAsync(admin, element.Id, new DataElementChange("自然人姓名", copy.Code, "person_id", "person_name")));
        await Refused(ErrorKind.NotFound, "element_not_found", null, sources.ConflictsAsync(admin, element.Id + 100));
        await Refused(ErrorKind.NotFound, "copy_not_found", null, sources.RemoveCopyAsync(admin, element.Id, added.Id + 100));
        Assert.Equal((1L, 1L), (await h.Catalog.CountAsync("authority_elements"), await h.Catalog.CountAsync("authority_copies")));

        // An explicit change of authority, audited with the source before and after.
        await sources.RemoveCopyAsync(admin, element.Id, added.Id);
        var changed = await sources.ChangeAsync(admin, element.Id, new DataElementChange("自然人姓名", copy.Code, "person_id", "person_name"));
        Assert.Equal(new ElementSource(copy.Id, copy.Code, "person_id", "person_name"), changed.Authority);
        Assert.Equal(
            ["governance.authority.registered", "governance.authority.copy_added", "governance.authority.copy_removed", "governance.authority.changed"],
            (await AuditAsync(h, "governance.authority.%")).Select(a => a.Action));
        var change = JsonDocument.Parse((await AuditAsync(h, "governance.authority.changed")).Single().Detail!).RootElement;
        Assert.Equal((h.Resource.Code, "id_number", "name"), Source(change.GetProperty("before").GetProperty("authority")));
        Assert.Equal((copy.Code, "person_id", "person_name"), Source(change.GetProperty("after").GetProperty("authority")));
    }

    internal static AuthoritativeSources Sources(CollectionHarness h)
        => new(h.Catalog.Database, h.Catalog.Catalog, h.Encryption, h.Catalog.AuditLog, h.Catalog.Clock);

    /// <summary>A resource of the provider carrying people's ID numbers and names under other field names.</summary>
    internal static Task<CatalogResource> PublishCopyAsync(CollectionHarness h, CatalogCaller provider, string name)
        => h.Catalog.PublishAsync(provider, CatalogHarness.Complete(name) with
        {
            Fields =
            [
                new ResourceField { Name = "person_id", Label = "证件号码", Type = "C", Length = 18, Description = "身份证号码", IsKey = true, Nullable = false, Grade = "L3" },
                new ResourceField { Name = "person_name", Label = "人员姓名", Type = "C", Length = 50, Description = "登记姓名", Grade = "L3" },
            ],
        });

    private static ResourceMetadata Enterprises(string name, string keyField, string valueField) => CatalogHarness.Complete(name) with
    {
        Fields =
        [
            new ResourceField { Name = keyField, Label = "统一社会信用代码", Type = "C", Length = 18, Description = "代码", IsKey = true, Nullable = false, Grade = "L1" },
            new ResourceField { Name = valueField, Label = "企业名称", Type = "C", Length = 100, Description = "名称", Grade = "L1" },
        ],
    };

    private static (string?, string?, string?) Source(JsonElement source)
        => (source.GetProperty("resource").GetString(), source.GetProperty("keyField").GetString(), source.GetProperty("valueField").GetString());

    private static string Masked(string key) => key[..6] + new string('*', key.Length - 10) + key[^4..];

    private static async Task Refused(ErrorKind kind, string code, string? field, Task attempt)
    {
        var e = await Assert.ThrowsAsync<GongshuException>(() => attempt);
        Assert.Equal((kind, code, field), (e.Kind, e.Code, e.Field));
    }

    private static async Task<List<AuditLine>> AuditAsync(CollectionHarness h, string action)
    {
        await using var connection = await h.Catalog.Database.OpenConnectionAsync();
        return (await connection.QueryAsync<AuditLine>(
            "SELECT action, outcome, actor, object, detail FROM audit_log WHERE action LIKE @action ORDER BY seq", new { action })).ToList();
    }
}
