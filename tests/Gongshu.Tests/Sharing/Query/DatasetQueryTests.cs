using System.Text;
using Gongshu.Sharing.Query;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Sharing.Query;

public sealed class DatasetQueryTests
{
    [Theory, AllDatabases]
    public async Task Text_filters_match_exactly_and_case_sensitively(DatabaseKind kind)
    {
        await using var h = await QueryHarness.CreateAsync(kind);

        Assert.Equal(h.Expected(p => p.Name == "abc"), await h.IdsAsync("name = 'abc'"));
        Assert.Equal(h.Expected(p => p.Name == "O'Brien"), await h.IdsAsync("name = 'O''Brien'"));
        Assert.Equal(h.Expected(p => p.Name is not null && p.Name != "abc"), await h.IdsAsync("name != 'abc'"));
        Assert.Equal(h.Expected(p => p.Name is not null && string.CompareOrdinal(p.Name, "ab") > 0 && string.CompareOrdinal(p.Name, "b") < 0),
            await h.IdsAsync("name > 'ab' and name < 'b'"));
        Assert.Equal(h.Expected(p => p.Name is not null && string.CompareOrdinal(p.Name, "Zoe") <= 0), await h.IdsAsync("name <= 'Zoe'"));
        Assert.Equal(h.Expected(p => p.Name == "张三"), await h.IdsAsync("name = '张三'"));
    }

    [Theory, AllDatabases]
    public async Task A_prefix_matches_the_start_of_text_literally_with_wildcards_as_ordinary_characters(DatabaseKind kind)
    {
        await using var h = await QueryHarness.CreateAsync(kind);

        foreach (var prefix in new[] { "a", "A", "ab", "a%", "a_", "%", "_", "100%", "张三", "张", "Z", "O'" })
        {
            Assert.Equal(h.Expected(p => p.Name?.StartsWith(prefix, StringComparison.Ordinal) == true),
                await h.IdsAsync($"name ^= '{prefix.Replace("'", "''", StringComparison.Ordinal)}'"));
        }

        Assert.NotEmpty(await h.IdsAsync("name ^= 'a%'"));
        Assert.Equal(h.Expected(p => p.Name is not null), await h.IdsAsync("name ^= ''"));
        Assert.Empty(await h.IdsAsync("name ^= 'a%b%'"));
    }

    [Theory, AllDatabases]
    public async Task Numbers_dates_times_and_logicals_compare_as_their_types(DatabaseKind kind)
    {
        await using var h = await QueryHarness.CreateAsync(kind);

        Assert.Equal(h.Expected(p => p.Age is >= 30 and < 40), await h.IdsAsync("age >= 30 and age < 40"));
        Assert.Equal(h.Expected(p => p.Age == 25), await h.IdsAsync("age = '25'"));
        Assert.Equal(h.Expected(p => p.Income > 1500.5m), await h.IdsAsync("income > 1500.5"));
        Assert.Equal(h.Expected(p => p.Income == 1037.75m), await h.IdsAsync("income = 1037.75"));
        Assert.Equal(h.Expected(p => p.Income < 1037.751m), await h.IdsAsync("income < 1037.751"));
        Assert.Equal(h.Expected(p => p.Score <= 2.5), await h.IdsAsync("score <= 2.5"));
        Assert.Equal(h.Expected(p => p.BirthDate >= new DateOnly(1990, 1, 10) && p.BirthDate < new DateOnly(1990, 2, 1)),
            await h.IdsAsync("birth_date >= '1990-01-10' and birth_date < '1990-02-01'"));
        Assert.Equal(h.Expected(p => p.BirthDate == new DateOnly(1990, 1, 4)), await h.IdsAsync("birth_date = '1990-01-04'"));
        var moment = new DateTime(2023, 5, 6, 8, 0, 0);
        Assert.Equal(h.Expected(p => p.RegisteredAt > moment), await h.IdsAsync("registered_at > '2023-05-06 08:00:00'"));
        Assert.Equal(h.Expected(p => p.RegisteredAt == new DateTime(2023, 5, 6, 7, 8, 9).AddTicks(5_000_000)),
            await h.IdsAsync("registered_at = '2023-05-06 07:08:09.5'"));
        Assert.Equal(h.Expected(p => p.Married == true), await h.IdsAsync("married = true"));
        Assert.Equal(h.Expected(p => p.Married == false), await h.IdsAsync("married = '否'"));
    }

    [Theory, AllDatabases]
    public async Task Null_is_tested_with_equals_null_and_a_comparison_never_matches_a_null(DatabaseKind kind)
    {
        await using var h = await QueryHarness.CreateAsync(kind);

        Assert.Equal(h.Expected(p => p.Age is null), await h.IdsAsync("age = null"));
        Assert.Equal(h.Expected(p => p.Age is not null), await h.IdsAsync("age != NULL"));
        Assert.Equal(h.Expected(p => p.Age is not null && p.Age != 30), await h.IdsAsync("age != 30"));
        Assert.Equal(h.Expected(p => p.Age is not null && p.Age != 30), await h.IdsAsync("not age = 30"));
        Assert.Equal(h.Expected(p => p.Married is null || p.Married == true), await h.IdsAsync("married = null or married = true"));
    }

    [Theory, AllDatabases]
    public async Task In_lists_and_boolean_combinations_select_what_they_say(DatabaseKind kind)
    {
        await using var h = await QueryHarness.CreateAsync(kind);

        Assert.Equal(h.Expected(p => p.County is "330102" or "330105"), await h.IdsAsync("county in ('330102', '330105')"));
        Assert.Equal(h.Expected(p => p.Age is 30 or 31 or 99), await h.IdsAsync("age in (30, '31', 99)"));
        Assert.Equal(h.Expected(p => p.County == "330102" || (p.Age > 50 && p.Married == true)),
            await h.IdsAsync("county = '330102' or age > 50 and married = true"));
        Assert.Equal(h.Expected(p => (p.County == "330102" || p.Age > 50) && p.Married == true),
            await h.IdsAsync("(county = '330102' OR age > 50) AND married = TRUE"));
        Assert.Equal(h.Expected(p => !(p.County == "330102" || p.County == "330106")),
            await h.IdsAsync("not (county = '330102' or county = '330106')"));
    }

    [Theory, AllDatabases]
    public async Task An_encrypted_field_matches_by_its_blind_index_and_refuses_ranges_prefixes_and_sorting(DatabaseKind kind)
    {
        await using var h = await QueryHarness.CreateAsync(kind);
        var withX = h.People.First(p => p.IdNumber.EndsWith('X'));
        var other = h.People[5];

        // People type a lower-case x; the blind index reads it as X.
        Assert.Equal([withX.IdNumber], await h.IdsAsync($"id_number = '{withX.IdNumber.ToLowerInvariant()}'"));
        Assert.Equal(h.Expected(p => p == withX || p == other), await h.IdsAsync($"id_number in ('{other.IdNumber}', '{withX.IdNumber}')"));
        Assert.Equal(h.Expected(p => p != other), await h.IdsAsync($"id_number != '{other.IdNumber}'"));
        Assert.Empty(await h.IdsAsync("id_number = null"));
        Assert.Equal([other.Name], (await h.PageAsync(new QueryRequest($"id_number = '{other.IdNumber}'", Fields: "name"))).Rows.Select(r => r.Values[0]));

        foreach (var filter in new[] { "id_number ^= '3301'", "id_number > '3'", "id_number <= '3'" })
        {
            var error = await Assert.ThrowsAsync<GongshuException>(() => h.PageAsync(new QueryRequest(filter)));
            Assert.Equal((ErrorKind.BadRequest, "filter_on_encrypted_field"), (error.Kind, error.Code));
            Assert.Contains("'id_number'", error.Message, StringComparison.Ordinal);
        }

        var sort = await Assert.ThrowsAsync<GongshuException>(() => h.PageAsync(new QueryRequest(Sort: "-id_number")));
        Assert.Equal("sort_on_encrypted_field", sort.Code);
    }

    [Theory, AllDatabases]
    public async Task Only_the_projected_fields_come_back_decrypted_in_the_order_asked(DatabaseKind kind)
    {
        await using var h = await QueryHarness.CreateAsync(kind);

        var (rows, _) = await h.PageAsync(new QueryRequest(Fields: "county, id_number,birth_date", Limit: "3"));
        Assert.Equal(3, rows.Count);
        var first = h.People[0];
        Assert.Equal([first.County, first.IdNumber, first.BirthDate], rows[0].Values);

        await using var page = await h.Query.OpenAsync(h.Version, new QueryRequest());
        Assert.Equal(QueryHarness.Fields.Select(f => f.Name), page.Fields.Select(f => f.Name));
        var all = await page.ReadAsync().ToListAsync();
        Assert.Equal(h.People.Count, all.Count);
        Assert.Equal([first.IdNumber, first.Name, first.Age, first.Income, first.BirthDate, first.RegisteredAt, first.Married, first.County, first.Score],
            all[0].Values);
        Assert.Null(page.NextCursor);

        Assert.Equal("unknown_field", (await Assert.ThrowsAsync<GongshuException>(() => h.PageAsync(new QueryRequest(Fields: "name,salary")))).Code);
        Assert.Equal("invalid_fields", (await Assert.ThrowsAsync<GongshuException>(() => h.PageAsync(new QueryRequest(Fields: "name,,age")))).Code);
        Assert.Equal("invalid_fields", (await Assert.ThrowsAsync<GongshuException>(() => h.PageAsync(new QueryRequest(Fields: "name,name")))).Code);
    }

    [Theory, AllDatabases]
    public async Task Paging_through_every_page_returns_each_row_once_in_sort_order(DatabaseKind kind)
    {
        await using var h = await QueryHarness.CreateAsync(kind);
        var rowOrder = h.People.Select((p, i) => (p.IdNumber, i)).ToDictionary(x => x.IdNumber, x => x.i);

        // Nulls sort first ascending and last descending; text by code point; the row id breaks ties.
        var sorts = new Dictionary<string, Func<IEnumerable<Person>, IEnumerable<Person>>>
        {
            [""] = ps => ps,
            ["name"] = ps => ps.OrderBy(p => p.Name, StringComparer.Ordinal),
            ["-name"] = ps => ps.OrderByDescending(p => p.Name, StringComparer.Ordinal),
            ["county,-age"] = ps => ps.OrderBy(p => p.County, StringComparer.Ordinal).ThenByDescending(p => p.Age ?? long.MinValue),
            ["-married,birth_date,-income"] = ps => ps.OrderByDescending(p => p.Married is null ? -1 : p.Married.Value ? 1 : 0)
                .ThenBy(p => p.BirthDate).ThenByDescending(p => p.Income),
            ["age,registered_at,-score,name,county"] = ps => ps.OrderBy(p => p.Age ?? long.MinValue).ThenBy(p => p.RegisteredAt)
                .ThenByDescending(p => p.Score).ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.County, StringComparer.Ordinal),
        };

        foreach (var (sort, order) in sorts)
        {
            var expected = order(h.People.OrderBy(p => rowOrder[p.IdNumber])).Select(p => p.IdNumber).ToList();
            foreach (var limit in new[] { 1, 7, 97, 1000 })
            {
                var (ids, pages) = await h.AllPagesAsync(new QueryRequest(Sort: sort, Limit: limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                Assert.Equal(expected, ids);
                Assert.Equal((h.People.Count + limit - 1) / limit, pages);
            }
        }

        // With a filter, the pages cover exactly the matching rows.
        var (filtered, _) = await h.AllPagesAsync(new QueryRequest(Filter: "age >= 30 or age = null", Sort: "-age,name", Limit: "4"));
        Assert.Equal(h.Expected(p => p.Age is null or >= 30).Order(StringComparer.Ordinal), filtered.Order(StringComparer.Ordinal));
        Assert.Equal(filtered.Count, filtered.Distinct().Count());
    }

    [Theory, AllDatabases]
    public async Task A_grant_limits_the_fields_and_its_row_filter_is_anded_with_the_callers(DatabaseKind kind)
    {
        await using var h = await QueryHarness.CreateAsync(kind);
        var access = new QueryAccess(["name", "age", "birth_date"], "county = '330102'");

        var (rows, _) = await h.PageAsync(new QueryRequest("age > 40", Limit: "1000"), access);
        Assert.Equal(h.People.Where(p => p.County == "330102" && p.Age > 40).Select(p => (p.Name, p.Age, p.BirthDate)),
            rows.Select(r => ((string?)r.Values[0], (long?)r.Values[1], (DateOnly)r.Values[2]!)));
        Assert.NotEmpty(rows);
        await using (var page = await h.Query.OpenAsync(h.Version, new QueryRequest(), access))
        {
            Assert.Equal(["name", "age", "birth_date"], page.Fields.Select(f => f.Name));
            Assert.Equal(h.People.Count(p => p.County == "330102"), await page.ReadAsync().CountAsync());
        }

        // The caller's "or" cannot widen the grant's filter.
        var (widened, _) = await h.PageAsync(new QueryRequest("age > 0 or age = null", Limit: "1000"), access);
        Assert.Equal(h.People.Count(p => p.County == "330102"), widened.Count);

        foreach (var request in new[] { new QueryRequest("county = '330105'"), new QueryRequest(Sort: "county"), new QueryRequest(Fields: "name,county") })
        {
            var error = await Assert.ThrowsAsync<GongshuException>(() => h.PageAsync(request, access));
            Assert.Equal((ErrorKind.Forbidden, "field_not_granted"), (error.Kind, error.Code));
            Assert.Contains("'county'", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory, AllDatabases]
    public async Task A_cursor_that_was_altered_forged_or_reused_elsewhere_is_refused(DatabaseKind kind)
    {
        await using var h = await QueryHarness.CreateAsync(kind);
        var request = new QueryRequest("age > 25", "county,-age", Limit: "10");
        var (_, cursor) = await h.PageAsync(request);
        Assert.NotNull(cursor);
        Assert.Equal(10, (await h.PageAsync(request with { Cursor = cursor })).Rows.Count);

        async Task<string> Refused(QueryRequest r, DatasetQuery? query = null)
        {
            var error = await Assert.ThrowsAsync<GongshuException>(async () =>
            {
                await using var page = await (query ?? h.Query).OpenAsync(h.Version, r);
            });
            Assert.Equal((ErrorKind.BadRequest, "cursor"), (error.Kind, error.Field));
            return error.Code;
        }

        // Every single-character change to the cursor is caught.
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (var i = 0; i < cursor.Length; i++)
        {
            var changed = new StringBuilder(cursor) { [i] = alphabet[(alphabet.IndexOf(cursor[i], StringComparison.Ordinal) + 1) % alphabet.Length] }.ToString();
            Assert.Equal("cursor_invalid", await Refused(request with { Cursor = changed }));
        }

        Assert.Equal("cursor_invalid", await Refused(request with { Cursor = cursor[..^1] }));
        Assert.Equal("cursor_invalid", await Refused(request with { Cursor = cursor + "A" }));
        Assert.Equal("cursor_invalid", await Refused(request with { Cursor = "not a cursor!" }));
        Assert.Equal("cursor_invalid", await Refused(request with { Cursor = new string('A', 20000) }));

        // A cursor the client writes itself, however plausible, has no valid MAC.
        var forged = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $$"""{"v":{{h.Version.Id}},"s":"county,-age","f":"x","k":["330102","30"],"r":1}""" + "0123456789abcdef"));
        Assert.Equal("cursor_invalid", await Refused(request with { Cursor = forged }));

        // Another platform's key, another sort, another filter, another version.
        Assert.Equal("cursor_invalid", await Refused(request with { Cursor = cursor }, new DatasetQuery(h.Database, h.Encryption, new byte[32])));
        Assert.Equal("cursor_invalid", await Refused(request with { Sort = "county,age", Cursor = cursor }));
        Assert.Equal("cursor_invalid", await Refused(request with { Filter = "age > 26", Cursor = cursor }));
        Assert.Equal(10, (await h.PageAsync(request with { Filter = " age  >  25 ", Cursor = cursor })).Rows.Count);
        var reloaded = await h.ReloadAsync();
        var stale = await Assert.ThrowsAsync<GongshuException>(() => h.Query.OpenAsync(reloaded, request with { Cursor = cursor }));
        Assert.Equal("cursor_stale", stale.Code);
    }
}
