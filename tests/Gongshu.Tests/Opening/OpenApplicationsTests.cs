using System.Text;
using Dapper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Gongshu.Catalog;
using Gongshu.Delivery;
using Gongshu.Directories;
using Gongshu.Opening;
using Gongshu.Security.Masking;
using Gongshu.Storage;
using Gongshu.Tests.CatalogTests;
using Gongshu.Tests.CollectionTests;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Opening;

public sealed class OpenApplicationsTests
{
    private static readonly string[] Mobiles = ["13912345678", "13812345670", "15057112233"];

    [Theory, AllDatabases]
    public async Task A_citizen_applies_the_provider_approves_and_the_citizen_downloads_masked_rows_only_within_the_period(DatabaseKind kind)
    {
        await using var h = await OpeningHarness.CreateAsync(kind);
        var citizen = h.Catalog.Citizen;

        var filed = await h.Applications.ApplyAsync(citizen, new OpenApplicationRequest(h.Enterprises.Id, "企业信用研究", "高校课题组内部分析", true));

        Assert.Equal((OpenApplicationStates.Pending, h.Catalog.Police.Id, OpenApplications.AgreementVersion), (filed.State, filed.ProviderId, filed.AgreementVersion));
        Assert.Equal([filed.Id], (await h.Applications.ListMineAsync(citizen)).Select(a => a.Id));
        Assert.Equal([filed.Id], (await h.Applications.ListForProviderAsync(h.Catalog.PoliceAdmin)).Select(a => a.Id));
        Assert.Empty(await h.Applications.ListForProviderAsync(h.Catalog.MarketAdmin));

        var approved = await h.Applications.DecideAsync(h.Catalog.PoliceAdmin, filed.Id,
            new OpenApplicationDecision(true, new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31)));
        Assert.Equal(OpenApplicationStates.Approved, approved.State);
        Assert.Equal((new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31)), (approved.ValidFrom!.Value, approved.ValidTo!.Value));

        var csv = await h.ExportAsync(citizen, DeliveryFormat.Csv);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("credit_code,name,contact_mobile", lines[0]);
        Assert.Equal(3, lines.Length - 1);
        Assert.Contains("杭州西湖科技有限公司", csv, StringComparison.Ordinal);
        Assert.All(Mobiles, m => Assert.DoesNotContain(m, csv, StringComparison.Ordinal));
        Assert.Contains("139****5678", csv, StringComparison.Ordinal);

        var sheet = ReadSheet(await h.ExportBytesAsync(citizen, DeliveryFormat.Xlsx));
        Assert.Equal(["credit_code", "name", "contact_mobile"], sheet[0]);
        Assert.Equal(lines.Skip(1).Select(l => l.Split(',')), sheet.Skip(1));

        var export = await h.LastAuditAsync("data.export");
        Assert.Contains("\"channel\":\"open\"", export, StringComparison.Ordinal);
        Assert.Contains($"\"application\":{filed.Id}", export, StringComparison.Ordinal);
        Assert.Equal(["opening.application.filed", "opening.application.approved"], await h.ActionsAsync(OpenApplications.AuditObject(filed.Id)));

        // After the period nothing more leaves.
        h.Catalog.Clock.Set(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var expired = await Assert.ThrowsAsync<GongshuException>(() => h.ExportAsync(citizen, DeliveryFormat.Csv));
        Assert.Equal("data_not_open", expired.Code);
    }

    [Theory, AllDatabases]
    public async Task Without_an_approval_the_download_is_refused_and_a_refusal_needs_a_reason(DatabaseKind kind)
    {
        await using var h = await OpeningHarness.CreateAsync(kind);
        var filed = await h.Applications.ApplyAsync(h.Catalog.Citizen, new OpenApplicationRequest(h.Enterprises.Id, "用途", "场景", true));

        var pending = await Assert.ThrowsAsync<GongshuException>(() => h.ExportAsync(h.Catalog.Citizen, DeliveryFormat.Csv));
        Assert.Equal(("data_not_open", ErrorKind.Forbidden), (pending.Code, pending.Kind));
        var noReason = await Assert.ThrowsAsync<GongshuException>(() => h.Applications.DecideAsync(h.Catalog.PoliceAdmin, filed.Id, new OpenApplicationDecision(false, Reason: " ")));
        Assert.Equal("reason", noReason.Field);

        var refused = await h.Applications.DecideAsync(h.Catalog.PoliceAdmin, filed.Id, new OpenApplicationDecision(false, Reason: "用途与开放条件不符"));

        Assert.Equal((OpenApplicationStates.Refused, "用途与开放条件不符"), (refused.State, refused.RefusalReason));
        Assert.Equal("data_not_open", (await Assert.ThrowsAsync<GongshuException>(() => h.ExportAsync(h.Catalog.Citizen, DeliveryFormat.Csv))).Code);

        // Another citizen's approval opens nothing to this one.
        var other = new CatalogCaller(402, h.Catalog.DataBureau.Id, [Role.Public]);
        var second = await h.Applications.ApplyAsync(other, new OpenApplicationRequest(h.Enterprises.Id, "用途", "场景", true));
        await h.Applications.DecideAsync(h.Catalog.PoliceAdmin, second.Id, new OpenApplicationDecision(true, null, new DateOnly(2025, 3, 10)));
        Assert.Equal("data_not_open", (await Assert.ThrowsAsync<GongshuException>(() => h.ExportAsync(h.Catalog.Citizen, DeliveryFormat.Csv))).Code);
    }

    [Theory, AllDatabases]
    public async Task Other_users_and_other_providers_find_no_application_and_decisions_are_taken_only_from_pending(DatabaseKind kind)
    {
        await using var h = await OpeningHarness.CreateAsync(kind);
        var filed = await h.Applications.ApplyAsync(h.Catalog.Citizen, new OpenApplicationRequest(h.Enterprises.Id, "用途", "场景", true));
        var other = new CatalogCaller(402, h.Catalog.DataBureau.Id, [Role.Public]);

        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<GongshuException>(() => h.Applications.GetAsync(other, filed.Id))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<GongshuException>(() => h.Applications.GetAsync(h.Catalog.MarketAdmin, filed.Id))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Applications.DecideAsync(h.Catalog.MarketAdmin, filed.Id, new OpenApplicationDecision(true, null, new DateOnly(2025, 3, 31))))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Applications.DecideAsync(h.Catalog.Citizen, filed.Id, new OpenApplicationDecision(true, null, new DateOnly(2025, 3, 31))))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<GongshuException>(() => h.Applications.WithdrawAsync(other, filed.Id))).Kind);
        Assert.Equal(filed.Id, (await h.Applications.GetAsync(h.Catalog.PoliceAdmin, filed.Id)).Id);

        var backwards = await Assert.ThrowsAsync<GongshuException>(() =>
            h.Applications.DecideAsync(h.Catalog.PoliceAdmin, filed.Id, new OpenApplicationDecision(true, new DateOnly(2025, 3, 20), new DateOnly(2025, 3, 10))));
        Assert.Equal(("validTo", "invalid_period"), (backwards.Field, backwards.Code));
        await h.Applications.DecideAsync(h.Catalog.PoliceAdmin, filed.Id, new OpenApplicationDecision(true, null, new DateOnly(2025, 3, 31)));

        var again = await Assert.ThrowsAsync<GongshuException>(() =>
            h.Applications.DecideAsync(h.Catalog.PoliceAdmin, filed.Id, new OpenApplicationDecision(false, Reason: "改变主意")));
        Assert.Equal(("application_decided", ErrorKind.Conflict), (again.Code, again.Kind));
        Assert.Equal("application_decided", (await Assert.ThrowsAsync<GongshuException>(() => h.Applications.WithdrawAsync(h.Catalog.Citizen, filed.Id))).Code);
        Assert.Equal(["opening.application.filed", "opening.application.approved"], await h.ActionsAsync(OpenApplications.AuditObject(filed.Id)));
    }

    [Theory, AllDatabases]
    public async Task An_application_needs_the_accepted_agreement_a_restricted_resource_and_a_public_user(DatabaseKind kind)
    {
        await using var h = await OpeningHarness.CreateAsync(kind);
        var citizen = h.Catalog.Citizen;

        var unticked = await Assert.ThrowsAsync<GongshuException>(() => h.Applications.ApplyAsync(citizen, new OpenApplicationRequest(h.Enterprises.Id, "用途", "场景", false)));
        Assert.Equal(("agreementAccepted", "agreement_required"), (unticked.Field, unticked.Code));
        var noPurpose = await Assert.ThrowsAsync<GongshuException>(() => h.Applications.ApplyAsync(citizen, new OpenApplicationRequest(h.Enterprises.Id, "", "场景", true)));
        Assert.Equal("purpose", noPurpose.Field);
        Assert.Equal(0, await h.CountAsync());

        var open = await h.Catalog.PublishAsync(CatalogHarness.Complete("停车位信息") with { OpenType = OpenTypes.Open, Fields = EnterpriseFields()[..2] });
        Assert.Equal("not_restricted", (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Applications.ApplyAsync(citizen, new OpenApplicationRequest(open.Id, "用途", "场景", true)))).Code);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Applications.ApplyAsync(citizen, new OpenApplicationRequest(h.Collection.Resource.Id, "用途", "场景", true)))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Applications.ApplyAsync(h.Catalog.PoliceConsumer, new OpenApplicationRequest(h.Enterprises.Id, "用途", "场景", true)))).Kind);

        await h.Applications.ApplyAsync(citizen, new OpenApplicationRequest(h.Enterprises.Id, "用途", "场景", true));
        Assert.Equal("application_open", (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Applications.ApplyAsync(citizen, new OpenApplicationRequest(h.Enterprises.Id, "用途", "场景", true)))).Code);
        Assert.Equal(1, await h.CountAsync());
    }

    [Theory, AllDatabases]
    public async Task Registration_makes_a_public_user_in_the_top_region_and_a_bad_contact_creates_nothing(DatabaseKind kind)
    {
        await using var h = await OpeningHarness.CreateAsync(kind);
        var users = new UserService(h.Catalog.Database, h.Catalog.AuditLog, h.Catalog.Clock);
        var registration = new PublicRegistration(h.Catalog.Database, users, h.Catalog.AuditLog, h.Catalog.Clock);

        var badContact = await Assert.ThrowsAsync<GongshuException>(() =>
            registration.RegisterAsync(new PublicRegistrationRequest("lin.xiaoyu", "林小雨", "Qiantang-2026", "12345"), "10.0.0.9"));
        Assert.Equal("contact", badContact.Field);
        Assert.Null(await users.FindByUsernameAsync("lin.xiaoyu"));

        var user = await registration.RegisterAsync(new PublicRegistrationRequest("lin.xiaoyu", "林小雨", "Qiantang-2026", "13912345678"), "10.0.0.9");

        Assert.Equal([Role.Public], user.Roles);
        var top = await h.Catalog.Organizations.FindRegionAsync("330000");
        Assert.Equal(top!.Id, user.OrganizationId);
        await using (var connection = await h.Catalog.Database.OpenConnectionAsync())
        {
            Assert.Equal("13912345678", await connection.ExecuteScalarAsync<string>("SELECT mobile FROM public_contacts WHERE user_id = @Id", new { user.Id }));
        }

        var taken = await Assert.ThrowsAsync<GongshuException>(() =>
            registration.RegisterAsync(new PublicRegistrationRequest("LIN.xiaoyu", "另一个人", "Qiantang-2026", null), "10.0.0.9"));
        Assert.Equal(("username", "username_taken"), (taken.Field, taken.Code));
        var weak = await Assert.ThrowsAsync<GongshuException>(() =>
            registration.RegisterAsync(new PublicRegistrationRequest("zhang.san", "张三", "short", null), "10.0.0.9"));
        Assert.Equal("password", weak.Field);
    }

    private static List<ResourceField> EnterpriseFields() =>
    [
        new() { Name = "credit_code", Label = "统一社会信用代码", Type = "C", Length = 18, Description = "统一社会信用代码", IsKey = true, Nullable = false, Grade = "L1" },
        new() { Name = "name", Label = "企业名称", Type = "C", Length = 100, Description = "企业名称", Grade = "L1" },
        new() { Name = "contact_mobile", Label = "联系人手机", Type = "C", Length = 11, Description = "联系人手机", Grade = "L2" },
    ];

    /// <summary>The first sheet's rows as text, read back with the Open XML SDK: the file must open.</summary>
    private static List<string[]> ReadSheet(byte[] file)
    {
        using var stream = new MemoryStream(file);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "").ToArray())
            .ToList();
    }

    private sealed class OpeningHarness : IAsyncDisposable
    {
        private OpeningHarness(CollectionHarness collection, CatalogResource enterprises)
        {
            Collection = collection;
            Enterprises = enterprises;
            var catalog = collection.Catalog;
            Applications = new OpenApplications(catalog.Database, catalog.Catalog, catalog.AuditLog, catalog.Clock);
            Delivery = new DatasetDelivery(catalog.Database, catalog.Catalog, collection.Grading, collection.Encryption,
                new MaskingPolicies(catalog.Database, catalog.AuditLog, catalog.Clock), catalog.Keys.DeriveKey("gongshu/masking/pseudonym"),
                catalog.AuditLog, catalog.Clock, Applications);
        }

        public CollectionHarness Collection { get; }

        public CatalogHarness Catalog => Collection.Catalog;

        /// <summary>A restricted open resource of the police department, with three rows.</summary>
        public CatalogResource Enterprises { get; }

        public OpenApplications Applications { get; }

        public DatasetDelivery Delivery { get; }

        public static async Task<OpeningHarness> CreateAsync(DatabaseKind kind)
        {
            var collection = await CollectionHarness.CreateAsync(kind);
            var enterprises = await collection.Catalog.PublishAsync(CatalogHarness.Complete("企业登记基本信息") with
            {
                OpenType = OpenTypes.Restricted,
                OpenCondition = "实名注册用户申请后获取",
                Fields = EnterpriseFields(),
            }, "102002");
            var csv = "credit_code,name,contact_mobile\n"
                + $"91350100M000100Y43,杭州西湖科技有限公司,{Mobiles[0]}\n"
                + $"9144030071526726XG,宁波港城贸易有限公司,{Mobiles[1]}\n"
                + $"91330106MA27XL5Q31,温州瓯江食品有限公司,{Mobiles[2]}\n";
            await collection.LoadAsync(Encoding.UTF8.GetBytes(csv), "enterprises.csv", resourceId: enterprises.Id);
            return new OpeningHarness(collection, enterprises);
        }

        public async Task<byte[]> ExportBytesAsync(CatalogCaller caller, DeliveryFormat format)
        {
            using var output = new MemoryStream();
            await Delivery.ExportAsync(caller, Enterprises.Id, format, output);
            return output.ToArray();
        }

        public async Task<string> ExportAsync(CatalogCaller caller, DeliveryFormat format) => Encoding.UTF8.GetString(await ExportBytesAsync(caller, format));

        public async Task<string> LastAuditAsync(string action)
        {
            await using var connection = await Catalog.Database.OpenConnectionAsync();
            return await connection.QuerySingleAsync<string>("SELECT detail FROM audit_log WHERE action = @action ORDER BY seq DESC LIMIT 1", new { action });
        }

        public async Task<List<string>> ActionsAsync(string obj)
        {
            await using var connection = await Catalog.Database.OpenConnectionAsync();
            return (await connection.QueryAsync<string>("SELECT action FROM audit_log WHERE object = @obj ORDER BY seq", new { obj })).ToList();
        }

        public async Task<long> CountAsync()
        {
            await using var connection = await Catalog.Database.OpenConnectionAsync();
            return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM open_applications");
        }

        public ValueTask DisposeAsync() => Collection.DisposeAsync();
    }
}
