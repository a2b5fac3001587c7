using System.Text;
using System.Text.Json;
using Dapper;
using Gongshu.Catalog;
using Gongshu.Delivery;
using Gongshu.Directories;
using Gongshu.Security.Masking;
using Gongshu.Storage;
using Gongshu.Tests.CatalogTests;
using Gongshu.Tests.CollectionTests;
using Gongshu.Tests.Security.Encryption;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Delivery;

public sealed class DatasetDeliveryTests
{
    [Theory, AllDatabases]
    public async Task An_export_decrypts_then_masks_by_the_policy_and_audits_which_policy_and_techniques_applied(DatabaseKind kind)
    {
        await using var h = await DeliveryHarness.CreateAsync(kind);
        var people = EncryptionAtRestTests.People(20);
        await h.Collection.LoadAsync(EncryptionAtRestTests.Csv(people), "people.csv");

        var csv = await h.ExportAsync(h.Collection.Catalog.PoliceAdmin);

        Assert.StartsWith("\uFEFFid_number,name,birth_date\r\n", csv, StringComparison.Ordinal);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(people.Count, lines.Length);
        foreach (var person in people)
        {
            // id_number and name are L4 (they identify a person together): pseudonymized for export.
            Assert.DoesNotContain(person.Id, csv, StringComparison.Ordinal);
            Assert.DoesNotContain(person.Name, csv, StringComparison.Ordinal);
            Assert.Contains($",{person.Birth:yyyy-MM-dd}", csv, StringComparison.Ordinal);
        }

        Assert.All(lines, l => Assert.Matches("^ps_[0-9a-f]{32},ps_[0-9a-f]{32},", l));

        // Stable for one user (joins work), different for another.
        Assert.Equal(csv, await h.ExportAsync(h.Collection.Catalog.PoliceAdmin));
        var admin = await h.ExportAsync(h.Collection.Catalog.Reviewer);
        Assert.NotEqual(lines[0].Split(',')[0], admin.TrimStart('\uFEFF').Split("\r\n")[1].Split(',')[0]);

        var entry = await h.LastAuditAsync("data.export");
        Assert.Contains($"\"fingerprint\":\"{MaskingPolicy.Default.Fingerprint}\"", entry, StringComparison.Ordinal);
        Assert.Contains("\"channel\":\"export\"", entry, StringComparison.Ordinal);
        Assert.Contains("\"rows\":20", entry, StringComparison.Ordinal);
        Assert.Contains("id_number: pseudonymize", entry, StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task A_preview_suppresses_L4_masks_by_type_and_is_refused_on_a_closed_resource_to_other_departments(DatabaseKind kind)
    {
        await using var h = await DeliveryHarness.CreateAsync(kind);
        var people = EncryptionAtRestTests.People(30);
        await h.Collection.LoadAsync(EncryptionAtRestTests.Csv(people), "people.csv");
        await h.Collection.Grading.ConfirmAsync(h.Collection.Catalog.PoliceAdmin, h.Collection.Resource.Id, "name", new("person_name", "L3"));
        await h.Collection.Grading.ConfirmAsync(h.Collection.Catalog.PoliceAdmin, h.Collection.Resource.Id, "id_number", new("identity_number", "L3"));
        await h.Collection.LoadAsync(EncryptionAtRestTests.Csv(people), "people.csv");

        var preview = await h.Delivery.PreviewAsync(h.Collection.Catalog.PoliceAdmin, h.Collection.Resource.Id, 5);

        Assert.Equal(5, preview.Rows.Count);
        var first = people.Single(p => p.Id == (string)preview.Rows[0][0]! || Masked(p.Id) == (string)preview.Rows[0][0]!);
        Assert.Equal(Masked(first.Id), preview.Rows[0][0]);
        Assert.Equal(first.Name[..(first.Name.StartsWith("欧阳", StringComparison.Ordinal) || first.Name.StartsWith("司马", StringComparison.Ordinal) ? 2 : 1)],
            ((string)preview.Rows[0][1]!).TrimEnd('*'));
        Assert.Equal(("preview", 5L), (preview.Receipt.Channel, preview.Receipt.Rows));
        Assert.Equal("L3", preview.Columns[0].Grade);

        var other = await Assert.ThrowsAsync<GongshuException>(() => h.Delivery.PreviewAsync(h.Collection.Catalog.MarketAdmin, h.Collection.Resource.Id));
        Assert.Equal(("data_not_open", ErrorKind.Forbidden), (other.Code, other.Kind));
        var visitor = new CatalogCaller(0, 0, [Role.Public]);
        var hidden = await Assert.ThrowsAsync<GongshuException>(() => h.Delivery.PreviewAsync(visitor, h.Collection.Resource.Id));
        Assert.Equal(ErrorKind.NotFound, hidden.Kind);
        var export = await Assert.ThrowsAsync<GongshuException>(() => h.ExportAsync(h.Collection.Catalog.MarketAdmin));
        Assert.Equal("data_not_open", export.Code);

        // Refusals are audited too, so probing for data shows in the log.
        Assert.Contains("\"reason\":\"data_not_open\"", await h.LastAuditAsync("data.export"), StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"resource_not_found\"", await h.LastAuditAsync("data.preview"), StringComparison.Ordinal);
        var tooMany = await Assert.ThrowsAsync<GongshuException>(() => h.Delivery.PreviewAsync(h.Collection.Catalog.PoliceAdmin, h.Collection.Resource.Id, 500));
        Assert.Equal(("rows_out_of_range", "rows"), (tooMany.Code, tooMany.Field));
    }

    [Theory, AllDatabases]
    public async Task A_saved_policy_applies_to_the_next_delivery_and_bad_policies_or_callers_are_refused(DatabaseKind kind)
    {
        await using var h = await DeliveryHarness.CreateAsync(kind);
        await h.Collection.LoadAsync(EncryptionAtRestTests.Csv(EncryptionAtRestTests.People(10)), "people.csv");
        var admin = h.Collection.Catalog.Reviewer;
        var current = await h.Policies.GetAsync(admin);
        Assert.Equal(MaskingPolicy.Default.Fingerprint, current.Fingerprint);

        var json = JsonSerializer.Serialize(new
        {
            version = current.Version + 1,
            rules = new object[]
            {
                new { channel = "export", technique = "suppress" },
                new { channel = "preview", technique = "suppress" },
                new { channel = "share", technique = "suppress" },
                new { channel = "open", technique = "suppress" },
            },
        });
        var forbidden = await Assert.ThrowsAsync<GongshuException>(() => h.Policies.SaveAsync(h.Collection.Catalog.PoliceAdmin, json));
        Assert.Equal(ErrorKind.Forbidden, forbidden.Kind);
        var stale = await Assert.ThrowsAsync<GongshuException>(() => h.Policies.SaveAsync(admin, json.Replace($"\"version\":{current.Version + 1}", "\"version\":99", StringComparison.Ordinal)));
        Assert.Equal(("policy_version_conflict", "version"), (stale.Code, stale.Field));
        var unknown = await Assert.ThrowsAsync<GongshuException>(() => h.Policies.SaveAsync(admin,
            json.Replace("\"technique\":\"suppress\"}]", "\"technique\":\"suppress\",\"type\":\"shoe_size\"}]", StringComparison.Ordinal)));
        Assert.Equal(("unknown_sensitive_type", "rules[3].type"), (unknown.Code, unknown.Field));
        Assert.Equal(0, await h.Collection.Catalog.CountAsync("masking_policies"));

        var saved = await h.Policies.SaveAsync(admin, json);
        var csv = await h.ExportAsync(h.Collection.Catalog.PoliceAdmin);

        Assert.All(csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..], l => Assert.Equal(",,", l));
        Assert.Contains($"\"fingerprint\":\"{saved.Fingerprint}\"", await h.LastAuditAsync("data.export"), StringComparison.Ordinal);
        Assert.Contains(saved.Fingerprint, await h.LastAuditAsync("security.masking_policy.saved"), StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task Open_data_downloads_for_anyone_as_json_through_the_open_channel(DatabaseKind kind)
    {
        await using var h = await DeliveryHarness.CreateAsync(kind);
        var open = await h.Collection.Catalog.PublishAsync(CatalogHarness.Complete() with
        {
            Name = "乡镇人口统计",
            OpenType = "open",
            OpenCondition = null,
            Fields =
            [
                new ResourceField { Name = "township", Label = "乡镇（街道）名称", Type = "C", Length = 50, Description = "名称", IsKey = true, Nullable = false, Grade = "L1" },
                new ResourceField { Name = "residents", Label = "常住人口", Type = "I", Description = "人数", Grade = "L1" },
            ],
        });
        await h.Collection.LoadAsync(Encoding.UTF8.GetBytes("township,residents\n西溪街道,52000\n\"=cmd|' /C calc'!A0\",1\n"), "towns.csv", resourceId: open.Id);

        using var output = new MemoryStream();
        var receipt = await h.Delivery.ExportAsync(new CatalogCaller(0, 0, [Role.Public], "198.51.100.7"), open.Id, DeliveryFormat.Json, output);

        Assert.Equal(("open", 2L), (receipt.Channel, receipt.Rows));
        using var json = JsonDocument.Parse(output.ToArray());
        Assert.Equal("西溪街道", json.RootElement[0].GetProperty("township").GetString());
        Assert.Equal(52000, json.RootElement[0].GetProperty("residents").GetInt64());

        // Visitors see the masked values, not which fields are graded sensitive or how they were masked.
        var preview = await h.Delivery.PreviewAsync(new CatalogCaller(0, 0, [Role.Public]), open.Id);
        Assert.All(preview.Columns, c => Assert.Equal((null, null, null), (c.Grade, c.SensitiveType, c.Technique)));
        Assert.Empty(preview.Receipt.Masking);
        Assert.NotEmpty((await h.Delivery.PreviewAsync(h.Collection.Catalog.PoliceAdmin, open.Id)).Receipt.Masking);

        var csv = await h.ExportAsync(new CatalogCaller(0, 0, [Role.Public]), open.Id);
        Assert.Contains("\r\n'=cmd|' /C calc'!A0,1\r\n", csv, StringComparison.Ordinal);
    }

    private static string Masked(string id) => id[..6] + "********" + id[^4..];

    private sealed class DeliveryHarness : IAsyncDisposable
    {
        private DeliveryHarness(CollectionHarness collection)
        {
            Collection = collection;
            var catalog = collection.Catalog;
            Policies = new MaskingPolicies(catalog.Database, catalog.AuditLog, catalog.Clock);
            Delivery = new DatasetDelivery(catalog.Database, catalog.Catalog, collection.Grading, collection.Encryption, Policies,
                catalog.Keys.DeriveKey("gongshu/masking/pseudonym"), catalog.AuditLog, catalog.Clock);
        }

        public CollectionHarness Collection { get; }

        public MaskingPolicies Policies { get; }

        public DatasetDelivery Delivery { get; }

        public static async Task<DeliveryHarness> CreateAsync(DatabaseKind kind) => new(await CollectionHarness.CreateAsync(kind));

        public async Task<string> ExportAsync(CatalogCaller caller, long? resourceId = null)
        {
            using var output = new MemoryStream();
            await Delivery.ExportAsync(caller, resourceId ?? Collection.Resource.Id, DeliveryFormat.Csv, output);
            return Encoding.UTF8.GetString(output.ToArray());
        }

        public async Task<string> LastAuditAsync(string action)
        {
            await using var connection = await Collection.Catalog.Database.OpenConnectionAsync();
            return await connection.QuerySingleAsync<string>("SELECT detail FROM audit_log WHERE action = @action ORDER BY seq DESC LIMIT 1", new { action });
        }

        public ValueTask DisposeAsync() => Collection.DisposeAsync();
    }
}
