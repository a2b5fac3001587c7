using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Security.Encryption;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Http;

/// <summary>Classification and grading over HTTP: detection after an upload, the provider's override, and who sees what.</summary>
public sealed class GradingHttpTests
{
    [Theory, AllDatabases]
    public async Task After_an_upload_the_provider_sees_detected_types_and_grades_and_overrides_one(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, admin, id) = await CollectionHttpTests.PublishedAsync(server);
        var csv = "id_number,name\n" + string.Concat(EncryptionAtRestTests.People(50).Select(p => $"{p.Id},{p.Name}\n"));
        var upload = await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=people.csv", new ByteArrayContent(Encoding.UTF8.GetBytes(csv)));
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());

        var grading = await provider.GetFromJsonAsync<JsonElement>($"/api/security/resources/{id}/grading");

        Assert.Equal(("L4", "敏感"), (grading.GetProperty("grade").GetString(), grading.GetProperty("gradeLabel").GetString()));
        var idField = Field(grading, "id_number");
        Assert.Equal(("identity_number", "身份证号", "L4", true), (idField.GetProperty("detectedType").GetString(),
            idField.GetProperty("detectedTypeLabel").GetString(), idField.GetProperty("grade").GetString(), idField.GetProperty("encryptedAtRest").GetBoolean()));
        Assert.Equal("person_name", Field(grading, "name").GetProperty("type").GetString());

        var confirmed = await provider.PutAsJsonAsync($"/api/security/resources/{id}/fields/name/grade", new { type = "person_name", grade = "L3" });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var after = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("L3", "L3"), (Field(after, "name").GetProperty("grade").GetString(), Field(after, "name").GetProperty("confirmedGrade").GetString()));

        // Platform admins read and rescan; they do not decide for the provider.
        var scanned = await admin.PostAsync($"/api/security/resources/{id}/scan", null);
        Assert.Equal(HttpStatusCode.OK, scanned.StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync($"/api/security/resources/{id}/fields/name/grade", new { type = "none", grade = "L1" }),
            HttpStatusCode.Forbidden, "grading_forbidden");
    }

    [Theory, AllDatabases]
    public async Task Bad_confirmations_and_other_organizations_get_problem_details(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, _, id) = await CollectionHttpTests.PublishedAsync(server);
        var outsider = await server.SignedInAsync("hz.provider", server.HangzhouData, Role.ProviderAdmin);

        var badType = await ProblemAssert.IsProblemAsync(
            await provider.PutAsJsonAsync($"/api/security/resources/{id}/fields/name/grade", new { type = "name'; DROP TABLE field_classifications;--", grade = "L3" }),
            HttpStatusCode.BadRequest, "unknown_sensitive_type");
        Assert.Contains("person_name", badType.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await provider.PutAsJsonAsync($"/api/security/resources/{id}/fields/name/grade", new { type = "person_name", grade = "L9" }),
            HttpStatusCode.BadRequest, "unknown_grade");
        await ProblemAssert.IsProblemAsync(await provider.PutAsJsonAsync($"/api/security/resources/{id}/fields/nope/grade", new { type = "none", grade = "L1" }),
            HttpStatusCode.NotFound, "field_not_found");
        await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/security/resources/{id}/grading"), HttpStatusCode.NotFound, "grading_not_found");
        await ProblemAssert.IsProblemAsync(await provider.PostAsync($"/api/security/resources/{id}/scan", null), HttpStatusCode.Conflict, "no_data");

        using var anonymous = server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/security/resources/{id}/grading")).StatusCode);
        var grading = await provider.GetFromJsonAsync<JsonElement>($"/api/security/resources/{id}/grading");
        Assert.All(grading.GetProperty("fields").EnumerateArray(), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("confirmedGrade").ValueKind));
    }

    private static JsonElement Field(JsonElement grading, string name)
        => grading.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == name);
}
