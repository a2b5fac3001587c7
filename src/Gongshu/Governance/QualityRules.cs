using System.Globalization;
using System.Text.Json;
using Dapper;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Collection;
using Gongshu.Collection.Loads;
using Gongshu.Directories;
using Gongshu.Governance.Rules;
using Gongshu.Governance.Tickets;
using Gongshu.Security.Encryption;
using Gongshu.Storage;

namespace Gongshu.Governance;

/// <summary>A resource's rule set as saved: its version, who saved it, and the rules.</summary>
public sealed record SavedRuleSet(long ResourceId, int Version, long SavedBy, DateTimeOffset SavedAt, string Json, IReadOnlyList<QualityRule> Rules);

/// <summary>What the rules found in one load, and its dimension scores.</summary>
/// <see cref="LoadId"/> is null for a check of the data in force made on demand.
public sealed record LoadQuality(long Id, long? LoadId, int RulesVersion, long RowsChecked, long RowsFailing, DateTimeOffset CheckedAt, QualityScores Scores, IReadOnlyList<RuleOutcome> Rules);

/// <summary>A department's standing: how many of its resources have findings, and their mean overall score.</summary>
public sealed record DepartmentQuality(long OrganizationId, string Organization, int Resources, double? AverageScore, long RowsChecked, long RowsFailing);

/// <summary>
/// Quality rules (质量规则) per resource, and their findings: the provider declares the rules;
/// every load checks them inline, on each converted row in the same pass that loads it (no second
/// read); the findings are kept per load, so a resource's quality can be followed across loads.
/// Rules report, they do not reject: a row that fails a rule is still loaded (谁提供谁负责 — the
/// provider fixes the source).
/// </summary>
public sealed class QualityRules(Database database, CatalogService catalog, FieldEncryption encryption, IAuditLog audit, TimeProvider? clock = null) : ILoadInspection
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly DatasetStore _datasets = new(database, clock);
    private readonly FindingTickets _tickets = new(database, audit, clock ?? TimeProvider.System);

    /// <summary>
    /// Checks the rules in force on the resource's current data now (decrypted where stored
    /// encrypted), streamed row by row, and keeps the findings like a load's: its provider's admins
    /// and platform admins.
    /// </summary>
    public async Task<LoadQuality> CheckCurrentAsync(CatalogCaller caller, long resourceId, CancellationToken ct = default)
    {
        var resource = await RequireReaderAsync(caller, resourceId, ct);
        if (!caller.ManagesDataOf(resource.ProviderId))
        {
            throw new GongshuException(ErrorKind.Forbidden, "rules_forbidden", "Only the provider's admins and platform admins run a check of the data.");
        }

        var (result, version, rows) = await CheckCurrentAsync(resource, ct);
        await audit.AppendAsync(caller.Actor.Entry("governance.quality.checked", resource.AuditObject, AuditOutcome.Success,
            new { code = resource.Code, version, rules = result.RulesVersion, rows }), CancellationToken.None);
        return result;
    }

    /// <summary>The check itself, for the platform's own use (a ticket's verification): no permission check, no audit entry.</summary>
    internal async Task<(LoadQuality Result, long Version, long Rows)> CheckCurrentAsync(CatalogResource resource, CancellationToken ct)
    {
        var saved = await LatestAsync(resource.Id, ct)
            ?? throw new GongshuException(ErrorKind.Conflict, "no_rules", $"Resource {resource.Code} has no quality rules to check; declare them first.");
        var version = await _datasets.GetCurrentAsync(resource.Code, ct)
            ?? throw new GongshuException(ErrorKind.Conflict, "no_data", $"Nothing has been loaded into resource {resource.Code} yet.");
        var revealer = new RowRevealer(encryption, version);
        var inspection = await InspectionAsync(resource, saved, revealer.Fields, ct);
        long row = 0;
        await foreach (var stored in _datasets.ReadAsync(version, ct: ct))
        {
            inspection.Check(revealer.Reveal(stored.Values), ++row);
        }

        await inspection.CompleteAsync(null, ct);
        return ((await ResultsAsync(resource, 1, ct))[0], version.Id, row);
    }

    /// <summary>The rules in force for a resource; null when none were declared.</summary>
    public async Task<SavedRuleSet?> GetAsync(CatalogCaller caller, long resourceId, CancellationToken ct = default)
    {
        var resource = await RequireReaderAsync(caller, resourceId, ct);
        return await LatestAsync(resourceId, ct) is { } saved
            ? new SavedRuleSet(resourceId, (int)saved.Version, saved.CreatedBy, saved.CreatedAt, saved.Json,
                RuleSet.Parse(saved.Json, CollectionService.DatasetColumns(resource)).Rules)
            : null;
    }

    /// <summary>Validates the rules against the resource's fields and saves them as the next version (the provider's admins only).</summary>
    public async Task<SavedRuleSet> SaveAsync(CatalogCaller caller, long resourceId, string json, CancellationToken ct = default)
    {
        var resource = await RequireReaderAsync(caller, resourceId, ct);
        if (!caller.AdministersProvider(resource.ProviderId))
        {
            throw new GongshuException(ErrorKind.Forbidden, "rules_forbidden", "Only the provider's admins declare the quality rules of its resources (谁提供谁负责).");
        }

        var rules = RuleSet.Parse(json, CollectionService.DatasetColumns(resource));
        await RequireReferencesAsync(caller, rules, ct);
        var version = (int)((await LatestAsync(resourceId, ct))?.Version ?? 0) + 1;
        var now = _clock.GetUtcNow();
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO quality_rule_sets (resource_id, version, rules_json, created_by, created_at) VALUES (@resourceId, @version, @json, @userId, @now)",
                    new { resourceId, version, json, userId = caller.UserId, now }, cancellationToken: ct));
            }
            catch (System.Data.Common.DbException e) when (DirectoryStorage.IsUniqueViolation(e))
            {
                throw new GongshuException(ErrorKind.Conflict, "rules_version_conflict", "Someone saved these rules a moment ago; reload them and apply the change again.", "rules");
            }
        }

        await audit.AppendAsync(caller.Actor.Entry("governance.rules.saved", resource.AuditObject, AuditOutcome.Success, new
        {
            code = resource.Code,
            version,
            rules = rules.Rules.Select(r => r.Description).ToList(),
        }), CancellationToken.None);
        return new SavedRuleSet(resourceId, version, caller.UserId, now, json, rules.Rules);
    }

    /// <summary>The findings of the resource's last loads, newest first: the trend across loads.</summary>
    public async Task<IReadOnlyList<LoadQuality>> ResultsAsync(CatalogCaller caller, long resourceId, int limit = 20, CancellationToken ct = default)
    {
        if (limit is < 1 or > 200)
        {
            throw GongshuException.Invalid("limit", "The limit must be between 1 and 200.");
        }

        var resource = await RequireReaderAsync(caller, resourceId, ct);
        return await ResultsAsync(resource, limit, ct);
    }

    /// <summary>
    /// The scores of the latest findings of a resource the caller has already been allowed to read
    /// (the open portal shows them for open resources); null when its data was never checked.
    /// </summary>
    public async Task<QualityScores?> LatestScoresAsync(CatalogResource resource, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return (await ResultsAsync(resource, 1, ct)) is [var latest] ? latest.Scores : null;
    }

    /// <summary>
    /// Departments ranked by the mean overall score of their resources' latest findings (platform
    /// admins and auditors): where the platform's data quality work is needed most.
    /// </summary>
    public async Task<IReadOnlyList<DepartmentQuality>> RankingAsync(CatalogCaller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.OverseesAll)
        {
            throw new GongshuException(ErrorKind.Forbidden, "ranking_forbidden", "The departments' ranking is for platform admins and auditors.");
        }

        DapperSetup.EnsureConfigured();
        List<long> resourceIds;
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            resourceIds = (await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT DISTINCT resource_id FROM quality_results ORDER BY resource_id", cancellationToken: ct))).ToList();
        }

        // The published resources in one read (a retired one drops out of the ranking), then their latest findings in one more.
        var published = await catalog.GetPublishedAsync(resourceIds, ct);
        var findings = await LatestAsync(caller, published, ct);
        var latest = published.Where(r => findings.ContainsKey(r.Id)).Select(r => (Resource: r, Quality: findings[r.Id])).ToList();

        var nameOf = await new OrganizationService(database, audit, _clock).FindManyAsync(latest.Select(l => l.Resource.ProviderId), ct);
        return latest.GroupBy(l => l.Resource.ProviderId)
            .Select(g =>
            {
                var scores = g.Select(l => l.Quality.Scores.Overall).Where(s => s is not null).Select(s => s!.Value).ToList();
                return new DepartmentQuality(g.Key, nameOf.TryGetValue(g.Key, out var organization) ? organization.Name : "", g.Count(), scores.Count == 0 ? null : Math.Round(scores.Average(), 1),
                    g.Sum(l => l.Quality.RowsChecked), g.Sum(l => l.Quality.RowsFailing));
            })
            .OrderBy(d => d.AverageScore ?? double.MaxValue).ThenBy(d => d.OrganizationId)
            .ToList();
    }

    /// <summary>
    /// The latest findings of each of these resources the caller may see (their provider's admins,
    /// platform admins, auditors), in two queries whatever their number: a department's quality
    /// overview. Resources never checked, and those the caller may not see, are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, LoadQuality>> LatestAsync(CatalogCaller caller, IReadOnlyList<CatalogResource> resources, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(resources);
        var visible = resources.Where(r => caller.Has(Role.Auditor) || caller.ManagesDataOf(r.ProviderId)).DistinctBy(r => r.Id).ToDictionary(r => r.Id);
        if (visible.Count == 0)
        {
            return new Dictionary<long, LoadQuality>();
        }

        DapperSetup.EnsureConfigured();
        var current = await _datasets.GetCurrentManyAsync(visible.Values.Select(r => r.Code).ToList(), ct);
        var match = database.Kind == DatabaseKind.Postgres ? "resource_id = ANY(@ids)" : "resource_id IN @ids";
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ResultRow>(new CommandDefinition($"""
            SELECT id, resource_id AS ResourceId, load_id AS LoadId, rules_version AS RulesVersion, rows_checked AS RowsChecked,
                   rows_failing AS RowsFailing, summary_json AS SummaryJson, checked_at AS CheckedAt
            FROM quality_results
            WHERE id IN (SELECT MAX(id) FROM quality_results WHERE {match} GROUP BY resource_id)
            """, new { ids = visible.Keys.ToArray() }, cancellationToken: ct));
        var now = _clock.GetUtcNow();
        return rows.ToDictionary(r => r.ResourceId, r =>
        {
            var resource = visible[r.ResourceId];
            TimeSpan? age = current.TryGetValue(resource.Code, out var data) && data.SwitchedAt is { } switched ? now - switched : null;
            return r.ToQuality(resource, age);
        });
    }

    private async Task<IReadOnlyList<LoadQuality>> ResultsAsync(CatalogResource resource, int limit, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        var current = await _datasets.GetCurrentAsync(resource.Code, ct);
        TimeSpan? age = current?.SwitchedAt is { } switched ? _clock.GetUtcNow() - switched : null;
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ResultRow>(
            new CommandDefinition("""
                SELECT id, resource_id AS ResourceId, load_id AS LoadId, rules_version AS RulesVersion, rows_checked AS RowsChecked,
                       rows_failing AS RowsFailing, summary_json AS SummaryJson, checked_at AS CheckedAt
                FROM quality_results WHERE resource_id = @Id ORDER BY id DESC LIMIT @limit
                """, new { resource.Id, limit }, cancellationToken: ct));

        // Timeliness belongs to the data in force: the newest findings only.
        return rows.Select((r, i) => r.ToQuality(resource, i == 0 ? age : null)).ToList();
    }

    async Task<LoadCheck?> ILoadInspection.BeginAsync(CatalogResource resource, IReadOnlyList<DatasetColumn> fields, CancellationToken ct)
    {
        var saved = await LatestAsync(resource.Id, ct);
        if (saved is null)
        {
            return null;
        }

        // The fields may have changed since the rules were saved: a rule that no longer fits is an error now, before any row is read.
        return await InspectionAsync(resource, saved, fields, ct);
    }

    private async Task<Inspection> InspectionAsync(CatalogResource resource, SavedRow saved, IReadOnlyList<DatasetColumn> fields, CancellationToken ct)
    {
        var rules = RuleSet.Parse(saved.Json, fields);
        var references = await ReferencedValuesAsync(rules, ct);
        return new Inspection(this, resource, (int)saved.Version, rules, RowChecker.Compile(rules, fields, references: r => references[r]));
    }

    // A reference names a published resource and one of its fields.
    private async Task RequireReferencesAsync(CatalogCaller caller, RuleSet rules, CancellationToken ct)
    {
        foreach (var rule in rules.Rules)
        {
            if (rule.Kind is not RuleKind.Reference reference)
            {
                continue;
            }

            CatalogResource? target = null;
            if (await catalog.FindIdByCodeAsync(reference.Resource, ct) is { } id)
            {
                try
                {
                    target = await catalog.GetAsync(caller, id, CatalogView.Published, ct);
                }
                catch (GongshuException e) when (e.Kind == ErrorKind.NotFound)
                {
                    target = null;
                }
            }

            if (target is null)
            {
                throw GongshuException.Invalid($"rules[{rule.Id}].resource", $"'{reference.Resource}' is not the code of a published resource.", "unknown_reference");
            }

            if (!target.Version.Metadata.Fields.Any(f => f.Name == reference.ReferenceField))
            {
                throw GongshuException.Invalid($"rules[{rule.Id}].referenceField",
                    $"Resource {target.Code} has no field '{reference.ReferenceField}'; its fields are {string.Join(", ", target.Version.Metadata.Fields.Select(f => f.Name))}.", "unknown_field");
            }
        }
    }

    /// <summary>
    /// The values of each referenced field, as 64-bit hashes (8 bytes a value; decrypted first
    /// where that resource stores the field encrypted). A resource with no data yet gives an
    /// empty set: every checked value is then reported as not found.
    /// </summary>
    private async Task<Dictionary<RuleKind.Reference, IReadOnlySet<ulong>>> ReferencedValuesAsync(RuleSet rules, CancellationToken ct)
    {
        var sets = new Dictionary<RuleKind.Reference, IReadOnlySet<ulong>>();
        foreach (var reference in rules.Rules.Select(r => r.Kind).OfType<RuleKind.Reference>().Distinct())
        {
            var values = new HashSet<ulong>();
            if (await _datasets.GetCurrentAsync(reference.Resource, ct) is { } version)
            {
                var revealer = new RowRevealer(encryption, version);
                var ordinal = revealer.Fields.ToList().FindIndex(c => c.Name == reference.ReferenceField);
                if (ordinal >= 0)
                {
                    await foreach (var row in _datasets.ReadAsync(version, ct: ct))
                    {
                        if (revealer.Reveal(row.Values)[ordinal] is { } value)
                        {
                            values.Add(TextFormats.Hash(value));
                        }
                    }
                }
            }

            sets[reference] = values;
        }

        return sets;
    }

    // The rules in force as saved, not yet read against any fields: each use parses them against
    // the fields it checks (the catalog's, a load's, or the stored version's).
    private async Task<SavedRow?> LatestAsync(long resourceId, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SavedRow>(new CommandDefinition(
            "SELECT version, rules_json AS Json, created_by AS CreatedBy, created_at AS CreatedAt FROM quality_rule_sets WHERE resource_id = @resourceId ORDER BY version DESC LIMIT 1",
            new { resourceId }, cancellationToken: ct));
    }

    // Keeps the findings, then opens (or updates) the tickets of the rules over their threshold.
    private async Task RecordAsync(long? loadId, CatalogResource resource, int version, RuleSet rules, long rowsChecked, long rowsFailing,
        IReadOnlyList<RuleOutcome> summary, CancellationToken ct)
    {
        long resultId;
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            resultId = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO quality_results (load_id, resource_id, rules_version, rows_checked, rows_failing, summary_json, checked_at)
                VALUES (@loadId, @Id, @version, @rowsChecked, @rowsFailing, @summary, @now)
                RETURNING id
                """, new { loadId, resource.Id, version, rowsChecked, rowsFailing, summary = JsonSerializer.Serialize(summary), now = _clock.GetUtcNow() },
                cancellationToken: ct));
        }

        await _tickets.OpenAsync(resource, resultId, rules, summary, ct);
    }

    private async Task<CatalogResource> RequireReaderAsync(CatalogCaller caller, long resourceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var resource = await catalog.GetAsync(caller, resourceId, CatalogView.Published, ct);
        if (!caller.Has(Role.Auditor) && !caller.ManagesDataOf(resource.ProviderId))
        {
            throw GongshuException.NotFound($"Quality rules of resource {resourceId}", "rules_not_found");
        }

        return resource;
    }


    private sealed class Inspection(QualityRules owner, CatalogResource resource, int version, RuleSet rules, RowChecker checker) : LoadCheck
    {
        private long _checked;
        private long _failing;

        public override void Check(ReadOnlySpan<object?> row, long line)
        {
            _checked++;
            if (!checker.Check(row, line))
            {
                _failing++;
            }
        }

        public override Task CompleteAsync(long loadId, CancellationToken ct) => CompleteAsync((long?)loadId, ct);

        public Task CompleteAsync(long? loadId, CancellationToken ct)
            => owner.RecordAsync(loadId, resource, version, rules, _checked, _failing,
                [.. checker.Summary().Select(r => r with { Samples = [.. r.Samples.Select(f => f with { Value = MaskSample(f.Value) })] })], ct);
    }

    /// <summary>
    /// Failing samples are kept at rest and shown to the provider, admins and auditors: enough of
    /// the value to find the record (its line is there too), never the whole value, which may be
    /// an ID number the resource keeps encrypted.
    /// </summary>
    internal static string MaskSample(string value)
    {
        var keep = value.Length switch
        {
            >= 14 => (First: 6, Last: 4),
            >= 6 => (First: 2, Last: 2),
            _ => (First: 1, Last: 0),
        };
        return value.Length <= keep.First + keep.Last
            ? value
            : string.Concat(value.AsSpan(0, keep.First), new string('*', value.Length - keep.First - keep.Last), value.AsSpan(value.Length - keep.Last));
    }

    private sealed class ResultRow
    {
        public long Id { get; set; }
        public long ResourceId { get; set; }
        public long? LoadId { get; set; }
        public long RulesVersion { get; set; }
        public long RowsChecked { get; set; }
        public long RowsFailing { get; set; }
        public string SummaryJson { get; set; } = "[]";
        public DateTimeOffset CheckedAt { get; set; }

        public LoadQuality ToQuality(CatalogResource resource, TimeSpan? age)
        {
            var outcomes = JsonSerializer.Deserialize<List<RuleOutcome>>(SummaryJson) ?? [];
            var scores = QualityScores.From(outcomes, resource.Version.Metadata.UpdateCycle, age);
            return new LoadQuality(Id, LoadId, (int)RulesVersion, RowsChecked, RowsFailing, CheckedAt, scores, outcomes);
        }
    }

    private sealed class SavedRow
    {
        public long Version { get; set; }
        public string Json { get; set; } = "";
        public long CreatedBy { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}
