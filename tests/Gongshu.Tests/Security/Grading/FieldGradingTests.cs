using Dapper;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Security;
using Gongshu.Security.Grading;
using Gongshu.Storage;
using Gongshu.Tests.CollectionTests;
using Gongshu.Tests.Security.Encryption;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Security.Grading;

public sealed class FieldGradingTests
{
    [Theory, AllDatabases]
    public async Task Before_any_data_the_declared_grades_are_in_force(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);

        var grading = await h.Grading.GetAsync(h.Catalog.PoliceAdmin, h.Resource.Id);

        Assert.Equal(DataGrade.L3, grading.Grade);
        Assert.All(grading.Fields, f => Assert.Equal((SensitiveType.None, (DataGrade?)null, false), (f.DetectedType, f.SuggestedGrade, f.EncryptedAtRest)));
        Assert.Equal(DataGrade.L2, grading.Fields.Single(f => f.Field == "birth_date").EffectiveGrade);
    }

    [Theory, AllDatabases]
    public async Task A_provider_override_wins_over_detection_is_audited_and_changes_what_the_next_load_encrypts(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        await h.LoadAsync(EncryptionAtRestTests.Csv(EncryptionAtRestTests.People(40)), "people.csv");
        Assert.Equal(["id_number", "name"], (await h.Grading.GetAsync(h.Catalog.PoliceAdmin, h.Resource.Id)).FieldsToEncrypt.Order());

        // The provider says this "name" column is not a person's name (detection cannot know every column's meaning).
        var after = await h.Grading.ConfirmAsync(h.Catalog.PoliceAdmin, h.Resource.Id, "name", new FieldConfirmation("none", "L2"));

        var name = after.Fields.Single(f => f.Field == "name");
        Assert.Equal((SensitiveType.PersonName, SensitiveType.None, DataGrade.L2), (name.DetectedType, name.EffectiveType, name.EffectiveGrade));
        var id = after.Fields.Single(f => f.Field == "id_number");
        Assert.False(id.RaisedByCombination);
        Assert.Equal(DataGrade.L3, id.EffectiveGrade);
        Assert.Empty(after.FieldsToEncrypt);

        var entry = await LastAuditAsync(h, "security.field.graded");
        Assert.Contains("\"field\":\"name\"", entry, StringComparison.Ordinal);
        Assert.Contains("\"before\":{\"type\":\"person_name\",\"grade\":\"L4\"}", entry, StringComparison.Ordinal);
        Assert.Contains("\"overridden\":true", entry, StringComparison.Ordinal);

        // A new full load detects again but keeps the provider's decision, and stores plain values.
        await h.LoadAsync(EncryptionAtRestTests.Csv(EncryptionAtRestTests.People(40)), "people.csv");
        var reloaded = await h.Grading.GetAsync(h.Catalog.Reviewer, h.Resource.Id);
        Assert.Equal(DataGrade.L2, reloaded.Fields.Single(f => f.Field == "name").EffectiveGrade);
        Assert.DoesNotContain(reloaded.Fields, f => f.EncryptedAtRest);
    }

    [Theory, AllDatabases]
    public async Task An_append_refuses_to_mix_plain_and_encrypted_rows_of_one_field(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        await h.LoadAsync(EncryptionAtRestTests.Csv(EncryptionAtRestTests.People(10)), "people.csv");
        await h.Grading.ConfirmAsync(h.Catalog.PoliceAdmin, h.Resource.Id, "name", new FieldConfirmation("person_name", "L3"));
        await h.Grading.ConfirmAsync(h.Catalog.PoliceAdmin, h.Resource.Id, "id_number", new FieldConfirmation("identity_number", "L3"));

        var e = await Assert.ThrowsAsync<GongshuException>(() => h.LoadAsync(EncryptionAtRestTests.Csv(EncryptionAtRestTests.People(3)), "more.csv",
            new Gongshu.Collection.Loads.LoadOptions { Mode = Gongshu.Collection.Loads.LoadMode.Append }));

        Assert.Equal(("protection_changed", ErrorKind.Conflict), (e.Code, e.Kind));
        Assert.Equal(10, (await h.RowsAsync()).Count);
    }

    [Theory, AllDatabases]
    public async Task A_scan_reads_a_sample_of_the_stored_data_even_where_it_is_encrypted(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        await h.LoadAsync(EncryptionAtRestTests.Csv(EncryptionAtRestTests.People(300)), "people.csv");
        await using (var connection = await h.Catalog.Database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("DELETE FROM field_classifications");
        }

        var scanned = await h.Grading.ScanAsync(h.Catalog.PoliceAdmin, h.Resource.Id);

        var id = scanned.Fields.Single(f => f.Field == "id_number");
        Assert.Equal((SensitiveType.IdentityNumber, 300), (id.DetectedType, id.Sampled));
        Assert.True(id.Confidence > 0.95);
        Assert.Contains("id_number:identity_number", await LastAuditAsync(h, "security.fields.scanned"), StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task Only_the_provider_confirms_and_other_organizations_do_not_see_the_grading(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);

        var other = await Assert.ThrowsAsync<GongshuException>(() => h.Grading.GetAsync(h.Catalog.MarketAdmin, h.Resource.Id));
        Assert.Equal(("grading_not_found", ErrorKind.NotFound), (other.Code, other.Kind));
        var consumer = await Assert.ThrowsAsync<GongshuException>(() => h.Grading.GetAsync(h.Catalog.PoliceConsumer, h.Resource.Id));
        Assert.Equal(ErrorKind.NotFound, consumer.Kind);
        var auditor = new CatalogCaller(501, h.Catalog.DataBureau.Id, [Role.Auditor]);
        Assert.Equal(3, (await h.Grading.GetAsync(auditor, h.Resource.Id)).Fields.Count);

        var byAdmin = await Assert.ThrowsAsync<GongshuException>(() =>
            h.Grading.ConfirmAsync(h.Catalog.Reviewer, h.Resource.Id, "name", new FieldConfirmation("person_name", "L3")));
        Assert.Equal(("grading_forbidden", ErrorKind.Forbidden), (byAdmin.Code, byAdmin.Kind));
        var byOther = await Assert.ThrowsAsync<GongshuException>(() =>
            h.Grading.ConfirmAsync(h.Catalog.MarketAdmin, h.Resource.Id, "name", new FieldConfirmation("person_name", "L3")));
        Assert.Equal(ErrorKind.NotFound, byOther.Kind);
        var scan = await Assert.ThrowsAsync<GongshuException>(() => h.Grading.ScanAsync(h.Catalog.PoliceAdmin, h.Resource.Id));
        Assert.Equal("no_data", scan.Code);
    }

    [Theory]
    [InlineData("name", "phone_number", "L3", "type", "unknown_sensitive_type")]
    [InlineData("name", "person_name", "L5", "grade", "unknown_grade")]
    [InlineData("name", "person_name", null, "grade", "unknown_grade")]
    [InlineData("nickname", "person_name", "L3", null, "field_not_found")]
    public async Task A_confirmation_that_names_no_type_grade_or_field_is_refused_and_saves_nothing(string field, string? type, string? grade, string? errorField, string code)
    {
        await using var h = await CollectionHarness.CreateAsync(DatabaseKind.Sqlite);

        var e = await Assert.ThrowsAsync<GongshuException>(() => h.Grading.ConfirmAsync(h.Catalog.PoliceAdmin, h.Resource.Id, field, new FieldConfirmation(type, grade)));

        Assert.Equal((code, errorField), (e.Code, e.Field));
        Assert.Equal(0, await h.Catalog.CountAsync("field_classifications"));
    }

    private static async Task<string> LastAuditAsync(CollectionHarness h, string action)
    {
        await using var connection = await h.Catalog.Database.OpenConnectionAsync();
        return await connection.QuerySingleAsync<string>(
            "SELECT detail FROM audit_log WHERE action = @action ORDER BY seq DESC LIMIT 1", new { action });
    }
}
