using Dapper;
using Gongshu.Storage;

namespace Gongshu.Catalog;

/// <summary>How many published resources meet the metadata rules, and the share they make.</summary>
public sealed record StandardizationFigure(long Published, long Standardized)
{
    /// <summary>目录标准化率 as a fraction (0.95 = 95%), null while nothing is published.</summary>
    public double? Rate => Published == 0 ? null : (double)Standardized / Published;
}

/// <summary>The figure of one provider organization.</summary>
public sealed record OrganizationStandardization(long OrganizationId, string OrganizationName, StandardizationFigure Figure);

/// <summary>The catalog standardization KPI platform-wide and per provider, at one threshold.</summary>
public sealed record StandardizationReport(int Threshold, StandardizationFigure Platform, IReadOnlyList<OrganizationStandardization> Organizations);

/// <summary>
/// 目录标准化率 (数据目录规范化率): the share of published resources whose standardization score
/// (<see cref="MetadataRules"/>, stored with each version) reaches the threshold — 90 unless the
/// deployment says otherwise. Retired resources and drafts do not count.
/// </summary>
public sealed class StandardizationKpi
{
    public const int DefaultThreshold = 90;

    private readonly Database _database;

    public StandardizationKpi(Database database, int threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 100);
        _database = database;
        Threshold = threshold;
    }

    public int Threshold { get; }

    public async Task<StandardizationReport> ComputeAsync(CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await _database.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT r.provider_id AS OrganizationId, o.name AS OrganizationName, count(*) AS Published,
                   SUM(CASE WHEN v.score >= @Threshold THEN 1 ELSE 0 END) AS Standardized
            FROM catalog_resources r
            JOIN catalog_resource_versions v ON v.id = r.published_version_id
            JOIN organizations o ON o.id = r.provider_id
            WHERE r.status = 'published'
            GROUP BY r.provider_id, o.name
            ORDER BY r.provider_id
            """, new { Threshold }, cancellationToken: ct))).ToList();
        var organizations = rows
            .Select(r => new OrganizationStandardization(r.OrganizationId, r.OrganizationName, new StandardizationFigure(r.Published, r.Standardized)))
            .ToList();
        var platform = new StandardizationFigure(rows.Sum(r => r.Published), rows.Sum(r => r.Standardized));
        return new StandardizationReport(Threshold, platform, organizations);
    }

    private sealed class Row
    {
        public long OrganizationId { get; set; }
        public string OrganizationName { get; set; } = "";
        public long Published { get; set; }
        public long Standardized { get; set; }
    }
}
