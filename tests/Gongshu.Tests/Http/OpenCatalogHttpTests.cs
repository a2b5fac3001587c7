using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Http;

/// <summary>The CKAN-compatible read API and the DCAT export, checked as outside clients and parsers see them.</summary>
public sealed partial class OpenCatalogHttpTests
{
    private sealed record Published(ServerHarness Server, string OpenName, string ClosedName);

    private static async Task<Published> PublishTwoAsync(ServerHarness server)
    {
        using var provider = await server.SignedInAsync("gat.provider", server.Police, Role.ProviderAdmin);
        using var admin = await server.SignedInAsync("dsj.admin", server.Zhejiang, Role.PlatformAdmin);
        var (_, closed) = await CatalogHttpTests.PublishAsync(provider, admin, CatalogHttpTests.Population());
        var (_, open) = await CatalogHttpTests.PublishAsync(provider, admin, CatalogHttpTests.TrafficWindows("交通违法处理窗口信息 \"总表\"\n第二行"), "301");
        return new Published(server, open.Replace('/', '-'), closed.Replace('/', '-'));
    }

    [Theory, AllDatabases]
    public async Task CKAN_actions_answer_in_CKANs_envelope_and_show_only_the_open_catalog(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var published = await PublishTwoAsync(server);
        using var ckan = server.Client();

        var list = await ckan.GetFromJsonAsync<JsonElement>("/api/3/action/package_list");
        Assert.True(list.GetProperty("success").GetBoolean());
        Assert.EndsWith("help_show?name=package_list", list.GetProperty("help").GetString());
        Assert.Equal([published.OpenName], list.GetProperty("result").EnumerateArray().Select(n => n.GetString()));

        var search = await ckan.GetFromJsonAsync<JsonElement>(
            $"/api/3/action/package_search?q=窗口&fq=organization:org-{server.Police.Id}%20res_format:XLSX&facet.field=%5B%22organization%22,%22res_format%22%5D&rows=5");
        var result = search.GetProperty("result");
        Assert.Equal(1, result.GetProperty("count").GetInt64());
        var package = result.GetProperty("results")[0];
        Assert.Equal(published.OpenName, package.GetProperty("name").GetString());
        Assert.Equal($"org-{server.Police.Id}", package.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal("浙江省公安厅", package.GetProperty("organization").GetProperty("title").GetString());
        Assert.Contains(package.GetProperty("extras").EnumerateArray(), e => e.GetProperty("key").GetString() == "share_type" && e.GetProperty("value").GetString() == "unconditional");
        Assert.Equal(1, result.GetProperty("search_facets").GetProperty("organization").GetProperty("items")[0].GetProperty("count").GetInt64());
        Assert.Equal(1, result.GetProperty("facets").GetProperty("res_format").GetProperty("XLSX").GetInt64());

        // CKAN clients often POST the parameters as JSON.
        var posted = await ckan.PostAsJsonAsync("/api/3/action/package_show", new { id = published.OpenName });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(published.OpenName, (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetProperty("id").GetString());

        var hidden = await ckan.GetAsync($"/api/3/action/package_show?id={published.ClosedName}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        var error = await hidden.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.Equal("Not Found Error", error.GetProperty("error").GetProperty("__type").GetString());

        var badSort = await ckan.GetAsync("/api/3/action/package_search?sort=random%20asc");
        Assert.Equal(HttpStatusCode.Conflict, badSort.StatusCode);
        Assert.Equal("Validation Error", (await badSort.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("__type").GetString());
        var badFilter = await ckan.GetAsync("/api/3/action/package_search?fq=owner:%27%20OR%201=1");
        Assert.Equal(HttpStatusCode.Conflict, badFilter.StatusCode);

        var organizations = await ckan.GetFromJsonAsync<JsonElement>("/api/3/action/organization_list?all_fields=true");
        var police = organizations.GetProperty("result").EnumerateArray().Single();
        Assert.Equal(1, police.GetProperty("package_count").GetInt64());
        var shown = await ckan.GetFromJsonAsync<JsonElement>($"/api/3/action/organization_show?id=org-{server.Police.Id}&include_datasets=true");
        Assert.Equal([published.OpenName], shown.GetProperty("result").GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Theory, AllDatabases]
    public async Task A_search_asked_again_keeps_serving_the_published_version_during_a_change_and_drops_a_retired_resource_at_once(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var provider = await server.SignedInAsync("gat.provider", server.Police, Role.ProviderAdmin);
        using var admin = await server.SignedInAsync("dsj.admin", server.Zhejiang, Role.PlatformAdmin);
        var (id, code) = await CatalogHttpTests.PublishAsync(provider, admin, CatalogHttpTests.TrafficWindows(), "301");
        var (otherId, _) = await CatalogHttpTests.PublishAsync(provider, admin, CatalogHttpTests.TrafficWindows("交通违法处理窗口分布"), "301");
        using var ckan = server.Client();
        const string Search = "/api/3/action/package_search?q=窗口&sort=name%20asc";
        async Task<JsonElement> SearchAsync() => (await ckan.GetFromJsonAsync<JsonElement>(Search)).GetProperty("result");

        var before = await SearchAsync();
        Assert.Equal(["交通违法处理窗口信息", "交通违法处理窗口分布"], before.GetProperty("results").EnumerateArray().Select(p => p.GetProperty("title").GetString()));

        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var changed = await provider.PutAsJsonAsync($"/api/catalog/resources/{id}", CatalogHttpTests.TrafficWindows("交通违法处理窗口名录"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var during = await SearchAsync();
        var package = during.GetProperty("results")[0];
        Assert.Equal(("交通违法处理窗口信息", "1"), (package.GetProperty("title").GetString(), package.GetProperty("version").GetString()));
        var shown = (await ckan.GetFromJsonAsync<JsonElement>($"/api/3/action/package_show?id={code.Replace('/', '-')}")).GetProperty("result");
        Assert.Equal(shown.GetRawText(), package.GetRawText());

        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/catalog/resources/{otherId}/retire", null)).StatusCode);
        var after = await SearchAsync();
        Assert.Equal(1, after.GetProperty("count").GetInt64());
        Assert.Equal([code.Replace('/', '-')], after.GetProperty("results").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_DCAT_export_parses_with_rapper_and_its_JSON_LD_holds_the_same_triples()
    {
        await using var server = await ServerHarness.StartAsync(DatabaseKind.Sqlite);
        var published = await PublishTwoAsync(server);
        using var client = server.Client();

        var turtleResponse = await client.GetAsync("/catalog.ttl");
        Assert.Equal("text/turtle", turtleResponse.Content.Headers.ContentType?.MediaType);
        var turtle = await turtleResponse.Content.ReadAsStringAsync();
        var jsonLd = await client.GetStringAsync("/catalog.jsonld");

        var fromTurtle = Canonical(await RunAsync("rapper", turtle, "-q", "-i", "turtle", "-o", "ntriples", "-", server.BaseAddress.ToString()));
        var fromJsonLd = Canonical(await RunAsync("node", jsonLd, Path.Combine(ToolsDirectory(), "jsonld-to-nquads.mjs")));

        Assert.Contains(fromTurtle, t => t.Contains($"/dataset/{published.OpenName}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset>", StringComparison.Ordinal));
        Assert.Contains(fromTurtle, t => t.Contains("\"交通违法处理窗口信息 \\\"总表\\\"\\n第二行\"@zh", StringComparison.Ordinal));
        Assert.DoesNotContain(fromTurtle, t => t.Contains(published.ClosedName, StringComparison.Ordinal));
        Assert.True(fromTurtle.Count > 20, $"only {fromTurtle.Count} triples");
        Assert.Equal(fromTurtle, fromJsonLd);
    }

    /// <summary>N-Triples with \u escapes decoded and sorted, so two parsers' outputs compare as sets.</summary>
    private static List<string> Canonical(string ntriples)
        => ntriples.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => UnicodeEscape().Replace(line, m => char.ConvertFromUtf32(Convert.ToInt32(m.Groups[1].Value + m.Groups[2].Value, 16))))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")]
    private static partial Regex UnicodeEscape();

    private static string ToolsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var tools = Path.Combine(directory.FullName, "tests", "tools");
            if (File.Exists(Path.Combine(tools, "node_modules", "jsonld", "package.json")))
            {
                return tools;
            }
        }

        throw new InvalidOperationException("tests/tools/node_modules is missing: ./test.sh installs it with npm ci.");
    }

    private static async Task<string> RunAsync(string program, string input, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        args.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {await error}");
        return await output;
    }
}
