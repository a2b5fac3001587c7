using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Collection.Loads;
using Gongshu.Collection.Sources;
using Gongshu.Directories;
using Gongshu.Security.Encryption;
using Gongshu.Security.Grading;
using Gongshu.Storage;

namespace Gongshu.Collection;

/// <summary>
/// Collection (数据归集): fills each published resource with its data. A load reads a source,
/// maps its columns to the resource's fields, converts every value to its field's type, writes
/// the rows to a new dataset version and switches readers to it in one step, so nobody ever sees
/// half a load; rows that do not convert are kept as rejects with their line and reason. Every
/// load leaves a row in the history (who, when, source fingerprint, rows read/loaded/rejected,
/// duration) and an audit entry. Before writing, a full load runs sensitive-data detection over
/// its first batch of rows; fields graded L4 are stored encrypted (SM4) with a blind index.
/// </summary>
public sealed class CollectionService
{
    /// <summary>A running load whose process has not signalled for this long is taken as dead.</summary>
    public static readonly TimeSpan LoadLease = DatasetStore.LoadLease;

    private static readonly string Owner = $"{Environment.MachineName}:{Environment.ProcessId}";
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(30);

    private readonly Database _database;
    private readonly CatalogService _catalog;
    private readonly IAuditLog _audit;
    private readonly DatasetStore _datasets;
    private readonly TimeProvider _clock;
    private readonly FieldGrading _grading;
    private readonly FieldEncryption _encryption;
    private readonly ILoadInspection _inspection;

    public CollectionService(Database database, CatalogService catalog, IAuditLog audit, FieldGrading grading, FieldEncryption encryption,
        ILoadInspection inspection, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        _inspection = inspection;
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(grading);
        ArgumentNullException.ThrowIfNull(encryption);
        _grading = grading;
        _encryption = encryption;
        _database = database;
        _catalog = catalog;
        _audit = audit;
        _clock = clock ?? TimeProvider.System;
        _datasets = new DatasetStore(database, _clock);
    }

    public DatasetStore Datasets => _datasets;

    /// <summary>
    /// Loads <paramref name="reader"/>'s rows into resource <paramref name="resourceId"/>. The
    /// caller must be a provider admin of the resource's provider, and the resource published.
    /// Returns the finished load (succeeded); a load that fails throws, and its history row says why.
    /// </summary>
    public async Task<CollectionLoad> LoadAsync(CatalogCaller caller, long resourceId, LoadInput input,
        LoadOptions? options = null, IProgress<LoadProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var (reader, source) = (input.Reader, input.Source);
        options ??= new LoadOptions();
        var resource = await RequireLoaderAsync(caller, resourceId, ct);
        var fields = resource.Version.Metadata.Fields;
        var columns = DatasetColumns(resource);
        var keys = fields.Where(f => f.IsKey).Select(f => f.Name).ToList();
        if (options.Mode == LoadMode.Upsert && keys.Count == 0)
        {
            throw GongshuException.Invalid("mode",
                $"Resource {resource.Code} marks no field as its key (主键), so rows cannot be matched for an upsert; use full or append.", "no_key");
        }

        // Mapping problems are the caller's to fix before anything is recorded.
        var mapping = ColumnMapping.Suggest(reader.Columns, fields, options.Mapping);
        RequireUsableMapping(mapping, reader.Columns, fields, options.Mode == LoadMode.Upsert ? keys : []);
        var previous = options.Mode == LoadMode.Full ? null : await _datasets.GetCurrentAsync(resource.Code, ct);

        // Rules that no longer fit the fields are refused here too, before anything is recorded.
        var check = await _inspection.BeginAsync(resource, columns, ct);

        var started = _clock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var loadId = await InsertLoadAsync(caller, resource, options.Mode, source, started, ct);
        var rejects = new RejectList();
        var pipeline = new LoadPipeline(reader, columns, mapping, options.Mode == LoadMode.Upsert ? keys.ToHashSet() : new HashSet<string>(),
            rejects, options.AllOrNothing, input, progress, check);
        DatasetVersion? version = null;
        string? hash = null;
        using var heartbeat = StartHeartbeat(loadId);
        try
        {
            // Look at real values before deciding how to store them: no second read of the source.
            var sample = await pipeline.PrimeAsync(ct);
            if (options.Mode == LoadMode.Full && sample.Count > 0)
            {
                await _grading.RecordDetectionsAsync(resource, FieldGrading.Detect(fields, sample), ct);
            }

            var encrypted = (await _grading.GradeAsync(resource, previous, ct)).FieldsToEncrypt;
            if (previous is not null && !ProtectedColumns.Encrypted(previous.Columns).SetEquals(encrypted))
            {
                throw new GongshuException(ErrorKind.Conflict, "protection_changed",
                    $"Which fields of {resource.Code} are graded L4, and so stored encrypted, changed since its current data was loaded "
                    + $"(now: {(encrypted.Count == 0 ? "none" : string.Join(", ", encrypted))}); load it in full once so every row is stored the same way.", "mode");
            }

            var stored = ProtectedColumns.Stored(columns, encrypted, fields.Where(f => f.IsKey).Select(f => f.Name).ToHashSet(StringComparer.Ordinal));
            version = await _datasets.CreateVersionAsync(resource.Code, stored, ct);
            await SetVersionAsync(loadId, version.Id, ct);
            if (encrypted.Count > 0)
            {
                rejects.DropRecords();

                // The active key is read after the version exists, so a rotation sees this load as running.
                pipeline.Protect(new RowProtector(_encryption, resource.Code, stored, await _encryption.ActiveKeyIdAsync(ct)));
            }

            long loaded;
            await using (var writer = await _datasets.OpenWriterAsync(version, ct))
            {
                await pipeline.RunAsync(writer, ct);
                hash = input.Fingerprint?.Invoke();
                if (options.AllOrNothing && rejects.Count > 0)
                {
                    throw new GongshuException(ErrorKind.BadRequest, "rows_rejected",
                        $"{rejects.Count:N0} of {pipeline.RowsRead:N0} rows were rejected (first: line {rejects.Kept[0].Line}, {rejects.Kept[0].Reason}); "
                        + "nothing was loaded, as all-or-nothing was asked. The rejects list every bad row.", "file");
                }

                loaded = await writer.CompleteAsync(ct);
            }

            var rowCount = loaded;
            if (previous is not null)
            {
                rowCount = await _datasets.CarryForwardAsync(version, previous, options.Mode == LoadMode.Upsert ? keys : null, ct);
            }

            await _datasets.SwitchCurrentAsync(version, ct);
            var finished = new LoadOutcome(CollectionLoad.Succeeded, pipeline.RowsRead, loaded, rejects.Count, input.BytesRead?.Invoke() ?? 0, hash, null, null);
            var load = await FinishAsync(loadId, finished, rejects, stopwatch.Elapsed, CancellationToken.None);
            await _audit.AppendAsync(Entry(caller, "collection.load", resource, AuditOutcome.Success, load, rowCount), CancellationToken.None);
            if (check is not null)
            {
                await check.CompleteAsync(load.Id, CancellationToken.None);
            }

            return load;
        }
        catch (Exception e)
        {
            var (code, message) = e switch
            {
                GongshuException g => (g.Code, g.Message),
                OperationCanceledException => ("load_cancelled", "The load was cancelled."),
                _ => ("load_failed", $"The load failed: {e.Message}"),
            };
            if (version is not null)
            {
                await _datasets.AbandonAsync(version, CancellationToken.None);
            }

            var failed = new LoadOutcome(CollectionLoad.Failed, pipeline.RowsRead, 0, rejects.Count, input.BytesRead?.Invoke() ?? 0, hash, code, message);
            var load = await FinishAsync(loadId, failed, rejects, stopwatch.Elapsed, CancellationToken.None);
            await _audit.AppendAsync(Entry(caller, "collection.load", resource, AuditOutcome.Failed, load, null), CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Reads only <paramref name="reader"/>'s header and says which column would feed which
    /// field, so a user can check and correct the mapping before loading.
    /// </summary>
    public async Task<ColumnMapping> SuggestMappingAsync(CatalogCaller caller, long resourceId, SourceReader reader,
        IReadOnlyDictionary<string, string>? overrides = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var resource = await RequireLoaderAsync(caller, resourceId, ct);
        return ColumnMapping.Suggest(reader.Columns, resource.Version.Metadata.Fields, overrides);
    }

    /// <summary>The resource's loads, newest first: its provider's admins and platform admins only.</summary>
    public async Task<IReadOnlyList<CollectionLoad>> ListLoadsAsync(CatalogCaller caller, long resourceId, int limit = 50, CancellationToken ct = default)
    {
        if (limit is < 1 or > 500)
        {
            throw GongshuException.Invalid("limit", "The limit must be between 1 and 500.");
        }

        await RequireHistoryReaderAsync(caller, resourceId, ct);
        DapperSetup.EnsureConfigured();
        await using var connection = await _database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<LoadRow>(new CommandDefinition(
            $"{SelectLoad} WHERE resource_id = @resourceId ORDER BY id DESC LIMIT @limit", new { resourceId, limit }, cancellationToken: ct));
        return rows.Select(r => r.ToLoad()).ToList();
    }

    /// <summary>One load; another organization's load is not found.</summary>
    public async Task<CollectionLoad> GetLoadAsync(CatalogCaller caller, long loadId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        DapperSetup.EnsureConfigured();
        await using var connection = await _database.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<LoadRow>(new CommandDefinition(
            $"{SelectLoad} WHERE id = @loadId", new { loadId }, cancellationToken: ct));
        if (row is null || !caller.ManagesDataOf(row.OrganizationId))
        {
            throw GongshuException.NotFound($"Load {loadId}", "load_not_found");
        }

        return row.ToLoad();
    }

    /// <summary>The rows load <paramref name="loadId"/> refused, in source order, streamed.</summary>
    public async IAsyncEnumerable<LoadReject> RejectsAsync(CatalogCaller caller, long loadId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await GetLoadAsync(caller, loadId, ct);
        await using var connection = await _database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT line, field, reason, record FROM collection_rejects WHERE load_id = @loadId ORDER BY ordinal";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "loadId";
        parameter.Value = loadId;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new LoadReject(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3));
        }
    }

    /// <summary>
    /// Marks loads whose process died as failed and abandons their half-written versions, which
    /// <see cref="DatasetStore.DropAbandonedVersionsAsync"/> then drops. A load is dead when its
    /// process on this machine is gone, or when it has not signalled for <see cref="LoadLease"/>.
    /// Returns the loads marked.
    /// </summary>
    public async Task<int> RecoverInterruptedAsync(CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        var staleBefore = _clock.GetUtcNow() - LoadLease;
        await using var connection = await _database.OpenConnectionAsync(ct);
        var running = (await connection.QueryAsync<(long Id, string Owner, DateTimeOffset HeartbeatAt, long? VersionId, string Code)>(new CommandDefinition(
            "SELECT id, owner, heartbeat_at, dataset_version_id, resource_code FROM collection_loads WHERE state = 'running'",
            cancellationToken: ct))).ToList();
        var marked = 0;
        foreach (var (id, owner, heartbeatAt, versionId, code) in running)
        {
            if (!IsDead(owner, heartbeatAt, staleBefore))
            {
                continue;
            }

            var now = _clock.GetUtcNow();
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE collection_loads SET state = 'failed', error_code = 'load_interrupted',
                    error_message = 'The process running the load stopped before it finished; the previous data kept serving.',
                    finished_at = @now
                WHERE id = @id AND state = 'running'
                """, new { id, now }, cancellationToken: ct));
            if (changed == 0)
            {
                continue;
            }

            if (versionId is { } v)
            {
                await _datasets.AbandonAsync(v, ct);
            }

            marked++;
            await _audit.AppendAsync(
                Actor.System.Entry("collection.load.interrupted", $"load:{id.ToString(CultureInfo.InvariantCulture)}", AuditOutcome.Failed, new { resource = code, owner }), ct);
        }

        return marked;
    }

    /// <summary>The dataset columns of a resource's published fields (信息项), in order.</summary>
    public static IReadOnlyList<DatasetColumn> DatasetColumns(CatalogResource resource)
        => resource.Version.Metadata.Fields
            .Select(f => new DatasetColumn(f.Name, FieldTypes.FromCode(f.Type is { Length: 1 } t ? t[0] : 'C'), f.Length, f.Scale, f.Nullable))
            .ToList();

    internal async Task<CatalogResource> RequireLoaderAsync(CatalogCaller caller, long resourceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var resource = await _catalog.GetAsync(caller, resourceId, CatalogView.Published, ct);
        if (!caller.AdministersProvider(resource.ProviderId))
        {
            throw new GongshuException(ErrorKind.Forbidden, "collection_forbidden",
                "Only the provider's own provider admins (数源单位数据管理员) load data into a resource.");
        }

        if (resource.Version.Metadata.Fields.Count == 0)
        {
            throw new GongshuException(ErrorKind.Conflict, "no_fields", $"Resource {resource.Code} has no fields (信息项) to load into.");
        }

        return resource;
    }

    /// <summary>The data readers see now (the current version), for the resource's provider admins and platform admins; null before any load.</summary>
    public async Task<DatasetVersion?> CurrentDatasetAsync(CatalogCaller caller, long resourceId, CancellationToken ct = default)
    {
        var resource = await RequireHistoryReaderAsync(caller, resourceId, ct);
        return await _datasets.GetCurrentAsync(resource.Code, ct);
    }

    /// <summary>The published resource, if the caller may see its loads, sources and data: its provider's admins and platform admins.</summary>
    internal async Task<CatalogResource> RequireHistoryReaderAsync(CatalogCaller caller, long resourceId, CancellationToken ct)
    {
        var resource = await _catalog.GetAsync(caller, resourceId, CatalogView.Published, ct);
        RequireHistoryReader(caller, resource);
        return resource;
    }

    private static void RequireHistoryReader(CatalogCaller caller, CatalogResource resource)
    {
        if (!caller.ManagesDataOf(resource.ProviderId))
        {
            throw new GongshuException(ErrorKind.Forbidden, "collection_forbidden",
                "Only the provider's provider admins and platform admins see a resource's loads.");
        }
    }

    private static void RequireUsableMapping(ColumnMapping mapping, IReadOnlyList<string> sourceColumns, IReadOnlyList<ResourceField> fields, IReadOnlyList<string> keys)
    {
        if (mapping.Columns.Count == 0)
        {
            throw GongshuException.Invalid("file",
                $"No column of the source matches a field of the resource by name or Chinese label. The source has: {ColumnMapping.Shorten(sourceColumns)}; "
                + $"the resource's fields are: {ColumnMapping.Shorten(fields.Select(f => f.Label is { Length: > 0 } l ? $"{f.Name} ({l})" : f.Name).ToList())}. "
                + "Rename the columns or give a mapping.", "no_matching_columns");
        }

        var missing = fields.Where(f => (!f.Nullable || keys.Contains(f.Name)) && mapping.UnmappedFields.Contains(f.Name)).ToList();
        if (missing.Count > 0)
        {
            throw GongshuException.Invalid("file",
                $"No source column feeds the required field(s) {string.Join(", ", missing.Select(f => f.Label is { Length: > 0 } l ? $"{f.Name} ({l})" : f.Name))}. "
                + $"The source has: {ColumnMapping.Shorten(sourceColumns)}.", "unmapped_required_field");
        }
    }

    private static bool IsDead(string owner, DateTimeOffset heartbeatAt, DateTimeOffset staleBefore)
    {
        if (heartbeatAt < staleBefore)
        {
            return true;
        }

        var separator = owner.LastIndexOf(':');
        if (separator < 0 || owner[..separator] != Environment.MachineName
            || !int.TryParse(owner.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        if (pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private async Task<long> InsertLoadAsync(CatalogCaller caller, CatalogResource resource, LoadMode mode, LoadSource source, DateTimeOffset now, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await _database.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO collection_loads (resource_id, resource_code, mode, source_kind, source_name, source_format, encoding, source_id,
                state, actor_user_id, organization_id, owner, started_at, heartbeat_at)
            VALUES (@Id, @Code, @mode, @Kind, @Name, @Format, @Encoding, @SourceId, 'running', @UserId, @OrganizationId, @Owner, @now, @now)
            RETURNING id
            """, new
        {
            resource.Id, resource.Code, mode = ModeText(mode), source.Kind, source.Name, source.Format, source.Encoding, source.SourceId,
            caller.UserId, caller.OrganizationId, Owner, now,
        }, cancellationToken: ct));
    }

    private async Task SetVersionAsync(long loadId, long versionId, CancellationToken ct)
    {
        await using var connection = await _database.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE collection_loads SET dataset_version_id = @versionId WHERE id = @loadId", new { versionId, loadId }, cancellationToken: ct));
    }

    // On PostgreSQL a long load tells other processes it is alive. On SQLite the load's writer
    // holds the database's write lock, so no heartbeat could be written; one process owns an
    // SQLite platform, and its process id says whether a load is alive.
    private Timer? StartHeartbeat(long loadId)
    {
        if (_database.Kind != DatabaseKind.Postgres)
        {
            return null;
        }

        return new Timer(_ =>
        {
            try
            {
                using var connection = _database.OpenConnectionAsync(CancellationToken.None).GetAwaiter().GetResult();
                connection.Execute("UPDATE collection_loads SET heartbeat_at = @now WHERE id = @loadId AND state = 'running'",
                    new { now = _clock.GetUtcNow(), loadId });
            }
            catch (System.Data.Common.DbException)
            {
                // A missed heartbeat is retried at the next tick; the lease is four ticks long.
            }
        }, null, HeartbeatEvery, HeartbeatEvery);
    }

    private async Task<CollectionLoad> FinishAsync(long loadId, LoadOutcome outcome, RejectList rejects, TimeSpan elapsed, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await _database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var ordinal = 0;
        foreach (var chunk in rejects.Kept.Chunk(500))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO collection_rejects (load_id, ordinal, line, field, reason, record) VALUES (@loadId, @Ordinal, @Line, @Field, @Reason, @Record)
                """, chunk.Select(r => new { loadId, Ordinal = ++ordinal, r.Line, r.Field, r.Reason, r.Record }), tx, cancellationToken: ct));
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE collection_loads SET state = @State, rows_read = @RowsRead, rows_loaded = @RowsLoaded, rows_rejected = @RowsRejected,
                rejects_kept = @kept, bytes_read = @BytesRead, fingerprint = @Fingerprint, error_code = @ErrorCode, error_message = @ErrorMessage,
                finished_at = @now, heartbeat_at = @now, duration_ms = @durationMs
            WHERE id = @loadId
            """, new
        {
            outcome.State, outcome.RowsRead, outcome.RowsLoaded, outcome.RowsRejected, kept = rejects.Kept.Count, outcome.BytesRead,
            outcome.Fingerprint, outcome.ErrorCode, outcome.ErrorMessage, now = _clock.GetUtcNow(), durationMs = (long)elapsed.TotalMilliseconds, loadId,
        }, tx, cancellationToken: ct));
        var row = await connection.QuerySingleAsync<LoadRow>(new CommandDefinition($"{SelectLoad} WHERE id = @loadId", new { loadId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return row.ToLoad();
    }

    private static AuditEntry Entry(CatalogCaller caller, string action, CatalogResource resource, AuditOutcome outcome, CollectionLoad load, long? rowCount)
        => caller.Actor.Entry(action, resource.AuditObject, outcome, new
        {
            load = load.Id,
            code = resource.Code,
            mode = ModeText(load.Mode),
            source = load.SourceKind,
            name = load.SourceName,
            fingerprint = load.Fingerprint,
            read = load.RowsRead,
            loaded = load.RowsLoaded,
            rejected = load.RowsRejected,
            version = load.DatasetVersionId,
            rows = rowCount,
            error = load.ErrorCode,
        });

    public static string ModeText(LoadMode mode) => mode switch
    {
        LoadMode.Full => "full",
        LoadMode.Append => "append",
        LoadMode.Upsert => "upsert",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    public static LoadMode ParseMode(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "full" => LoadMode.Full,
        "append" => LoadMode.Append,
        "upsert" => LoadMode.Upsert,
        _ => throw GongshuException.Invalid("mode", $"'{text}' is not a load mode; use full, append or upsert.", "unknown_mode"),
    };

    private const string SelectLoad = """
        SELECT id, resource_id AS ResourceId, resource_code AS ResourceCode, mode, source_kind AS SourceKind, source_name AS SourceName,
               source_format AS SourceFormat, encoding, fingerprint, bytes_read AS BytesRead, state, rows_read AS RowsRead,
               rows_loaded AS RowsLoaded, rows_rejected AS RowsRejected, rejects_kept AS RejectsKept, dataset_version_id AS DatasetVersionId,
               error_code AS ErrorCode, error_message AS ErrorMessage, actor_user_id AS ActorUserId, organization_id AS OrganizationId,
               started_at AS StartedAt, finished_at AS FinishedAt, duration_ms AS DurationMs
        FROM collection_loads
        """;

    private sealed record LoadOutcome(string State, long RowsRead, long RowsLoaded, long RowsRejected, long BytesRead, string? Fingerprint, string? ErrorCode, string? ErrorMessage);

    private sealed class LoadRow
    {
        public long Id { get; set; }
        public long ResourceId { get; set; }
        public string ResourceCode { get; set; } = "";
        public string Mode { get; set; } = "";
        public string SourceKind { get; set; } = "";
        public string SourceName { get; set; } = "";
        public string? SourceFormat { get; set; }
        public string? Encoding { get; set; }
        public string? Fingerprint { get; set; }
        public long BytesRead { get; set; }
        public string State { get; set; } = "";
        public long RowsRead { get; set; }
        public long RowsLoaded { get; set; }
        public long RowsRejected { get; set; }
        public long RejectsKept { get; set; }
        public long? DatasetVersionId { get; set; }
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }
        public long ActorUserId { get; set; }
        public long OrganizationId { get; set; }
        public DateTimeOffset StartedAt { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }
        public long? DurationMs { get; set; }

        public CollectionLoad ToLoad() => new(Id, ResourceId, ResourceCode, ParseMode(Mode), SourceKind, SourceName, SourceFormat, Encoding, Fingerprint,
            BytesRead, State, RowsRead, RowsLoaded, RowsRejected, RejectsKept, DatasetVersionId, ErrorCode, ErrorMessage, ActorUserId, OrganizationId,
            StartedAt, FinishedAt, DurationMs);
    }
}
