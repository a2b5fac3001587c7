using Dapper;
using Gongshu.Catalog.Search;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Catalog.Search;

public class TextMatchingTests
{
    [Theory, AllDatabases]
    public async Task The_engine_has_a_trigram_index(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind, []);
        await using var connection = await bed.Database.OpenConnectionAsync();

        if (kind == DatabaseKind.Sqlite)
        {
            // FTS5's trigram tokenizer arrived in SQLite 3.34.
            var version = Version.Parse(await connection.ExecuteScalarAsync<string>("SELECT sqlite_version()") ?? "");
            Assert.True(version >= new Version(3, 34), $"SQLite {version} has no trigram tokenizer.");
        }
        else
        {
            var opclass = await connection.ExecuteScalarAsync<string>("""
                SELECT o.opcname FROM pg_index i
                JOIN pg_class c ON c.oid = i.indexrelid
                JOIN pg_opclass o ON o.oid = i.indclass[0]
                WHERE c.relname = 'ix_catalog_search_match' AND c.relnamespace = current_schema()::regnamespace
                """);
            Assert.Equal("gin_trgm_ops", opclass);
        }
    }

    [Theory, AllDatabases]
    public async Task A_two_character_word_is_found_inside_a_longer_name(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([1L, 4L], await bed.FindSetAsync("人口"));
    }

    [Theory, AllDatabases]
    public async Task Every_word_must_match(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([2L, 3L], await bed.FindSetAsync("企业 信用"));
        Assert.Equal([2L, 3L], await bed.FindSetAsync("  信用\t企业  "));
        Assert.Empty(await bed.FindAsync("企业 人口"));
    }

    [Theory, AllDatabases]
    public async Task Chinese_separators_and_the_ideographic_space_separate_words(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([2L, 3L], await bed.FindSetAsync("企业，信用"));
        Assert.Equal([2L, 3L], await bed.FindSetAsync("企业、信用"));
        Assert.Equal([2L, 3L], await bed.FindSetAsync("企业　信用"));
        Assert.Equal([2L, 3L], await bed.FindSetAsync("企业；信用。"));
    }

    [Theory, AllDatabases]
    public async Task Other_Chinese_punctuation_matches_literally_in_either_width(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([3L], await bed.FindAsync("（年度）"));
        Assert.Equal([3L], await bed.FindAsync("(年度)"));
        Assert.Empty(await bed.FindAsync("《年度》"));
        Assert.Empty(await bed.FindAsync("《"));
        Assert.Empty(await bed.FindAsync("“”"));
    }

    [Theory, AllDatabases]
    public async Task A_single_character_is_enough(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([3L], await bed.FindAsync("税"));
        Assert.Equal([5L], await bed.FindAsync("港"));
        Assert.Equal([1L, 2L], await bed.FindSetAsync("省"));
    }

    [Theory, AllDatabases]
    public async Task Longer_words_match_anywhere_in_name_summary_keywords_field_labels_and_tags(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([1L], await bed.FindAsync("人口基础"));
        Assert.Equal([4L], await bed.FindAsync("医学证明"));
        Assert.Equal([2L], await bed.FindAsync("统一社会信用代码"));
        Assert.Equal([1L], await bed.FindAsync("公民身份"));
        Assert.Equal([1L], await bed.FindAsync("基础库"));
        Assert.Equal([3L], await bed.FindAsync("纳税人识别号"));
    }

    [Theory, AllDatabases]
    public async Task A_word_never_matches_across_two_keywords_or_two_fields(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Empty(await bed.FindAsync("户籍常住"));
        Assert.Empty(await bed.FindAsync("籍常"));
        Assert.Empty(await bed.FindAsync("码常住"));
    }

    [Theory, AllDatabases]
    public async Task Latin_text_matches_ignoring_case_and_full_width(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([5L], await bed.FindAsync("teu"));
        Assert.Equal([5L], await bed.FindAsync("ＴＥＵ"));
        Assert.Equal([5L], await bed.FindAsync("NINGBO port"));
        Assert.Equal([3L, 5L], await bed.FindSetAsync("a"));
    }

    [Theory, AllDatabases]
    public async Task A_resource_code_matches_exactly_or_by_prefix_and_ranks_first(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([4L], await bed.FindAsync("101001/00002"));
        Assert.Equal([4L], await bed.FindAsync("１０１００１/００００２"));
        Assert.Equal([1L, 4L], await bed.FindSetAsync("101001"));
        Assert.Equal([3L, 6L], await bed.FindSetAsync("30"));
        Assert.Empty(await bed.FindAsync("00002"));
        Assert.Equal([4L], await bed.FindAsync("101001/00002 人口"));
    }

    [Theory, AllDatabases]
    public async Task Relevance_puts_name_matches_before_summary_matches(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        var result = await bed.SearchAsync(new CatalogQuery { Text = "信用" });

        // 6 is the newest but mentions 信用 only in its summary; 2 and 3 tie, the newer first.
        Assert.Equal([2L, 3L, 6L], result.Hits.Select(h => h.ResourceId));
        Assert.True(result.Hits[0].Score > result.Hits[2].Score);
        Assert.Equal(result.Hits[0].Score, result.Hits[1].Score);
    }

    [Theory, AllDatabases]
    public async Task No_text_lists_everything_newest_first(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        foreach (var text in new[] { null, "", "   ", "，、" })
        {
            var result = await bed.SearchAsync(new CatalogQuery { Text = text });

            Assert.Equal(6, result.Total);
            Assert.Equal([6L, 2L, 3L, 1L, 4L, 5L], result.Hits.Select(h => h.ResourceId));
            Assert.All(result.Hits, h => Assert.Equal(0.0, h.Score));
        }
    }

    [Theory, AllDatabases]
    public async Task A_hit_carries_what_the_result_list_shows(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        var hit = (await bed.SearchAsync(new CatalogQuery { Text = "常住人口" })).Hits.Single();

        var expected = SampleCatalog.Residents;
        Assert.Equal((expected.Code, expected.Name, expected.Summary), (hit.Code, hit.Name, hit.Summary));
        Assert.Equal((expected.ProviderId, expected.ProviderName, expected.DivisionCode), (hit.ProviderId, hit.ProviderName, hit.DivisionCode));
        Assert.Equal((expected.ClassificationCode, expected.ShareType, expected.OpenType), (hit.ClassificationCode, hit.ShareType, hit.OpenType));
        Assert.Equal((expected.Grade, expected.Format, expected.UpdateCycle), (hit.Grade, hit.Format, hit.UpdateCycle));
        Assert.Equal(expected.Tags, hit.Tags);
        Assert.Equal(expected.UpdatedAt, hit.UpdatedAt);
    }
}
