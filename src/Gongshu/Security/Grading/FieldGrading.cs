using System.Globalization;
using Dapper;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Security.Detection;
using Gongshu.Security.Encryption;
using Gongshu.Storage;

namespace Gongshu.Security.Grading;

/// <summary>
/// Classification and grading of a resource's fields (分类分级): what detection found in a
/// sample of the data, what the provider declared in the catalog, and what the provider confirmed
/// or overrode. The grade in force for a field is the confirmed one; unconfirmed, the higher of
/// the declared and suggested grades (就高从严). A resource's grade is the highest of its fields'.
/// </summary>
public sealed class FieldGrading
{
    /// <summary>How many rows a scan of stored data reads, spread over the table.</summary>
    public const int SampleRows = 2000;

    private readonly Database _database;
    private readonly CatalogService _catalog;
    private readonly FieldEncryption _encryption;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _clock;
    private readonly DatasetStore _datasets;

    public FieldGrading(Database database, CatalogService catalog, FieldEncryption encryption, IAuditLog audit, TimeProvider? clock = null)
    {
        _database = database;
        _catalog = catalog;
        _encryption = encryption;
        _audit = audit;
        _clock = clock ?? TimeProvider.System;
        _datasets = new DatasetStore(database, _clock);
    }

    /// <summary>The grading of a published resource: its provider's admins, platform admins and auditors.</summary>
    public async Task<ResourceGrading> GetAsync(CatalogCaller caller, long resourceId, CancellationToken ct = default)
    {
        var resource = await RequireReaderAsync(caller, resourceId, ct);
        return await GradeAsync(resource, ct);
    }

    /// <summary>The grading in force for <paramref name="resource"/> (no permission check: for the platform's own use).</summary>
    public async Task<ResourceGrading> GradeAsync(CatalogResource resource, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return await GradeAsync(resource, await _datasets.GetCurrentAsync(resource.Code, ct), ct);
    }

    /// <summary>As <see cref="GradeAsync(CatalogResource, CancellationToken)"/>, reporting which fields <paramref name="storedAs"/> keeps encrypted (none when null).</summary>
    public async Task<ResourceGrading> GradeAsync(CatalogResource resource, DatasetVersion? storedAs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var stored = await ReadAsync(resource.Id, ct);
        return Grade(resource, stored, storedAs is null ? new HashSet<string>() : ProtectedColumns.Encrypted(storedAs.Columns));
    }

    /// <summary>
    /// Detection over rows already converted for loading (the first batch of a load): one
    /// result per text field. Values are read as text, so a number that happens to pass a check
    /// digit is still seen.
    /// </summary>
    public static IReadOnlyDictionary<string, FieldDetection> Detect(IReadOnlyList<ResourceField> fields, IReadOnlyList<object?[]> rows)
    {
        var results = new Dictionary<string, FieldDetection>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var scanner = new FieldScanner();
            foreach (var row in rows)
            {
                scanner.Add(row[i] is { } value ? FieldValueText.ToText(value) : "");
            }

            results[fields[i].Name] = scanner.Result(fields[i].Name, fields[i].Label);
        }

        return results;
    }

    /// <summary>
    /// Keeps what detection found for each field. A suggestion is never lowered by a later sample
    /// (a file whose first rows happen to be blank must not turn a card-number field into L1);
    /// only the provider's confirmation does that, and confirmations stay as they are.
    /// </summary>
    public async Task RecordDetectionsAsync(CatalogResource resource, IReadOnlyDictionary<string, FieldDetection> detections, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(detections);
        var now = _clock.GetUtcNow();
        await using var connection = await _database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var (field, detection) in detections)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO field_classifications (resource_id, field_name, detected_type, confidence, sampled, matched, suggested_grade, scanned_at)
                VALUES (@resourceId, @field, @type, @confidence, @sampled, @matched, @grade, @now)
                ON CONFLICT (resource_id, field_name) DO UPDATE SET detected_type = excluded.detected_type, confidence = excluded.confidence,
                    sampled = excluded.sampled, matched = excluded.matched, suggested_grade = excluded.suggested_grade, scanned_at = excluded.scanned_at
                WHERE excluded.suggested_grade >= field_classifications.suggested_grade
                """, new
            {
                resourceId = resource.Id,
                field,
                type = detection.Type.Code(),
                confidence = detection.Confidence,
                sampled = detection.Sampled,
                matched = detection.Matched,
                grade = SensitiveGrading.SuggestedGrade(detection.Type).Code(),
                now,
            }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Scans a sample of the resource's current data now (spread over the whole table, decrypted
    /// where stored encrypted) and records what it finds: its provider's admins and platform admins.
    /// </summary>
    public async Task<ResourceGrading> ScanAsync(CatalogCaller caller, long resourceId, CancellationToken ct = default)
    {
        var resource = await RequireReaderAsync(caller, resourceId, ct);
        if (!caller.ManagesDataOf(resource.ProviderId))
        {
            throw new GongshuException(ErrorKind.Forbidden, "grading_forbidden", "Only the provider's admins and platform admins scan a resource's data.");
        }

        var version = await _datasets.GetCurrentAsync(resource.Code, ct)
            ?? throw new GongshuException(ErrorKind.Conflict, "no_data", $"Nothing has been loaded into resource {resource.Code} yet, so there is nothing to scan.");
        var revealer = new RowRevealer(_encryption, version);
        var fields = resource.Version.Metadata.Fields;
        var ordinals = fields.Select(f => revealer.Fields.ToList().FindIndex(c => c.Name == f.Name)).ToArray();
        var rows = new List<object?[]>(SampleRows);
        var every = Math.Max(1, version.RowCount / SampleRows);
        await foreach (var row in _datasets.ReadAsync(version, new DatasetRead(Limit: SampleRows, SampleEvery: every), ct))
        {
            var revealed = revealer.Reveal(row.Values);
            rows.Add(ordinals.Select(o => o >= 0 ? revealed[o] : null).ToArray());
        }

        var detections = Detect(fields, rows);
        await RecordDetectionsAsync(resource, detections, ct);
        var grading = await GradeAsync(resource, ct);
        await _audit.AppendAsync(caller.Actor.Entry("security.fields.scanned", resource.AuditObject, AuditOutcome.Success, new
        {
            code = resource.Code,
            version = version.Id,
            sampled = rows.Count,
            grade = grading.Grade.Code(),
            fields = grading.Fields.Where(f => f.DetectedType != SensitiveType.None).Select(f => $"{f.Field}:{f.DetectedType.Code()}").ToList(),
        }), CancellationToken.None);
        return grading;
    }

    /// <summary>
    /// The provider confirms a field's type and grade, or overrides them (e.g. a column detection
    /// took for names holds place names). Audited with what was in force before.
    /// </summary>
    public async Task<ResourceGrading> ConfirmAsync(CatalogCaller caller, long resourceId, string field, FieldConfirmation confirmation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        var resource = await RequireReaderAsync(caller, resourceId, ct);
        if (!caller.AdministersProvider(resource.ProviderId))
        {
            throw new GongshuException(ErrorKind.Forbidden, "grading_forbidden", "Only the provider's admins confirm the grades of its fields (谁提供谁负责).");
        }

        if (!resource.Version.Metadata.Fields.Any(f => f.Name == field))
        {
            throw GongshuException.NotFound($"Field '{field}' of resource {resource.Code}", "field_not_found");
        }

        if (!SensitiveTypes.TryParse(confirmation.Type, out var type))
        {
            throw GongshuException.Invalid("type", $"'{confirmation.Type}' is not a sensitive-data type; use one of none, {string.Join(", ", SensitiveTypes.All.Select(t => t.Code()))}.", "unknown_sensitive_type");
        }

        if (!DataGradeCodes.TryParse(confirmation.Grade, out var grade))
        {
            throw GongshuException.Invalid("grade", $"'{confirmation.Grade}' is not a grade; use L1, L2, L3 or L4.", "unknown_grade");
        }

        var before = (await GradeAsync(resource, ct)).Fields.Single(f => f.Field == field);
        var now = _clock.GetUtcNow();
        await using (var connection = await _database.OpenConnectionAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO field_classifications (resource_id, field_name, detected_type, confidence, sampled, matched, suggested_grade, scanned_at,
                    confirmed_type, confirmed_grade, confirmed_by, confirmed_at)
                VALUES (@resourceId, @field, 'none', 0, 0, 0, 'L1', @now, @type, @grade, @userId, @now)
                ON CONFLICT (resource_id, field_name) DO UPDATE SET confirmed_type = excluded.confirmed_type,
                    confirmed_grade = excluded.confirmed_grade, confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at
                """, new { resourceId, field, type = type.Code(), grade = grade.Code(), userId = caller.UserId, now }, cancellationToken: ct));
        }

        var after = await GradeAsync(resource, ct);
        await _audit.AppendAsync(caller.Actor.Entry("security.field.graded", resource.AuditObject, AuditOutcome.Success, new
        {
            code = resource.Code,
            field,
            type = type.Code(),
            grade = grade.Code(),
            before = new { type = before.EffectiveType.Code(), grade = before.EffectiveGrade.Code() },
            suggested = new { type = before.DetectedType.Code(), grade = before.SuggestedGrade?.Code() },
            overridden = before.DetectedType != type || before.SuggestedGrade != grade,
            resourceGrade = after.Grade.Code(),
        }), CancellationToken.None);
        return after;
    }

    /// <summary>
    /// The grades in force. Unconfirmed fields take the higher of declared and suggested; a
    /// resource holding both 身份证号 and 姓名 raises both suggestions to L4, as the pair identifies a
    /// person (DB33/T 2350). A confirmation always wins: it is the provider's audited decision.
    /// </summary>
    public static ResourceGrading Grade(CatalogResource resource, IReadOnlyList<StoredClassification> stored, IReadOnlySet<string> encryptedNow)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var byField = stored.ToDictionary(s => s.FieldName, StringComparer.Ordinal);
        var fields = resource.Version.Metadata.Fields;
        var types = fields.Select(f => byField.TryGetValue(f.Name, out var s) ? s.ConfirmedTypeValue ?? s.DetectedTypeValue : SensitiveType.None).ToList();
        var identifiesPerson = types.Contains(SensitiveType.IdentityNumber) && types.Contains(SensitiveType.PersonName);
        var graded = new List<FieldGrade>(fields.Count);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            byField.TryGetValue(field.Name, out var s);
            DataGrade? declared = DataGradeCodes.TryParse(field.Grade, out var d) ? d : null;
            var detected = s?.DetectedTypeValue ?? SensitiveType.None;
            DataGrade? suggested = s is null || s.Sampled == 0 ? null : SensitiveGrading.SuggestedGrade(detected);
            var combined = identifiesPerson && types[i] is SensitiveType.IdentityNumber or SensitiveType.PersonName;
            if (combined)
            {
                suggested = DataGrade.L4;
            }

            var effective = s?.ConfirmedGradeValue ?? DataGradeCodes.Max(declared ?? DataGrade.L1, suggested ?? DataGrade.L1);
            graded.Add(new FieldGrade(field.Name, field.Label, declared, detected, s?.Confidence ?? 0, (int)(s?.Sampled ?? 0), (int)(s?.Matched ?? 0), suggested, combined,
                s?.ScannedAt, s?.ConfirmedTypeValue, s?.ConfirmedGradeValue, s?.ConfirmedAt, types[i], effective, encryptedNow.Contains(field.Name)));
        }

        var grade = graded.Count == 0 ? DataGrade.L1 : graded.Max(f => f.EffectiveGrade);
        return new ResourceGrading(resource.Id, resource.Code, grade, graded);
    }

    private async Task<IReadOnlyList<StoredClassification>> ReadAsync(long resourceId, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await _database.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<StoredClassification>(new CommandDefinition("""
            SELECT field_name AS FieldName, detected_type AS DetectedType, confidence AS Confidence, sampled AS Sampled, matched AS Matched,
                scanned_at AS ScannedAt, confirmed_type AS ConfirmedType, confirmed_grade AS ConfirmedGrade, confirmed_at AS ConfirmedAt
            FROM field_classifications WHERE resource_id = @resourceId
            """, new { resourceId }, cancellationToken: ct))).ToList();
    }

    private async Task<CatalogResource> RequireReaderAsync(CatalogCaller caller, long resourceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var resource = await _catalog.GetAsync(caller, resourceId, CatalogView.Published, ct);
        if (!caller.Has(Role.Auditor) && !caller.ManagesDataOf(resource.ProviderId))
        {
            // Another organization's grading says which of its fields are sensitive: not found, not forbidden.
            throw GongshuException.NotFound($"Grading of resource {resourceId}", "grading_not_found");
        }

        return resource;
    }

}

/// <summary>The provider's decision about one field.</summary>
public sealed record FieldConfirmation(string? Type, string? Grade);

/// <summary>A resource's fields with their grades, and the resource's own grade (the highest).</summary>
public sealed record ResourceGrading(long ResourceId, string Code, DataGrade Grade, IReadOnlyList<FieldGrade> Fields)
{
    /// <summary>The fields stored encrypted by the next load: those graded L4.</summary>
    public IReadOnlySet<string> FieldsToEncrypt => Fields.Where(f => f.EffectiveGrade == DataGrade.L4).Select(f => f.Field).ToHashSet(StringComparer.Ordinal);
}

/// <summary>One field's grading: declared, detected, suggested, confirmed, and what is in force.</summary>
public sealed record FieldGrade(
    string Field,
    string? Label,
    DataGrade? DeclaredGrade,
    SensitiveType DetectedType,
    double Confidence,
    int Sampled,
    int Matched,
    DataGrade? SuggestedGrade,
    bool RaisedByCombination,
    DateTimeOffset? ScannedAt,
    SensitiveType? ConfirmedType,
    DataGrade? ConfirmedGrade,
    DateTimeOffset? ConfirmedAt,
    SensitiveType EffectiveType,
    DataGrade EffectiveGrade,
    bool EncryptedAtRest);

/// <summary>A row of <c>field_classifications</c>.</summary>
public sealed class StoredClassification
{
    public string FieldName { get; set; } = "";
    public string DetectedType { get; set; } = "none";
    public double Confidence { get; set; }
    public long Sampled { get; set; }
    public long Matched { get; set; }
    public DateTimeOffset? ScannedAt { get; set; }
    public string? ConfirmedType { get; set; }
    public string? ConfirmedGrade { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }

    internal SensitiveType DetectedTypeValue => SensitiveTypes.TryParse(DetectedType, out var t) ? t : SensitiveType.None;

    internal SensitiveType? ConfirmedTypeValue => ConfirmedType is not null && SensitiveTypes.TryParse(ConfirmedType, out var t) ? t : null;

    internal DataGrade? ConfirmedGradeValue => DataGradeCodes.TryParse(ConfirmedGrade, out var g) ? g : null;
}
