using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Collection.Loads;
using Gongshu.Collection.Sources;
using Gongshu.Collection.Sources.Database;
using Gongshu.Collection.Sources.Http;
using Gongshu.Directories;
using Gongshu.Security;
using Gongshu.Storage;

namespace Gongshu.Collection.Schedules;

/// <summary>What a provider admin gives to register a source (归集任务). Secrets: <see cref="Connection"/> and <see cref="Headers"/>.</summary>
public sealed record SourceDefinition
{
    public string? Name { get; init; }

    /// <summary><c>postgres</c>, <c>sqlite</c> or <c>http</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>A database's connection string (PostgreSQL) or file path (SQLite); stored sealed, never shown again.</summary>
    public string? Connection { get; init; }

    public string? Table { get; init; }

    public string? Query { get; init; }

    /// <summary>Pull only rows whose column is above the last value pulled (append or upsert).</summary>
    public string? WatermarkColumn { get; init; }

    public string? Url { get; init; }

    /// <summary><c>page</c> (default), <c>offset</c>, <c>next</c> or <c>none</c>.</summary>
    public string? Paging { get; init; }

    public string? RecordsPath { get; init; }

    public int? PageSize { get; init; }

    public string? PageParameter { get; init; }

    public string? SizeParameter { get; init; }

    public int? FirstPage { get; init; }

    public string? NextLinkPath { get; init; }

    /// <summary>HTTP headers sent with every request (an API key); stored sealed, never shown again.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public string? Mode { get; init; }

    public IReadOnlyDictionary<string, string>? Mapping { get; init; }

    /// <summary>Five-field cron in Beijing time; null for the resource's update cycle, empty for run-by-hand only.</summary>
    public string? Schedule { get; init; }

    public bool Enabled { get; init; } = true;
}

/// <summary>A registered source as its owners see it: no secret, ever.</summary>
public sealed record CollectionSource(
    long Id,
    long ResourceId,
    string Name,
    string Kind,
    string Target,
    string Mode,
    string? WatermarkColumn,
    string? Watermark,
    string? Schedule,
    bool Enabled,
    DateTimeOffset? NextRunAt,
    DateTimeOffset? LastRunAt,
    long? LastLoadId,
    string? LastError,
    long CreatedBy,
    DateTimeOffset CreatedAt);

/// <summary>An alert about a resource's data: <c>stale</c> when it is older than its update cycle allows.</summary>
public sealed record CollectionAlert(long Id, long ResourceId, string ResourceCode, string Kind, string Message, DateTimeOffset RaisedAt, DateTimeOffset? ClearedAt);

/// <summary>
/// Sources pulled on a schedule — a table or SELECT of a department's PostgreSQL or SQLite
/// database, or a paged HTTP JSON API — and the stale-data alerts (数据过期告警). A source is
/// checked when it is registered (the connection works, the columns map), its secrets are sealed
/// with the platform's master key, and each run is a load like any other, done as the provider
/// admin who registered the source, audited and in the load history.
/// </summary>
public sealed class CollectionSources(Database database, CollectionService collection, UserService users,
    KeyStore keys, IAuditLog audit, TimeProvider? clock = null)
{
    public const string SealPurpose = "collection-source";

    /// <summary>How old a resource's data may grow, by update cycle, before it is stale (the cycle plus a margin for a late run).</summary>
    public static readonly IReadOnlyDictionary<string, TimeSpan> StaleAfter = new Dictionary<string, TimeSpan>
    {
        ["realtime"] = TimeSpan.FromHours(1),
        ["daily"] = TimeSpan.FromHours(36),
        ["weekly"] = TimeSpan.FromDays(8),
        ["monthly"] = TimeSpan.FromDays(35),
        ["quarterly"] = TimeSpan.FromDays(95),
        ["half_yearly"] = TimeSpan.FromDays(190),
        ["yearly"] = TimeSpan.FromDays(370),
    };

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Registers a source after checking that it can be read and that its columns map to the resource's fields.</summary>
    public async Task<CollectionSource> CreateAsync(CatalogCaller caller, long resourceId, SourceDefinition definition, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var resource = await collection.RequireLoaderAsync(caller, resourceId, ct);
        var kind = definition.Kind?.Trim().ToLowerInvariant();
        var mode = CollectionService.ParseMode(definition.Mode);
        var name = string.IsNullOrWhiteSpace(definition.Name) ? throw GongshuException.Invalid("name", "Give the source a name.") : definition.Name.Trim();
        string settings;
        string? secret;
        switch (kind)
        {
            case "postgres" or "sqlite":
                if (string.IsNullOrWhiteSpace(definition.Connection))
                {
                    throw GongshuException.Invalid("connection", "A database source needs its connection string (PostgreSQL) or file (SQLite).");
                }

                if (string.IsNullOrWhiteSpace(definition.Table) == string.IsNullOrWhiteSpace(definition.Query))
                {
                    throw GongshuException.Invalid("table", "Give either a table or a query, not both.", "table_or_query");
                }

                if (definition.WatermarkColumn is { Length: > 0 } && mode == LoadMode.Full)
                {
                    throw GongshuException.Invalid("watermarkColumn", "A watermark pulls only new rows: use it with mode append or upsert.", "watermark_needs_increment");
                }

                settings = JsonSerializer.Serialize(new DbSettings(definition.Table?.Trim(), definition.Query?.Trim(), definition.WatermarkColumn?.Trim()));
                secret = definition.Connection;
                break;
            case "http":
                if (!Uri.TryCreate(definition.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    throw GongshuException.Invalid("url", "An HTTP source needs an absolute http or https URL.", "bad_url");
                }

                settings = JsonSerializer.Serialize(new HttpSettings(url.ToString(), ParsePaging(definition.Paging), definition.RecordsPath, definition.PageSize,
                    definition.PageParameter, definition.SizeParameter, definition.FirstPage, definition.NextLinkPath));
                secret = definition.Headers is { Count: > 0 } ? JsonSerializer.Serialize(definition.Headers) : null;
                break;
            default:
                throw GongshuException.Invalid("kind", $"'{definition.Kind}' is not a source kind; use postgres, sqlite or http.", "unknown_source_kind");
        }

        var schedule = definition.Schedule is null
            ? CronSchedule.ForUpdateCycle(resource.Version.Metadata.UpdateCycle)
            : definition.Schedule.Trim() is { Length: > 0 } given ? CronSchedule.Parse(given).Text : null;
        var row = new SourceRow
        {
            ResourceId = resource.Id, Name = name, Kind = kind!, SettingsJson = settings, Mode = CollectionService.ModeText(mode),
            MappingJson = definition.Mapping is { Count: > 0 } ? JsonSerializer.Serialize(definition.Mapping) : null,
        };

        // Read the source's header now: a refused connection or a header that maps to nothing is
        // the registering user's to fix, not a failure at two in the morning.
        await using (var reader = await OpenAsync(row, secret, ct))
        {
            var mapping = await collection.SuggestMappingAsync(caller, resourceId, reader, Mapping(row), ct);
            if (mapping.Columns.Count == 0)
            {
                throw GongshuException.Invalid("table",
                    $"No column of the source ({ColumnMapping.Shorten(reader.Columns)}) matches a field of resource {resource.Code} by name or Chinese label; give a mapping.",
                    "no_matching_columns");
            }
        }

        var now = _clock.GetUtcNow();
        var sealedSecret = secret is null ? null : keys.Seal(Encoding.UTF8.GetBytes(secret), SealPurpose);
        var next = schedule is null || !definition.Enabled ? null : CronSchedule.Parse(schedule).Next(now);
        await using var connection = await database.OpenConnectionAsync(ct);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO collection_sources (resource_id, name, kind, settings_json, secret_sealed, mode, mapping_json, schedule, enabled,
                next_run_at, created_by, organization_id, created_at, updated_at)
            VALUES (@ResourceId, @Name, @Kind, @SettingsJson, @sealedSecret, @Mode, @MappingJson, @schedule, @enabled, @next, @UserId, @OrganizationId, @now, @now)
            RETURNING id
            """, new
        {
            row.ResourceId, row.Name, row.Kind, row.SettingsJson, sealedSecret, row.Mode, row.MappingJson, schedule, enabled = definition.Enabled,
            next, caller.UserId, caller.OrganizationId, now,
        }, cancellationToken: ct));
        await audit.AppendAsync(Entry(caller.Actor, "collection.source.create", id, new { resource = resource.Code, kind, name, schedule, mode = row.Mode }), ct);
        return await GetAsync(caller, id, ct);
    }

    /// <summary>The resource's sources: its provider's admins and platform admins only.</summary>
    public async Task<IReadOnlyList<CollectionSource>> ListAsync(CatalogCaller caller, long resourceId, CancellationToken ct = default)
    {
        await collection.RequireHistoryReaderAsync(caller, resourceId, ct);
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<SourceRow>(new CommandDefinition(
            $"{Select} WHERE resource_id = @resourceId ORDER BY id", new { resourceId }, cancellationToken: ct));
        return rows.Select(r => r.ToSource()).ToList();
    }

    public async Task<CollectionSource> GetAsync(CatalogCaller caller, long sourceId, CancellationToken ct = default)
        => (await FindAsync(caller, sourceId, ct)).ToSource();

    /// <summary>Turns the schedule on or off; off, a source runs only by hand.</summary>
    public async Task<CollectionSource> SetEnabledAsync(CatalogCaller caller, long sourceId, bool enabled, CancellationToken ct = default)
    {
        var row = await FindAsync(caller, sourceId, ct);
        RequireOwner(caller, row);
        var now = _clock.GetUtcNow();
        var next = enabled && row.Schedule is { } s ? CronSchedule.Parse(s).Next(now) : null;
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE collection_sources SET enabled = @enabled, next_run_at = @next, updated_at = @now WHERE id = @sourceId",
                new { enabled, next, now, sourceId }, cancellationToken: ct));
        }

        await audit.AppendAsync(Entry(caller.Actor, enabled ? "collection.source.enable" : "collection.source.disable", sourceId, null), ct);
        return await GetAsync(caller, sourceId, ct);
    }

    /// <summary>Runs a source now, by hand, as <paramref name="caller"/>.</summary>
    public async Task<CollectionLoad> RunAsync(CatalogCaller caller, long sourceId, CancellationToken ct = default)
    {
        var row = await FindAsync(caller, sourceId, ct);
        RequireOwner(caller, row);
        return await RunAsync(row, caller, ct);
    }

    /// <summary>
    /// Runs every enabled source whose time has come, each claimed first so that several server
    /// processes on one database never run one source twice. Returns the runs started.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        List<SourceRow> due;
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            due = (await connection.QueryAsync<SourceRow>(new CommandDefinition(
                $"{Select} WHERE enabled = @yes AND next_run_at <= @now ORDER BY next_run_at LIMIT 20", new { yes = true, now }, cancellationToken: ct))).ToList();
        }

        var started = 0;
        foreach (var row in due)
        {
            var next = row.Schedule is { } s ? CronSchedule.Parse(s).Next(now) : null;
            await using (var connection = await database.OpenConnectionAsync(ct))
            {
                var claimed = await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE collection_sources SET next_run_at = @next WHERE id = @Id AND next_run_at = @NextRunAt",
                    new { next, row.Id, row.NextRunAt }, cancellationToken: ct));
                if (claimed == 0)
                {
                    continue;
                }
            }

            started++;
            try
            {
                var owner = await users.FindAsync(row.CreatedBy, ct);
                if (owner is null || owner.Disabled || owner.OrganizationId != row.OrganizationId || !owner.Roles.Contains(Role.ProviderAdmin))
                {
                    throw new GongshuException(ErrorKind.Forbidden, "source_owner_gone",
                        "The provider admin who registered this source can no longer load it; another provider admin must register it again.");
                }

                await RunAsync(row, CatalogCaller.ForUser(owner, "scheduler"), ct);
            }
            catch (Exception e) when (e is GongshuException or System.Data.Common.DbException or IOException or HttpRequestException)
            {
                // Recorded on the source (and, once the load started, in the load history and audit); the next run tries again.
                await RecordAsync(row.Id, null, e.Message, ct);
            }
        }

        return started;
    }

    /// <summary>
    /// Raises a <c>stale</c> alert for every published resource whose data (or, with none loaded,
    /// whose publication) is older than its update cycle allows (<see cref="StaleAfter"/>), and
    /// clears the alerts of resources that are current again. Returns (raised, cleared).
    /// </summary>
    public async Task<(int Raised, int Cleared)> CheckStaleAsync(CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(ct);
        var resources = await connection.QueryAsync<(long Id, string Code, string? Cycle, DateTimeOffset? PublishedAt, DateTimeOffset? SwitchedAt, long? OpenAlert)>(
            new CommandDefinition("""
                SELECT r.id, r.code, v.update_cycle, v.published_at, c.switched_at, a.id
                FROM catalog_resources r
                JOIN catalog_resource_versions v ON v.id = r.published_version_id
                LEFT JOIN dataset_current c ON c.resource_key = r.code
                LEFT JOIN collection_alerts a ON a.resource_id = r.id AND a.kind = 'stale' AND a.cleared_at IS NULL
                WHERE r.status = 'published'
                """, cancellationToken: ct));
        var (raised, cleared) = (0, 0);
        foreach (var (id, code, cycle, publishedAt, switchedAt, openAlert) in resources)
        {
            var since = switchedAt ?? publishedAt;
            var allowed = cycle is not null && StaleAfter.TryGetValue(cycle, out var limit) ? limit : (TimeSpan?)null;
            var stale = allowed is not null && since is not null && now - since.Value > allowed;
            if (stale && openAlert is null)
            {
                var message = switchedAt is null
                    ? $"No data has been loaded into {code} since it was published on {since:yyyy-MM-dd}; its update cycle is {cycle}."
                    : $"The data of {code} was last loaded on {since:yyyy-MM-dd HH:mm} UTC; its update cycle ({cycle}) allows {allowed!.Value.TotalHours:N0} hours.";
                var inserted = await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO collection_alerts (resource_id, kind, message, raised_at) VALUES (@id, 'stale', @message, @now)
                    ON CONFLICT DO NOTHING
                    """, new { id, message, now }, cancellationToken: ct));
                if (inserted > 0)
                {
                    raised++;
                    await audit.AppendAsync(Entry(Actor.System, "collection.alert.stale", null, new { resource = code, cycle, since }, $"resource:{id}"), ct);
                }
            }
            else if (!stale && openAlert is { } alertId)
            {
                cleared += await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE collection_alerts SET cleared_at = @now WHERE id = @alertId AND cleared_at IS NULL", new { now, alertId }, cancellationToken: ct));
                await audit.AppendAsync(Entry(Actor.System, "collection.alert.clear", null, new { resource = code }, $"resource:{id}"), ct);
            }
        }

        return (raised, cleared);
    }

    /// <summary>Open alerts (or all, with <paramref name="includeCleared"/>): every resource's for platform admins and auditors (whose alert page shows them), the organization's own for provider admins.</summary>
    public async Task<IReadOnlyList<CollectionAlert>> AlertsAsync(CatalogCaller caller, bool includeCleared = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.OverseesAll && !caller.Has(Role.ProviderAdmin))
        {
            throw new GongshuException(ErrorKind.Forbidden, "collection_forbidden", "Alerts are for platform admins, auditors and providers' admins.");
        }

        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<CollectionAlert>(new CommandDefinition("""
            SELECT a.id, a.resource_id AS ResourceId, r.code AS ResourceCode, a.kind, a.message, a.raised_at AS RaisedAt, a.cleared_at AS ClearedAt
            FROM collection_alerts a JOIN catalog_resources r ON r.id = a.resource_id
            WHERE (@all OR r.provider_id = @org) AND (@includeCleared OR a.cleared_at IS NULL)
            ORDER BY a.id DESC LIMIT 500
            """, new { all = caller.OverseesAll, org = caller.OrganizationId, includeCleared }, cancellationToken: ct));
        return rows.ToList();
    }

    private async Task<CollectionLoad> RunAsync(SourceRow row, CatalogCaller caller, CancellationToken ct)
    {
        var secret = row.SecretSealed is null ? null : Encoding.UTF8.GetString(keys.Unseal(row.SecretSealed, SealPurpose));
        CollectionLoad load;
        object? watermark = null;
        try
        {
            await using var reader = await OpenAsync(row, secret, ct);
            var input = new LoadInput(reader, new LoadSource(row.Kind, row.Name, null, null, row.Id));
            load = await collection.LoadAsync(caller, row.ResourceId, input, new LoadOptions { Mode = CollectionService.ParseMode(row.Mode), Mapping = Mapping(row) }, null, ct);
            watermark = (reader as DatabaseSourceReader)?.Watermark;
        }
        catch (Exception e) when (e is GongshuException or System.Data.Common.DbException or IOException or HttpRequestException)
        {
            await RecordAsync(row.Id, null, e.Message, ct);
            throw;
        }

        await RecordAsync(row.Id, load.Id, null, ct, watermark is null ? row.Watermark : Watermarks.Write(watermark));
        return load;
    }

    private static async Task<SourceReader> OpenAsync(SourceRow row, string? secret, CancellationToken ct)
    {
        if (row.Kind == "http")
        {
            var http = JsonSerializer.Deserialize<HttpSettings>(row.SettingsJson)!;
            var defaults = new HttpSourceOptions { Url = new Uri(http.Url) };
            return await HttpSourceReader.OpenAsync(defaults with
            {
                Paging = http.Paging,
                RecordsPath = http.RecordsPath,
                PageSize = http.PageSize ?? defaults.PageSize,
                PageParameter = http.PageParameter ?? defaults.PageParameter,
                SizeParameter = http.SizeParameter ?? defaults.SizeParameter,
                FirstPage = http.FirstPage ?? defaults.FirstPage,
                NextLinkPath = http.NextLinkPath,
                Headers = secret is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(secret)!,
            }, null, ct);
        }

        var db = JsonSerializer.Deserialize<DbSettings>(row.SettingsJson)!;
        return await DatabaseSourceReader.OpenAsync(new DatabaseSourceOptions
        {
            Kind = row.Kind == "postgres" ? DatabaseKind.Postgres : DatabaseKind.Sqlite,
            Connection = secret!,
            Table = db.Table,
            Query = db.Query,
            WatermarkColumn = db.WatermarkColumn,
            WatermarkAfter = row.Watermark is null ? null : Watermarks.Read(row.Watermark),
        }, ct);
    }

    private async Task RecordAsync(long sourceId, long? loadId, string? error, CancellationToken ct, string? watermark = null)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(loadId is null
            ? "UPDATE collection_sources SET last_run_at = @now, last_error = @error WHERE id = @sourceId"
            : "UPDATE collection_sources SET last_run_at = @now, last_error = NULL, last_load_id = @loadId, watermark = @watermark WHERE id = @sourceId",
            new { now = _clock.GetUtcNow(), error, loadId, watermark, sourceId }, cancellationToken: ct));
    }

    private async Task<SourceRow> FindAsync(CatalogCaller caller, long sourceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var connection = await database.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition($"{Select} WHERE id = @sourceId", new { sourceId }, cancellationToken: ct));
        return row is not null && caller.ManagesDataOf(row.OrganizationId)
            ? row
            : throw GongshuException.NotFound($"Source {sourceId}", "source_not_found");
    }

    private static void RequireOwner(CatalogCaller caller, SourceRow row)
    {
        if (!caller.AdministersProvider(row.OrganizationId))
        {
            throw new GongshuException(ErrorKind.Forbidden, "collection_forbidden", "Only the provider's own provider admins run or change its sources.");
        }
    }

    private static IReadOnlyDictionary<string, string>? Mapping(SourceRow row)
        => row.MappingJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(row.MappingJson);

    private static HttpPaging ParsePaging(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "page" => HttpPaging.PageNumber,
        "offset" => HttpPaging.Offset,
        "next" => HttpPaging.NextLink,
        "none" => HttpPaging.None,
        _ => throw GongshuException.Invalid("paging", $"'{text}' is not a paging style; use page, offset, next or none.", "unknown_paging"),
    };

    private static AuditEntry Entry(Actor actor, string action, long? sourceId, object? detail, string? obj = null)
        => actor.Entry(action, obj ?? $"source:{sourceId?.ToString(CultureInfo.InvariantCulture)}", detail: detail);

    private const string Select = """
        SELECT id, resource_id AS ResourceId, name, kind, settings_json AS SettingsJson, secret_sealed AS SecretSealed, mode, mapping_json AS MappingJson,
               schedule, enabled, watermark, next_run_at AS NextRunAt, last_run_at AS LastRunAt, last_load_id AS LastLoadId, last_error AS LastError,
               created_by AS CreatedBy, organization_id AS OrganizationId, created_at AS CreatedAt
        FROM collection_sources
        """;

    private sealed record DbSettings(string? Table, string? Query, string? WatermarkColumn);

    private sealed record HttpSettings(string Url, HttpPaging Paging, string? RecordsPath, int? PageSize, string? PageParameter, string? SizeParameter,
        int? FirstPage, string? NextLinkPath);

    private sealed class SourceRow
    {
        public long Id { get; set; }
        public long ResourceId { get; set; }
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string SettingsJson { get; set; } = "{}";
        public byte[]? SecretSealed { get; set; }
        public string Mode { get; set; } = "full";
        public string? MappingJson { get; set; }
        public string? Schedule { get; set; }
        public bool Enabled { get; set; }
        public string? Watermark { get; set; }
        public DateTimeOffset? NextRunAt { get; set; }
        public DateTimeOffset? LastRunAt { get; set; }
        public long? LastLoadId { get; set; }
        public string? LastError { get; set; }
        public long CreatedBy { get; set; }
        public long OrganizationId { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public CollectionSource ToSource()
        {
            var (target, watermarkColumn) = Kind == "http"
                ? (JsonSerializer.Deserialize<HttpSettings>(SettingsJson)!.Url, null)
                : JsonSerializer.Deserialize<DbSettings>(SettingsJson) is { } db ? (db.Table ?? db.Query ?? "", db.WatermarkColumn) : ("", null);
            return new CollectionSource(Id, ResourceId, Name, Kind, target, Mode, watermarkColumn, Watermark, Schedule, Enabled, NextRunAt, LastRunAt,
                LastLoadId, LastError, CreatedBy, CreatedAt);
        }
    }
}

/// <summary>A watermark kept as text with its type, so the next pull compares like with like.</summary>
internal static class Watermarks
{
    public static string Write(object value) => value switch
    {
        long l => "i:" + l.ToString(CultureInfo.InvariantCulture),
        int i => "i:" + i.ToString(CultureInfo.InvariantCulture),
        decimal m => "n:" + m.ToString(CultureInfo.InvariantCulture),
        double d => "f:" + d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => "t:" + t.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => "d:" + d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset o => "o:" + o.ToString("O", CultureInfo.InvariantCulture),
        _ => "s:" + Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    public static object Read(string text) => text[..2] switch
    {
        "i:" => long.Parse(text.AsSpan(2), CultureInfo.InvariantCulture),
        "n:" => decimal.Parse(text.AsSpan(2), CultureInfo.InvariantCulture),
        "f:" => double.Parse(text.AsSpan(2), CultureInfo.InvariantCulture),
        "t:" => DateTime.Parse(text.AsSpan(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        "d:" => DateOnly.Parse(text.AsSpan(2), CultureInfo.InvariantCulture),
        "o:" => DateTimeOffset.Parse(text.AsSpan(2), CultureInfo.InvariantCulture),
        _ => text[2..],
    };
}
